"""Estimated learner time of a module: reading its study text, answering its items.

A pure function of the model (no file is read), so that ``ehealth coverage`` and tests agree.
The figures and their sources are in docs/learner-time.md; change them there and here together.

    minutes = words of the pages' text and of the explanations / READING_WPM
            + Σ minutes per item of its type (pools: the picked share of their members)
            + CASE_STEP_MINUTES per step of a case (dossier progressif)
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .model import Case, Content, Module, Question, RichText

__all__ = [
    "CASE_STEP_MINUTES",
    "DEFAULT_ITEM_MINUTES",
    "ITEM_MINUTES",
    "READING_WPM",
    "TimeEstimate",
    "case_minutes",
    "count_words",
    "estimate",
    "item_minutes",
]

READING_WPM = 140
"""Words per minute for reading study text with comprehension (docs/learner-time.md §1): below
the 238 wpm of silent reading of non-fiction (Brysbaert 2019), since learners study, re-read
and look at tables and figures."""

ITEM_MINUTES: Mapping[str, float] = MappingProxyType(
    {
        # Keyed by the registry's type names (question_types.TYPES); tests fail when a
        # registered type has no entry, so a new type's time is a decision, not a default.
        "single": 1.5,
        "multiple": 2.0,
        "truefalse": 0.75,
        "text": 1.5,
        "numeric": 2.0,
        "matching": 2.5,
        "ordering": 2.0,
        "likert": 0.5,
        "case": 1.0,
        "tcs": 1.0,
        "kfp": 2.0,
        "hotspot": 1.0,
        "longmenu": 2.0,
    }
)
"""Minutes to answer one item of each type, reading its prompt and options included
(docs/learner-time.md §2)."""

DEFAULT_ITEM_MINUTES = 1.5
"""For a type the table does not name yet: an EDN-paced single-answer item."""

CASE_STEP_MINUTES = 2.0
"""Per step of a dossier progressif, on top of its own item time (docs/learner-time.md §3)."""

# A word: letters or digits, with inner apostrophes and hyphens ("aujourd'hui", "e-CPS").
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class TimeEstimate:
    words: int
    """Words of study text: pages' content and the explanations read after answering."""
    items: float
    """Items the learner meets (a pool counts the share it picks)."""
    reading_minutes: float
    item_minutes: float

    @property
    def minutes(self) -> float:
        return self.reading_minutes + self.item_minutes

    @property
    def hours(self) -> float:
        return self.minutes / 60


def count_words(text: str) -> int:
    """Words of a text, HTML tags and entities taken out."""
    return len(_WORD.findall(html.unescape(_TAG.sub(" ", text))))


def item_minutes(question: Question) -> float:
    """Minutes to answer one question: its type's time, plus its steps for a case."""
    minutes = ITEM_MINUTES.get(question.type, DEFAULT_ITEM_MINUTES)
    steps = getattr(question, "steps", None)
    if isinstance(steps, tuple):
        minutes += CASE_STEP_MINUTES * len(steps)
    return minutes


def case_minutes(case: Case) -> float:
    """A dossier progressif: its opening, 2 min a step for its text and first question, the rest by type.

    The step's text is in those 2 minutes (docs/learner-time.md §3), so it is not read twice;
    a step's further questions take their own type's time.
    """
    minutes = ITEM_MINUTES["case"] + CASE_STEP_MINUTES * len(case.steps)
    for step in case.steps:
        for question in step.questions[1:]:
            minutes += ITEM_MINUTES.get(question.type, DEFAULT_ITEM_MINUTES)
    return minutes


def _shown_share(module: Module) -> dict[str, float]:
    """Per question id, the share of learners who see it: a pool shows ``pick`` of its members."""
    share: dict[str, float] = {}
    for pool in module.pools:
        if pool.question_ids:
            for question_id in pool.question_ids:
                share[question_id] = min(1.0, pool.pick / len(pool.question_ids))
    return share


def _words(text: RichText | None) -> int:
    return 0 if text is None else count_words(text.plain)


def _after_answer_words(question: Question) -> float:
    """The explanation, and one of the right/wrong feedbacks (a learner gets one: their mean)."""
    feedback = question.feedback
    return _words(question.explanation) + (_words(feedback.correct) + _words(feedback.incorrect)) / 2


def estimate(module: Module, *, wpm: float = READING_WPM) -> TimeEstimate:
    """The learner time of ``module``."""
    share = _shown_share(module)
    words = 0.0
    items = 0.0
    answering = 0.0
    for page in module.pages:
        for block in page.blocks:
            if isinstance(block, Content):
                words += count_words(block.html)
                continue
            if isinstance(block, Case):
                items += len(block.questions)
                answering += case_minutes(block)
                words += sum(_after_answer_words(q) for q in block.questions)
                continue
            seen = share.get(block.id, 1.0)
            items += seen
            answering += seen * item_minutes(block)
            words += seen * _after_answer_words(block)
    return TimeEstimate(round(words), items, words / wpm, answering)
