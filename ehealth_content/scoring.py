"""Scoring, completion and success: pure functions, mirrored by the browser runtime.

Learner responses are plain values, the same the runtime stores:

=============  ==========================================================
single         the chosen choice id (``"b"``), or None
multiple       the set of checked choice ids
truefalse      True / False
text           the typed string
numeric        the typed string (``"2,5"`` and ``"2.5"`` both work) or a number; with units, the
               number and its unit as typed (``"0,125 L/h"``)
matching       a mapping left id (``"a"``) → right id (``"2"``)
ordering       the item ids in the learner's order (``["c", "a", "b"]``)
likert         the chosen scale position (``"1"`` … ``"N"``)
kfp            the set of picked action ids
hotspot        the point ``"x,y"`` in whole pixels of the image
=============  ==========================================================

Rules beyond the format document, chosen to match what Moodle does, are stated in each
type's module (:mod:`ehealth_content.question_types`): ``matching`` earns its share for each
correctly matched left side; ``ordering`` is all or nothing; ``text`` with ``match: exact``
compares the strings as typed.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Literal

from ._answers import EPSILON as _EPSILON
from ._answers import Response, normalize_text, parse_decimal, strip_accents
from .model import Module, Question
from .question_types import type_of

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

ResultState = Literal["correct", "incorrect", "partial", "neutral"]


def question_points(question: Question, response: Response) -> float:
    """Points a response earns, between 0 and ``question.points``."""
    spec = type_of(question)
    if response is None or not question.scored:
        return 0.0
    return question.points * spec.fraction(question, response)


def result_state(question: Question, response: Response) -> ResultState:
    spec = type_of(question)
    if not spec.scored:
        return "neutral"
    fraction = spec.fraction(question, response) if response is not None else 0.0
    if fraction >= 1.0:
        return "correct"
    return "partial" if fraction > 0 else "incorrect"


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


def success_status(completed: bool, score: float, mastery_score: float) -> Literal["passed", "failed", "unknown"]:
    if not completed:
        return "unknown"
    return "passed" if score >= mastery_score else "failed"
