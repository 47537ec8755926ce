"""Predicates for the string formats xAPI relies on. Pure functions, no problem reporting."""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "is_duration",
    "is_iri",
    "is_language_tag",
    "is_mailto",
    "is_sha1",
    "is_sha2",
    "is_timestamp",
    "is_uuid",
    "match_duration",
    "match_iri",
    "match_language_tag",
    "match_uuid",
    "timestamp_has_offset",
]

# An absolute IRI: a scheme, a colon, then something without spaces, controls or the characters
# RFC 3987 excludes. Checking the full grammar would reject IRIs real LRSs accept; this catches
# the mistakes seen in practice (relative ids, bare words, spaces, empty values).
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f\x7f]+\Z")
_UUID = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-"
    r"[0-9a-fA-F]{12}\Z"
)
# Hours, minutes, seconds (60 for a leap second) and offsets are range-checked by the pattern
# itself; the calendar date is left to `datetime.date`.
_TIMESTAMP = re.compile(
    r"(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?"
    r"(?P<tz>Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?\Z"
)
_DURATION = re.compile(
    r"P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?"
    r"(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?\Z"
)
# RFC 5646, simplified: primary subtag of letters, then alphanumeric subtags of at most 8.
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_MAILTO = re.compile(r"mailto:[^@\s:/]+@[^@\s/]+\.[^@\s/.]+\Z")
_SHA1 = re.compile(r"[0-9a-fA-F]{40}\Z")
_SHA2 = re.compile(r"(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})\Z")


# The patterns' bound ``match`` methods, for hot paths that only need a truthy answer: one
# call less per check than the ``is_*`` predicates.
match_iri = _IRI.match
match_uuid = _UUID.match
match_duration = _DURATION.match
match_language_tag = _LANGUAGE.match


def is_iri(value: str) -> bool:
    return _IRI.match(value) is not None


def is_uuid(value: str) -> bool:
    return _UUID.match(value) is not None


def is_language_tag(value: str) -> bool:
    return _LANGUAGE.match(value) is not None


def is_mailto(value: str) -> bool:
    return _MAILTO.match(value) is not None


def is_sha1(value: str) -> bool:
    return _SHA1.match(value) is not None


def is_sha2(value: str) -> bool:
    return _SHA2.match(value) is not None


def is_duration(value: str) -> bool:
    """ISO 8601 duration (``PT1H30M``, ``P3DT4.5S``); weeks alone or with other units."""
    return _DURATION.match(value) is not None


def is_timestamp(value: str) -> bool:
    """ISO 8601 date-time with a real calendar date and time; "-00:00" (unknown offset) refused."""
    match = _TIMESTAMP.match(value)
    if match is None:
        return False
    try:
        dt.date.fromisoformat(match[1])
    except ValueError:
        return False
    tz = match["tz"]
    # A negative zero offset means "local time, offset unknown" (RFC 3339): not evidence.
    return not (tz is not None and tz[0] == "-" and int(tz[1:].replace(":", "")) == 0)


def timestamp_has_offset(value: str) -> bool:
    match = _TIMESTAMP.match(value)
    return match is not None and match["tz"] is not None
