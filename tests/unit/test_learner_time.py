"""The learner-time estimator (docs/learner-time.md): its table, its counting, its arithmetic."""

from __future__ import annotations

import datetime

import pytest

from ehealth_content import load_text
from ehealth_content.learner_time import (
    CASE_STEP_MINUTES,
    DEFAULT_ITEM_MINUTES,
    ITEM_MINUTES,
    READING_WPM,
    count_words,
    estimate,
    item_minutes,
)
from ehealth_content.question_types import QUESTION_TYPES


@pytest.mark.parametrize("name", QUESTION_TYPES)
def test_every_registered_question_type_has_a_time(name: str) -> None:
    # A new type (case, tcs, kfp…) must come with a decision on its time, written in
    # docs/learner-time.md: without it the estimate would silently use the default.
    assert name in ITEM_MINUTES, f"add '{name}' to learner_time.ITEM_MINUTES and to docs/learner-time.md"
    assert 0 < ITEM_MINUTES[name] <= 30


def test_the_document_gives_every_figure_of_the_table() -> None:
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "learner-time.md").read_text(encoding="utf-8")
    for name, minutes in ITEM_MINUTES.items():
        assert f"| `{name}` | {minutes:g} |" in page, name
    assert f"{READING_WPM} words a minute" in page and f"{READING_WPM} mots par minute" in page
    assert f"{CASE_STEP_MINUTES:g} min" in page and f"{DEFAULT_ITEM_MINUTES:g} min" in page


def test_french_words_are_counted_as_a_reader_counts_them() -> None:
    assert count_words("L'équipe, aujourd'hui, utilise l’e-CPS.") == 4
    assert count_words("<p>Un <strong>secret</strong> &amp; deux&nbsp;règles</p>") == 4
    assert count_words("Article L.1111-8 : 72 h") == 5  # Article, L, 1111-8, 72, h


MODULE = """---
id: m
title: Module
version: 1.0.0
pools:
  banque: {pick: 1}
---

# Page

{words}

```quiz
id: a
type: single
prompt: Question ?
choices: ["[x] oui", "[ ] non"]
explanation: {explanation}
```

```quiz
id: b
type: truefalse
prompt: Vrai ?
answer: true
pool: banque
```

```quiz
id: c
type: truefalse
prompt: Vrai ?
answer: false
pool: banque
```
"""


def test_the_estimate_adds_reading_and_items_and_counts_a_pools_picked_share() -> None:
    text = MODULE.replace("{words}", "mot " * 280).replace("{explanation}", "un deux trois quatre")
    module, diagnostics = load_text(text, today=datetime.date(2026, 1, 1))
    assert module is not None, diagnostics
    found = estimate(module)
    # 280 words of page and 4 of explanation; the pool shows one of its two questions.
    assert found.words == 284
    assert found.items == 2
    assert found.reading_minutes == pytest.approx(284 / READING_WPM)
    assert found.item_minutes == pytest.approx(ITEM_MINUTES["single"] + ITEM_MINUTES["truefalse"])
    assert found.minutes == pytest.approx(found.reading_minutes + found.item_minutes)
    assert found.hours == pytest.approx(found.minutes / 60)


def test_a_case_adds_its_steps() -> None:
    module, _ = load_text(MODULE.replace("{words}", "x").replace("{explanation}", "y"))
    assert module is not None
    question = module.questions[0]
    assert item_minutes(question) == ITEM_MINUTES["single"]

    class Case:
        type = "case"
        steps = ("un", "deux", "trois")

    assert item_minutes(Case()) == ITEM_MINUTES["case"] + 3 * CASE_STEP_MINUTES  # type: ignore[arg-type]


CASE_MODULE = """---
id: m
title: Module
version: 1.0.0
---

# Page

::: case dossier
## Une

Texte de la première étape.

```quiz
id: q1
type: single
prompt: Oui ?
choices: ["[x] oui", "[ ] non"]
explanation: un deux
```

```quiz
id: q2
type: truefalse
prompt: Vrai ?
answer: true
```

## Deux

Conclusion.
:::
"""


def test_a_case_block_counts_its_steps_and_its_further_questions() -> None:
    module, _ = load_text(CASE_MODULE)
    assert module is not None
    found = estimate(module)
    assert found.items == 2
    # Opening, 2 steps, and the step's second question at its type's time; step text not read twice.
    assert found.item_minutes == pytest.approx(ITEM_MINUTES["case"] + 2 * CASE_STEP_MINUTES + ITEM_MINUTES["truefalse"])
    assert found.words == 2
