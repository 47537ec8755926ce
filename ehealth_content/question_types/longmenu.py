"""``longmenu``: one answer picked from a long list (drugs, diagnoses…) in a text file of the
module, by typing with type-ahead. Scored as a ``text`` question with ``match: normalized``
(case and accents ignored) whose accepted answers must be entries of the list; the player
refuses an entry that is not in the list.

The list reaches the learner once per file, however many questions use it: one
``<datalist>`` in the page (packager/templates/index.html.j2), which the native
``<input list>`` offers as type-ahead.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .._answers import Response, normalize_text
from .._reader import Reader
from ..model import LongMenuQuestion, Question, QuestionBase, TextQuestion
from ._spec import Answer, Markup, Parts, QuestionType, StoredResponse, Unfit, Warn, XmlWriter
from .text import TEXT

__all__ = ["LONGMENU", "LongMenuType", "MAX_ENTRIES", "read_options"]

MAX_ENTRIES = 10_000
# Bounded so that a wrong file (a database dump) is refused rather than embedded in every page.
MAX_BYTES = 512 * 1024
MAX_ENTRY_LENGTH = 200
_LIST_SUFFIXES = (".txt", ".csv")


def _as_text(question: LongMenuQuestion) -> TextQuestion:
    common = {f.name: getattr(question, f.name) for f in dataclasses.fields(QuestionBase)}
    return TextQuestion(answers=question.answers, match="normalized", **common)


def read_options(folder: Path, name: str) -> tuple[tuple[str, ...], list[tuple[int, str]], list[str]]:
    """The entries of the list file ``name`` of the module ``folder``, the problems an author must
    fix (line, message; line 0 for the file as a whole) and the warnings (empty lines)."""
    root = folder.resolve()
    path = (folder / name).resolve()
    if Path(name).is_absolute() or not path.is_relative_to(root):
        return (), [(0, f"'{name}' is outside the module folder")], []
    if path.suffix.lower() not in _LIST_SUFFIXES:
        return (), [(0, f"'{name}' must be a text file (.txt), one entry per line")], []
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return (), [(0, f"'{name}' cannot be read: no such file in the module folder")], []
    if len(data) > MAX_BYTES:
        return (), [(0, f"'{name}' is larger than {MAX_BYTES // 1024} KiB")], []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (), [(0, f"'{name}' is not UTF-8 text")], []
    entries: list[str] = []
    problems: list[tuple[int, str]] = []
    empty: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        entry = " ".join(line.split())
        if not entry:
            empty.append(str(number))
            continue
        if len(entry) > MAX_ENTRY_LENGTH or any(ord(c) < 32 for c in entry):
            problems.append(
                (
                    number,
                    f"'{name}' line {number} is longer than {MAX_ENTRY_LENGTH} characters or holds a control character",
                )
            )
            continue
        key = normalize_text(entry)
        if key in seen:
            problems.append(
                (number, f"'{name}' line {number} repeats line {seen[key]} ('{entry[:40]}', case and accents aside)")
            )
            continue
        seen[key] = number
        entries.append(entry)
    if len(entries) > MAX_ENTRIES:
        problems.append((0, f"'{name}' has {len(entries):,} entries: at most {MAX_ENTRIES:,}"))
    elif not entries:
        problems.append((0, f"'{name}' has no entry"))
    warnings = [f"'{name}': empty line{'s' if len(empty) > 1 else ''} {', '.join(empty[:10])} ignored"] if empty else []
    return tuple(entries), problems, warnings


class LongMenuType(QuestionType[LongMenuQuestion]):
    name = "longmenu"
    model = LongMenuQuestion
    interaction = "fill-in"
    keys = ("options", "answers")
    required = ("options", "answers")
    answer_changed = "the accepted answers changed: wrong answers are saved as a verdict only and keep it"
    moodle_type = "shortanswer"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        name = fields.text(data, (), "options")
        answers = fields.text_list(data, (), "answers")
        if name is None or answers is None or len(answers) != len(data["answers"]):
            return None
        if not answers:
            fields.invalid(("answers",), "'answers' needs at least one accepted answer")
            return None
        entries, problems, warnings = read_options(reader.ctx.render.module_dir, name)
        line, column = fields.at(("options",))
        for _, message in problems:
            fields.report.error("E443", message, line, column)
        for message in warnings:
            fields.report.warning("W441", message, line, column, hint="delete the empty lines")
        if problems:
            return None
        listed = {normalize_text(entry): entry for entry in entries}
        ok = True
        for index, answer in enumerate(answers):
            if normalize_text(answer) not in listed:
                at_line, at_column = fields.at(("answers", index))
                fields.report.error("E444", f"answer '{answer[:40]}' is not an entry of '{name}'", at_line, at_column)
                ok = False
        if not ok:
            return None
        # Answers as the list spells them: what the learner picks, and what Moodle shows.
        spelt = tuple(listed[normalize_text(answer)] for answer in answers)
        return LongMenuQuestion(options_file=name, options=entries, answers=spelt, **common)

    def fraction(self, question: LongMenuQuestion, response: Response) -> float:
        return TEXT.fraction(_as_text(question), response)

    def data(self, question: LongMenuQuestion) -> dict[str, Any]:
        return {"answers": list(question.answers), "list": question.list_id}

    # RESPONSE: as text's: "=" and the accepted answer's position, or "x" (a verdict).
    def encode(self, question: LongMenuQuestion, response: StoredResponse) -> str:
        return TEXT.encode(_as_text(question), response)

    def decode(self, question: LongMenuQuestion, text: str) -> StoredResponse | Unfit:
        return TEXT.decode(_as_text(question), text)

    def longest(self, question: LongMenuQuestion) -> StoredResponse:
        return question.answers[-1]

    def shape(self, question: LongMenuQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (), (tuple(question.answers), "normalized")

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return (), (tuple(entry["answers"]), "normalized")

    def moodle_xml(self, xml: XmlWriter, element: Any, question: LongMenuQuestion) -> None:
        TEXT.moodle_xml(xml, element, _as_text(question))

    def moodle_caveats(self, question: LongMenuQuestion) -> tuple[str, ...]:
        return (
            f"Moodle's short answer has no list: the {len(question.options):,} entries of "
            f"'{question.options_file}' are not offered as the learner types",
        )

    def gift(self, question: LongMenuQuestion, head: str, general: str, warn: Warn) -> str | None:
        return TEXT.gift(_as_text(question), head, general, warn)


LONGMENU = LongMenuType()
