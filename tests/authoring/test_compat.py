"""``compare``: every change to a module that matters to learners' saved state."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ehealth_content import Module, load_module, load_text
from packager.compat import CompatFinding, breaks_saved_state, compare, module_shape
from tests.support.expected import read_expected

BASE = """\
---
id: m
title: M
version: 1.0.0
pools:
  p: {pick: 1}
  q: {pick: 1}
---

# One {#one}

```quiz
id: s
type: single
prompt: S?
choices: ["[x] A", "[ ] B", "[ ] C"]
```

```quiz
id: mu
type: multiple
prompt: M?
choices: ["[x] A", "[x] B", "[ ] C"]
```

# Two {#two}

```quiz
id: ma
type: matching
prompt: Match
pairs:
  - {left: L1, right: R1}
  - {left: L2, right: R2}
distractors: [D]
```

```quiz
id: o
type: ordering
prompt: Order
items: [I1, I2, I3]
```

```quiz
id: li
type: likert
prompt: Like?
scale: [Disagree, Agree]
```

```quiz
id: tf
type: truefalse
prompt: True?
answer: true
```

```quiz
id: te
type: text
prompt: Text?
answers: [abc]
```

```quiz
id: nu
type: numeric
prompt: Number?
answer: 3
```

```quiz
id: p1
type: truefalse
pool: p
prompt: P1?
answer: true
```

```quiz
id: p2
type: truefalse
pool: p
prompt: P2?
answer: true
```

