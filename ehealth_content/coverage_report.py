"""Printing a coverage: a table for people, JSON for tools."""

from __future__ import annotations

import json
from typing import Any

from .coverage import HOURS_AIM, MIN_QUESTIONS, RECALL_AIM, Coverage, KindCounts, ModuleCoverage
from .learner_time import READING_WPM

__all__ = ["coverage_table", "coverage_json"]


def _hours(minutes: float) -> str:
    hours, rest = divmod(round(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _percent(share: float) -> str:
    return f"{share * 100:.0f} %" if share >= 0.1 or share == 0 else f"{share * 100:.1f} %"


def _kinds(kinds: KindCounts) -> str:
    return f"recall {kinds.recall} · application {kinds.application} · case {kinds.case}"


def _module_line(entry: ModuleCoverage, domain_hours: float | None) -> str:
    time = entry.time
    target = flag = ""
    if domain_hours:
        ratio = time.minutes / (domain_hours * 60)
        flag = "" if ratio >= HOURS_AIM else f"  << time below {HOURS_AIM * 100:.0f} % of the domain's hours"
        target = f" of {domain_hours:g} h = {_percent(ratio)}"
    recall_flag = "" if entry.recall_share <= RECALL_AIM else f"  << recall above {RECALL_AIM * 100:.0f} %"
    unreviewed = f", {entry.unreviewed} not in the review record" if entry.unreviewed else ""
    return (
        f"  {entry.id}: estimated {_hours(time.minutes)}{target} "
        f"(reading {time.words:,} words {_hours(time.reading_minutes)}, "
        f"{time.items:g} items {_hours(time.item_minutes)}); "
        f"recall {entry.kinds.recall}/{entry.scored} = {_percent(entry.recall_share)}{unreviewed}{flag}{recall_flag}"
    )


def coverage_table(result: Coverage) -> str:
    lines: list[str] = []
    fw = result.framework
    lines.append(f"Framework: {fw.title_fr} ({fw.id}{', ' + fw.source if fw.source else ''})")
    lines.append("")
    for entry in result.domains:
        domain = entry.domain
        modules = ", ".join(entry.modules) or "no module"
        lines.append(
            f"{domain.id}  {domain.label_fr} — {domain.hours:g} h in the framework, "
            f"{_hours(entry.module_minutes)} in modules ({modules}) — "
            f"{entry.questions} questions, {entry.points:g} points"
        )
        flag = "" if entry.time_ratio >= HOURS_AIM else f"  << below {HOURS_AIM * 100:.0f} %"
        lines.append(
            f"  estimated learner time {_hours(entry.estimated_minutes)} = {_percent(entry.time_ratio)} "
            f"of {domain.hours:g} h{flag}"
        )
        for item in entry.competencies:
            flag = "" if item.covered else f"  << fewer than {MIN_QUESTIONS} questions"
            lines.append(
                f"  {item.competency.id:<6} {item.questions:>3} q {item.points:>5g} pts  "
                f"({_kinds(item.kinds)})  {item.competency.label_fr}{flag}"
            )
        lines.append("")
    hours_by_domain = {d.domain.id: d.domain.hours for d in result.domains}
    if result.modules:
        lines.append(f"Modules (estimated learner time at {READING_WPM} words a minute, docs/learner-time.md):")
        for module in result.modules:
            lines.append(_module_line(module, hours_by_domain.get(module.domain or "")))
        lines.append("")
    module_minutes = sum(d.module_minutes for d in result.domains)
    estimated = sum(d.estimated_minutes for d in result.domains)
    lines.append(
        f"Total: {result.hours:g} h in the framework, {_hours(module_minutes)} in modules, "
        f"{_hours(estimated)} estimated; "
        f"{result.scored_questions} scored questions ({result.without_competency} without a competency); "
        f"{len(result.uncovered)} competencies below {MIN_QUESTIONS} questions"
    )
    recall = sum(m.kinds.recall for m in result.modules)
    lines.append(
        f"Recall: {recall}/{result.scored_questions} scored items = {_percent(result.recall_share)} "
        f"(aim ≤ {RECALL_AIM * 100:.0f} % per module)"
        + ("" if result.reviewed else "; no review record: only dossiers progressifs are told apart")
    )
    if fw.provisional:
        source = "Annex I" if fw.is_builtin else "the text they come from"
        lines.append(f"Note: the competencies are a provisional reconstruction, not the wording of {source}.")
    return "\n".join(lines)


def _kinds_json(kinds: KindCounts) -> dict[str, int]:
    return {"recall": kinds.recall, "application": kinds.application, "case": kinds.case}


def _module_json(entry: ModuleCoverage) -> dict[str, Any]:
    return {
        "id": entry.id,
        "domain": entry.domain,
        "estimated_minutes": round(entry.time.minutes, 1),
        "reading_minutes": round(entry.time.reading_minutes, 1),
        "item_minutes": round(entry.time.item_minutes, 1),
        "words": entry.time.words,
        "items": entry.time.items,
        "scored": entry.scored,
        "kinds": _kinds_json(entry.kinds),
        "unreviewed": entry.unreviewed,
        "recall_share": round(entry.recall_share, 4),
    }


def coverage_json(result: Coverage) -> str:
    fw = result.framework
    data = {
        "framework": {
            "id": fw.id,
            "title_fr": fw.title_fr,
            "title_en": fw.title_en,
            "provisional": fw.provisional,
            "source": fw.source,
        },
        "framework_provisional": fw.provisional,
        "hours": result.hours,
        "scored_questions": result.scored_questions,
        "without_competency": result.without_competency,
        "reviewed": result.reviewed,
        "recall_share": round(result.recall_share, 4),
        "reading_wpm": READING_WPM,
        "domains": [
            {
                "id": d.domain.id,
                "label_fr": d.domain.label_fr,
                "label_en": d.domain.label_en,
                "hours": d.domain.hours,
                "modules": list(d.modules),
                "module_minutes": d.module_minutes,
                "estimated_minutes": round(d.estimated_minutes, 1),
                "time_ratio": round(d.time_ratio, 4),
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
                        "kinds": _kinds_json(c.kinds),
                    }
                    for c in d.competencies
                ],
            }
            for d in result.domains
        ],
        "modules": [_module_json(m) for m in result.modules],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
