"""The saved state's base-64 digits, now beside the question types that write them
(:mod:`ehealth_content._digits`); kept here for the state code and its tests."""

from __future__ import annotations

from ehealth_content._digits import ALPHABET, digit_count, fnv1a_32, from_digits, to_digits

__all__ = ["ALPHABET", "digit_count", "fnv1a_32", "from_digits", "to_digits"]
