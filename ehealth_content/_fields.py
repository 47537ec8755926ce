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
from .i18n import Message, t
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


def describe(value: Any) -> Message:
    """How a YAML value reads to an author: 'a list', 'the number 3'…"""
    if value is None:
        return t("nothing")
    if isinstance(value, bool):
        return t("'{value}'", value=str(value).lower())
    if isinstance(value, (int, float)):
        return t("the number {value}", value=value)
    if isinstance(value, str):
        return t("the text '{value}'", value=value[:40])
    if isinstance(value, list):
        return t("a list")
    if isinstance(value, dict):
        return t("a mapping")
    # Dates and the like: YAML reads 2024-01-31 as a date.
    return t("a value of type {kind}", kind=type(value).__name__)


def text_hint(value: Any) -> Message | None:
    """Why a text came out as something else: YAML 1.1 reads yes/no/on/off as booleans."""
    if isinstance(value, bool):
        return t("YAML reads yes, no, on, off, true and false as true/false: put the text in quotes")
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

    def text_first_line(self, path: Path) -> int:
        """Line where a text value's content starts (block scalars start on the line below their key)."""
        line = self.at(path).line
        return line + 1 if path in self.doc.block_scalar else line

    def invalid(self, path: Path, message: Message, *, hint: Message | None = None) -> None:
        self.report.error(self.codes.invalid, message, at=self.at(path), hint=hint)

    def check_keys(self, mapping: dict[str, Any], path: Path, known: Iterable[str], where: Message) -> None:
        """Report keys not in ``known``; ``where`` completes "unknown key 'x' …" ("in the front matter")."""
        known = tuple(known)
        for key in mapping:
            if key in known:
                continue
            at = self.key_at(path + (key,))
            message = t("unknown key '{key}' {where}", key=key, where=where)
            hint = did_you_mean(key, known)
            if self.codes.unknown_is_error:
                self.report.error(self.codes.unknown, message, at=at, hint=hint)
            else:
                self.report.warning(self.codes.unknown, message, at=at, hint=hint)

    def require(self, mapping: dict[str, Any], path: Path, keys: Iterable[str], where: Message) -> bool:
        ok = True
        for key in keys:
            if mapping.get(key) is None:
                at = self.key_at(path + (key,)) if key in mapping else self.at(path)
                self.report.error(self.codes.missing, t("missing '{key}' {where}", key=key, where=where), at=at)
                ok = False
        return ok

    def text(self, mapping: dict[str, Any], path: Path, key: str) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.invalid(
                path + (key,),
                t("'{key}' must be text, not {value}", key=key, value=describe(value)),
                hint=text_hint(value),
            )
            return None
        text = str(value)
        if not text.strip():
            self.invalid(path + (key,), t("'{key}' is empty", key=key))
            return None
        return text

    def slug(self, mapping: dict[str, Any], path: Path, key: str, what: Message) -> str | None:
        """An id; ``what`` names it in messages ("question id")."""
        value = self.text(mapping, path, key)
        if value is None:
            return None
        if not SLUG.fullmatch(value) or len(value) > 64:
            self.invalid(
                path + (key,),
                t(
                    "{what} '{value}' is not a valid id: lowercase letters, digits and '-', "
                    "starting with a letter or digit, at most 64 characters",
                    what=what,
                    value=value,
                ),
                hint=t("try '{slug}'", slug=slugify(value)) if slugify(value) else None,
            )
            return None
        return value

    def boolean(self, mapping: dict[str, Any], path: Path, key: str) -> bool | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.invalid(path + (key,), t("'{key}' must be true or false, not {value}", key=key, value=describe(value)))
            return None
        return value

    def integer(
        self, mapping: dict[str, Any], path: Path, key: str, minimum: int, maximum: int = MAX_INTEGER
    ) -> int | None:
        value = mapping.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value > maximum:
            self.invalid(path + (key,), t("'{key}' is too large: at most {maximum:,}", key=key, maximum=maximum))
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.invalid(
                path + (key,),
                t(
                    "'{key}' must be a whole number ≥ {minimum}, not {value}",
                    key=key,
                    minimum=minimum,
                    value=describe(value),
                ),
            )
            return None
        return value

    def number(self, value: Any, path: Path, what: Message, *, limit: float = MAX_NUMBER) -> float | None:
        """A finite number within ``limit`` of zero; ``what`` names it ("'points'", "the answer")."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.invalid(path, t("{what} must be a number, not {value}", what=what, value=describe(value)))
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.invalid(path, t("{what} must be a finite number", what=what))
            return None
        if abs(value) > limit:
            self.invalid(path, t("{what} is too large: at most {limit:,g} either side of zero", what=what, limit=limit))
            return None
        return float(value)

    def one_of(self, mapping: dict[str, Any], path: Path, key: str, options: tuple[str, ...]) -> str | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or value not in options:
            shown: str | Message = value if isinstance(value, str) else describe(value)
            self.invalid(
                path + (key,),
                t("'{key}' must be one of {options}, not '{value}'", key=key, options=", ".join(options), value=shown),
                hint=did_you_mean(value, options) if isinstance(value, str) else None,
            )
            return None
        return value

    def text_list(self, mapping: dict[str, Any], path: Path, key: str) -> list[str] | None:
        value = mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, list):
            self.invalid(path + (key,), t("'{key}' must be a list, not {value}", key=key, value=describe(value)))
            return None
        result: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or not str(item).strip():
                self.invalid(
                    path + (key, index),
                    t(
                        "item {number} of '{key}' must be text, not {value}",
                        number=index + 1,
                        key=key,
                        value=describe(item),
                    ),
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
