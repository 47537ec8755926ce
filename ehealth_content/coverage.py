"""How a set of modules covers the competency framework: questions, points and hours."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import framework
from .model import Module

__all__ = ["CompetencyCoverage", "DomainCoverage", "Coverage", "coverage", "MIN_QUESTIONS"]

MIN_QUESTIONS = 3
"""Scored questions a competency needs before it counts as covered."""


@dataclass(frozen=True, slots=True)
class CompetencyCoverage:
    competency: framework.Competency
    questions: int
    """Scored questions citing it, pool banks included."""
    points: float

    @property
    def covered(self) -> bool:
        return self.questions >= MIN_QUESTIONS


@dataclass(frozen=True, slots=True)
class DomainCoverage:
    domain: framework.Domain
    modules: tuple[str, ...]
    """Ids of the modules declaring this domain."""
    module_minutes: int
    """Their estimated learning time, added up."""
    competencies: tuple[CompetencyCoverage, ...]

    @property
    def questions(self) -> int:
        return sum(c.questions for c in self.competencies)

    @property
    def points(self) -> float:
        return sum(c.points for c in self.competencies)


@dataclass(frozen=True, slots=True)
class Coverage:
    domains: tuple[DomainCoverage, ...]
    scored_questions: int
    """All scored questions of the modules, with or without a competency."""
    without_competency: int

    @property
    def hours(self) -> int:
        return sum(d.domain.hours for d in self.domains)

    @property
    def uncovered(self) -> tuple[CompetencyCoverage, ...]:
        return tuple(c for d in self.domains for c in d.competencies if not c.covered)


def coverage(modules: Iterable[Module]) -> Coverage:
    modules = list(modules)
    counts: dict[str, int] = {}
    points: dict[str, float] = {}
    scored = without = 0
    for module in modules:
        for question in module.scored_questions:
            scored += 1
            if question.competency is None:
                without += 1
                continue
            counts[question.competency] = counts.get(question.competency, 0) + 1
            points[question.competency] = points.get(question.competency, 0.0) + question.points
    domains = tuple(
        DomainCoverage(
            domain=domain,
            modules=tuple(m.id for m in modules if m.domain == domain.id),
            module_minutes=sum(m.duration_minutes or 0 for m in modules if m.domain == domain.id),
            competencies=tuple(
                CompetencyCoverage(c, counts.get(c.id, 0), points.get(c.id, 0.0)) for c in domain.competencies
            ),
        )
        for domain in framework.DOMAINS
    )
    return Coverage(domains, scored, without)