```quiz
id: q1
type: truefalse
pool: q
prompt: Q1?
answer: true
```
"""


def _module(text: str, tmp_path: Path) -> Module:
    module, diagnostics = load_text(text, tmp_path / "module.md")
    assert module is not None, diagnostics
    return module


def _codes(old: str, new: str, tmp_path: Path) -> list[tuple[str, str]]:
    return [(f.severity, f.code) for f in compare(_module(old, tmp_path), _module(new, tmp_path))]


def _edit(*replacements: tuple[str, str]) -> str:
    text = BASE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_same_module_has_no_finding(tmp_path: Path) -> None:
    assert compare(_module(BASE, tmp_path), _module(BASE, tmp_path)) == []


def test_changed_module_id_says_only_that(tmp_path: Path) -> None:
    findings = compare(
        _module(BASE, tmp_path), _module(_edit(("id: m\n", "id: n\n"), ("id: s\n", "id: s2\n")), tmp_path)
    )
    assert findings == [
        CompatFinding(
            "error",
            "C100",
            "module id changed from 'm' to 'n': the LMS sees a new module and every learner starts again",
            "m",
        )
    ]


def test_removed_and_retyped_questions_are_errors(tmp_path: Path) -> None:
    new = _edit(
        ("id: tf\ntype: truefalse\nprompt: True?\nanswer: true", "id: tf\ntype: text\nprompt: True?\nanswers: [x]"),
        ("```quiz\nid: nu\ntype: numeric\nprompt: Number?\nanswer: 3\n```\n", ""),
    )
    findings = compare(_module(BASE, tmp_path), _module(new, tmp_path))
    assert [str(f) for f in findings] == [
        "error C201: m: question 'tf' changed type from truefalse to text: learners' answers to it are lost",
        "error C200: m: question 'nu' removed: learners' answers to it are lost",
    ]
    assert breaks_saved_state(findings)


def test_added_question_is_info_only(tmp_path: Path) -> None:
    new = BASE + "\n```quiz\nid: extra\ntype: truefalse\nprompt: X?\nanswer: false\n```\n"
    findings = compare(_module(BASE, tmp_path), _module(new, tmp_path))
    assert [(f.severity, f.code, f.question_id) for f in findings] == [("info", "C202", "extra")]
    assert not breaks_saved_state(findings)


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (('["[x] A", "[ ] B", "[ ] C"]', '["[ ] B", "[x] A", "[ ] C"]'), [("error", "C211"), ("warning", "C213")]),
        (('["[x] A", "[ ] B", "[ ] C"]', '["[x] A", "[ ] B", "[ ] C", "[ ] D"]'), [("error", "C210")]),
        (('["[x] A", "[ ] B", "[ ] C"]', '["[x] A", "[ ] B2", "[ ] C"]'), [("warning", "C212")]),
        (('["[x] A", "[ ] B", "[ ] C"]', '["[ ] A", "[x] B", "[ ] C"]'), [("warning", "C213")]),
        (('["[x] A", "[ ] B", "[ ] C"]', '["[x]   A", "[ ] B", "[ ] C"]'), []),
        (('["[x] A", "[x] B", "[ ] C"]', '["[x] A", "[x] B"]'), [("error", "C210")]),
    ],
)
def test_choices_are_saved_by_position(
    tmp_path: Path, replacement: tuple[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _codes(BASE, _edit(replacement), tmp_path) == expected


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (("distractors: [D]", "distractors: [D, E]"), [("error", "C210")]),
        (
            ("  - {left: L2, right: R2}\n", "  - {left: L2, right: R2}\n  - {left: L3, right: R3}\n"),
            [("error", "C210"), ("error", "C210")],
        ),
        (
            (
                "  - {left: L1, right: R1}\n  - {left: L2, right: R2}\n",
                "  - {left: L2, right: R2}\n  - {left: L1, right: R1}\n",
            ),
            [("error", "C211"), ("error", "C211")],
        ),
        (("{left: L1, right: R1}", "{left: L1 bis, right: R1}"), [("warning", "C212")]),
    ],
)
def test_matching_sides_are_saved_by_position(
    tmp_path: Path, replacement: tuple[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _codes(BASE, _edit(replacement), tmp_path) == expected


@pytest.mark.parametrize(
    ("replacement", "expected"),
    [
        (("items: [I1, I2, I3]", "items: [I2, I1, I3]"), [("error", "C211")]),
        (("items: [I1, I2, I3]", "items: [I1, I2, I3, I4]"), [("error", "C210")]),
        (("scale: [Disagree, Agree]", "scale: [Disagree, Neutral, Agree]"), [("error", "C210")]),
        (("scale: [Disagree, Agree]", "scale: [Agree, Disagree]"), [("error", "C211")]),
    ],
)
def test_items_and_scale_points_are_saved_by_position(
    tmp_path: Path, replacement: tuple[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _codes(BASE, _edit(replacement), tmp_path) == expected


def test_new_right_answers_are_warnings(tmp_path: Path) -> None:
    new = _edit(
        ("prompt: True?\nanswer: true", "prompt: True?\nanswer: false"),
        ("answers: [abc]", "answers: [abc, abd]"),
        ("answer: 3\n", "answer: 3\ntolerance: 1\n"),
    )
    findings = compare(_module(BASE, tmp_path), _module(new, tmp_path))
    assert [(f.severity, f.code, f.question_id) for f in findings] == [
        ("warning", "C213", "tf"),
        ("warning", "C213", "te"),
        ("warning", "C213", "nu"),
    ]
    assert not breaks_saved_state(findings)


def test_removed_or_renamed_page_is_an_error(tmp_path: Path) -> None:
    findings = compare(_module(BASE, tmp_path), _module(_edit(("# Two {#two}", "# Two {#deux}")), tmp_path))
    assert [str(f) for f in findings] == [
        "error C110: m: page 'two' removed (renamed 'deux'?): learners bookmarked on it lose their place",
        "info C112: m: page 'deux' added",
    ]


def test_page_inserted_or_moved_keeps_pages_seen(tmp_path: Path) -> None:
    inserted = _edit(("# One {#one}", "# Zero {#zero}\n\nText.\n\n# One {#one}"))
    assert _codes(BASE, inserted, tmp_path) == [("info", "C112")], "pages seen are saved by page id"
    appended = BASE + "\n# Three {#three}\n\nText.\n"
    assert _codes(BASE, appended, tmp_path) == [("info", "C112")]
    one, two = BASE.index("# One {#one}"), BASE.index("# Two {#two}")
    swapped = BASE[:one] + BASE[two:].rstrip("\n") + "\n\n" + BASE[one:two]
    assert _codes(BASE, swapped, tmp_path) == []


def test_old_format_packages_lose_pages_seen(tmp_path: Path) -> None:
    """A package built before format E2 kept pages seen by position: the new runtime drops them."""
    inserted = _edit(("# One {#one}", "# Zero {#zero}\n\nText.\n\n# One {#one}"))
    old = replace(module_shape(_module(BASE, tmp_path)), state_format="E1")
    findings = compare(old, _module(inserted, tmp_path))
    assert [(f.severity, f.code) for f in findings] == [("warning", "C113"), ("info", "C112")]
    assert "see their pages as not yet seen" in findings[0].message
    assert not breaks_saved_state(findings), "answers are kept: nothing is lost that the learner cannot redo"
    # Both packages old: the old runtime reads positions against the new page list.
    new = replace(module_shape(_module(inserted, tmp_path)), state_format="E1")
    assert [(f.severity, f.code) for f in compare(old, new)] == [("warning", "C111"), ("info", "C112")]
    assert [f.code for f in compare(old, replace(old, state_format="E1"))] == []


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        ([("p: {pick: 1}", "p: {pick: 2}")], [("error", "C251")]),
        ([("id: p2\ntype: truefalse\npool: p\n", "id: p2\ntype: truefalse\n")], [("error", "C252")]),
        (
            [("  p: {pick: 1}\n  q: {pick: 1}\n", "  q: {pick: 1}\n  p: {pick: 1}\n")],
            [("error", "C253"), ("error", "C253")],
        ),
        (
            [
                ("  q: {pick: 1}\n", "  q: {pick: 1}\n  r: {pick: 1}\n"),
                ("id: p2\ntype: truefalse\npool: p\n", "id: p2\ntype: truefalse\npool: r\n"),
            ],
            [("error", "C252"), ("info", "C254")],
        ),
        (
            [("  q: {pick: 1}\n", ""), ("id: q1\ntype: truefalse\npool: q\n", "id: q1\ntype: truefalse\n")],
            [("error", "C250")],
        ),
    ],
)
def test_pool_draws_are_saved_by_position(
    tmp_path: Path, replacements: list[tuple[str, str]], expected: list[tuple[str, str]]
) -> None:
    assert _codes(BASE, _edit(*replacements), tmp_path) == expected


KFP = """---
id: k
title: K
version: 1.0.0
---

