"""The shortcuts taken on the emit path give exactly what the plain code they replace gives.

Each test holds the straightforward version as an oracle: ``uuid.uuid4``, ``time.strftime`` on
every call, and the timestamp predicate as it was before its checks moved into the pattern.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import time
import uuid

import pytest

from tests.xapi import spec_examples
from xapi import emitter, freeze, iter_problems
from xapi.validation import formats
from xapi.validation.statement import check

_OLD_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})T(?P<h>\d{2}):(?P<m>\d{2}):(?P<s>\d{2})(?P<frac>\.\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2}|[+-]\d{4}|[+-]\d{2})?\Z"
)


def _old_is_timestamp(value: str) -> bool:
    match = _OLD_TIMESTAMP.match(value)
    if match is None:
        return False
    try:
        dt.date.fromisoformat(match["date"])
    except ValueError:
        return False
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


def _timestamps() -> list[str]:
    dates = ["2025-03-01", "2024-02-29", "2025-02-29", "2025-13-01", "2025-00-10"]
    times = ["00:00:00", "23:59:59", "23:59:60", "24:00:00", "10:60:00", "10:00:61"]
    fractions = ["", ".5", ".123", "."]
    offsets = ["", "Z", "+00:00", "-00:00", "-0000", "-00", "+05:30", "+0530", "+05"]
    offsets += ["-23:59", "+24:00", "+05:60", "+5", "+05:", "z"]
    return [f"{d}T{t}{f}{o}" for d, t, f, o in itertools.product(dates, times, fractions, offsets)] + [
        "",
        "2025-03-01",
        "2025-03-01 10:00:00Z",
        "2025-03-01T10:00Z",
    ]


@pytest.mark.parametrize("text", _timestamps())
def test_timestamp_predicate_agrees_with_the_plain_one(text: str) -> None:
    assert formats.is_timestamp(text) is _old_is_timestamp(text)


def test_generated_ids_are_random_version_4_uuids() -> None:
    ids = [emitter._uuid4() for _ in range(2000)]
    assert len(set(ids)) == len(ids)
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
        assert formats.is_uuid(text)


def test_generated_timestamps_match_strftime_across_seconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instants = [1740823199.998, 1740823199.9995, 1740823200.0004, 1740823200.5]
    instants += [1740823261.25, 1740823200.75]  # a minute later, then back (clock step)
    clock = iter(instants)
    monkeypatch.setattr(time, "time", lambda: next(clock))
    monkeypatch.setattr(emitter, "_second", (-1, ""))
    got = [emitter._utc_now() for _ in instants]
    assert got == [
        time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z" for now in instants
    ]
    assert got[2] == "2025-03-01T10:00:00.000Z"


def test_generated_timestamp_is_now_and_valid() -> None:
    text = emitter._utc_now()
    assert formats.is_timestamp(text) and text.endswith("Z")
    stamped = dt.datetime.fromisoformat(text)
    assert abs(stamped.timestamp() - time.time()) < 2


@pytest.mark.parametrize("name", sorted(spec_examples.ALL))
def test_check_lists_what_iter_problems_yields(name: str) -> None:
    statement = spec_examples.ALL[name]
    broken = dict(statement, verb={"id": "sent", "dispaly": {"en": "x"}})
    for version in ("1.0.3", "2.0.0"):
        assert check(statement, version) == list(iter_problems(statement, version))
        assert check(broken, version) == list(iter_problems(broken, version))
        verb_problems = [(p.json_path, p.code) for p in check(broken, version) if p.path[0] == "verb"]
        assert verb_problems == [
            ("$.verb.dispaly", "unknown-property"),
            ("$.verb.id", "iri"),
        ]


def test_freeze_serialises_like_json_dumps() -> None:
    statement = dict(spec_examples.SIMPLE, context={"language": "fr-FR"})
    statement["verb"] = {"id": "http://example.com/v", "display": {"fr-FR": "a réussi"}}
    statement_id, body = freeze(statement)
    assert statement_id == statement["id"]
    assert body == json.dumps(statement, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
