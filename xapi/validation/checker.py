"""Collects problems while the rules walk a statement; holds the checks shared by every rule."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Collection, Mapping
from collections.abc import Set as AbstractSet
from typing import Any

from xapi.validation import formats
from xapi.validation.problems import Path, Problem

__all__ = ["Checker", "type_name"]

_match_iri = formats.match_iri
_match_uuid = formats.match_uuid


def type_name(value: object) -> str:
    """JSON name of a Python value, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class Checker:
    """Walk state: the xAPI version being checked against and the problems found so far."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.v2 = version.startswith("2.")
        """Checking against xAPI 2.0.x (an attribute: it is read on hot paths)."""
        self.problems: list[Problem] = []

    def report(self, code: str, path: Path, message: str) -> None:
        self.problems.append(Problem(code, path, message))

    # --- shapes -------------------------------------------------------------------------------

    def obj(
        self,
        value: object,
        path: Path,
        *,
        required: Collection[str] = (),
        allowed: AbstractSet[str],
    ) -> Mapping[str, Any] | None:
        """Check that ``value`` is an object with the required keys and no unknown key.

        Returns it for the caller to descend into, or None when it is not an object at all.
        """
        if not isinstance(value, dict):
            self.report("type", path, f"expected an object, got {type_name(value)}")
            return None
        for key in required:
            if key not in value:
                self.report("required", (*path, key), f"'{key}' is required here")
        if value.keys() <= allowed:  # the common case, decided in C
            return value
        for key in value:
            if key not in allowed:
                message = f"unknown property '{key}'"
                near = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.6)
                if near:
                    message += f"; did you mean '{near[0]}'?"
                self.report("unknown-property", (*path, key), message)
        return value

    def array(self, value: object, path: Path, *, non_empty: bool = False) -> list[Any] | None:
        if not isinstance(value, list):
            self.report("type", path, f"expected an array, got {type_name(value)}")
            return None
        if non_empty and not value:
            self.report("empty", path, "expected at least one element")
        return value

    def string(self, value: object, path: Path) -> str | None:
        if not isinstance(value, str):
            self.report("type", path, f"expected a string, got {type_name(value)}")
            return None
        return value

    def boolean(self, value: object, path: Path) -> None:
        if not isinstance(value, bool):
            self.report("type", path, f"expected true or false, got {type_name(value)}")

    def number(self, value: object, path: Path) -> float | None:
        # bool is an int in Python but not a number in JSON.
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report("type", path, f"expected a number, got {type_name(value)}")
            return None
        if not math.isfinite(value):
            self.report("type", path, f"expected a finite number, got {value}")
            return None
        return float(value)

    def integer(self, value: object, path: Path) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.report("type", path, f"expected an integer, got {type_name(value)}")

    def constant(self, value: object, path: Path, expected: str) -> None:
        if value != expected:
            self.report("object-type", path, f"expected '{expected}', got {value!r}")

    # --- formats ------------------------------------------------------------------------------

    def _format(
        self,
        value: object,
        path: Path,
        test: Callable[[str], object],
        code: str,
        what: str,
    ) -> str | None:
        """``value`` if it is a string passing ``test`` (a predicate or a pattern's match)."""
        if isinstance(value, str) and test(value):
            return value
        text = self.string(value, path)
        if text is not None:
            self.report(code, path, f"expected {what}, got {text!r}")
        return None

    # iri and uuid are the most frequent checks: their valid case returns before any call.
    def iri(self, value: object, path: Path) -> str | None:
        if isinstance(value, str) and _match_iri(value):
            return value
        return self._format(value, path, formats.is_iri, "iri", "an absolute IRI")

    def uuid(self, value: object, path: Path) -> str | None:
        if isinstance(value, str) and _match_uuid(value):
            return value
        return self._format(value, path, formats.is_uuid, "uuid", "a UUID (RFC 4122)")

    def duration(self, value: object, path: Path) -> None:
        self._format(
            value,
            path,
            formats.match_duration,
            "duration",
            "an ISO 8601 duration like 'PT1M30S'",
        )

    def timestamp(self, value: object, path: Path) -> None:
        text = self._format(value, path, formats.is_timestamp, "timestamp", "an ISO 8601 date-time")
        # xAPI 2.0.0 made the offset mandatory: a local time without one is ambiguous evidence.
        if text is not None and self.v2 and not formats.timestamp_has_offset(text):
            self.report(
                "timestamp",
                path,
                f"xAPI 2.0.0 needs a time zone offset or 'Z', got {text!r}",
            )

    def language_tag(self, value: object, path: Path) -> None:
        self._format(
            value,
            path,
            formats.match_language_tag,
            "language",
            "an RFC 5646 language tag",
        )

    def language_map(self, value: object, path: Path) -> None:
        if not isinstance(value, dict):
            self.report(
                "type",
                path,
                f'expected a language map like {{"fr-FR": "..."}}, got {type_name(value)}',
            )
            return
        for tag, text in value.items():
            if isinstance(text, str) and formats.match_language_tag(tag):
                continue  # the common case: skip building two paths
            if not formats.is_language_tag(tag):
                self.report(
                    "language",
                    (*path, tag),
                    f"language map key must be an RFC 5646 tag, got {tag!r}",
                )
            self.string(text, (*path, tag))

    def extensions(self, value: object, path: Path) -> None:
        if not isinstance(value, dict):
            self.report(
                "type",
                path,
                f"expected an object keyed by IRIs, got {type_name(value)}",
            )
            return
        for key in value:
            if not formats.is_iri(key):
                self.report(
                    "iri",
                    (*path, key),
                    f"extension keys must be absolute IRIs, got {key!r}",
                )
