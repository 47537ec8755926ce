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
from ..i18n import Message, t
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


def read_options(folder: Path, name: str) -> tuple[tuple[str, ...], list[tuple[int, Message]], list[Message]]:
    """The entries of the list file ``name`` of the module ``folder``, the problems an author must
    fix (line, message; line 0 for the file as a whole) and the warnings (empty lines)."""
    root = folder.resolve()
    path = (folder / name).resolve()
    if Path(name).is_absolute() or not path.is_relative_to(root):
        return (), [(0, t("'{file}' is outside the module folder", file=name))], []
    if path.suffix.lower() not in _LIST_SUFFIXES:
        return (), [(0, t("'{file}' must be a text file (.txt), one entry per line", file=name))], []
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return (), [(0, t("'{file}' cannot be read: no such file in the module folder", file=name))], []
    if len(data) > MAX_BYTES:
        return (), [(0, t("'{file}' is larger than {size} KiB", file=name, size=MAX_BYTES // 1024))], []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (), [(0, t("'{file}' is not UTF-8 text", file=name))], []
    entries: list[str] = []
    problems: list[tuple[int, Message]] = []
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
                    t(
                        "'{file}' line {line} is longer than {most} characters or holds a control character",
                        file=name,
                        line=number,
                        most=MAX_ENTRY_LENGTH,
                    ),
                )
            )
            continue
        key = normalize_text(entry)
        if key in seen:
            problems.append(
                (
                    number,
                    t(
                        "'{file}' line {line} repeats line {first} ('{entry}', case and accents aside)",
                        file=name,
                        line=number,
                        first=seen[key],
                        entry=entry[:40],
                    ),
                )
            )
            continue
        seen[key] = number
        entries.append(entry)
    if len(entries) > MAX_ENTRIES:
        problems.append(
            (0, t("'{file}' has {count} entries: at most {most}", file=name, count=len(entries), most=MAX_ENTRIES))
        )
    elif not entries:
        problems.append((0, t("'{file}' has no entry", file=name)))
    warnings = [t("'{file}': empty lines ignored: {lines}", file=name, lines=", ".join(empty[:10]))] if empty else []
    return tuple(entries), problems, warnings


class LongMenuType(QuestionType[LongMenuQuestion]):
    name = "longmenu"
    model = LongMenuQuestion
    interaction = "fill-in"
    keys = ("options", "answers")
    required = ("options", "answers")
    answer_changed = t("the accepted answers changed: wrong answers are saved as a verdict only and keep it")
    moodle_type = "shortanswer"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        name = fields.text(data, (), "options")
        answers = fields.text_list(data, (), "answers")
        if name is None or answers is None or len(answers) != len(data["answers"]):
            return None
        if not answers:
            fields.invalid(("answers",), t("'answers' needs at least one accepted answer"))
            return None
        entries, problems, warnings = read_options(reader.ctx.render.module_dir, name)
        at = fields.at(("options",))
        for _, message in problems:
            fields.report.error("E453", message, at=at)
        for message in warnings:
            fields.report.warning("W451", message, at=at, hint=t("delete the empty lines"))
        if problems:
            return None
        listed = {normalize_text(entry): entry for entry in entries}
        ok = True
        for index, answer in enumerate(answers):
            if normalize_text(answer) not in listed:
                fields.report.error(
                    "E454",
                    t("answer '{answer}' is not an entry of '{file}'", answer=answer[:40], file=name),
                    at=fields.at(("answers", index)),
                )
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

    def moodle_caveats(self, question: LongMenuQuestion) -> tuple[Message, ...]:
        return (
            t(
                "Moodle's short answer has no list: the {count} entries of '{file}' are not offered as the learner types",
                count=len(question.options),
                file=question.options_file,
            ),
        )

    def gift(self, question: LongMenuQuestion, head: str, general: str, warn: Warn) -> str | None:
        return TEXT.gift(_as_text(question), head, general, warn)


LONGMENU = LongMenuType()
