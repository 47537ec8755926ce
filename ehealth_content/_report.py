"""Collecting diagnostics for one file while its rules run."""

from __future__ import annotations

from .diagnostics import Diagnostic, Related, Severity, diagnostic
from .i18n import Message
from .model import Span

__all__ = ["Reporter"]


class Reporter:
    """Rules call ``error``/``warning`` with a :func:`~.i18n.t` message and ``at=`` a
    :class:`~.model.Span`, 1-based as printed.

    Positions are keyword-only and typed, so that a rule passing bare line/column numbers
    (which once meant 0-based here) fails the type check instead of shifting by one; messages
    are :class:`~.i18n.Message` values, so that none escapes translation as a plain string.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: Message,
        *,
        at: Span,
        hint: Message | None = None,
        related: tuple[tuple[Span, Message], ...] = (),
    ) -> None:
        notes = tuple(Related(self.file, where.line, where.column, note.render("en"), note) for where, note in related)
        self.diagnostics.append(
            diagnostic(code, severity, message, self.file, at.line, at.column, hint=hint, related=notes)
        )

    def error(
        self,
        code: str,
        message: Message,
        *,
        at: Span,
        hint: Message | None = None,
        related: tuple[tuple[Span, Message], ...] = (),
    ) -> None:
        self.add("error", code, message, at=at, hint=hint, related=related)

    def warning(self, code: str, message: Message, *, at: Span, hint: Message | None = None) -> None:
        self.add("warning", code, message, at=at, hint=hint)

    @property
    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column, d.code))
