"""``ehealth compat``: what a new version of a module would do to learners' saved state.

A course keeps each learner's state while a new package is uploaded over it. That state is
keyed by module id, by page id (the bookmark), by question id, and inside a question by
*positions*: the choice checked, the right side picked, the item order, the scale point;
pool draws are kept per pool as positions among its members. So:

- error: the saved answers are lost (question removed or retyped, module id changed) or would
  be misread (choices, sides, items or scale points added, removed or reordered; pool
  membership, pick or order changed; bookmarked page gone);
- warning: the state still reads but means something else (a choice reworded at the same
  position, a new right answer, pages moved: visited marks are kept by page position);
- info: harmless (questions, pages or pools added).

``compare`` is pure: two loaded modules in, findings out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from .model import (
    LikertQuestion,
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    RichText,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

__all__ = ["CompatSeverity", "CompatFinding", "compare", "breaks_saved_state", "format_findings_json"]

CompatSeverity = Literal["error", "warning", "info"]
_Change = Literal["count", "reordered", "reworded"]


@dataclass(frozen=True, slots=True)
class CompatFinding:
    severity: CompatSeverity
    code: str
    """Stable code such as ``C200``; tools key on it, never on the message."""
    message: str
    module_id: str
    question_id: str | None = None
    page_id: str | None = None

    def __str__(self) -> str:
        return f"{self.severity} {self.code}: {self.module_id}: {self.message}"


def breaks_saved_state(findings: Iterable[CompatFinding]) -> bool:
    return any(f.severity == "error" for f in findings)


def format_findings_json(findings: Iterable[CompatFinding]) -> str:
    return json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)


def compare(old: Module, new: Module) -> list[CompatFinding]:
    """Every change from ``old`` to ``new`` that matters to saved learner state, in source order."""
    if old.id != new.id:
        return [CompatFinding("error", "C100", f"module id changed from '{old.id}' to '{new.id}': "
                              "the LMS sees a new module and every learner starts again", old.id)]
    findings = _pages(old, new)
    findings += _pools(old, new)
    new_questions = {q.id: q for q in new.questions}
    for question in old.questions:
        replacement = new_questions.get(question.id)
        if replacement is None:
            findings.append(CompatFinding("error", "C200", f"question '{question.id}' removed: learners' answers to it are lost",
                                          old.id, question.id))
        elif replacement.type != question.type:
            findings.append(CompatFinding(
                "error", "C201", f"question '{question.id}' changed type from {question.type} to {replacement.type}: "
                "learners' answers to it are lost", old.id, question.id))
        else:
            findings += _question(old.id, question, replacement)
    old_ids = {q.id for q in old.questions}
    findings += [CompatFinding("info", "C202", f"question '{q.id}' added", old.id, q.id)
                 for q in new.questions if q.id not in old_ids]
    return findings


def _pages(old: Module, new: Module) -> list[CompatFinding]:
    findings: list[CompatFinding] = []
    new_ids = [p.id for p in new.pages]
    new_titles = {p.title: p.id for p in new.pages}
    for page in old.pages:
        if page.id in new_ids:
            continue
        renamed = new_titles.get(page.title)
        hint = f" (renamed '{renamed}'?)" if renamed and renamed not in {p.id for p in old.pages} else ""
        findings.append(CompatFinding("error", "C110", f"page '{page.id}' removed{hint}: learners bookmarked on it lose their place",
                                      old.id, page_id=page.id))
    if any(new_ids.index(p.id) != i for i, p in enumerate(old.pages) if p.id in new_ids):
        findings.append(CompatFinding("warning", "C111", "pages moved or inserted before existing ones: "
                                      "visited pages are saved by position and would be read as other pages", old.id))
    old_ids = {p.id for p in old.pages}
    findings += [CompatFinding("info", "C112", f"page '{pid}' added", old.id, page_id=pid) for pid in new_ids if pid not in old_ids]
    return findings


def _pools(old: Module, new: Module) -> list[CompatFinding]:
    findings: list[CompatFinding] = []
    new_pools = {p.name: p for p in new.pools}
    new_order = [p.name for p in new.pools]
    for position, pool in enumerate(old.pools):
        replacement = new_pools.get(pool.name)
        if replacement is None:
            findings.append(CompatFinding("error", "C250", f"pool '{pool.name}' removed: saved draws are lost", old.id))
            continue
        if replacement.pick != pool.pick:
            findings.append(CompatFinding("error", "C251", f"pool '{pool.name}' picks {replacement.pick} instead of {pool.pick}: "
                                          "saved draws are redrawn mid-attempt", old.id))
        if replacement.question_ids != pool.question_ids:
            findings.append(CompatFinding("error", "C252", f"pool '{pool.name}' members changed: saved draws are kept "
                                          "as positions among its members and would name other questions", old.id))
        if new_order.index(pool.name) != position:
            findings.append(CompatFinding("error", "C253", f"pool '{pool.name}' moved in the front matter: saved draws "
                                          "are kept by pool position and would be read for another pool", old.id))
    old_names = {p.name for p in old.pools}
    findings += [CompatFinding("info", "C254", f"pool '{p.name}' added", old.id) for p in new.pools if p.name not in old_names]
    return findings


def _key(text: RichText) -> str:
    return " ".join(text.source.split())


def _change(old: Sequence[RichText], new: Sequence[RichText]) -> _Change | None:
    old_keys, new_keys = [_key(t) for t in old], [_key(t) for t in new]
    if len(old_keys) != len(new_keys):
        return "count"
    if old_keys == new_keys:
        return None
    # A text found again at another position has moved; otherwise it was only reworded.
    moved = any(key in new_keys and new_keys[i] != key for i, key in enumerate(old_keys))
    return "reordered" if moved else "reworded"


def _question(module_id: str, old: Question, new: Question) -> list[CompatFinding]:
    findings: list[CompatFinding] = []

    def report(severity: CompatSeverity, code: str, message: str) -> None:
        findings.append(CompatFinding(severity, code, f"question '{old.id}': {message}", module_id, old.id))

    def sequence(what: str, old_items: Sequence[RichText], new_items: Sequence[RichText]) -> None:
        change = _change(old_items, new_items)
        if change == "count":
            report("error", "C210", f"{len(old_items)} {what} became {len(new_items)}: "
                   "saved answers are kept by position and would be misread")
        elif change == "reordered":
            report("error", "C211", f"{what} reordered: saved answers are kept by position and would be misread")
        elif change == "reworded":
            report("warning", "C212", f"{what} reworded: saved answers keep their positions, check they still mean the same")

    # Both have the same type (compare checked); isinstance on both narrows them for mypy.
    if isinstance(old, (SingleChoiceQuestion, MultipleChoiceQuestion)) and isinstance(
        new, (SingleChoiceQuestion, MultipleChoiceQuestion)
    ):
        sequence("choices", [c.text for c in old.choices], [c.text for c in new.choices])
        if len(old.choices) == len(new.choices) and [c.correct for c in old.choices] != [c.correct for c in new.choices]:
            report("warning", "C213", "the right choices changed: saved answers will be scored against the new ones")
    elif isinstance(old, MatchingQuestion) and isinstance(new, MatchingQuestion):
        sequence("left sides", [p.left for p in old.pairs], [p.left for p in new.pairs])
        sequence("right sides", old.right_sides, new.right_sides)
    elif isinstance(old, OrderingQuestion) and isinstance(new, OrderingQuestion):
        sequence("items", old.items, new.items)
    elif isinstance(old, LikertQuestion) and isinstance(new, LikertQuestion):
        sequence("scale points", old.scale, new.scale)
    elif isinstance(old, TrueFalseQuestion) and isinstance(new, TrueFalseQuestion):
        if old.answer != new.answer:
            report("warning", "C213", "the right answer changed: saved answers will be scored against the new one")
    elif isinstance(old, TextQuestion) and isinstance(new, TextQuestion):
        if (old.answers, old.match) != (new.answers, new.match):
            report("warning", "C213", "the accepted answers changed: wrong typed answers are saved as a verdict "
                   "only and keep it")
    elif isinstance(old, NumericQuestion) and isinstance(new, NumericQuestion):
        if (old.minimum, old.maximum) != (new.minimum, new.maximum):
            report("warning", "C213", "the accepted values changed: long typed numbers are saved as a verdict only and keep it")
    return findings
