"""Diagnostics: what is wrong in an author's source, as data.

Rules yield :class:`Diagnostic` values; nothing here raises for an author's mistake. Each keeps
its message and hint in English (``message``, ``hint``) and, when built by :func:`diagnostic`,
the :class:`~.i18n.Message` they came from, so that :meth:`Diagnostic.in_language` can show
them in French. The only
exception is :class:`ModuleError`, raised by :func:`ehealth_content.check` to carry every
diagnostic of a run at once.

    Exception
     └── ModuleError        (diagnostics: tuple[Diagnostic, ...])
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .i18n import Message, t

__all__ = [
    "Severity",
    "Diagnostic",
    "ModuleError",
    "Related",
    "diagnostic",
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
    text: Message | None = field(default=None, compare=False, repr=False)
    """``message`` before rendering, to show it in another language."""

    def in_language(self, lang: str) -> Related:
        return self if self.text is None else replace(self, message=self.text.render(lang))


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
    text: Message | None = field(default=None, compare=False, repr=False)
    """``message`` before rendering, to show it in another language."""
    hint_text: Message | None = field(default=None, compare=False, repr=False)
    """``hint`` before rendering."""

    def in_language(self, lang: str) -> Diagnostic:
        """This diagnostic with its message, hint and notes in ``lang`` (``fr`` or ``en``)."""
        return replace(
            self,
            message=self.text.render(lang) if self.text is not None else self.message,
            hint=self.hint_text.render(lang) if self.hint_text is not None else self.hint,
            related=tuple(r.in_language(lang) for r in self.related),
        )


def diagnostic(
    code: str,
    severity: Severity,
    message: Message,
    file: str,
    line: int,
    column: int = 1,
    *,
    hint: Message | None = None,
    related: tuple[Related, ...] = (),
) -> Diagnostic:
    """A diagnostic whose message and hint can be shown in every language of :mod:`.i18n`."""
    return Diagnostic(
        code=code,
        severity=severity,
        message=message.render("en"),
        file=file,
        line=line,
        column=column,
        hint=hint.render("en") if hint is not None else None,
        related=related,
        text=message,
        hint_text=hint,
    )


class ModuleError(Exception):
    """Raised by ``check()``: every diagnostic of the run, not only the first."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(format_diagnostic(d) for d in self.diagnostics))


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A hint naming the closest candidate, if one is close enough to be a typo."""
    import difflib  # here: only a module with a typo needs it, and every build imports this module

    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return t("did you mean '{name}'?", name=matches[0]) if matches else None


def format_diagnostic(diagnostic: Diagnostic, lang: str = "en") -> str:
    """``FILE:LINE:COL: severity CODE: message (hint)`` on one line, message and hint in ``lang``.

    The ``FILE:LINE:COL: error CODE:`` prefix stays the same in every language: editors and CI
    annotate source lines by matching it.
    """
    d = diagnostic.in_language(lang)
    text = f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"
    return f"{text} ({d.hint})" if d.hint else text


def format_diagnostic_pretty(diagnostic: Diagnostic, source_lines: Sequence[str], lang: str = "en") -> str:
    """The one-line form, then the source line with a caret under the column, then the hint."""
    d = diagnostic.in_language(lang)
    text = [f"{d.file}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"]
    if 1 <= d.line <= len(source_lines):
        line = source_lines[d.line - 1].rstrip("\n").expandtabs(1)
        gutter = f"{d.line:>5} | "
        text.append(gutter + line)
        text.append(" " * (len(gutter) + min(d.column - 1, len(line))) + "^")
    hint, note = ("conseil\u00a0", "voir aussi\u00a0") if lang.startswith("fr") else ("hint", "note")
    if d.hint:
        text.append(f"      = {hint}: {d.hint}")
    for other in d.related:
        text.append(f"      = {note}: {other.file}:{other.line}:{other.column}: {other.message}")
    return "\n".join(text)


def format_diagnostics_json(diagnostics: Iterable[Diagnostic], lang: str | Callable[[Diagnostic], str] = "en") -> str:
    """A JSON array, one object per diagnostic; ``message``, ``hint`` and notes in ``lang`` (or in
    ``lang(diagnostic)``, such as the language of each diagnostic's file), named by its ``lang`` key."""
    langs = [(d, lang if isinstance(lang, str) else lang(d)) for d in diagnostics]
    return json.dumps([_as_json(d.in_language(said), said) for d, said in langs], ensure_ascii=False, indent=2)


def _as_json(d: Diagnostic, lang: str) -> dict[str, Any]:
    return {
        "code": d.code,
        "severity": d.severity,
        "message": d.message,
        "file": d.file,
        "line": d.line,
        "column": d.column,
        "hint": d.hint,
        "related": [{"file": r.file, "line": r.line, "column": r.column, "message": r.message} for r in d.related],
        "lang": lang,
    }
