"""The typed, immutable model of a module.

Every node carries the :class:`Span` of its source (1-based, as printed). Text the author
writes in Markdown arrives as :class:`RichText`: its source, its sanitised HTML and a plain
version for places that take no markup (SCORM descriptions, xAPI definitions).
"""

from __future__ import annotations

import datetime
import hashlib
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
    "ScriptConcordanceQuestion",
    "LongMenuQuestion",
    "KeyFeatureQuestion",
    "Zone",
    "HotspotQuestion",
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
    scoring: Literal["all-or-nothing", "partial", "edn"] = "all-or-nothing"
    expect: int | None = None
    """The number of right choices, stated to the learner and enforced by the player (QRP)."""


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
    """The unit shown after the field; with ``units``, the unit minimum and maximum are in."""
    units: tuple[str, ...] = ()
    """Units the learner must type, converted to ``unit``; empty when no unit is typed."""
    drop_factor: int | None = None
    """Drops per mL, for conversions between drops and volumes."""


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


@dataclass(frozen=True, slots=True, kw_only=True)
class ScriptConcordanceQuestion(QuestionBase):
    """TCS (test de concordance de script): the prompt is the vignette; a hypothesis, a new piece
    of information, and a judgement on a scale from -2 to +2 scored against an expert panel."""

    type: Literal["tcs"] = "tcs"
    kind: Literal["diagnostic", "investigation", "treatment"] = "diagnostic"
    hypothesis: RichText
    information: RichText
    labels: tuple[RichText, ...]
    """The five points of the scale, from -2 to +2."""
    panel: tuple[int, ...]
    """How many experts chose each point, from -2 to +2."""
    lang: str = "fr"
    """The module's language: the words exports put around the hypothesis and the information."""

    @property
    def credits(self) -> tuple[float, ...]:
        """Each point's share of the points: its panel count ÷ the modal point's."""
        modal = max(self.panel)
        return tuple(count / modal for count in self.panel)


@dataclass(frozen=True, slots=True, kw_only=True)
class LongMenuQuestion(QuestionBase):
    """One answer picked from a long list in a text file of the module, by typing (type-ahead)."""

    type: Literal["longmenu"] = "longmenu"
    options_file: str
    """The list file, relative to the module folder, as written."""
    options: tuple[str, ...]
    """Its entries, in file order."""
    answers: tuple[str, ...]
    """The accepted entries, as the list spells them."""

    @property
    def list_id(self) -> str:
        """The id of the page's one ``<datalist>`` for this file, shared by its questions."""
        digest = hashlib.sha1(self.options_file.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
        return f"ehealth-list-{digest}"


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyFeatureQuestion(QuestionBase):
    """A key-feature problem: up to ``select`` actions picked from a list; the right ones
    (``correct``) are the key features, ``dangerous`` ids are actions that harm the patient."""

    type: Literal["kfp"] = "kfp"
    choices: tuple[Choice, ...]
    """The actions, ``a``, ``b``, … in source order."""
    dangerous: tuple[str, ...] = ()
    select: int
    """How many actions the learner may pick at most."""
    danger: Literal["zero", "penalty"] = "zero"
    """``zero``: any dangerous action scores 0; ``penalty``: each takes away one key feature's share."""


@dataclass(frozen=True, slots=True)
class Zone:
    """A zone of a hotspot image, in the image's pixels (origin top left)."""

    shape: Literal["rect", "circle", "polygon"]
    values: tuple[float, ...]
    """rect: x, y, width, height; circle: x, y, radius; polygon: x1, y1, x2, y2, …"""
    span: Span


@dataclass(frozen=True, slots=True, kw_only=True)
class HotspotQuestion(QuestionBase):
    """A zone to point at on an image (QZP): right when the point is inside any zone."""

    type: Literal["hotspot"] = "hotspot"
    image: str
    """The image's path relative to the module, as the page links it."""
    alt: str
    width: int
    """The image's size in pixels, read from its file."""
    height: int
    zones: tuple[Zone, ...]


Question: TypeAlias = (
    SingleChoiceQuestion
    | MultipleChoiceQuestion
    | TrueFalseQuestion
    | TextQuestion
    | NumericQuestion
    | MatchingQuestion
    | OrderingQuestion
    | LikertQuestion
    | ScriptConcordanceQuestion
    | LongMenuQuestion
    | KeyFeatureQuestion
    | HotspotQuestion
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
    """The source's own date, as written: an ISO date, a year or a year-month."""
    checked: str | None = None
    """The day someone last checked the module against this source (YYYY-MM-DD)."""


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
