"""``ehealth compat``: what a new version of a module would do to learners' saved state.

A course keeps each learner's state while a new package is uploaded over it. That state is
keyed by module id, by page id (the bookmark), by question id, and inside a question by
*positions*: the choice checked, the right side picked, the item order, the scale point;
pool draws are kept per pool as positions among its members. So:

- error: the saved answers are lost (question removed or retyped, module id changed) or would
  be misread (choices, sides, items or scale points added, removed or reordered; pool
  membership, pick or order changed; bookmarked page gone);
- warning: the state still reads but means something else (a choice reworded at the same
  position, a new right answer), or loses something learners redo (pages seen, in a state
  saved by an old package in format ``E1``, which kept them by position);
- info: harmless (questions, pages or pools added). Pages moved are not reported: pages seen
  are kept by page id (format ``E2``).

A case (dossier progressif) keeps nothing of its own in the state: a step shows once every
question before it is done, or when it holds an answer. So a question added to a step learners
are past is answered with the later steps, and their answers, already in sight, and a finished
attempt reviewed shows it not answered (a warning, C203).

``compare`` is pure: two versions in, findings out. A version is a loaded :class:`Module` or
a :class:`ModuleShape`, the part of a module that saved state depends on; :mod:`.package_shape`
reads shapes from built packages (the embedded data and the markup of ``index.html``), so that
two zips compare as two sources do. Texts are compared as plain text, the same in both forms.

It lives beside the saved-state codec (:mod:`.state`) because it judges that codec's keys: the
pages' and pools' positions are :class:`packager.state.StatePositions`, each question's are
its type's (``shape`` and ``read_shape`` in :mod:`ehealth_content.question_types`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Literal, Protocol, TypeAlias

from ehealth_content.i18n import Message, t
from ehealth_content.model import Module, Question
from ehealth_content.question_types import type_named, type_of

from .state import FORMAT_TAG, OLD_FORMAT_TAG, PoolPositions, state_positions

__all__ = [
    "finding",
    "CaseSteps",
    "CompatFinding",
    "CompatSeverity",
    "ModuleShape",
    "QuestionShape",
    "breaks_saved_state",
    "compare",
    "format_findings_json",
    "module_shape",
    "plain_key",
]

CompatSeverity = Literal["error", "warning", "info"]


class _HasPlain(Protocol):
    @property
    def plain(self) -> str: ...


_Change = Literal["count", "reordered", "reworded"]

CaseSteps: TypeAlias = tuple[str, tuple[tuple[str, ...], ...]]
"""``(case id, the question ids of each step in order)``."""


@dataclass(frozen=True, slots=True)
class CompatFinding:
    severity: CompatSeverity
    code: str
    """Stable code such as ``C200``; tools key on it, never on the message."""
    message: str
    """In English; :meth:`in_language` gives it in another language."""
    module_id: str
    question_id: str | None = None
    page_id: str | None = None
    text: Message | None = field(default=None, compare=False, repr=False)
    """``message`` before rendering."""
    at: str | None = field(default=None, compare=False)
    """``FILE:LINE:COL`` in NEW's source of what only NEW has (an added question), when NEW is a source."""

    def __str__(self) -> str:
        where = f"{self.at}: " if self.at else ""
        return f"{where}{self.severity} {self.code}: {self.module_id}: {self.message}"

    def in_language(self, lang: str) -> CompatFinding:
        return self if self.text is None else replace(self, message=self.text.render(lang))


def finding(
    severity: CompatSeverity,
    code: str,
    message: Message,
    module_id: str,
    question_id: str | None = None,
    *,
    page_id: str | None = None,
    at: str | None = None,
) -> CompatFinding:
    """A finding whose message can be shown in every language of :mod:`.i18n`."""
    return CompatFinding(severity, code, message.render("en"), module_id, question_id, page_id, message, at)