# Page

```quiz
id: kf
type: kfp
prompt: Que faites-vous ?
actions: ["[x] A", "[!] B", "[ ] C"]
```
"""


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ('["[x] A", "[ ] B", "[ ] C"]', [("warning", "C213")]),  # B is no longer dangerous
        ('["[x] A", "[!] B", "[ ] C"]\ndanger: penalty', [("warning", "C213")]),
        ('["[x] A", "[!] B", "[ ] C"]\nselect: 2', [("warning", "C213")]),
        ('["[x] A", "[!] B", "[ ] C", "[ ] D"]', [("error", "C210")]),
        ('["[x] A", "[!] B", "[ ] C"]', []),
    ],
)
def test_kfp_actions_are_saved_by_position_and_scored_by_their_kind(
    tmp_path: Path, new: str, expected: list[tuple[str, str]]
) -> None:
    changed = KFP.replace('["[x] A", "[!] B", "[ ] C"]', new)
    assert _codes(KFP, changed, tmp_path) == expected


# ----- cases (dossiers progressifs) -----------------------------------------------------------
# A step shows once every question before it is done, and nothing but the answers says which
# steps a learner has seen (packager/runtime/ehealth.js, caseStepper).
COMPAT_FIXTURES = Path(__file__).parent / "fixtures" / "compat"
CASE = COMPAT_FIXTURES / "case-question-added"
ADDED = ("C202", "C203")


def _located(findings: list[CompatFinding]) -> list[tuple[int, int, str]]:
    """``(line, column, code)`` of the findings placed in NEW's source (``FILE:LINE:COL``)."""
    found = []
    for f in findings:
        if f.at is not None:
            _, line, column = f.at.rsplit(":", 2)
            found.append((int(line), int(column), f.code))
    return sorted(found)


@pytest.mark.parametrize("name", sorted(p.name for p in COMPAT_FIXTURES.iterdir() if p.is_dir()))
def test_findings_about_new_questions_point_into_new(name: str) -> None:
    folder = COMPAT_FIXTURES / name
    old, _ = load_module(folder / "old.md")
    new, _ = load_module(folder / "new.md")
    assert old is not None and new is not None
    findings = compare(old, new)
    assert _located(findings) == read_expected(folder / "new.expected")
    assert all(f.at is not None and f.at.startswith(str(folder / "new.md")) for f in findings if f.code in ADDED)


def test_a_question_added_before_answered_steps_of_a_case_is_a_warning() -> None:
    old, _ = load_module(CASE / "old.md")
    new, _ = load_module(CASE / "new.md")
    assert old is not None and new is not None
    findings = compare(old, new)
    assert [(f.severity, f.code, f.question_id) for f in findings] == [
        ("warning", "C203", "pouls"),
        ("info", "C202", "coordination"),
    ]
    assert str(findings[0]) == (
        f"{CASE / 'new.md'}:22:1: warning C203: cas: question 'pouls' added to step 1 of case 'chute', before "
        "steps learners may have answered: resumed, they answer it with those steps and their answers still "
        "shown, and the steps they have not reached wait until it is done; a finished attempt reopened for "
        "review shows it as not answered"
    )
    assert not breaks_saved_state(findings), "no saved answer is lost or misread"


def test_a_new_step_before_answered_ones_reopens_the_case(tmp_path: Path) -> None:
    text = (CASE / "old.md").read_text(encoding="utf-8")
    new = text.replace(
        "## Aux urgences",
        "## Le transport\n\nLe SMUR arrive.\n\n```quiz\nid: smur\ntype: truefalse\nprompt: X ?\nanswer: true\n```\n\n"
        "## Aux urgences",
        1,
    )
    findings = compare(_module(text, tmp_path), _module(new, tmp_path))
    assert [(f.code, f.question_id) for f in findings] == [("C203", "smur")]
    assert "step 2 of case 'chute'" in findings[0].message


def test_a_question_added_to_the_last_step_or_outside_the_case_is_info(tmp_path: Path) -> None:
    text = (CASE / "old.md").read_text(encoding="utf-8")
    extra = "```quiz\nid: extra\ntype: truefalse\nprompt: X ?\nanswer: true\n```\n"
    for new in (
        text.replace(":::\n", "\n" + extra + ":::\n"),
        text.replace("::: case chute", extra + "\n::: case chute"),
    ):
        findings = compare(_module(text, tmp_path), _module(new, tmp_path))
        assert [(f.severity, f.code) for f in findings] == [("info", "C202")]
