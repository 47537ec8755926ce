"""Scoring, completion and success rules of the format document, as pure functions."""

from __future__ import annotations

import random
import textwrap

import pytest

from ehealth_content import Module, load_text
from ehealth_content.scoring import (
    draw_pools,
    is_completed,
    module_score,
    normalize_text,
    parse_decimal,
    question_points,
    result_state,
    shown_questions,
    success_status,
)

SOURCE = textwrap.dedent("""\
    ---
    id: scoring
    title: Scoring
    version: 1.0.0
    mastery_score: 75
    pools:
      cas: {pick: 1}
    ---

    # Une {#one}

    ```quiz
    id: single
    type: single
    prompt: S
    points: 2
    choices: ["[ ] a", "[x] b", "[ ] c"]
    ```

    ```quiz
    id: multi
    type: multiple
    prompt: M
    scoring: partial
    choices: ["[x] a", "[ ] b", "[x] c", "[ ] d"]
    ```

    ```quiz
    id: multi-aon
    type: multiple
    prompt: M
    choices: ["[x] a", "[ ] b", "[x] c"]
    ```

    # Deux {#two}

    ```quiz
    id: tf
    type: truefalse
    prompt: T
    answer: false
    ```

    ```quiz
    id: text
    type: text
    prompt: T
    answers: [Paracétamol, acétaminophène]
    ```

    ```quiz
    id: exact
    type: text
    prompt: T
    match: exact
    answers: [INS]
    ```

    ```quiz
    id: num
    type: numeric
    prompt: N
    answer: 5
    tolerance: 10%
    ```

    ```quiz
    id: range
    type: numeric
    prompt: N
    range: [70, 72]
    ```

    ```quiz
    id: match
    type: matching
    prompt: M
    pairs:
      - {left: A, right: "1"}
      - {left: B, right: "2"}
      - {left: C, right: "3"}
      - {left: D, right: "4"}
    distractors: ["5"]
    ```

    ```quiz
    id: order
    type: ordering
    prompt: O
    items: [un, deux, trois]
    ```

    ```quiz
    id: survey
    type: likert
    prompt: L
    scale: [non, oui]
    ```

    ```quiz
    id: pooled-1
    type: truefalse
    prompt: P
    answer: true
    pool: cas
    ```

    ```quiz
    id: pooled-2
    type: truefalse
    prompt: P
    answer: true
    pool: cas
    ```
    """)


@pytest.fixture(scope="module")
def module() -> Module:
    loaded, diagnostics = load_text(SOURCE)
    assert loaded is not None, diagnostics
    return loaded


def q(module: Module, question_id: str):  # type: ignore[no-untyped-def]
    return next(question for question in module.questions if question.id == question_id)


@pytest.mark.parametrize(
    ("question_id", "response", "points", "state"),
    [
        ("single", "b", 2.0, "correct"),
        ("single", "a", 0.0, "incorrect"),
        ("single", None, 0.0, "incorrect"),
        ("multi", {"a", "c"}, 1.0, "correct"),
        ("multi", {"a"}, 0.75, "partial"),
        ("multi", {"b", "d"}, 0.0, "incorrect"),
        ("multi", {"a", "b", "c", "d"}, 0.5, "partial"),
        ("multi-aon", {"a", "c"}, 1.0, "correct"),
        ("multi-aon", {"a"}, 0.0, "incorrect"),
        ("tf", False, 1.0, "correct"),
        ("tf", True, 0.0, "incorrect"),
        ("text", "  PARACETAMOL ", 1.0, "correct"),
        ("text", "acetaminophene", 1.0, "correct"),
        ("text", "ibuprofène", 0.0, "incorrect"),
        ("exact", "INS", 1.0, "correct"),
        ("exact", "ins", 0.0, "incorrect"),
        ("num", "5,5", 1.0, "correct"),
        ("num", "4.5", 1.0, "correct"),
        ("num", "5,51", 0.0, "incorrect"),
        ("num", "cinq", 0.0, "incorrect"),
        ("range", "72", 1.0, "correct"),
        ("range", "69,9", 0.0, "incorrect"),
        ("match", {"a": "1", "b": "2", "c": "3", "d": "4"}, 1.0, "correct"),
        ("match", {"a": "1", "b": "5", "c": "3", "d": "2"}, 0.5, "partial"),
        ("order", ["a", "b", "c"], 1.0, "correct"),
        ("order", ["b", "a", "c"], 0.0, "incorrect"),
        ("survey", "1", 0.0, "neutral"),
    ],
)
def test_question_points(module: Module, question_id: str, response: object, points: float, state: str) -> None:
    question = q(module, question_id)
    assert question_points(question, response) == pytest.approx(points)  # type: ignore[arg-type]
    assert result_state(question, response) == state  # type: ignore[arg-type]


