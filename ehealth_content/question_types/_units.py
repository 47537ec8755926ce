"""Units of dose and flow calculations: the built-in table, reading a unit, reading a typed
quantity (``"2,5 mL"``) and converting it to the answer's unit.

Pure functions, mirrored by the runtime (``UNIT_ATOMS``, ``readQuantity`` in
packager/runtime/ehealth.js; tests/unit/test_numeric_units.py checks the table is the same).
A unit is one to three atoms joined by ``/`` (``mg``, ``mL/h``, ``µg/kg/min``), or ``%``.
Factors are kept as whole numerator and denominator so that both sides convert with the same
two float operations (``value * num / den``) and agree to the last bit.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final, Literal

from .._answers import parse_decimal

__all__ = [
    "DIMENSION_NAMES",
    "UNIT_ATOMS",
    "Quantity",
    "Unit",
    "convert",
    "parse_unit",
    "read_quantity",
]

# alias as the learner may type it (NFKC, casefolded) → canonical spelling, dimension, factor to
# the dimension's base unit as numerator and denominator. Bases: mg, mL, h, drop, IU, mmol.
UNIT_ATOMS: Final[dict[str, tuple[str, str, int, int]]] = {
    **dict.fromkeys(("µg", "μg", "ug", "mcg"), ("µg", "mass", 1, 1000)),
    "mg": ("mg", "mass", 1, 1),
    "g": ("g", "mass", 1000, 1),
    "kg": ("kg", "mass", 1000000, 1),
    **dict.fromkeys(("µl", "μl", "ul"), ("µL", "volume", 1, 1000)),
    **dict.fromkeys(("ml", "cc"), ("mL", "volume", 1, 1)),
    "cl": ("cL", "volume", 10, 1),
    "dl": ("dL", "volume", 100, 1),
    "l": ("L", "volume", 1000, 1),
    **dict.fromkeys(("s", "sec", "seconde", "secondes"), ("s", "time", 1, 3600)),
    **dict.fromkeys(("min", "mn", "minute", "minutes"), ("min", "time", 1, 60)),
    **dict.fromkeys(("h", "heure", "heures", "hour", "hours"), ("h", "time", 1, 1)),
    **dict.fromkeys(("j", "jour", "jours", "day", "days"), ("j", "time", 24, 1)),
    **dict.fromkeys(("gouttes", "goutte", "gtt", "gttes", "drops", "drop"), ("gouttes", "drop", 1, 1)),
    **dict.fromkeys(("ui", "iu"), ("UI", "iu", 1, 1)),
    **dict.fromkeys(("µmol", "μmol", "umol"), ("µmol", "amount", 1, 1000)),
    "mmol": ("mmol", "amount", 1, 1),
    "mol": ("mol", "amount", 1000, 1),
}
DIMENSION_NAMES: Final[dict[str, str]] = {
    "mass": "mass",
    "volume": "volume",
    "time": "time",
    "drop": "drops",
    "iu": "international units",
    "amount": "amount of substance",
}
# % is a mass concentration, as in "glucose 5 %": 5 g per 100 mL, so 1 % = 10 mg/mL.
_PERCENT = ("%", (("mass", 1), ("volume", -1)), 10, 1)
_MAX_ATOMS = 3
_PER = re.compile(r"\s+par\s+|\s+per\s+", re.IGNORECASE)
_WHITE = re.compile(r"[\s\u00a0\u202f]+")
# What a typed quantity starts with: the number, digits grouped by spaces, a decimal comma or point.
_NUMBER_PART = re.compile(r"[+-]?[0-9., \t\u00a0\u202f]*")

Dimension = tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Unit:
    name: str
    """Canonical spelling: ``mL/h``."""
    dimension: Dimension
    """Exponents of the base dimensions, sorted, zeros left out (drops become volume with a drop factor)."""
    num: int
    den: int
    """Factor to the base units: ``num / den``."""


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WHITE.sub("", _PER.sub("/", folded))


def parse_unit(text: str, drop_factor: int | None = None) -> Unit | None:
    """The unit ``text`` spells (case, spaces and ``par`` ignored), or None when it is not one
    of the table's; with a drop factor (drops per mL), drops are a volume."""
    key = _key(text)
    if key == "%":
        name, dims, num, den = _PERCENT
        return Unit(name, dims, num, den)
    parts = key.split("/")
    if not key or len(parts) > _MAX_ATOMS:
        return None
    exponents: dict[str, int] = {}
    names: list[str] = []
    num, den = 1, 1
    for index, part in enumerate(parts):
        atom = UNIT_ATOMS.get(part)
        if atom is None:
            return None
        name, dimension, atom_num, atom_den = atom
        if dimension == "drop" and drop_factor:
            dimension, atom_den = "volume", atom_den * drop_factor
        sign = 1 if index == 0 else -1
        exponents[dimension] = exponents.get(dimension, 0) + sign
        if sign > 0:
            num, den = num * atom_num, den * atom_den
        else:
            num, den = num * atom_den, den * atom_num
        names.append(name)
    return Unit("/".join(names), tuple(sorted((d, e) for d, e in exponents.items() if e)), num, den)


def convert(value: float, unit: Unit, to: Unit) -> float:
    """``value`` in ``unit`` expressed in ``to`` (same dimension)."""
    return value * (unit.num * to.den) / (unit.den * to.num)


@dataclass(frozen=True, slots=True)
class Quantity:
    """What a learner typed in a field that wants a number and a unit."""

    kind: Literal["empty", "not-a-number", "no-unit", "unknown-unit", "number"]
    number: float | None = None
    """The number as typed (in the typed unit)."""
    unit: Unit | None = None
    """The typed unit, when it is one of the table's."""
    unit_text: str = ""
    """The unit as typed."""


def read_quantity(text: str, drop_factor: int | None = None, *, unit_required: bool = True) -> Quantity:
    """A number followed by an optional unit: ``2,5 mL``, ``2.5ml``, ``1 000 mL/h``, ``2,5``."""
    if not text.strip():
        return Quantity("empty")
    match = _NUMBER_PART.match(text.strip())
    number_text = match.group(0) if match else ""
    rest = text.strip()[len(number_text) :].strip()
    number = parse_decimal(number_text) if number_text.strip() else None
    if number is None:
        return Quantity("not-a-number", unit_text=rest)
    if not rest:
        return Quantity("no-unit" if unit_required else "number", number)
    unit = parse_unit(rest, drop_factor)
    if unit is None:
        return Quantity("unknown-unit", number, unit_text=rest)
    return Quantity("number", number, unit, rest)
