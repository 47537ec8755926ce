"""Prose values read as written: French typography never breaks the YAML of a quiz or front matter.

Authors type ``prompt: Attention : lisez``, ``title: Éthique : les bases``,
``- [x] le dossier d'un patient`` or ``'…aujourd'hui ?'``: plain YAML refuses all of them or
reads something else. Before the safe YAML loader sees a front matter or a quiz block, this
module finds each value that the schema below calls *prose* and, when it is written without
quotes, rewrites it as a double-quoted YAML string holding exactly the text of the line (and of
its more indented continuation lines). Lines are never added or removed and every value keeps
its starting column, so the loader's positions stay the file's.

The rules, which ``docs/authoring-format.*.md`` (section on French text) states for authors:

- an unquoted prose value is the rest of the line, ``: ``, ``[x]``, ``*``, ``%``, ``@``,
  backquotes, leading dashes and ``#3`` included; ``#`` after a space and followed by a space
  (or ending the line) still starts a comment, as YAML has it;
- a value in quotes that YAML reads is kept as YAML reads it; one that it cannot read is
  taken as the author meant it when that is certain (``'l'hôpital d'Arras'``: the inner quotes
  are apostrophes; ``"Oui" ou "Non" ?``: the quotes are part of the text), and is an error that
  says what to write when it is not (``"Il a dit "non""``, a quote never closed);
- ``~``, ``null``, block scalars (``|``, ``>``), anchors that an alias uses, aliases and flow
  lists of list keys keep their YAML meaning; in a list that takes texts or mappings (``choices``), ``- key: value``
  is a mapping only when ``key`` is one of the mapping's keys (or a near miss of one);
- a tab in a line's indentation is an error of its own (YAML indents with spaces).

:func:`read_prose` is pure and reusable (``ehealth fmt`` reads sources the same way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from .diagnostics import did_you_mean
from .i18n import Message, t

__all__ = [
    "PROSE",
    "ProseMap",
    "ProseList",
    "ProseProblem",
    "ProseValue",
    "ProseReading",
    "QUIZ_PROSE",
    "FRONT_MATTER_PROSE",
    "read_prose",
    "writes_unquoted",
]


class _Prose:
    """A text value."""

    def __repr__(self) -> str:
        return "PROSE"


PROSE = _Prose()


@dataclass(frozen=True, slots=True)
class ProseMap:
    """A mapping: the schema of each key (keys not listed hold no prose)."""

    keys: dict[str, Node]


@dataclass(frozen=True, slots=True)
class ProseList:
    """A list whose items are texts (``text``), mappings (``mapping``) or either."""

    text: bool
    mapping: ProseMap | None = None


Node = Union[_Prose, ProseMap, ProseList, None]

_FEEDBACK = ProseMap({"correct": PROSE, "incorrect": PROSE, "partial": PROSE})
_TEXTS = ProseList(text=True)

QUIZ_PROSE = ProseMap(
    {
        "prompt": PROSE,
        "explanation": PROSE,
        "unit": PROSE,
        "feedback": _FEEDBACK,
        "choices": ProseList(
            text=True, mapping=ProseMap({"text": PROSE, "feedback": PROSE, "correct": None, "id": None})
        ),
        "items": _TEXTS,
        "scale": _TEXTS,
        "distractors": _TEXTS,
        "answers": _TEXTS,
        "pairs": ProseList(text=False, mapping=ProseMap({"left": PROSE, "right": PROSE})),
        # tcs, kfp, hotspot
        "hypothesis": PROSE,
        "information": PROSE,
        "labels": _TEXTS,
        "actions": ProseList(
            text=True, mapping=ProseMap({"text": PROSE, "feedback": PROSE, "correct": None, "dangerous": None})
        ),
        "alt": PROSE,
    }
)
"""Where a quiz block holds prose; a question type with new text keys adds them here."""

FRONT_MATTER_PROSE = ProseMap(
    {
        "title": PROSE,
        "description": PROSE,
        "authors": _TEXTS,
        "reviewers": _TEXTS,
        "references": ProseList(
            text=True, mapping=ProseMap({"title": PROSE, "url": None, "date": None, "checked": None})
        ),
    }
)
"""Where the front matter holds prose."""


_ONE_PROSE_KEY = ProseMap({"k": PROSE})


@dataclass(frozen=True, slots=True)
class ProseProblem:
    message: Message
    line: int
    """0-based, in the YAML text."""
    column: int
    hint: Message | None = None
    kind: str = "syntax"
    """``syntax`` or ``tab``."""


@dataclass(frozen=True, slots=True)
class ProseValue:
    """A prose value this module rewrote: where it is and the text it stands for."""

    line: int
    column: int
    end_line: int
    text: str


@dataclass(slots=True)
class ProseReading:
    text: str
    """The YAML to load: same lines, prose values rewritten as double-quoted strings."""
    problems: list[ProseProblem] = field(default_factory=list)
    values: list[ProseValue] = field(default_factory=list)


_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t]|$)")
_NULL = re.compile(r"(?:~|null|Null|NULL)(?:[ \t]+#.*)?")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?")
_LOWER_KEY = re.compile(r"([a-z_][a-z0-9_]*):(?=\s|$)")
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)(?:[ \t]|$)")
_ALIAS = re.compile(r"\*([^\s,\[\]{}]+)[ \t]*(?:#.*)?")
# ' #' then a space or the end of the line: a YAML comment, kept as one.
_COMMENT = re.compile(r"[ \t]#(?=[ \t]|$)")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\u2028": "\\L", "\u2029": "\\P", "\x85": "\\N"}


_ESCAPE_TABLE = str.maketrans(_ESCAPES)


_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")


def _quoted(text: str) -> str:
    """``text`` as the inside of a YAML double-quoted string."""
    # Most text needs no escape, and translate looks every character up in a table.
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _blank(line: str) -> bool:
    return not line.strip()


def _comment_line(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def _without_comment(text: str) -> tuple[str, bool]:
    """The text before a YAML comment, and whether there was one."""
    if "#" not in text:
        return text, False  # most values: no regex pass over them
    found = _COMMENT.search(text)
    return (text[: found.start()], True) if found else (text, False)


@dataclass(slots=True)
class _Frame:
    indent: int
    node: Node
    kind: str
    """``map`` or ``seq``."""


class _Scanner:
    def __init__(self, text: str, schema: ProseMap) -> None:
        self.lines = text.split("\n")
        self.out = list(self.lines)
        self.schema = schema
        self.reading = ProseReading(text)
        self.anchors = "&" in text

    def run(self) -> ProseReading:
        frames: list[_Frame] = []
        pending: tuple[Node, int] | None = None  # a key with nothing after its colon
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if _blank(line) or _comment_line(line):
                index += 1
                continue
            lead = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in lead:
                self.reading.problems.append(
                    ProseProblem(
                        t("a tab indents this line: YAML indents with spaces only"),
                        index,
                        lead.index("\t"),
                        hint=t("replace the tab with spaces, two per level"),
                        kind="tab",
                    )
                )
                index += 1
                continue
            indent = _indent(line)
            if pending is not None:
                child, key_indent = pending
                pending = None
                dash = line[indent:].startswith("-") and line[indent + 1 : indent + 2] in ("", " ")
                if indent > key_indent or (indent == key_indent and dash):
                    text = child is PROSE or (
                        not isinstance(child, (ProseMap, ProseList)) and not _KEY.match(line, indent)
                    )
                    if not dash and text:
                        # `prompt:` with its text on the lines below.
                        index = self._value(index, indent, child, key_indent)
                        continue
                    frames.append(_Frame(indent, child, "seq" if dash else "map"))
            while frames and frames[-1].indent > indent:
                frames.pop()
            if not frames:
                frames.append(_Frame(indent, self.schema, "map"))
            index, pending = self._line(index, indent, frames)
        self.reading.text = "\n".join(self.out)
        return self.reading

    def _line(self, index: int, indent: int, frames: list[_Frame]) -> tuple[int, tuple[Node, int] | None]:
        """One line that starts a value: dashes of list items, then a key or a value."""
        line = self.lines[index]
        column = indent
        top = frames[-1]
        node: Node = top.node if top.indent == indent else None
        kind = top.kind if top.indent == indent else None
        while line[column:].startswith("-") and line[column + 1 : column + 2] in ("", " "):
            if kind != "seq":
                # A key at the column of a list's dashes ends the list, so here the list is new
                # and unknown (a list of lists, or a structure the schema has no word for).
                node = None
            dash = column
            items = node if isinstance(node, ProseList) else None
            column += 1
            while line[column : column + 1] == " ":
                column += 1
            if column >= len(line.rstrip()):
                item: Node = items.mapping if items is not None else None
                return index + 1, (item, dash)
            rest = line[column:]
            match = _KEY.match(rest)
            if items is not None:
                as_mapping = (
                    items.mapping is not None
                    and match is not None
                    and (not items.text or _is_key(match.group(1), items.mapping))
                )
                if as_mapping and items.mapping is not None:
                    frames.append(_Frame(column, items.mapping, "map"))
                    return self._key(index, column, frames[-1])
                if items.text and not (rest.startswith("{") and items.mapping is not None):
                    return self._value(index, column, PROSE, dash), None
                return self._value(index, column, None, dash), None
            if match is not None:
                frames.append(_Frame(column, None, "map"))
                return self._key(index, column, frames[-1])
            if line[column:].startswith("-") and line[column + 1 : column + 2] in ("", " "):
                kind = "seq"
                node = None
                continue
            return self._value(index, column, None, dash), None
        if kind == "seq":
            # A key at the column of a list's dashes: the list has ended.
            frames.pop()
        if not frames or frames[-1].indent != indent or frames[-1].kind != "map":
            return self._skip(index + 1, indent), None
        return self._key(index, column, frames[-1])

    def _key(self, index: int, column: int, frame: _Frame) -> tuple[int, tuple[Node, int] | None]:
        line = self.lines[index]
        match = _KEY.match(line, column)
        if match is None:
            return self._skip(index + 1, column), None
        mapping = frame.node
        child = mapping.keys.get(match.group(1)) if isinstance(mapping, ProseMap) else None
        start = match.end()
        while line[start : start + 1] in (" ", "\t") and start < len(line):
            start += 1
        value, _ = _without_comment(" " + line[start:])
        if not value.strip():
            return index + 1, (child, column)
        return self._value(index, start, child, column), None

    def _skip(self, index: int, indent: int) -> int:
        """Past the lines that continue the value begun above (more indented than ``indent``)."""
        last = index
        while last < len(self.lines):
            line = self.lines[last]
            if not _blank(line) and _indent(line) <= indent:
                break
            last += 1
        return last

    def _value(self, index: int, start: int, node: Node, parent: int) -> int:
        """Read the value at ``lines[index][start:]``; rewrite it if it is unquoted prose."""
        line = self.lines[index]
        value = line[start:].rstrip()
        first = value[:1]
        if node is not PROSE:
            if first in "\"'[{|>&!*" or not _plain_colon(value):
                return self._past_value(index, start, parent)
            # `key: a: b` is never YAML: read the value as text so the key's own rule can speak.
            return self._rewrite(index, start, parent)
        if _NULL.fullmatch(value) or _BLOCK_HEADER.fullmatch(value):
            return self._past_value(index, start, parent)
        if first == "*" and self.anchors and _ALIAS.fullmatch(value):
            return self._past_value(index, start, parent)
        anchor = _ANCHOR.match(value) if first == "&" else None
        if anchor is not None and f"*{anchor.group(1)}" in self.reading.text:
            # An anchor some alias uses: YAML's, as the alias is.
            return self._past_value(index, start, parent)
        if first in "\"'":
            return self._quoted_value(index, start, parent)
        return self._rewrite(index, start, parent)

    def _past_value(self, index: int, start: int, parent: int) -> int:
        value = self.lines[index][start:]
        if value[:1] in "\"'":
            end = _closing_quote(self.lines, index, start, parent)
            if end is not None and end[0] > index:
                return end[0] + 1
        return self._skip(index + 1, parent)

    def _rewrite(self, index: int, start: int, parent: int, text: str | None = None) -> int:
        """Write the unquoted value at ``(index, start)`` and its continuation lines in quotes."""
        line = self.lines[index]
        if text is not None:
            self.out[index] = f'{line[:start]}"{_quoted(text)}"'
            self._record(index, start, index, text)
            return self._skip(index + 1, parent)
        head, commented = _without_comment(line[start:])
        parts = [head.strip()]
        rows = [index]
        last = index + 1
        while not commented and last < len(self.lines):
            following = self.lines[last]
            if _blank(following):
                last += 1
                continue
            if _indent(following) <= parent or _comment_line(following) or "\t" in following[: _indent(following) + 1]:
                break
            body, commented = _without_comment(following)
            looks_like_key = _LOWER_KEY.match(body.strip())
            if looks_like_key:
                # YAML refuses `key:` inside a text; read as text it would vanish into the line
                # above, which is rarely what the author meant.
                self.reading.problems.append(
                    ProseProblem(
                        t(
                            "'{key}:' is indented under the text above, so it would be part of it",
                            key=looks_like_key.group(1),
                        ),
                        last,
                        _indent(following),
                        hint=t("align it with the keys it belongs with, or put the whole text in quotes"),
                    )
                )
            parts.extend("" for _ in range(last - rows[-1] - 1))
            parts.append(body.strip())
            rows.append(last)
            last += 1
        if len(rows) == 1:
            self.out[index] = f'{line[:start]}"{_quoted(parts[0])}"'
        else:
            self.out[index] = f'{line[:start]}"{_quoted(parts[0])}'
            for row in rows[1:]:
                original = self.lines[row]
                body, _ = _without_comment(original)
                self.out[row] = " " * _indent(original) + _quoted(body.strip())
            self.out[rows[-1]] += '"'
        self._record(index, start, rows[-1], _folded(parts))
        return rows[-1] + 1

    def _record(self, index: int, start: int, end: int, text: str) -> None:
        self.reading.values.append(ProseValue(index, start, end, text))

    def _quoted_value(self, index: int, start: int, parent: int) -> int:
        line = self.lines[index]
        quote = line[start]
        end = _closing_quote(self.lines, index, start, parent)
        value = line[start:].rstrip()
        if end is not None and _only_comment(self.lines[end[0]][end[1] + 1 :]):
            return end[0] + 1
        inner = value[1:-1] if len(value) > 1 and value.endswith(quote) else None
        if inner is not None and quote == "'" and _apostrophes_only(inner):
            return self._rewrite(index, start, parent, inner.replace("''", "'"))
        if inner is None and end is not None and end[0] == index and _closes(line, end[1], quote):
            # "Oui" ou "Non" ? : the quotes belong to the text.
            return self._rewrite(index, start, parent)
        if inner is not None:
            message = t("this text is in quotes and holds the same quotes: YAML cannot tell where it ends")
            hint = (
                t("write it without the outer quotes, or use « » inside")
                if quote == '"'
                else t("write it without the outer quotes, or write each ' inside twice")
            )
        else:
            message = t("the quote {quote} that starts this text is never closed", quote=quote)
            hint = t("end the text with {quote}, or remove the {quote} at its start", quote=quote)
        self.reading.problems.append(ProseProblem(message, index, start, hint=hint))
        return self._rewrite(index, start, parent, value)


def _folded(parts: list[str]) -> str:
    """What YAML makes of a value's lines: one space between lines, a newline per blank line."""
    text = parts[0]
    blanks = 0
    for part in parts[1:]:
        if not part:
            blanks += 1
            continue
        text += "\n" * blanks if blanks else " "
        text += part
        blanks = 0
    return text


