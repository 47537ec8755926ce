"""Collecting diagnostics for one file while its rules run."""

from __future__ import annotations

from .diagnostics import Diagnostic, Related, Severity

__all__ = ["Reporter"]


class Reporter:
    """Rules call ``error``/``warning`` with 0-based positions; diagnostics come out 1-based."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        line: int,
        column: int = 0,
        *,
        hint: str | None = None,
        related: tuple[tuple[int, int, str], ...] = (),
    ) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=code,
                severity=severity,
                message=message,
                file=self.file,
                line=line + 1,
                column=column + 1,
                hint=hint,
                related=tuple(Related(self.file, ln + 1, col + 1, msg) for ln, col, msg in related),
            )
        )

    def error(
        self,
        code: str,
        message: str,
        line: int,
        column: int = 0,
        *,
        hint: str | None = None,
        related: tuple[tuple[int, int, str], ...] = (),
    ) -> None:
        self.add("error", code, message, line, column, hint=hint, related=related)

    def warning(self, code: str, message: str, line: int, column: int = 0, *, hint: str | None = None) -> None:
        self.add("warning", code, message, line, column, hint=hint)

    @property
    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.line, d.column, d.code))
