"""How our questions map onto Moodle's question bank: the choices both export formats share.

Rules (stated once here, tested in ``tests/authoring``):

- Categories: one per module, ``$course$/<module title>``, and one per competency beneath it,
  ``$course$/<module title>/<id> <label>``; questions without a competency sit in the module's.
  A ``/`` inside a name is doubled, as Moodle's category paths require.
- Fractions must be values of Moodle's grade list (100, 50, 33.33333, … 5, 0 and their
  negatives): an import refuses any other. ``multiple`` questions give each right choice
  100/k % (k right choices). Wrong choices get -100/m % (m wrong choices) under
  ``scoring: partial``, so that checking every box earns 0, and -100 % under
  ``all-or-nothing``: one wrong box then zeroes the question. Moodle cannot express "all or
  nothing" exactly with core types: a learner who checks only some right boxes and no wrong
  one still earns their share. Questions whose k has no even split in the list (k > 10,
  except 20) are left out with a warning.
- ``text``/``normalized``: Moodle's short answer ignores case (usecase 0) but not accents or
  repeated spaces, so each accepted answer also goes in without accents and with single
  spaces. ``*`` is Moodle's wildcard: literal asterisks are escaped.
- ``numeric``: Moodle takes an answer ± an absolute tolerance; a range becomes its middle ±
  half its width. The unit is declared optional (graded neither way), as ours is only shown.
- Penalty 0: our learners' last submission counts, with no deduction for retries.
- ``likert`` has no Moodle quiz equivalent and is left out with a warning.
- Id numbers are ``<module id>:<question id>`` (Moodle wants them unique within a category, and
  modules may share question ids); Moodle keeps at most 100 characters, so a longer one is
  left out rather than cut into a clash. Tags are written as Moodle stores them (PARAM_TAG):
  without control characters, ``<``, ``>`` or backquotes, runs of white space folded, at most
  50 characters; a tag that changes on the way gets a warning.
- Each type's own mapping (Moodle question type, answers, what is lost) is in its module of
  :mod:`ehealth_content.question_types`; the choices above it relies on live there too.
- A case (dossier progressif) has no Moodle equivalent: each of its questions goes on its own,
  its prompt preceded by the steps up to its own (each step's title, then its text; in its own
  step, the text before it), with a warning that the progressive reveal is lost.
- Control characters cannot travel in Moodle XML and only garble a GIFT file: every text
  loses them (U+FFFD in their place).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .._render import plain_text
from ..model import Content, Module, Question, RichText
from ..question_types import type_of
from ..question_types._formats import format_fraction, format_number
from ..question_types.multiple import choice_fractions
from ..question_types.numeric import numeric_answer
from ..question_types.text import short_answers

__all__ = [
    "ExportNote",
    "Category",
    "case_prompts",
    "categories",
    "category_path",
    "choice_fractions",
    "clean_text",
    "format_fraction",
    "format_number",
    "idnumber",
    "iter_exported",
    "moodle_tag",
    "note",
    "numeric_answer",
    "short_answers",
    "tags",
    "unsupported",
]

# question.idnumber is a 100-character column; tags are cut to TAG_MAX_LENGTH.
_IDNUMBER_MAX = 100
_TAG_MAX = 50
# What clean_param(PARAM_TAG) removes: control characters, < > and the backquote.
_TAG_REMOVED = re.compile(r"[\x00-\x1f\x7f<>`]")
# C0 (but tab, line feed, carriage return), DEL, C1, and what XML 1.0 forbids besides.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class ExportNote:
    """Something an export could not carry over, to be shown to the user."""

    module_id: str
    question_id: str | None
    message: str
    left_out: bool = False
    """True when the question is not in the output at all (rather than a detail lost)."""
    file: str = ""
    """The module's source file, when known, with the 1-based line and column below."""
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        where = self.module_id + (f"/{self.question_id}" if self.question_id else "")
        place = f"{self.file}:{self.line}:{self.column}: " if self.file else ""
        return f"{place}warning: {where}: {self.message}"


def note(module: Module, question: Question, message: str, *, left_out: bool = False) -> ExportNote:
    """A note about ``question``, at its source line."""
    return ExportNote(
        module.id, question.id, message, left_out, str(module.source_path), question.span.line, question.span.column
    )


def clean_text(text: str) -> str:
    """``text`` without control characters (U+FFFD in their place): XML refuses most of them,
    and in a GIFT file they would reach Moodle, or a terminal, as they are."""
    return _CONTROL.sub("\ufffd", text)


@dataclass(frozen=True, slots=True)
class Category:
    path: str
    """Moodle category path, ``$course$/…``."""
    info: str
    """A plain-text description shown in the question bank."""
    questions: tuple[Question, ...]


def _segment(name: str) -> str:
    # Moodle splits category paths on single slashes and reads "//" as a literal one.
    return " ".join(name.split()).replace("/", "//")


def category_path(module: Module, competency_id: str | None = None) -> str:
    """``$course$/<module title>[/<competency id> <label>]``."""
    path = f"$course$/{_segment(module.title)}"
    if competency_id is None:
        return path
    found = module.framework.competency(competency_id)
    label = "" if found is None else (found.label_en if module.lang.startswith("en") else found.label_fr)
    return f"{path}/{_segment(f'{competency_id} {label}'.strip())}"


