"""Scoring, completion and success: pure functions, mirrored by the browser runtime.

Learner responses are plain values, the same the runtime stores:

=============  ==========================================================
single         the chosen choice id (``"b"``), or None
multiple       the set of checked choice ids
truefalse      True / False
text           the typed string
numeric        the typed string (``"2,5"`` and ``"2.5"`` both work) or a number
matching       a mapping left id (``"a"``) → right id (``"2"``)
ordering       the item ids in the learner's order (``["c", "a", "b"]``)
likert         the chosen scale position (``"1"`` … ``"N"``)
=============  ==========================================================

Rules beyond the format document, chosen to match what Moodle does and stated here once:
``matching`` earns its share for each correctly matched left side; ``ordering`` is all or
nothing; ``text`` with ``match: exact`` compares the strings as typed.
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Literal, TypeAlias

from .model import (
    LikertQuestion,
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

__all__ = [
    "Response",
    "ResultState",
    "question_points",
    "result_state",
    "normalize_text",
    "strip_accents",
    "parse_decimal",
    "module_score",
    "is_completed",
    "success_status",
    "shown_questions",
    "draw_pools",
]

Response: TypeAlias = str | bool | float | Collection[str] | Mapping[str, str] | None
ResultState = Literal["correct", "incorrect", "partial", "neutral"]

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# Float noise (0.1 + 0.2) must not turn a right answer on the boundary into a wrong one.
_EPSILON = 1e-9


# Phones and word processors type curly apostrophes and dashes: « l’INS » is « l'INS ».
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"})


def strip_accents(text: str) -> str:
    """Letters without their accents (compatibility decomposition, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_text(text: str) -> str:
    """Case, accents, surrounding and repeated white space ignored; typographic apostrophes and dashes read as plain ones."""
    without_accents = strip_accents(text.casefold().translate(_TYPOGRAPHIC))
    return _SPACES.sub(" ", without_accents).strip()


def parse_decimal(text: str) -> float | None:
    """A number typed by a learner (decimal comma or point, spaces between digit groups)."""
    compact = _SPACES.sub("", text)
    if not _DECIMAL.fullmatch(compact):
        return None
    return float(compact.replace(",", "."))


def question_points(question: Question, response: Response) -> float:
    """Points a response earns, between 0 and ``question.points``."""
    if response is None or not question.scored:
        return 0.0
    return question.points * _fraction_right(question, response)


def result_state(question: Question, response: Response) -> ResultState:
    if isinstance(question, LikertQuestion):
        return "neutral"
    fraction = _fraction_right(question, response) if response is not None else 0.0
    if fraction >= 1.0:
        return "correct"
    return "partial" if fraction > 0 else "incorrect"


def _fraction_right(question: Question, response: Response) -> float:
    match question:
        case SingleChoiceQuestion():
            right = next(c.id for c in question.choices if c.correct)
            return 1.0 if response == right else 0.0
        case MultipleChoiceQuestion():
            checked = _as_ids(response)
            agreeing = sum((c.id in checked) == c.correct for c in question.choices)
            if question.scoring == "partial":
                return agreeing / len(question.choices)
            return 1.0 if agreeing == len(question.choices) else 0.0
        case TrueFalseQuestion():
            return 1.0 if response is question.answer else 0.0
        case TextQuestion():
            return 1.0 if isinstance(response, str) and _text_matches(question, response) else 0.0
        case NumericQuestion():
            value = _as_number(response)
            if value is None:
                return 0.0
            inside = question.minimum - _EPSILON <= value <= question.maximum + _EPSILON
            return 1.0 if inside else 0.0
        case MatchingQuestion():
            if not isinstance(response, Mapping):
                return 0.0
            matched = sum(
                str(response.get(_letter(i))) == str(i + 1) for i in range(len(question.pairs))
            )
            return matched / len(question.pairs)
        case OrderingQuestion():
            expected = [_letter(i) for i in range(len(question.items))]
            if isinstance(response, str) or not isinstance(response, Sequence):
                return 0.0
            return 1.0 if [str(item) for item in response] == expected else 0.0
        case LikertQuestion():
            return 0.0


def _letter(index: int) -> str:
    return chr(ord("a") + index)


def _as_ids(response: Response) -> frozenset[str]:
    if isinstance(response, str) or not isinstance(response, Iterable):
        return frozenset()
    return frozenset(str(item) for item in response)


def _as_number(response: Response) -> float | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, (int, float)):
        return float(response)
    if isinstance(response, str):
        return parse_decimal(response)
    return None


def _text_matches(question: TextQuestion, typed: str) -> bool:
    if question.match == "exact":
        return typed in question.answers
    wanted = normalize_text(typed)
    return any(normalize_text(answer) == wanted for answer in question.answers)


def shown_questions(module: Module, drawn: Mapping[str, Sequence[str]]) -> tuple[Question, ...]:
    """The questions of one attempt: those outside pools, plus each pool's draw."""
    drawn_ids = {qid for ids in drawn.values() for qid in ids}
    return tuple(q for q in module.questions if q.pool is None or q.id in drawn_ids)


def draw_pools(module: Module, rng: random.Random) -> dict[str, tuple[str, ...]]:
    """Pick each pool's questions for a new attempt, kept in source order."""
    draws: dict[str, tuple[str, ...]] = {}
    for pool in module.pools:
        picked = set(rng.sample(pool.question_ids, min(pool.pick, len(pool.question_ids))))
        draws[pool.name] = tuple(qid for qid in pool.question_ids if qid in picked)
    return draws


def module_score(shown: Iterable[Question], points_earned: Mapping[str, float]) -> float:
    """Points earned on the scored questions shown ÷ points available × 100, 2 decimals.

    A module with nothing to score counts as 100: there is nothing to fail.
    """
    scored = [q for q in shown if q.scored]
    available = sum(q.points for q in scored)
    if available == 0:
        return 100.0
    earned = sum(points_earned.get(q.id, 0.0) for q in scored)
    # Half-up rounding spelled out, so that the browser (Math.floor) gets the same digits.
    return math.floor(earned / available * 10_000 + 0.5 + _EPSILON) / 100


def is_completed(
    module: Module,
    shown: Iterable[Question],
    visited_pages: Collection[str],
    submitted: Collection[str],
) -> bool:
    """Every page visited and every scored question shown submitted at least once."""
    pages_done = all(page.id in visited_pages for page in module.pages)
    return pages_done and all(q.id in submitted for q in shown if q.scored)


def success_status(
    completed: bool, score: float, mastery_score: float
) -> Literal["passed", "failed", "unknown"]:
    if not completed:
        return "unknown"
    return "passed" if score >= mastery_score else "failed"
