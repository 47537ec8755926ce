"""The roster: which programme, university and year each learner belongs to, from a CSV file.

Learners are tied to a cohort by this file only, never by guessing from their statements. Its
``learner`` column holds what the LRS knows them by: the account name (``actor.account.name``),
or ``mailto:…`` for learners identified by email. Other columns: ``programme``, ``university``,
``year`` (French headers ``apprenant``, ``formation``, ``université``, ``année`` work too).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .pseudonyms import pseudonym

__all__ = ["RosterError", "RosterEntry", "read_roster"]

_ALIASES = {
    "learner": "learner",
    "apprenant": "learner",
    "id": "learner",
    "programme": "programme",
    "program": "programme",
    "formation": "programme",
    "university": "university",
    "universite": "university",
    "université": "university",
    "year": "year",
    "annee": "year",
    "année": "year",
    "promotion": "year",
}


class RosterError(Exception):
    """The roster cannot be used; the message starts with ``FILE:LINE:``."""


@dataclass(frozen=True)
class RosterEntry:
    learner: str
    """The pseudonym."""
    ident: str
    """The identifier as written in the roster (shown only with ``--identify``)."""
    programme: str
    university: str
    year: str


def read_roster(path: Path, key: bytes) -> list[RosterEntry]:
    """The roster's learners; one per line, the first line naming the columns."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"{path}:1: cannot read the roster: {exc}") from exc
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = csv.reader(text.splitlines(), dialect)
    header = next(rows, None)
    if not header:
        raise RosterError(f"{path}:1: the roster is empty")
    columns = [_ALIASES.get(name.strip().lower()) for name in header]
    if "learner" not in columns:
        raise RosterError(f"{path}:1: no 'learner' column (found: {', '.join(header)})")
    entries: list[RosterEntry] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {column: cell.strip() for column, cell in zip(columns, row, strict=False) if column}
        ident = values.get("learner", "")
        if not ident:
            raise RosterError(f"{path}:{number}: no learner on this line")
        if ident in seen:
            raise RosterError(f"{path}:{number}: learner '{ident}' is already on line {seen[ident]}")
        seen[ident] = number
        entries.append(
            RosterEntry(
                pseudonym(key, ident),
                ident,
                values.get("programme", ""),
                values.get("university", ""),
                values.get("year", ""),
            )
        )
    return entries