@dataclass(frozen=True, slots=True)
class QuestionShape:
    id: str
    type: str
    parts: tuple[tuple[str, tuple[str, ...]], ...]
    """What a saved answer points at by position, in order: ``("choices", texts)``, ``("left
    sides", …)``, ``("right sides", …)``, ``("items", …)`` or ``("scale points", …)``."""
    answer: tuple[object, ...]
    """What it is scored against: the right-choice flags, the true/false answer, the accepted
    texts and match mode, or the numeric range (empty for likert)."""


@dataclass(frozen=True, slots=True)
class ModuleShape:
    id: str
    pages: tuple[tuple[str, str], ...]
    """``(page id, title)`` in the order of the saved state's positions (:class:`packager.state.StatePositions`)."""
    pools: tuple[PoolPositions, ...]
    """``(name, pick, member question ids)``, as :class:`packager.state.StatePositions` gives them."""
    questions: tuple[QuestionShape, ...]
    """In source order."""
    cases: tuple[CaseSteps, ...] = ()
    """In source order: which questions each step waits for."""
    state_format: str = FORMAT_TAG
    """The saved-state format its runtime writes (``E1`` for a package built before ``E2``)."""
    e1_pages: tuple[str, ...] | None = None
    """The page list its runtime reads ``E1`` states' page bits against (``e1Pages``, a build
    with ``--previous``); None: it drops their page marks."""


def plain_key(text: str) -> str:
    """A text as compared: plain, with runs of white space as one space."""
    return " ".join(text.split())


def module_shape(module: Module) -> ModuleShape:
    """The part of ``module`` that learners' saved state depends on."""
    positions = state_positions(module)
    titles = tuple(page.title for page in module.pages)
    return ModuleShape(
        module.id,
        tuple(zip(positions.pages, titles, strict=True)),
        positions.pools,
        tuple(_question_shape(q) for q in module.questions),
        tuple(
            (case.id, tuple(tuple(q.id for q in step.questions) for step in case.steps))
            for page in module.pages
            for case in page.cases
        ),
    )


def _question_shape(question: Question) -> QuestionShape:
    def texts(items: Iterable[_HasPlain]) -> tuple[str, ...]:
        return tuple(plain_key(item.plain) for item in items)

    parts, answer = type_of(question).shape(question, texts)
    return QuestionShape(question.id, question.type, parts, answer)


def breaks_saved_state(findings: Iterable[CompatFinding]) -> bool:
    return any(f.severity == "error" for f in findings)


def format_findings_json(findings: Iterable[CompatFinding], lang: str = "en") -> str:
    """A JSON array of findings, messages in ``lang``."""
    rows = []
    for finding in findings:
        row = asdict(finding.in_language(lang))
        del row["text"]
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


def compare(old: Module | ModuleShape, new: Module | ModuleShape) -> list[CompatFinding]:
    """Every change from ``old`` to ``new`` that matters to saved learner state, in source order."""
    before = old if isinstance(old, ModuleShape) else module_shape(old)
    after = new if isinstance(new, ModuleShape) else module_shape(new)
    if before.id != after.id:
        return [
            finding(
                "error",
                "C100",
                t(
                    "module id changed from '{old}' to '{new}': the LMS sees a new module and every learner starts again",
                    old=before.id,
                    new=after.id,
                ),
                before.id,
            )
        ]
    findings = _pages(before, after)
    findings += _pools(before, after)
    new_questions = {q.id: q for q in after.questions}
    for question in before.questions:
        replacement = new_questions.get(question.id)
        if replacement is None:
            findings.append(
                finding(
                    "error",
                    "C200",
                    t("question '{id}' removed: learners' answers to it are lost", id=question.id),
                    before.id,
                    question.id,
                )
            )
        elif replacement.type != question.type:
            findings.append(
                finding(
                    "error",
                    "C201",
                    t(
                        "question '{id}' changed type from {old} to {new}: learners' answers to it are lost",
                        id=question.id,
                        old=question.type,
                        new=replacement.type,
                    ),
                    before.id,
                    question.id,
                )
            )
        else:
            findings += _question(before.id, question, replacement)
    old_ids = {q.id for q in before.questions}
    reopened = _reopened_steps(after, old_ids)
    places = _places(new) if isinstance(new, Module) else {}
    for q in after.questions:
        if q.id in old_ids:
            continue
        if q.id in reopened:
            case_id, step = reopened[q.id]
            message = t(
                "question '{id}' added to step {step} of case '{case}', before steps learners may have answered: "
                "resumed, they answer it with those steps and their answers still shown, and the steps they have "
                "not reached wait until it is done; a finished attempt reopened for review shows it as not answered",
                id=q.id,
                step=step,
                case=case_id,
            )
            findings.append(finding("warning", "C203", message, before.id, q.id, at=places.get(q.id)))
        else:
            added = t("question '{id}' added", id=q.id)
            findings.append(finding("info", "C202", added, before.id, q.id, at=places.get(q.id)))
    return findings