def test_text_normalisation_ignores_case_accents_and_spaces() -> None:
    assert normalize_text("  Données   de SANTÉ ") == "donnees de sante"


def test_text_normalisation_reads_curly_apostrophes_and_dashes_as_plain_ones() -> None:
    assert normalize_text("l’identité nationale de santé – INS") == normalize_text(
        "l'identite nationale de sante - ins"
    )


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        ("équipe de soins.", "équipe de soins"),
        ("Équipe  de\u00a0soins !", "equipe de soins"),
        ("équipe de soins\u202f?", "équipe de soins"),
        ("équipe de soins…", "équipe de soins"),
        ("l’équipe de soins ;", "l'équipe de soins"),
    ],
)
def test_text_normalisation_ignores_final_punctuation_and_spacing(typed: str, same_as: str) -> None:
    assert normalize_text(typed) == normalize_text(same_as)


def test_text_normalisation_keeps_inner_punctuation_and_an_answer_made_of_marks() -> None:
    assert normalize_text("équipe, de soins") != normalize_text("équipe de soins")
    assert normalize_text("C.N.I.L.") == "c.n.i.l"
    assert normalize_text("?") == "?"


@pytest.mark.parametrize(
    ("typed", "value"),
    [("2,5", 2.5), ("2.5", 2.5), ("-3", -3.0), ("1 000", 1000.0), (",5", 0.5), ("2,5 mg", None), ("", None)],
)
def test_parse_decimal_accepts_a_decimal_comma(typed: str, value: float | None) -> None:
    assert parse_decimal(typed) == value


def test_score_counts_shown_scored_questions_and_rounds_to_two_decimals(module: Module) -> None:
    shown = shown_questions(module, {"cas": ("pooled-1",)})
    assert "pooled-2" not in {x.id for x in shown}
    # 12 points available (single is worth 2; likert is not scored); 1 point earned.
    assert module_score(shown, {"tf": 1.0}) == pytest.approx(8.33)
    assert module_score(shown, {}) == 0.0


def test_module_without_scored_questions_scores_100() -> None:
    assert module_score([], {}) == 100.0


def test_completion_needs_every_page_and_every_scored_question(module: Module) -> None:
    shown = shown_questions(module, {"cas": ("pooled-2",)})
    scored = [x.id for x in shown if x.scored]
    assert not is_completed(module, shown, {"one"}, scored)
    assert not is_completed(module, shown, {"one", "two"}, scored[:-1])
    assert is_completed(module, shown, {"one", "two"}, scored)


def test_success_status() -> None:
    assert success_status(False, 100, 75) == "unknown"
    assert success_status(True, 75, 75) == "passed"
    assert success_status(True, 74.99, 75) == "failed"


def test_pool_draw_picks_the_declared_number_in_source_order(module: Module) -> None:
    draws = draw_pools(module, random.Random(3))
    assert len(draws["cas"]) == 1 and draws["cas"][0] in {"pooled-1", "pooled-2"}
