"""The review record: each scored item's kind (recall, application, case), as reviewers noted it.

The record is a Markdown file (``modules/REVIEW.md``) named by the folder's ``ehealth.toml``
(``review = "REVIEW.md"``): under a ``## <module id>`` heading, one table row per item whose
first cell is the question id in backticks and whose third cell is its kind::

    | `ds-qualifier` | D1.1 | cas | garder | Qualifier des informations vues en soins… |

Kinds are written in French (``rappel``, ``notion``, ``cas``) or English (``recall``,
``application``, ``case``). Nothing here fails: rows it cannot read are left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ._small_file import read_small_text
from .model import Module, Question

__all__ = ["KINDS", "Kind", "ReviewRecord", "item_kind", "parse_review_record", "read_review_record"]

Kind = Literal["recall", "application", "case"]
KINDS: tuple[Kind, ...] = ("recall", "application", "case")
_WORDS: dict[str, Kind] = {
    "rappel": "recall",
    "recall": "recall",
    "notion": "application",
    "application": "application",
    "cas": "case",
    "case": "case",
}
_MAX_RECORD_BYTES = 4 * 1024 * 1024
_ROW = re.compile(r"^\|\s*`(?P<id>[^`|]+)`\s*\|[^|]*\|\s*(?P<kind>[^|]+?)\s*\|")
CASE_TYPE = "case"
"""The question type of a dossier progressif: its items are cases whatever the record says."""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    kinds: Mapping[tuple[str, str], Kind]
    """``(module id, question id)`` → kind."""

    def kind(self, module_id: str, question_id: str) -> Kind | None:
        return self.kinds.get((module_id, question_id))


def parse_review_record(text: str) -> ReviewRecord:
    kinds: dict[tuple[str, str], Kind] = {}
    module: str | None = None
    for line in text.split("\n"):
        if line.startswith("## "):
            module = line[3:].strip().strip("`")
            continue
        found = _ROW.match(line)
        if found is None or module is None:
            continue
        kind = _WORDS.get(found["kind"].strip().lower())
        if kind is not None:
            kinds[(module, found["id"].strip())] = kind
    return ReviewRecord(kinds)


def read_review_record(path: Path) -> ReviewRecord | None:
    """The record in ``path``, or None when it cannot be read."""
    read = read_small_text(path, _MAX_RECORD_BYTES)
    return None if read.text is None else parse_review_record(read.text)


def item_kind(module: Module, question: Question, record: ReviewRecord | None) -> Kind | None:
    """A dossier progressif is a case; otherwise what the record says (None: not in the record)."""
    if question.type == CASE_TYPE:
        return "case"
    return None if record is None else record.kind(module.id, question.id)
