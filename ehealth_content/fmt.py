"""``ehealth fmt``: a module in canonical form, so that review diffs show what changed in meaning.

The rewriting is line-based and conservative. Each rule below is applied on its own, then the
module is loaded again: the rule is kept only if the model (positions aside) and the
diagnostics (positions aside) are exactly those of the original. A rule that would change
anything, because of a YAML anchor, a block scalar's trailing spaces, or a parser that reads
prose differently tomorrow, is simply not applied to that file. Prose lines are never rewritten
except for trailing blanks that Markdown ignores; comments move with the key they sit above.

Rules, in order:
1. line endings LF, no byte-order mark, one final newline;
2. no trailing spaces or tabs (a Markdown hard break, two spaces or more, is kept), blank lines
   empty; no trailing blanks in front matter or quiz YAML;
3. one blank line at most between blocks of prose; none at the end of the file;
4. front-matter keys and quiz-block keys in the documented order (unknown keys after, in their
   order);
5. a list written under its key at column 0 (``choices:`` then ``- …``) indented by two spaces.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, has_errors
from .front_matter import KNOWN_KEYS
from .loader import load_text
from .model import Module, Span
from .question_types import TYPES

__all__ = ["FmtResult", "format_module_text", "FRONT_MATTER_ORDER", "QUIZ_ORDER"]

FRONT_MATTER_ORDER: tuple[str, ...] = KNOWN_KEYS
"""Front-matter keys in the order the format document lists them."""
# What the question is and how it counts first (the settings authors put after `type`), then
# its prompt, its type's own keys, and last what learners read after answering.
_QUIZ_HEAD = ("id", "type", "scoring", "match", "pool", "competency", "points", "attempts", "shuffle", "prompt")
_QUIZ_TAIL = ("feedback", "explanation")
QUIZ_ORDER: tuple[str, ...] = tuple(
    dict.fromkeys(
        _QUIZ_HEAD + tuple(key for spec in TYPES.values() for key in spec.keys if key not in _QUIZ_TAIL) + _QUIZ_TAIL
    )
)
"""Quiz keys: what the question is and counts for, its prompt, its type's keys, then what
learners read after answering."""

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
_TOP_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)")
_LIST_AT_ZERO = re.compile(r"^- ")
_FRONT_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(frozen=True, slots=True)
class FmtResult:
    text: str
    """The canonical text (the original when it has errors)."""
    changed: bool
    refused: tuple[Diagnostic, ...] = ()
    """The errors that kept the file from being rewritten."""


Loader = Callable[[str], tuple[Module | None, list[Diagnostic]]]


def format_module_text(text: str, path: str | Path = "module.md") -> FmtResult:
    """The canonical form of a module's text; ``path`` resolves media and the framework."""

    def load(candidate: str) -> tuple[Module | None, list[Diagnostic]]:
        return load_text(candidate, path)

    return _format(text, load)


def _format(text: str, load: Loader) -> FmtResult:
    module, diagnostics = load(text)
    if module is None or has_errors(diagnostics):
        return FmtResult(text, False, tuple(d for d in diagnostics if d.severity == "error"))
    reference = (_shape(module), _messages(diagnostics))
    current = text
    for rule in _RULES:
        candidate = rule(current)
        if candidate == current:
            continue
        found, found_diagnostics = load(candidate)
        if found is not None and (_shape(found), _messages(found_diagnostics)) == reference:
            current = candidate
    return FmtResult(current, current != text)


# --- what must not change ---------------------------------------------------------------------


def _shape(value: Any) -> Any:
    """The model without source positions (which move when lines do)."""
    if isinstance(value, Span):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__,) + tuple(
            _shape(getattr(value, f.name)) for f in dataclasses.fields(value) if f.compare
        )
    if isinstance(value, (tuple, list)):
        return tuple(_shape(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _shape(v)) for k, v in value.items())
    return value


def _messages(diagnostics: Iterable[Diagnostic]) -> tuple[tuple[str, str, str], ...]:
    # Messages may cite a line ("already used by the question at line 12"): digits aside.
    return tuple(sorted((d.code, d.file, re.sub(r"\d+", "#", d.message)) for d in diagnostics))


# --- where lines are ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Region:
    kind: str
    """``front`` (front-matter YAML), ``quiz`` (a quiz block's YAML), ``code`` (another fence's
    content, fences included) or ``prose``."""
    start: int
    end: int
    """Lines ``start`` to ``end - 1``."""


def _regions(lines: list[str]) -> list[_Region]:
    regions: list[_Region] = []
    index = 0
    if lines and _FRONT_FENCE.match(lines[0]):
        # As the loader splits it (_syntax.split_front_matter): '---' or YAML's '...' closes it.
        end = next(
            (i for i in range(1, len(lines)) if _FRONT_FENCE.match(lines[i]) or lines[i].rstrip() == "..."), None
        )
        if end is None:
            return [_Region("code", 0, len(lines))]
        regions.append(_Region("code", 0, 1))
        regions.append(_Region("front", 1, end))
        regions.append(_Region("code", end, end + 1))
        index = end + 1
    prose_start = index
    while index < len(lines):
        fence = _FENCE.match(lines[index])
        if fence is None:
            index += 1
            continue
        marker = fence["marker"]
        close = next(
            (
                i
                for i in range(index + 1, len(lines))
                if re.fullmatch(r" {0,3}" + re.escape(marker[0]) + "{" + str(len(marker)) + r",}[ \t]*", lines[i])
            ),
            None,
        )
        if close is None:
            regions.append(_Region("prose", prose_start, index))
            regions.append(_Region("code", index, len(lines)))
            return [r for r in regions if r.end > r.start]
        regions.append(_Region("prose", prose_start, index))
        if fence["info"].strip() == "quiz" and not fence["indent"]:
            regions.append(_Region("code", index, index + 1))
            regions.append(_Region("quiz", index + 1, close))
            regions.append(_Region("code", close, close + 1))
        else:
            regions.append(_Region("code", index, close + 1))
        index = close + 1
        prose_start = index
    regions.append(_Region("prose", prose_start, len(lines)))
    return [r for r in regions if r.end > r.start]