def _reopened_steps(new: ModuleShape, old_ids: set[str]) -> dict[str, tuple[str, int]]:
    """New questions of a case step followed by a step holding an older question → (case id, step
    number). A learner who answered that older question had got past the step, whose new question
    now comes after what those later steps revealed (the runtime's caseStepper shows steps from
    the answers alone: the steps held shut are only those not reached)."""
    found: dict[str, tuple[str, int]] = {}
    for case_id, steps in new.cases:
        for number, step in enumerate(steps, 1):
            if any(qid in old_ids for later in steps[number:] for qid in later):
                found.update((qid, (case_id, number)) for qid in step if qid not in old_ids)
    return found


def _places(module: Module) -> dict[str, str]:
    """``FILE:LINE:COL`` of each question of ``module``."""
    return {q.id: f"{module.source_path}:{q.span.line}:{q.span.column}" for q in module.questions}


def _pages(old: ModuleShape, new: ModuleShape) -> list[CompatFinding]:
    findings: list[CompatFinding] = []
    new_ids = [page_id for page_id, _ in new.pages]
    new_titles = {title: page_id for page_id, title in new.pages}
    old_ids = {page_id for page_id, _ in old.pages}
    for page_id, title in old.pages:
        if page_id in new_ids:
            continue
        renamed = new_titles.get(title)
        removed = (
            t(
                "page '{id}' removed (renamed '{renamed}'?): learners bookmarked on it lose their place",
                id=page_id,
                renamed=renamed,
            )
            if renamed and renamed not in old_ids
            else t("page '{id}' removed: learners bookmarked on it lose their place", id=page_id)
        )
        findings.append(
            finding(
                "error",
                "C110",
                removed,
                old.id,
                page_id=page_id,
            )
        )
    # Format E2 names pages seen by id: pages moved or inserted matter only to an E1 runtime.
    moved = any(new_ids.index(page_id) != i for i, (page_id, _) in enumerate(old.pages) if page_id in new_ids)
    if moved and new.state_format == OLD_FORMAT_TAG:
        findings.append(
            finding(
                "warning",
                "C111",
                t(
                    "pages moved or inserted before existing ones: "
                    "visited pages are saved by position and would be read as other pages"
                ),
                old.id,
            )
        )
    # The E1 states learners may hold are written against the old package's pages (E1), or
    # against the list it was itself told (an E2 package built with --previous).
    old_e1_pages = tuple(page_id for page_id, _ in old.pages) if old.state_format == OLD_FORMAT_TAG else old.e1_pages
    if old_e1_pages is not None and new.state_format != OLD_FORMAT_TAG and new.e1_pages != old_e1_pages:
        lost = (
            t(
                "the old version saves pages seen by position (state format {old}), which the new one cannot "
                "map to its pages: learners who resume keep their answers but see their pages as not yet seen",
                old=old.state_format,
            )
            if old.state_format == OLD_FORMAT_TAG
            else t(
                "the old version reads pages seen by position (state format {old}) against the page list it was "
                "built with, which the new one does not carry: learners who resume such a state keep their answers "
                "but see their pages as not yet seen",
                old=OLD_FORMAT_TAG,
            )
        )
        findings.append(finding("warning", "C113", lost, old.id))
    findings += [
        finding("info", "C112", t("page '{id}' added", id=pid), old.id, page_id=pid)
        for pid in new_ids
        if pid not in old_ids
    ]
    return findings


