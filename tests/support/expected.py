"""``NAME.expected`` files: one diagnostic a line, ``LINE:COL CODE``, 1-based as printed.

``NAME.expected.fr`` files pin the French an author reads as well: per diagnostic a line
``LINE:COL CODE message`` and, when it has one, a next line ``  conseil : hint``, both exactly as
:meth:`Diagnostic.in_language` gives them, no-break spaces (U+00A0, U+202F) included.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "Expected",
    "ExpectedFrench",
    "read_expected",
    "read_expected_french",
    "write_expected",
    "write_expected_french",
]

Expected = tuple[int, int, str]
ExpectedFrench = tuple[int, int, str, str, str | None]
HINT = "  conseil\u00a0: "


def read_expected(path: Path) -> list[Expected]:
    found: list[Expected] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        position, code = line.split()
        row, column = position.split(":")
        found.append((int(row), int(column), code))
    return sorted(found)


def write_expected(path: Path, diagnostics: list[Expected]) -> None:
    path.write_text("".join(f"{row}:{column} {code}\n" for row, column, code in sorted(diagnostics)), encoding="utf-8")


def read_expected_french(path: Path) -> list[ExpectedFrench]:
    found: list[ExpectedFrench] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith(HINT):
            if not found or found[-1][4] is not None:
                raise ValueError(f"{path}:{number}: a hint line must follow a diagnostic line")
            last = found[-1]
            found[-1] = (last[0], last[1], last[2], last[3], line[len(HINT) :])
            continue
        position, code, message = line.split(" ", 2)
        row, column = position.split(":")
        found.append((int(row), int(column), code, message, None))
    return sorted(found, key=lambda e: (e[0], e[1], e[2], e[3]))


def write_expected_french(path: Path, diagnostics: list[ExpectedFrench]) -> None:
    lines: list[str] = []
    for row, column, code, message, hint in sorted(diagnostics, key=lambda e: (e[0], e[1], e[2], e[3])):
        lines.append(f"{row}:{column} {code} {message}\n")
        if hint is not None:
            lines.append(f"{HINT}{hint}\n")
    path.write_text("".join(lines), encoding="utf-8")
