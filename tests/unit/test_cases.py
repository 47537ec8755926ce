"""Cases (dossiers progressifs): what the loader makes of ``::: case``, how a case scores and
what it costs in saved state. Broken cases are in tests/fixtures/broken/case-*.md; the
runtime's stepping in tests/browser/test_case.py."""

from __future__ import annotations

from pathlib import Path

from ehealth_content import Case, Content, load_text
from ehealth_content.model import Module
from ehealth_content.scoring import module_score, question_points
from packager.state import worst_case_length

CASE = Path(__file__).parents[1] / "browser" / "fixtures" / "case" / "module.md"

HEAD = "---\nid: m\ntitle: M\nversion: 1.0.0\n---\n\n# Page\n\n"


def quiz(qid: str, points: int = 1) -> str:
    return f"```quiz\nid: {qid}\ntype: truefalse\nprompt: Vrai ?\nanswer: true\npoints: {points}\n```\n"


def case_text(fence: str = ":::") -> str:
    return (
        f"Avant.\n\n{fence} case c\n## Premier *temps*\n\nTexte 1.\n\n{quiz('q1')}\nEntre.\n\n{quiz('q2', 2)}\n"
        f"## Second\n\n::: note\nUn encadré.\n:::\n\n{quiz('q3')}\n## Fin\n\nConclusion.\n{fence}\n\nAprès.\n\n{quiz('q4')}"
    )


def load(text: str) -> Module:
    module, diagnostics = load_text(text, CASE)
    assert module is not None, diagnostics
    assert diagnostics == []
    return module


def test_a_case_is_one_block_of_steps_whose_questions_are_the_module_s() -> None:
    module = load(HEAD + case_text("::::"))
    blocks = module.pages[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Content", "Case", "Content", "TrueFalseQuestion"]
    case = blocks[1]
    assert isinstance(case, Case) and case.id == "c"
    assert [s.title for s in case.steps] == ["Premier temps", "Second", "Fin"]
    first = case.steps[0]
    assert [type(b).__name__ for b in first.blocks] == [
        "Content",
        "TrueFalseQuestion",
        "Content",
        "TrueFalseQuestion",
    ]
    assert isinstance(first.blocks[2], Content) and "Entre." in first.blocks[2].html
    callout = case.steps[1].blocks[0]
    assert isinstance(callout, Content) and "callout" in callout.html, "a call-out inside a '::::' case"
    assert [q.id for q in module.questions] == ["q1", "q2", "q3", "q4"], "source order, the case's included"
    assert module.pages[0].cases == (case,)
    assert (case.span.line, case.steps[1].span.line) == (11, 34)


def test_a_case_scores_the_sum_of_its_questions() -> None:
    module = load(HEAD + case_text("::::"))
    earned = {q.id: question_points(q, True) for q in module.questions}
    assert module_score(module.questions, earned) == 100
    earned["q2"] = question_points(module.questions[1], False)
    assert module_score(module.questions, earned) == 60  # 3 of 5 points


def test_a_case_adds_nothing_to_the_saved_state() -> None:
    with_case = load(HEAD + case_text("::::"))
    flat = load(HEAD + case_text("::::").replace(":::: case c\n", "").replace("\n::::\n", "\n"))
    assert flat.pages[0].cases == ()
    assert worst_case_length(with_case) == worst_case_length(flat)
    assert worst_case_length(with_case) <= 10 * len(with_case.questions) + 20


def test_the_browser_fixture_loads() -> None:
    module, diagnostics = load_text(CASE.read_text(encoding="utf-8"), CASE)
    assert diagnostics == [] and module is not None
    assert [len(s.questions) for s in module.pages[1].cases[0].steps] == [2, 2, 1]