def _rewrite(text: str, change: Callable[[str, list[str]], list[str]]) -> str:
    """``text`` with each region's lines passed through ``change(kind, lines)``."""
    lines = text.split("\n")
    out: list[str] = []
    for region in _regions(lines):
        out.extend(change(region.kind, lines[region.start : region.end]))
    return "\n".join(out)


# --- the rules ----------------------------------------------------------------------------------


def _line_endings(text: str) -> str:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n"


def _trailing_blanks(text: str) -> str:
    def change(kind: str, lines: list[str]) -> list[str]:
        if kind == "code":
            return lines
        if kind in ("front", "quiz"):
            return [line.rstrip(" \t") for line in lines]
        return [_prose_line(line, lines[i + 1] if i + 1 < len(lines) else "") for i, line in enumerate(lines)]

    return _rewrite(text, change)


def _prose_line(line: str, following: str) -> str:
    stripped = line.rstrip(" \t")
    tail = line[len(stripped) :]
    # Two spaces or more before a line that goes on with the paragraph are a Markdown hard
    # break: meaning, not noise. Elsewhere (a heading, a paragraph's end) they are noise.
    hard_break = tail.startswith("  ") and "\t" not in tail and following.strip() != ""
    return line if hard_break and stripped and not stripped.lstrip().startswith("#") else stripped


def _blank_lines(text: str) -> str:
    def change(kind: str, lines: list[str]) -> list[str]:
        if kind != "prose":
            return lines
        out: list[str] = []
        for line in lines:
            if line.strip() == "" and out and out[-1].strip() == "":
                continue
            out.append(line)
        return out

    return _rewrite(text, change).rstrip("\n") + "\n"


def _chunks(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]] | None:
    """Top-level entries of a YAML mapping written one key a line: the lines before the first
    key, then (key, lines) with the comments written just above each key; None when the YAML is
    not that (a flow mapping, a document marker)."""
    head: list[str] = []
    chunks: list[tuple[str, list[str]]] = []
    pending: list[str] = []
    for line in lines:
        found = _TOP_KEY.match(line)
        if found:
            chunks.append((found["key"], pending + [line]))
            pending = []
        elif line.startswith("#") or not line.strip():
            pending.append(line)
        elif line[0] in " \t-" and chunks:
            chunks[-1][1].extend(pending + [line])
            pending = []
        else:
            return None
    if not chunks:
        return None
    if pending:
        chunks[-1][1].extend(pending)
    head, first = _split_head(chunks[0][1])
    chunks[0] = (chunks[0][0], first)
    return head, chunks


def _split_head(lines: list[str]) -> tuple[list[str], list[str]]:
    """Blank lines before the first key stay at the top; its comments move with it."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    return lines[:index], lines[index:]


def _ordered(lines: list[str], order: tuple[str, ...]) -> list[str]:
    parsed = _chunks(lines)
    if parsed is None:
        return lines
    head, chunks = parsed
    rank = {key: index for index, key in enumerate(order)}
    ordered = sorted(enumerate(chunks), key=lambda item: (rank.get(item[1][0], len(order)), item[0]))
    return head + [line for _, (_, chunk) in ordered for line in _without_trailing_blanks(chunk)]


def _without_trailing_blanks(chunk: list[str]) -> list[str]:
    end = len(chunk)
    while end > 1 and not chunk[end - 1].strip():
        end -= 1
    return chunk[:end]


def _key_order(text: str) -> str:
    def change(kind: str, lines: list[str]) -> list[str]:
        if kind == "front":
            return _ordered(lines, FRONT_MATTER_ORDER)
        if kind == "quiz":
            return _ordered(lines, QUIZ_ORDER)
        return lines

    return _rewrite(text, change)


def _list_indent(text: str) -> str:
    def change(kind: str, lines: list[str]) -> list[str]:
        parsed = _chunks(lines) if kind in ("front", "quiz") else None
        if parsed is None:
            return lines
        head, chunks = parsed
        out = list(head)
        for _, chunk in chunks:
            key = next(i for i, line in enumerate(chunk) if _TOP_KEY.match(line))
            value = [line for line in chunk[key + 1 :] if line.strip() and not line.startswith("#")]
            if value and _LIST_AT_ZERO.match(value[0]):
                # A uniform shift keeps every relative indentation, block scalars' included.
                out.extend(chunk[: key + 1] + ["  " + line if line.strip() else line for line in chunk[key + 1 :]])
            else:
                out.extend(chunk)
        return out

    return _rewrite(text, change)


_RULES: tuple[Callable[[str], str], ...] = (_line_endings, _trailing_blanks, _blank_lines, _key_order, _list_indent)