def _pools(old: ModuleShape, new: ModuleShape) -> list[CompatFinding]:
    findings: list[CompatFinding] = []
    new_pools = {name: (pick, members) for name, pick, members in new.pools}
    new_order = [name for name, _, _ in new.pools]
    for position, (name, pick, members) in enumerate(old.pools):
        replacement = new_pools.get(name)
        if replacement is None:
            findings.append(
                finding("error", "C250", t("pool '{name}' removed: saved draws are lost", name=name), old.id)
            )
            continue
        if replacement[0] != pick:
            findings.append(
                finding(
                    "error",
                    "C251",
                    t(
                        "pool '{name}' picks {new} instead of {old}: saved draws are redrawn mid-attempt",
                        name=name,
                        new=replacement[0],
                        old=pick,
                    ),
                    old.id,
                )
            )
        if replacement[1] != members:
            findings.append(
                finding(
                    "error",
                    "C252",
                    t(
                        "pool '{name}' members changed: saved draws are kept "
                        "as positions among its members and would name other questions",
                        name=name,
                    ),
                    old.id,
                )
            )
        if new_order.index(name) != position:
            findings.append(
                finding(
                    "error",
                    "C253",
                    t(
                        "pool '{name}' moved in the front matter: saved draws "
                        "are kept by pool position and would be read for another pool",
                        name=name,
                    ),
                    old.id,
                )
            )
    old_names = {name for name, _, _ in old.pools}
    findings += [
        finding("info", "C254", t("pool '{name}' added", name=name), old.id)
        for name, _, _ in new.pools
        if name not in old_names
    ]
    return findings


def _change(old_keys: Sequence[str], new_keys: Sequence[str]) -> _Change | None:
    if len(old_keys) != len(new_keys):
        return "count"
    if old_keys == new_keys:
        return None
    # A text found again at another position has moved; otherwise it was only reworded.
    moved = any(key in new_keys and new_keys[i] != key for i, key in enumerate(old_keys))
    return "reordered" if moved else "reworded"


def _question(module_id: str, old: QuestionShape, new: QuestionShape) -> list[CompatFinding]:
    findings: list[CompatFinding] = []

    def report(severity: CompatSeverity, code: str, message: Message) -> None:
        said = t("question '{id}': {problem}", id=old.id, problem=message)
        findings.append(finding(severity, code, said, module_id, old.id))

    for (part, old_items), (_, new_items) in zip(old.parts, new.parts, strict=True):
        change = _change(old_items, new_items)
        what = _PARTS.get(part) or t("{text}", text=part)
        if change == "count":
            report(
                "error",
                "C210",
                t(
                    "{old} {what} became {new}: saved answers are kept by position and would be misread",
                    old=len(old_items),
                    what=what,
                    new=len(new_items),
                ),
            )
        elif change == "reordered":
            report(
                "error",
                "C211",
                t("{what} reordered: saved answers are kept by position and would be misread", what=what),
            )
        elif change == "reworded":
            report(
                "warning",
                "C212",
                t("{what} reworded: saved answers keep their positions, check they still mean the same", what=what),
            )
    # Right-choice flags of a different number of choices were reported as a count change.
    changed = type_named(old.type).answer_changed
    if old.answer != new.answer and len(old.answer) == len(new.answer) and changed is not None:
        report("warning", "C213", changed)
    return findings


# What a saved answer points at (the types' ``shape`` parts), as messages name it.
_PARTS: dict[str, Message] = {
    "choices": t("choices"),
    "left sides": t("left sides"),
    "right sides": t("right sides"),
    "items": t("items"),
    "scale points": t("scale points"),
}
