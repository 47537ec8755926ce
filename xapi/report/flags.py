"""Questions that do not work, as diagnostics at the question's line in its module source.

    modules/d1/module.md:120:1: warning R105: question 'q-ins': the strongest third chose 'b' (80%) over the key 'a' (10%): check the key

Pure functions over the rows of the ``items`` and ``item_choices`` tables. A flag needs at
least `Thresholds.min_answers` first answers: below that, chance alone explains anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ehealth_content.diagnostics import Diagnostic

__all__ = ["FLAG_CODES", "Thresholds", "item_flags"]

FLAG_CODES = {
    "R101": "too-easy",
    "R102": "too-hard",
    "R103": "negative-discrimination",
    "R104": "dead-distractor",
    "R105": "key-suspect",
}


@dataclass(frozen=True)
class Thresholds:
    min_answers: int = 20
    too_easy: float = 0.95
    """Facility at or above which a question teaches nothing about who masters it."""
    too_hard: float = 0.25
    negative: float = 0.0
    """Discrimination below which the strong learners fail the question more than the weak."""
    dead: float = 0.05
    """Share below which a distractor is dead (nobody believes it)."""


def _pct(value: float) -> str:
    return f"{round(value * 100)}%"


def item_flags(
    items: Sequence[Mapping[str, Any]], choices: Sequence[Mapping[str, Any]], thresholds: Thresholds = Thresholds()
) -> list[tuple[Diagnostic, str, str]]:
    """Diagnostics for the items, each with its (module, question); sourceless items use
    ``<module>`` as their file and line 1, so that they are still reported."""
    by_item: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for choice in choices:
        by_item.setdefault((choice["module"], choice["question"]), []).append(choice)
    found: list[tuple[Diagnostic, str, str]] = []
    for item in items:
        if item["answers"] < thresholds.min_answers:
            continue
        module, question = item["module"], item["question"]
        file = item["file"] or f"<{module}>"
        line = item["line"] or 1

        # Called within this iteration only: the loop variables it reads are the current ones.
        def flag(code: str, message: str, hint: str) -> None:
            found.append(
                (
                    Diagnostic(code, "warning", f"question '{question}': {message}", file, line, hint=hint),  # noqa: B023
                    module,  # noqa: B023
                    question,  # noqa: B023
                )
            )

        facility = item["facility"]
        if facility >= thresholds.too_easy:
            flag(
                "R101",
                f"too easy: {_pct(facility)} right at the first try ({item['answers']} learners)",
                "make the distractors plausible, or drop the question",
            )
        elif facility <= thresholds.too_hard:
            flag(
                "R102",
                f"too hard: {_pct(facility)} right at the first try ({item['answers']} learners)",
                "check the key, the wording and that the module teaches it",
            )
        discrimination = item["discrimination"]
        if discrimination is not None and discrimination < thresholds.negative:
            flag(
                "R103",
                f"negative discrimination ({discrimination:+.2f}): learners who do well on the "
                "rest of the module fail it more often than the others",
                "check the key and look for an ambiguous wording",
            )
        rows = by_item.get((module, question), [])
        keys = [c for c in rows if c["correct"]]
        for choice in rows:
            if not choice["correct"] and choice["share"] < thresholds.dead:
                flag(
                    "R104",
                    f"dead distractor '{choice['choice']}': chosen by {_pct(choice['share'])}",
                    "replace it with a mistake learners really make",
                )
        if len(keys) == 1 and keys[0]["share_high"] is not None:
            key = keys[0]
            rival = max(
                (c for c in rows if not c["correct"] and c["share_high"] is not None),
                key=lambda c: c["share_high"],
                default=None,
            )
            if rival is not None and rival["share_high"] > key["share_high"]:
                flag(
                    "R105",
                    f"the strongest third chose '{rival['choice']}' ({_pct(rival['share_high'])}) "
                    f"over the key '{key['choice']}' ({_pct(key['share_high'])})",
                    "check the key",
                )
    return found
