"""Issue 14: a corpus of realistic French prose loads unchanged through every prose field.

Each value of ``tests/fixtures/prose/french-values.txt`` is written into every text field of a
quiz block (prompt, choices in both forms, choice feedback, feedback, explanation, items, scale,
distractors, both sides of a pair, answers, unit) and of the front matter (title, description,
authors, reviewers, references in both forms): unquoted as an author types it, then in double
quotes, single quotes and a literal block. The model must hold exactly the text written.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ehealth_content import Module, load_text
from ehealth_content._prose import writes_unquoted
from ehealth_content.model import (
    LikertQuestion,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

CORPUS = Path(__file__).parents[1] / "fixtures" / "prose" / "french-values.txt"
VALUES = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("# ")]
TODAY = datetime.date(2026, 1, 1)


def test_the_corpus_is_large_and_has_french_typography() -> None:
    assert len(VALUES) >= 200 and len(set(VALUES)) == len(VALUES)
    for mark in (" : ", "'", "« ", " ?", " !", " ;", "[x]", "#", " h", " %"):
        assert sum(mark in v for v in VALUES) >= 3, mark
    assert sum(v.startswith("-") for v in VALUES) >= 3


def written(value: str, style: str) -> str:
    """``value`` as a YAML scalar in ``style``; for ``|-`` the caller indents the next line."""
    if style == "plain":
        return value
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    raise AssertionError(style)


def module_source(value: str, style: str) -> str:
    if style == "block":
        # A literal block: the text on the line below, indented.
        def v(indent: int) -> str:
            return "|-\n" + " " * (indent + 2) + value
    else:

        def v(indent: int) -> str:
            return written(value, style)

    right = "[x] " + value
    choice = "|-\n    " + right if style == "block" else written(right, style)
    # In a list that also takes mappings, an item written '{…}' is a mapping: quote it.
    reference = v(2) if not (style == "plain" and value.startswith("{")) else written(value, "double")
    return f"""---
id: corpus
title: {v(0)}
version: 1.0.0
description: {v(0)}
authors:
  - {v(2)}
reviewers:
  - {v(2)}
references:
  - title: {v(4)}
  - {reference}
---

# Page

```quiz
id: q-vrai-faux
type: truefalse
prompt: {v(0)}
answer: true
feedback:
  correct: {v(2)}
  incorrect: {v(2)}
explanation: {v(0)}
```

```quiz
id: q-choix
type: single
prompt: Choisissez.
choices:
  - {choice}
  - text: {v(4)}
    feedback: {v(4)}
  - "[ ] Autre réponse proposée"
```

```quiz
id: q-texte
type: text
prompt: Écrivez.
answers:
  - {v(2)}
```

```quiz
id: q-nombre
type: numeric
prompt: Combien ?
answer: 3
unit: {v(0)}
```

```quiz
id: q-gauche
type: matching
prompt: Associez.
pairs:
  - left: {v(4)}
    right: Réponse A
  - left: Élément B
    right: Réponse B
distractors:
  - {v(2)}
```

```quiz
id: q-droite
type: matching
prompt: Associez encore.
pairs:
  - left: Élément A
    right: {v(4)}
  - left: Élément B
    right: Réponse B
```

```quiz
id: q-ordre
type: ordering
prompt: Ordonnez.
items:
  - {v(2)}
  - Étape finale de la liste
```

