"""The typed, immutable model of a module.

Every node carries the :class:`Span` of its source (1-based, as printed). Text the author
writes in Markdown arrives as :class:`RichText`: its source, its sanitised HTML and a plain
version for places that take no markup (SCORM descriptions, xAPI definitions).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeAlias

from .framework import SOCLE, Framework

__all__ = [
    "Span",
    "RichText",
    "Choice",
    "Feedback",
    "QuestionBase",
    "SingleChoiceQuestion",
    "MultipleChoiceQuestion",
    "TrueFalseQuestion",
    "TextQuestion",
    "NumericQuestion",
    "MatchingPair",
    "MatchingQuestion",
    "OrderingQuestion",
    "LikertQuestion",
    "Question",
    "Content",
    "CaseStep",
    "Case",
    "PageBlock",
    "Page",
    "Pool",
    "Reference",
    "Module",
]


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    """1-based first line."""
    column: int = 1
    """1-based column."""
    end_line: int | None = None
    """1-based last line (inclusive), when the node covers several."""


@dataclass(frozen=True, slots=True)
class RichText:
    source: str
    """The Markdown as written."""
    html: str
    """Rendered and sanitised HTML, safe to insert in a page."""
    plain: str
    """Text without markup, white space folded."""


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    """A single lowercase letter or digit (SCORM 1.2 responses allow nothing longer)."""
    text: RichText
    correct: bool
    feedback: RichText | None
    span: Span


@dataclass(frozen=True, slots=True)
class Feedback:
    correct: RichText | None = None
    incorrect: RichText | None = None
    partial: RichText | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionBase:
    id: str
    prompt: RichText
    points: float
    """Points available; 0 for questions that are never scored (likert)."""
    competency: str | None
    attempts: int
    """Submissions allowed; the last one counts."""
    feedback: Feedback
    explanation: RichText | None
    pool: str | None
    shuffle: bool
    page_id: str
    span: Span

    @property
    def scored(self) -> bool:
        return self.points > 0


@dataclass(frozen=True, slots=True, kw_only=True)
class SingleChoiceQuestion(QuestionBase):
    type: Literal["single"] = "single"
    choices: tuple[Choice, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class MultipleChoiceQuestion(QuestionBase):
    type: Literal["multiple"] = "multiple"
    choices: tuple[Choice, ...]
    scoring: Literal["all-or-nothing", "partial"] = "all-or-nothing"


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseQuestion(QuestionBase):
    type: Literal["truefalse"] = "truefalse"
    answer: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class TextQuestion(QuestionBase):
    type: Literal["text"] = "text"
    answers: tuple[str, ...]
    match: Literal["normalized", "exact"] = "normalized"


@dataclass(frozen=True, slots=True, kw_only=True)
class NumericQuestion(QuestionBase):
    type: Literal["numeric"] = "numeric"
    minimum: float
    """Lowest accepted value (``answer - tolerance``, or the range's start)."""
    maximum: float
    """Highest accepted value."""
    answer: float | None = None
    """The exact answer when the author gave one (rather than a range)."""
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class MatchingPair:
    left: RichText
    right: RichText
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchingQuestion(QuestionBase):
    """Left sides have ids ``a``, ``b``, …; right sides (pairs then distractors) ``1``, ``2``, …"""

    type: Literal["matching"] = "matching"
    pairs: tuple[MatchingPair, ...]
    distractors: tuple[RichText, ...] = ()

    @property
    def right_sides(self) -> tuple[RichText, ...]:
        return tuple(p.right for p in self.pairs) + self.distractors


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderingQuestion(QuestionBase):
    """Items have ids ``a``, ``b``, … in the correct order."""

    type: Literal["ordering"] = "ordering"
    items: tuple[RichText, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class LikertQuestion(QuestionBase):
    type: Literal["likert"] = "likert"
    scale: tuple[RichText, ...]


Question: TypeAlias = (
    SingleChoiceQuestion
    | MultipleChoiceQuestion
    | TrueFalseQuestion
    | TextQuestion
    | NumericQuestion
    | MatchingQuestion
    | OrderingQuestion
    | LikertQuestion
)

# Everything else a type means (keys, scoring, saved state, exports…) is in its module of
# ehealth_content.question_types, whose TYPES registry (and QUESTION_TYPES) lists the same types.


@dataclass(frozen=True, slots=True)
class Content:
    """A run of ordinary content between questions, already rendered and sanitised."""

    html: str
    span: Span


@dataclass(frozen=True, slots=True)
class CaseStep:
    """One step of a :class:`Case`: its title, then its content and questions in source order."""

    title: str
    """The step's ``##`` heading, as plain text."""
    blocks: tuple[Content | Question, ...]
    span: Span

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(b for b in self.blocks if not isinstance(b, Content))


@dataclass(frozen=True, slots=True)
class Case:
    """A dossier progressif: steps the learner sees one after the other.

    A step is shown once every question of the steps before it is done (right, or no attempt
    left), so its text never gives away an earlier answer. Each question stays an ordinary
    question of the module (its own id, points, saved record and interaction): the case adds
    only the order in which they are revealed, so its score is the sum of theirs.
    """

    id: str
    steps: tuple[CaseStep, ...]
    span: Span

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for step in self.steps for q in step.questions)


PageBlock: TypeAlias = Content | Question | Case


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    title: str
    blocks: tuple[PageBlock, ...]
    """Content and questions in source order."""
    span: Span

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question of the page, those of its cases included, in source order."""
        found: list[Question] = []
        for block in self.blocks:
            if isinstance(block, Case):
                found.extend(block.questions)
            elif not isinstance(block, Content):
                found.append(block)
        return tuple(found)

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Case))


@dataclass(frozen=True, slots=True)
class Pool:
    name: str
    pick: int
    question_ids: tuple[str, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    url: str | None = None
    date: str | None = None
    """As written: an ISO date, a year or a year-month."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Module:
    id: str
    title: str
    version: str
    lang: str = "fr"
    description: str | None = None
    duration_minutes: int | None = None
    """Estimated learning time."""
    domain: str | None = None
    competencies: tuple[str, ...] = ()
    mastery_score: float = 80.0
    """Pass mark, percent of the scored points shown."""
    pools: tuple[Pool, ...] = ()
    authors: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    review_by: datetime.date | None = None
    license: str | None = None
    allow_html: bool = False
    pages: tuple[Page, ...]
    source_path: Path
    """The Markdown file."""
    assets: tuple[str, ...] = field(default=())
    """Media files the pages use, relative to the module folder, with ``/`` separators."""
    framework: Framework = SOCLE
    """The competency framework its domain and competencies belong to (docs/competency-framework.md)."""

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for page in self.pages for q in page.questions)

    @property
    def scored_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.scored)

    @property
    def duration_iso(self) -> str | None:
        """The duration as ISO 8601 (``PT1H30M``)."""
        if self.duration_minutes is None:
            return None
        hours, minutes = divmod(self.duration_minutes, 60)
        return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes or not hours else "")