def categories(module: Module) -> list[Category]:
    """The module's category, then one per competency in the framework's order."""
    by_competency: dict[str | None, list[Question]] = {}
    for question in module.questions:
        by_competency.setdefault(question.competency, []).append(question)
    pools = "; ".join(
        f"{p.name}: pick {p.pick} of {len(p.question_ids)} (tag {moodle_tag(f'pool-{p.name}')})" for p in module.pools
    )
    info = f"{module.id} {module.version}" + (f". Pools — {pools}" if pools else "")
    result = [Category(category_path(module), info, tuple(by_competency.pop(None, ())))]
    order = list(module.framework.competencies)
    for competency_id in sorted(by_competency, key=lambda c: (order.index(c) if c in order else len(order), c or "")):
        result.append(
            Category(
                category_path(module, competency_id),
                f"{module.id}: {competency_id}",
                tuple(by_competency[competency_id]),
            )
        )
    return result


def idnumber(module: Module, question: Question) -> str | None:
    """``<module id>:<question id>``, or None when Moodle could not keep it whole."""
    found = f"{module.id}:{question.id}"
    return found if len(found) <= _IDNUMBER_MAX else None


def moodle_tag(raw: str) -> str:
    """``raw`` as Moodle stores a tag (clean_param PARAM_TAG)."""
    # PHP's trim() and \s (no /u) know ASCII white space only; reading the file back trims
    # again, hence the strip after the cut.
    folded = re.sub(r" +", " ", _TAG_REMOVED.sub("", raw)).strip(" ")
    return folded[:_TAG_MAX].strip(" ")


def _raw_tags(module: Module, question: Question) -> list[str]:
    found = [module.id]
    if question.competency:
        found.append(question.competency)
    if question.pool:
        found.append(f"pool-{question.pool}")
    return found


def tags(module: Module, question: Question) -> list[str]:
    """Tags that let a Moodle quiz draw random questions the way our pools do: the module
    id, the competency and ``pool-<name>``, as Moodle stores them."""
    return [t for t in (moodle_tag(raw) for raw in _raw_tags(module, question)) if t]


def unsupported(module: Module, question: Question) -> ExportNote | None:
    """Why ``question`` cannot go to Moodle at all, or None (the type says)."""
    why = type_of(question).unsupported(question)
    return None if why is None else note(module, question, why, left_out=True)


def _has_images(question: Question) -> bool:
    texts = [
        question.prompt,
        question.explanation,
        question.feedback.correct,
        question.feedback.incorrect,
        question.feedback.partial,
    ]
    return any(t is not None and "<img" in t.html for t in texts)


def case_prompts(module: Module) -> dict[str, tuple[str, RichText]]:
    """For each question of a case: the case's id and the question's prompt preceded by the
    case as far as the learner has read it when the question is asked."""
    found: dict[str, tuple[str, RichText]] = {}
    for page in module.pages:
        for case in page.cases:
            shown: list[str] = []
            plain: list[str] = []
            for step in case.steps:
                shown.append(f"<h3>{html.escape(step.title)}</h3>\n")
                plain.append(step.title)
                for block in step.blocks:
                    if isinstance(block, Content):
                        shown.append(block.html)
                        plain.append(plain_text(block.html))
                        continue
                    prompt = block.prompt
                    combined = RichText(prompt.source, "".join(shown) + prompt.html, " ".join([*plain, prompt.plain]))
                    found[block.id] = (case.id, combined)
    return found


def _tag_notes(module: Module) -> list[ExportNote]:
    # One note per tag Moodle would change, at the first question that carries it.
    seen: set[str] = set()
    found: list[ExportNote] = []
    for question in module.questions:
        for raw in _raw_tags(module, question):
            if raw not in seen and moodle_tag(raw) != raw:
                seen.add(raw)
                found.append(
                    note(
                        module,
                        question,
                        f"the tag '{raw}' becomes '{moodle_tag(raw)}' in Moodle "
                        "(at most 50 characters, no control characters, '<', '>' or '`')",
                    )
                )
    return found


def iter_exported(
    module: Module, notes: list[ExportNote], *, embeds_images: bool
) -> Iterator[tuple[Category, list[Question]]]:
    """Each category with the questions that can go to Moodle; the others become notes.

    Without ``embeds_images`` (GIFT), each question showing images gets a note too.
    """
    notes.extend(_tag_notes(module))
    in_cases = case_prompts(module)
    for category in categories(module):
        kept = []
        for question in category.questions:
            left_out = unsupported(module, question)
            if left_out is not None:
                notes.append(left_out)
                continue
            if question.id in in_cases:
                case_id, prompt = in_cases[question.id]
                notes.append(
                    note(
                        module,
                        question,
                        f"question of case '{case_id}': exported on its own, the text of the steps up to its own "
                        "before its prompt; Moodle cannot reveal the steps one after the other",
                    )
                )
                question = dataclasses.replace(question, prompt=prompt)
            if not embeds_images and _has_images(question):
                # The images stay in the module's folder; Moodle would show broken links.
                notes.append(note(module, question, "images are not embedded: add them in Moodle"))
            kept.append(question)
        yield category, kept
