"""Printing a coverage: a table for people, JSON for tools."""

from __future__ import annotations

import json

from .coverage import MIN_QUESTIONS, Coverage
from .framework import FRAMEWORK_IS_PROVISIONAL

__all__ = ["coverage_table", "coverage_json"]


def _hours(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def coverage_table(result: Coverage) -> str:
    lines: list[str] = []
    for entry in result.domains:
        domain = entry.domain
        modules = ", ".join(entry.modules) or "no module"
        lines.append(
            f"{domain.id}  {domain.label_fr} — {domain.hours} h in the framework, "
            f"{_hours(entry.module_minutes)} in modules ({modules}) — "
            f"{entry.questions} questions, {entry.points:g} points"
        )
        for item in entry.competencies:
            flag = "" if item.covered else f"  << fewer than {MIN_QUESTIONS} questions"
            lines.append(
                f"  {item.competency.id:<6} {item.questions:>3} q {item.points:>5g} pts  "
                f"{item.competency.label_fr}{flag}"
            )
        lines.append("")
    module_minutes = sum(d.module_minutes for d in result.domains)
    lines.append(
        f"Total: {result.hours} h in the framework, {_hours(module_minutes)} in modules; "
        f"{result.scored_questions} scored questions ({result.without_competency} without a competency); "
        f"{len(result.uncovered)} competencies below {MIN_QUESTIONS} questions"
    )
    if FRAMEWORK_IS_PROVISIONAL:
        lines.append("Note: the competencies are a provisional reconstruction, not the wording of Annex I.")
    return "\n".join(lines)


def coverage_json(result: Coverage) -> str:
    data = {
        "framework_provisional": FRAMEWORK_IS_PROVISIONAL,
        "hours": result.hours,
        "scored_questions": result.scored_questions,
        "without_competency": result.without_competency,
        "domains": [
            {
                "id": d.domain.id,
                "label_fr": d.domain.label_fr,
                "label_en": d.domain.label_en,
                "hours": d.domain.hours,
                "modules": list(d.modules),
                "module_minutes": d.module_minutes,
                "questions": d.questions,
                "points": d.points,
                "competencies": [
                    {
                        "id": c.competency.id,
                        "label_fr": c.competency.label_fr,
                        "label_en": c.competency.label_en,
                        "questions": c.questions,
                        "points": c.points,
                        "covered": c.covered,
                    }
                    for c in d.competencies
                ],
            }
            for d in result.domains
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