```quiz
id: q-echelle
type: likert
prompt: Votre avis ?
scale:
  - {v(2)}
  - Autre point de l'échelle
```
"""


def every_prose_text(module: Module) -> dict[str, str]:
    """Each field the corpus value went into, by name, with the text the model holds."""
    q = {question.id: question for question in module.questions}
    truefalse, single, text = q["q-vrai-faux"], q["q-choix"], q["q-texte"]
    numeric, left, right = q["q-nombre"], q["q-gauche"], q["q-droite"]
    ordering, likert = q["q-ordre"], q["q-echelle"]
    assert isinstance(truefalse, TrueFalseQuestion) and isinstance(single, SingleChoiceQuestion)
    assert isinstance(text, TextQuestion) and isinstance(numeric, NumericQuestion)
    assert isinstance(left, MatchingQuestion) and isinstance(right, MatchingQuestion)
    assert isinstance(ordering, OrderingQuestion) and isinstance(likert, LikertQuestion)
    assert truefalse.feedback.correct and truefalse.feedback.incorrect and truefalse.explanation
    assert single.choices[1].feedback is not None
    return {
        "title": module.title,
        "description": module.description or "",
        "authors": module.authors[0],
        "reviewers": module.reviewers[0],
        "references.title": module.references[0].title,
        "references[text]": module.references[1].title,
        "prompt": truefalse.prompt.source,
        "feedback.correct": truefalse.feedback.correct.source,
        "feedback.incorrect": truefalse.feedback.incorrect.source,
        "explanation": truefalse.explanation.source,
        "choices[x]": single.choices[0].text.source,
        "choices.text": single.choices[1].text.source,
        "choices.feedback": single.choices[1].feedback.source,
        "answers": text.answers[0],
        "unit": numeric.unit or "",
        "pairs.left": left.pairs[0].left.source,
        "distractors": left.distractors[0].source,
        "pairs.right": right.pairs[0].right.source,
        "items": ordering.items[0].source,
        "scale": likert.scale[0].source,
    }


def load(value: str, style: str) -> Module:
    module, diagnostics = load_text(module_source(value, style), today=TODAY)
    assert module is not None, "\n".join(str(d) for d in diagnostics)
    assert diagnostics == []
    return module


@pytest.mark.parametrize("value", VALUES)
def test_unquoted_value_loads_unchanged_everywhere(value: str) -> None:
    assert writes_unquoted(value)
    texts = every_prose_text(load(value, "plain"))
    assert {field: text for field, text in texts.items() if text != value} == {}


@pytest.mark.parametrize("style", ["double", "single", "block"])
def test_quoted_values_load_unchanged_everywhere(style: str) -> None:
    for value in VALUES:
        texts = every_prose_text(load(value, style))
        assert {field: text for field, text in texts.items() if text != value} == {}, (style, value)


# ----- generated text ------------------------------------------------------------------------

# Letters, accents, digits and every punctuation mark French prose uses, YAML's indicators among them.
_ALPHABET = "abcdeéèêàùçôïAÉÇ0123456789 :;!?'\"«»“”’…,.-—–()[]{}%#*&@`|>~=+/\\_°€"
_PROSE = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).map(str.strip).filter(bool)


def _writable_unquoted(text: str) -> bool:
    """What the format document lists as needing quotes (section on French text)."""
    return (
        text[0] not in "\"'#"
        and " #" not in text
        and text not in ("~", "null", "Null", "NULL")
        and not re.fullmatch(r"[|>][-+0-9]*\s*(#.*)?", text)  # a block scalar's header
        and not (text[0] == "*" and " " not in text)
    )


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(_PROSE.filter(_writable_unquoted))
def test_any_unquoted_prose_is_read_as_written(text: str) -> None:
    source = f"---\nid: m\ntitle: {text}\nversion: 1.0.0\n---\n\n# P\n\n```quiz\nid: q\ntype: text\nprompt: {text}\n"
    source += f"answers:\n  - {text}\nexplanation: {text}\n```\n"
    module, diagnostics = load_text(source, today=TODAY)
    # Markdown may refuse some texts (raw HTML, links to missing files): the YAML layer never does.
    assert not [d for d in diagnostics if d.code in ("E103", "E401", "E105", "E403", "E407")], diagnostics
    if module is not None:
        [question] = module.questions
        assert isinstance(question, TextQuestion) and question.explanation is not None
        assert (module.title, question.prompt.source, question.answers[0], question.explanation.source) == (text,) * 4
