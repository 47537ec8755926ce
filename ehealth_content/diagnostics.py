"""Diagnostics: what is wrong in an author's source, as data.

Rules yield :class:`Diagnostic` values; nothing here raises for an author's mistake. The only
exception is :class:`ModuleError`, raised by :func:`ehealth_content.check` to carry every
diagnostic of a run at once.

    Exception
     └── ModuleError        (diagnostics: tuple[Diagnostic, ...])
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

__all__ = [
    "Severity",
    "Diagnostic",
    "ModuleError",
    "did_you_mean",
    "format_diagnostic",
    "format_diagnostic_pretty",
    "format_diagnostics_json",
    "has_errors",
]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Related:
    file: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    """Stable code such as ``E201``; tests and tools key on it, never on the message."""
    severity: Severity
    message: str
    file: str
    line: int
    """1-based line in ``file``."""
    column: int = 1
    """1-based column in ``file``."""
    hint: str | None = None
    """What to do about it, when we can tell (often "did you mean …?")."""
    related: tuple[Related, ...] = field(default=())
    """Other places involved, such as the first definition of a duplicated id."""


class ModuleError(Exception):
    """Raised by ``check()``: every diagnostic of the run, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(format_diagnostic(d) for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A hint naming the closest candidate, if one is close enough to be a typo."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def format_diagnostic(diagnostic: Diagnostic) -> str:
    """``FILE:LINE:COL: severity CODE: message (hint)`` on one line."""
    d = diagnostic
    text = f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"
    return f"{text} ({d.hint})" if d.hint else text


def format_diagnostic_pretty(diagnostic: Diagnostic, source_lines: Sequence[str]) -> str:
    """The one-line form, then the source line with a caret under the column, then the hint."""
    d = diagnostic
    text = [f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"]
    if 1 <= d.line <= len(source_lines):
        line = source_lines[d.line - 1].rstrip("\n").expandtabs(1)
        gutter = f"{d.line:>5} | "
        text.append(gutter + line)
        text.append(" " * (len(gutter) + min(d.column - 1, len(line))) + "^")
    if d.hint:
        text.append(f"      = hint: {d.hint}")
    for other in d.related:
        text.append(f"      = note: {other.file}:{other.line}:{other.column}: {other.message}")
    return "\n".join(text)


def format_diagnostics_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], ensure_ascii=False, indent=2)
