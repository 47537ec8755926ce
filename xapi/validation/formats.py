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
_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?P<frac>\.\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2}|[+-]\d{4}|[+-]\d{2})?\Z"
)
_DURATION = re.compile(
    r"P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?"
    r"(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?\Z"
)
# RFC 5646, simplified: primary subtag of letters, then alphanumeric subtags of at most 8.
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*\Z")
_MAILTO = re.compile(r"mailto:[^@\s:/]+@[^@\s/]+\.[^@\s/.]+\Z")
_SHA1 = re.compile(r"[0-9a-fA-F]{40}\Z")
_SHA2 = re.compile(
    r"(?:[0-9a-fA-F]{56}|[0-9a-fA-F]{64}|[0-9a-fA-F]{96}|[0-9a-fA-F]{128})\Z"
)


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
        dt.date.fromisoformat(match["date"])
    except ValueError:
        return False
    # 60 seconds is allowed for a leap second.
    if int(match["h"]) > 23 or int(match["m"]) > 59 or int(match["s"]) > 60:
        return False
    tz = match["tz"]
    if tz is not None and tz != "Z":
        digits = tz[1:].replace(":", "")
        if int(digits[:2]) > 23 or (len(digits) > 2 and int(digits[2:]) > 59):
            return False
        if tz[0] == "-" and int(digits) == 0:
            return False
    return True


def timestamp_has_offset(value: str) -> bool:
    match = _TIMESTAMP.match(value)
    return match is not None and match["tz"] is not None
