"""Moodle's grade list and number format, and GIFT's escaping: what the types' exports share.

Kept here rather than in :mod:`ehealth_content.export` so that the type modules do not import
the exporters that dispatch to them; the export modules re-export these names.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import RichText

__all__ = [
    "format_fraction",
    "format_number",
    "gift_escape",
    "gift_feedback",
    "gift_html",
    "gift_weight",
    "grade",
    "grade_at_least",
    "nearest_grade",
]

# Moodle's question_bank::fraction_options_full(), positive side, as fractions of 1.
_GRADES = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
)
# Moodle matches grades to its list within this distance (match_grade_options).
_GRADE_TOLERANCE = 0.00001
# GIFT's reserved characters, escaped as qformat_gift::repchar does; the backslash goes first.
_ESCAPES = (
    ("\\", "\\\\"),
    ("~", "\\~"),
    ("=", "\\="),
    ("#", "\\#"),
    ("{", "\\{"),
    ("}", "\\}"),
    (":", "\\:"),
    ("\r", ""),
    ("\n", "\\n"),
)


def grade(share: float) -> float | None:
    """``share`` when it is a value of Moodle's grade list, else None."""
    return next((g for g in _GRADES if abs(g - share) < _GRADE_TOLERANCE), None)


def grade_at_least(share: float) -> float:
    """The smallest listed grade that is not below ``share`` (1.0 at worst)."""
    return min((g for g in _GRADES if g >= share - _GRADE_TOLERANCE), default=1.0)


def format_fraction(fraction: float) -> str:
    """A fraction of 1 as Moodle writes percentages: ``33.33333``, ``-100``, ``0``."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_number(value: float) -> str:
    """A plain decimal (no exponent), rounded to 10 places to hide binary noise (0.1 + 0.2)."""
    rounded = round(value, 10)
    if rounded == 0:
        return "0"
    return format(Decimal(repr(rounded)).normalize(), "f")


def gift_escape(text: str) -> str:
    """``text`` with GIFT's ``\\ ~ = # { } :`` escaped and new lines written ``\\n``."""
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def gift_html(value: RichText | None) -> str:
    return gift_escape(value.html.strip()) if value is not None else ""


def gift_feedback(value: RichText | None) -> str:
    return f"#{gift_html(value)}" if value is not None else ""


def gift_weight(fraction: float, text: str) -> str:
    # A text that starts with "%" would be read as a weight: then the weight is written out.
    return "" if fraction == 0 and not text.startswith("%") else f"%{format_fraction(fraction)}%"


def nearest_grade(share: float) -> float:
    """The value of Moodle's grade list (or 0) nearest to ``share`` (0 … 1)."""
    return min((*_GRADES, 0.0), key=lambda g: abs(g - share))
