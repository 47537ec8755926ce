"""How a set of modules covers its competency framework: questions, points, kinds and hours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import framework
from .learner_time import TimeEstimate, estimate
from .model import Module
from .review_record import Kind, ReviewRecord, item_kind

__all__ = [
    "CompetencyCoverage",
    "DomainCoverage",
    "ModuleCoverage",
    "Coverage",
    "coverage",
    "MIN_QUESTIONS",
    "HOURS_AIM",
    "RECALL_AIM",
]

MIN_QUESTIONS = 3
"""Scored questions a competency needs before it counts as covered."""
HOURS_AIM = 0.9
"""A module's estimated learner time should reach this share of its domain's hours (issue 16)."""
RECALL_AIM = 0.10
"""At most this share of a module's scored items should be recall (issue 16)."""


@dataclass(frozen=True, slots=True)
class KindCounts:
    recall: int = 0
    application: int = 0
    case: int = 0

    def add(self, kind: Kind) -> KindCounts:
        return KindCounts(
            self.recall + (kind == "recall"), self.application + (kind == "application"), self.case + (kind == "case")
        )


@dataclass(frozen=True, slots=True)
class CompetencyCoverage:
    competency: framework.Competency
    questions: int
    """Scored questions citing it, pool banks included."""
    points: float
    kinds: KindCounts = KindCounts()
    """Its scored questions by kind (docs/learner-time.md §4)."""

    @property
    def covered(self) -> bool:
        return self.questions >= MIN_QUESTIONS


@dataclass(frozen=True, slots=True)
class ModuleCoverage:
    id: str
    domain: str | None
    time: TimeEstimate
    scored: int
    kinds: KindCounts
    unreviewed: int
    """Scored questions the review record does not name (counted as application)."""

    @property
    def recall_share(self) -> float:
        return self.kinds.recall / self.scored if self.scored else 0.0


@dataclass(frozen=True, slots=True)
class DomainCoverage:
    domain: framework.Domain
    modules: tuple[str, ...]
    """Ids of the modules declaring this domain."""
    module_minutes: int
    """Their declared learning time (``duration``), added up."""
    competencies: tuple[CompetencyCoverage, ...]
    estimated_minutes: float = 0.0
    """Their estimated learner time (:mod:`.learner_time`), added up."""

    @property
    def questions(self) -> int:
        return sum(c.questions for c in self.competencies)

    @property
    def points(self) -> float:
        return sum(c.points for c in self.competencies)

    @property
    def time_ratio(self) -> float:
        """Estimated learner time over the domain's hours."""
        return self.estimated_minutes / (self.domain.hours * 60)


@dataclass(frozen=True, slots=True)
class Coverage:
    domains: tuple[DomainCoverage, ...]
    scored_questions: int
    """All scored questions of the modules, with or without a competency."""
    without_competency: int
    framework: framework.Framework = framework.SOCLE
    modules: tuple[ModuleCoverage, ...] = ()
    reviewed: bool = False
    """Kinds come from a review record (else every item not a case counts as application)."""

    @property
    def hours(self) -> float:
        return sum(d.domain.hours for d in self.domains)

    @property
    def uncovered(self) -> tuple[CompetencyCoverage, ...]:
        return tuple(c for d in self.domains for c in d.competencies if not c.covered)

    @property
    def recall_share(self) -> float:
        scored = sum(m.scored for m in self.modules)
        return sum(m.kinds.recall for m in self.modules) / scored if scored else 0.0


def coverage(
    modules: Iterable[Module],
    *,
    framework_in_force: framework.Framework | None = None,
    review: ReviewRecord | None = None,
) -> Coverage:
    """The coverage of ``framework_in_force`` (default: the modules' own, which must be one) by
    ``modules``; ``review`` gives the items' kinds."""
    modules = list(modules)
    chosen = framework_in_force or _common_framework(modules)
    counts: dict[str, int] = {}
    points: dict[str, float] = {}
    kinds: dict[str, KindCounts] = {}
    module_entries: list[ModuleCoverage] = []
    scored = without = 0
    for module in modules:
        module_kinds = KindCounts()
        unreviewed = 0
        for question in module.scored_questions:
            scored += 1
            kind = item_kind(module, question, review)
            if kind is None:
                unreviewed += 1
                kind = "application"
            module_kinds = module_kinds.add(kind)
            if question.competency is None:
                without += 1
                continue
            counts[question.competency] = counts.get(question.competency, 0) + 1
            points[question.competency] = points.get(question.competency, 0.0) + question.points
            kinds[question.competency] = kinds.get(question.competency, KindCounts()).add(kind)
        module_entries.append(
            ModuleCoverage(
                module.id, module.domain, estimate(module), len(module.scored_questions), module_kinds, unreviewed
            )
        )
    times = {entry.id: entry.time.minutes for entry in module_entries}
    domains = tuple(
        DomainCoverage(
            domain=domain,
            modules=tuple(m.id for m in modules if m.domain == domain.id),
            module_minutes=sum(m.duration_minutes or 0 for m in modules if m.domain == domain.id),
            competencies=tuple(
                CompetencyCoverage(c, counts.get(c.id, 0), points.get(c.id, 0.0), kinds.get(c.id, KindCounts()))
                for c in domain.competencies
            ),
            estimated_minutes=sum(times[m.id] for m in modules if m.domain == domain.id),
        )
        for domain in chosen.domains
    )
    return Coverage(domains, scored, without, chosen, tuple(module_entries), review is not None)


def _common_framework(modules: list[Module]) -> framework.Framework:
    found = {m.framework.id: m.framework for m in modules}
    if len(found) > 1:
        raise ValueError(f"the modules use different frameworks ({', '.join(sorted(found))}): cover them one by one")
    return next(iter(found.values()), framework.SOCLE)