def _plain_colon(value: str) -> bool:
    """A plain value YAML refuses because it holds ': ' or ends with ':'."""
    body, _ = _without_comment(" " + value)
    body = body.strip()
    return ": " in body or body.endswith(":")


def _is_key(key: str, mapping: ProseMap) -> bool:
    return key in mapping.keys or did_you_mean(key, mapping.keys) is not None


def _only_comment(rest: str) -> bool:
    stripped = rest.strip()
    return not stripped or (stripped.startswith("#") and rest[:1] in (" ", "\t"))


def _closes(line: str, position: int, quote: str) -> bool:
    """The quote at ``position`` closes a quotation (a space or punctuation follows it)."""
    after = line[position + 1 : position + 2]
    return not (quote == "'" and after.isalpha())


def _apostrophes_only(inner: str) -> bool:
    """Every ' inside is an apostrophe (a letter before, a non-space after) or doubled."""
    text = inner.replace("''", "")
    for found in re.finditer("'", text):
        at = found.start()
        if at == 0 or not text[at - 1].isalpha() or at + 1 >= len(text) or text[at + 1].isspace():
            return False
    return True


# What can end a quoted scalar, or be skipped inside one: '' in single quotes, an escape in double.
_QUOTE_STOPS = {"'": re.compile("'"), '"': re.compile(r'["\\]')}


