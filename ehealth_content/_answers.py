"""What a learner typed, read the way scoring reads it: shared by the question types and
:mod:`.scoring` (which re-exports these names)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from typing import TypeAlias

__all__ = ["EPSILON", "Response", "normalize_text", "parse_decimal", "strip_accents"]

Response: TypeAlias = str | bool | float | Collection[str] | Mapping[str, str] | None

_DECIMAL = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
# "équipe de soins." is "équipe de soins": the sentence's own final marks are not the answer.
_FINAL_MARKS = re.compile(r"[\s.!?;:,\u2026]+$")
# Float noise (0.1 + 0.2) must not turn a right answer on the boundary into a wrong one.
EPSILON = 1e-9

# Phones and word processors type curly apostrophes and dashes: « l’INS » is « l'INS ».
_TYPOGRAPHIC = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-"}
)


def strip_accents(text: str) -> str:
    """Letters without their accents (compatibility decomposition, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_text(text: str) -> str:
    """Case, accents, surrounding and repeated white space and final punctuation (``. ! ? ; : , …``)
    ignored; typographic apostrophes and dashes read as plain ones. An answer made only of
    punctuation keeps it, so that it is not every empty answer."""
    without_accents = strip_accents(text.casefold().translate(_TYPOGRAPHIC))
    spaced = _SPACES.sub(" ", without_accents).strip()
    return _FINAL_MARKS.sub("", spaced) or spaced


def parse_decimal(text: str) -> float | None:
    """A number typed by a learner (decimal comma or point, spaces between digit groups)."""
    compact = _SPACES.sub("", text)
    if not _DECIMAL.fullmatch(compact):
        return None
    return float(compact.replace(",", "."))
