"""``NAME.expected`` files: one diagnostic a line, ``LINE:COL CODE``, 1-based as printed."""

from __future__ import annotations

from pathlib import Path

__all__ = ["read_expected", "write_expected"]

Expected = tuple[int, int, str]


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
