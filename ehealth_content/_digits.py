"""Base-64 digits of the saved state (docs/architecture.md §3): alphabet ``0-9A-Za-z-_``, least significant digit first.

Not RFC 4648 base64 (that encodes bytes, big-endian, with ``+/``): these are plain numbers
written in base 64, short for small values, with no character that needs escaping in a
SCORM data model string or a ``localStorage`` value.
"""

from __future__ import annotations

import string

__all__ = ["ALPHABET", "digit_count", "fnv1a_32", "from_digits", "to_digits"]

ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase + "-_"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def to_digits(value: int, width: int = 1) -> str:
    """``value`` (≥ 0) in base 64, little-endian, padded with ``0`` digits up to ``width``."""
    if value < 0:
        raise ValueError(f"cannot write a negative number ({value}) in state digits")
    digits: list[str] = []
    while value or len(digits) < width:
        value, digit = divmod(value, 64)
        digits.append(ALPHABET[digit])
    return "".join(digits)


def from_digits(text: str) -> int:
    """The number ``text`` spells; ValueError for an empty string or a foreign character."""
    if not text:
        raise ValueError("no digits")
    value = 0
    for char in reversed(text):
        digit = _VALUE.get(char)
        if digit is None:
            raise ValueError(f"{char!r} is not a state digit")
        value = value * 64 + digit
    return value


def digit_count(value: int) -> int:
    """How many digits :func:`to_digits` writes for ``value``."""
    return len(to_digits(value))


def fnv1a_32(data: bytes) -> int:
    """FNV-1a, 32 bits: short, stable keys that JavaScript computes with ``Math.imul``."""
    hashed = 0x811C9DC5
    for byte in data:
        hashed = ((hashed ^ byte) * 0x01000193) & 0xFFFFFFFF
    return hashed