def _closing_quote(lines: list[str], index: int, start: int, parent: int) -> tuple[int, int] | None:
    """Where the YAML quoted scalar opened at ``(index, start)`` ends, or None if it does not."""
    quote = lines[index][start]
    stops = _QUOTE_STOPS[quote]
    row, column = index, start + 1
    while row < len(lines):
        line = lines[row]
        if row > index and not _blank(line) and _indent(line) <= parent:
            return None
        stop = stops.search(line, column)
        while stop is not None:
            column = stop.start()
            if stop.group() == "\\" or line[column + 1 : column + 2] == quote == "'":
                stop = stops.search(line, column + 2)
                continue
            return row, column
        row, column = row + 1, 0
    return None


def writes_unquoted(text: str) -> bool:
    """Whether ``text`` written without quotes after a prose key reads back as exactly ``text``.

    For writers of sources (``ehealth fmt``): quote a prose value only when this is False.
    """
    if "\n" in text or text != text.strip() or _ALIAS.fullmatch(text) or _ANCHOR.match(text):
        # An alias or anchor reads as YAML's in a document that has the other half.
        return False
    reading = read_prose(f"k: {text}", _ONE_PROSE_KEY)
    return not reading.problems and [v.text for v in reading.values] == [text]


def read_prose(text: str, schema: ProseMap) -> ProseReading:
    """The YAML ``text`` with every unquoted prose value of ``schema`` quoted, and the problems."""
    return _Scanner(text, schema).run()
