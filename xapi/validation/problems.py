"""A validation problem is data: a stable code, the JSON path where it is, and a message."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Path", "Problem", "format_path"]

Path = tuple[str | int, ...]
"""Keys and indexes from the statement's root down to the faulty value."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def format_path(path: Sequence[str | int]) -> str:
    """Render a path as JSONPath: ``$.context.contextActivities.parent[0].id``.

    Keys that are not identifiers (extension IRIs, language tags) are bracketed and quoted so the
    path stays unambiguous.
    """
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


@dataclass(frozen=True)
class Problem:
    """One broken rule in a statement."""

    code: str
    """Stable identifier of the rule (``required``, ``iri``, ``uuid``...), for tests and tools."""
    path: Path
    """Where the fault is, from the root of the statement."""
    message: str
    """What was expected, and the near miss when there is one."""

    @property
    def json_path(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.json_path}: {self.message} [{self.code}]"
