"""Typed reads from a YAML mapping, each problem reported at its own line of the Markdown file."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ._report import Reporter
from ._yaml import Path, YamlDocument
from .diagnostics import did_you_mean
from .model import Span

__all__ = ["FieldCodes", "Fields", "SLUG", "describe", "slugify", "text_hint"]

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
# Beyond this a number in a module is a typo, and past 2**53 JavaScript can no longer tell
# neighbouring whole numbers apart; bounding it also keeps float() and str() from failing.
MAX_NUMBER = 10**12
MAX_INTEGER = 10**6


@dataclass(frozen=True, slots=True)
class FieldCodes:
    missing: str
    invalid: str
    unknown: str
    unknown_is_error: bool


def describe(value: Any) -> str:
    """How a YAML value reads to an author: 'a list', 'the number 3'…"""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def text_hint(value: Any) -> str | None:
    """Why a text came out as something else: YAML 1.1 reads yes/no/on/off as booleans."""
    if isinstance(value, bool):
        return "YAML reads yes, no, on, off, true and false as true/false: put the text in quotes"
    return None


class Fields:
    def __init__(self, doc: YamlDocument, origin: Span, report: Reporter, codes: FieldCodes) -> None:
        self.doc = doc
        self.origin = origin
        """Where the YAML text starts in the file: the document's offsets count from here."""
        self.report = report
        self.codes = codes

    def _in_file(self, offset: tuple[int, int]) -> Span:
        line, column = offset
        return Span(self.origin.line + line, self.origin.column + column)

    def at(self, path: Path) -> Span:
        return self._in_file(self.doc.position(path))

    def key_at(self, path: Path) -> Span:
        return self._in_file(self.doc.key_position(path))

    def text_line(self, path: Path) -> int:
        """Line where a text value's content starts (block scalars start on the line below their key)."""
        line = self.at(path).line
        return line + 1 if path in self.doc.block_scalar else line

    def invalid(self, path: Path, message: str, *, hint: str | None = None) -> None:
        self.report.error(self.codes.invalid, message, at=self.at(path), hint=hint)

    def check_keys(self, mapping: dict[str, Any], path: Path, known: Iterable[str], what: str) -> None:
        known = tuple(known)
        for key in mapping:
            if key in known:
                continue
            at = self.key_at(path + (key,))
            message = f"unknown key '{key}' {what}"
            hint = did_you_mean(key, known)
            if self.codes.unknown_is_error:
                self.report.error(self.codes.unknown, message, at=at, hint=hint)
            else:
                self.report.warning(self.codes.unknown, message, at=at, hint=hint)

    def require(self, mapping: dict[str, Any], path: Path, keys: Iterable[str], what: str) -> bool:
        ok = True
        for key in keys:
            if mapping.get(key) is None:
                at = self.key_at(path + (key,)) if key in mapping else self.at(path)
                self.report.error(self.codes.missing, f"missing '{key}' {what}", at=at)
                ok = False
        return ok

    def text(self, mapping: dict[str, Any], path: Path, key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.invalid(path + (key,), f"'{key}' must be text, not {describe(value)}", hint=text_hint(value))
            return None
        text = str(value)
        if not text.strip():
            self.invalid(path + (key,), f"'{key}' is empty")
            return None
        return text

    def slug(self, mapping: dict[str, Any], path: Path, key: str, what: str) -> str | None:
        value = self.text(mapping, path, key)
        if value is None:
            return None
        if not SLUG.fullmatch(value) or len(value) > 64:
            self.invalid(
                path + (key,),
                f"{what} '{value}' is not a valid id: lowercase letters, digits and '-', "
                "starting with a letter or digit, at most 64 characters",
                hint=f"try '{slugify(value)}'" if slugify(value) else None,
            )
            return None
        return value

    def boolean(self, mapping: dict[str, Any], path: Path, key: str) -> bool | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.invalid(path + (key,), f"'{key}' must be true or false, not {describe(value)}")
            return None
        return value

    def integer(
        self, mapping: dict[str, Any], path: Path, key: str, minimum: int, maximum: int = MAX_INTEGER
    ) -> int | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > maximum:
            self.invalid(path + (key,), f"'{key}' is too large: at most {maximum:,}")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.invalid(path + (key,), f"'{key}' must be a whole number ≥ {minimum}, not {describe(value)}")
            return None
        return value

    def number(self, value: Any, path: Path, what: str, *, limit: float = MAX_NUMBER) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.invalid(path, f"{what} must be a number, not {describe(value)}")
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.invalid(path, f"{what} must be a finite number")
            return None
        if abs(value) > limit:
            self.invalid(path, f"{what} is too large: at most {limit:,g} either side of zero")
            return None
        return float(value)

    def one_of(self, mapping: dict[str, Any], path: Path, key: str, options: tuple[str, ...]) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in options:
            shown = value if isinstance(value, str) else describe(value)
            self.invalid(
                path + (key,),
                f"'{key}' must be one of {', '.join(options)}, not '{shown}'",
                hint=did_you_mean(value, options) if isinstance(value, str) else None,
            )
            return None
        return value

    def text_list(self, mapping: dict[str, Any], path: Path, key: str) -> list[str] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            self.invalid(path + (key,), f"'{key}' must be a list, not {describe(value)}")
            return None
        result: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.invalid(
                    path + (key, index),
                    f"item {index + 1} of '{key}' must be text, not {describe(item)}",
                    hint=text_hint(item),
                )
            else:
                result.append(str(item))
        return result


def slugify(text: str) -> str:
    """The id a title gives: lowercase ASCII letters, digits and '-'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:64].strip("-")
