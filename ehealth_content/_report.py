"""Collecting diagnostics for one file while its rules run."""

from __future__ import annotations

from .diagnostics import Diagnostic, Related, Severity
from .model import Span

__all__ = ["Reporter"]


class Reporter:
    """Rules call ``error``/``warning`` with ``at=`` a :class:`~.model.Span`, 1-based as printed.

    Positions are keyword-only and typed, so that a rule passing bare line/column numbers
    (which once meant 0-based here) fails the type check instead of shifting by one.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        *,
        at: Span,
        hint: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                file=self.file,
                line=at.line,
                column=at.column,
                hint=hint,
                related=tuple(Related(self.file, where.line, where.column, note) for where, note in related),
            )
        )

    def error(
        self,
        code: str,
        message: str,
        *,
        at: Span,
        hint: str | None = None,
        related: tuple[tuple[Span, str], ...] = (),
    ) -> None:
        self.add("error", code, message, at=at, hint=hint, related=related)

    def warning(self, code: str, message: str, *, at: Span, hint: str | None = None) -> None:
        self.add("warning", code, message, at=at, hint=hint)

    @property
    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column, d.code))
