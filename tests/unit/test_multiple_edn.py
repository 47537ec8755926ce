"""QRP (``expect``: the number of right answers stated and enforced) and the EDN discordance rule
for ``multiple`` questions, per question and module-wide."""

from __future__ import annotations

import textwrap

import pytest

from ehealth_content import MultipleChoiceQuestion, load_text
from ehealth_content.export import gift, moodle_xml
from ehealth_content.scoring import question_points, result_state


def module_source(front: str, *blocks: str) -> str:
    quizzes = "\n".join(f"```quiz\n{textwrap.dedent(b).strip()}\n```\n" for b in blocks)
    return f"---\nid: m\ntitle: M\nversion: 1.0.0\n{front}---\n\n# Page\n\n{quizzes}"


EDN = 'id: q\ntype: multiple\nscoring: edn\nprompt: P\nchoices: ["[x] a", "[ ] b", "[x] c", "[ ] d", "[ ] e"]\n'


def load_questions(source: str) -> dict[str, MultipleChoiceQuestion]:
    module, diagnostics = load_text(source)
    assert module is not None, [str(d) for d in diagnostics]
    assert diagnostics == []
    return {q.id: q for q in module.questions if isinstance(q, MultipleChoiceQuestion)}


@pytest.mark.parametrize(
    ("checked", "points", "state"),
    [
        ({"a", "c"}, 2.0, "correct"),  # no discordance
        ({"a"}, 1.0, "partial"),  # one right choice left unchecked
        ({"a", "c", "e"}, 1.0, "partial"),  # one wrong choice checked
        ({"a", "b"}, 0.4, "partial"),  # two
        ({"c", "b", "d"}, 0.0, "incorrect"),  # three
        ({"a", "b", "c", "d", "e"}, 0.0, "incorrect"),
    ],
)
def test_edn_credit_follows_the_number_of_discordances(checked: set[str], points: float, state: str) -> None:
    question = load_questions(module_source("", EDN + "points: 2\n"))["q"]
    assert question_points(question, frozenset(checked)) == pytest.approx(points)
    assert result_state(question, frozenset(checked)) == state


def test_the_front_matter_sets_the_rule_and_a_question_overrides_it() -> None:
    plain = 'id: plain\ntype: multiple\nprompt: P\nchoices: ["[x] a", "[ ] b", "[x] c"]'
    own = plain.replace("id: plain", "id: own") + "\nscoring: all-or-nothing\nexpect: false"
    questions = load_questions(module_source("scoring: edn\nexpect: true\n", plain, own))
    assert (questions["plain"].scoring, questions["plain"].expect) == ("edn", 2)
    assert (questions["own"].scoring, questions["own"].expect) == ("all-or-nothing", None)
    assert question_points(questions["plain"], frozenset({"a"})) == 0.5
    assert question_points(questions["own"], frozenset({"a"})) == 0.0


def test_expect_true_states_the_number_of_right_choices() -> None:
    question = load_questions(module_source("", EDN + "expect: true\n"))["q"]
    assert question.expect == 2


def test_expect_must_be_the_number_of_right_choices() -> None:
    module, diagnostics = load_text(module_source("", EDN + "expect: 3\n"))
    assert module is None
    assert [(d.code, d.line) for d in diagnostics] == [("E409", 15)]
    assert "'expect: 3' but the right choices are 2" in diagnostics[0].message


def test_moodle_exports_warn_that_edn_and_expect_are_not_kept() -> None:
    module, _ = load_text(module_source("", EDN + "expect: 2\n"))
    assert module is not None
    xml, notes = moodle_xml([module])
    assert b'type="multichoice"' in xml
    said = " ".join(str(n) for n in notes)
    assert "scores differ" in said and "expect: 2 is not enforced" in said
    text, notes = gift([module])
    assert "%50%" in text and "%-33.33333%" in text
    assert any("scores differ" in str(n) for n in notes)
