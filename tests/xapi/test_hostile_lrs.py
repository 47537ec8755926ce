"""A hostile LRS can neither hang a flush, fill the memory, fake a delivery nor lose a statement.

Each case runs an emitter in a subprocess (tests/xapi/hostile_worker.py) against a real HTTP
server on 127.0.0.1 that misbehaves (tests/xapi/hostile_lrs.py), then against a sane one: the
flush returns by its deadline (checked with a generous margin: a hang is what is caught), the
process's peak memory grows by less than 100 MB, nothing is marked delivered or dead-lettered on
a bad answer, and at the end the sane LRS holds every statement.
"""

from __future__ import annotations

import email.utils
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.xapi.hostile_lrs import HostileLRS
from tests.xapi.hostile_worker import FLUSH_TIMEOUT, SECRET
from xapi.retry import MAX_WAIT

ROOT = Path(__file__).resolve().parents[2]
COUNT = 25
MEMORY_LIMIT_KIB = 100 * 1024
# Upper bound only: under load a flush may finish late, but never by this much unless it hangs.
HANG = FLUSH_TIMEOUT + 6.0

FAR_FUTURE = email.utils.formatdate(time.time() + 10 * 365 * 86400, usegmt=True)
PAST = email.utils.formatdate(time.time() - 86400, usegmt=True)

GROUPS = {
    "success-proving-nothing": [
        "html",
        "wrong-ids",
        "fewer-ids",
        "empty-200",
        "post-204",
        "nested-json",
        "store-then-html",
    ],
    "slow": ["drip-headers", "drip-body", "store-then-drip", "endless-100"],
    "big": ["endless-chunked", "huge", "huge-unannounced", "gzip-bomb"],
    "broken": ["reset", "bad-status"],
    "retry-after": [
        "retry-after:²",
        "retry-after:-1",
        "retry-after:1e9",
        "retry-after:99999999999999",
        f"retry-after:{PAST}",
        f"retry-after:{FAR_FUTURE}",
    ],
}
# Why each attempt failed (the flush's last error), so a case cannot pass for another reason.
NOT_JSON = "HTTP 200 does not confirm the batch: the answer is not JSON"
EXPECTED = {
    "html": NOT_JSON,
    "empty-200": NOT_JSON,
    "nested-json": NOT_JSON,
    "store-then-html": NOT_JSON,
    "wrong-ids": "the answer lists 10 id(s) that are not the 10 sent",
    "fewer-ids": "the answer lists 9 id(s) that are not the 10 sent",
    "post-204": "HTTP 204 does not confirm the batch",
    "drip-headers": "ReadTimeout",
    "drip-body": "ReadTimeout",
    "store-then-drip": "ReadTimeout",
    "endless-100": "ReadTimeout",
    "endless-chunked": "longer than 1048576 bytes; not read further",
    "huge-unannounced": "longer than 1048576 bytes; not read further",
    "huge": "announces 1073741824 bytes",
    "gzip-bomb": "decompressed answer is longer than 1048576 bytes",
    "reset": "Server disconnected without sending a response",
    "bad-status": "illegal status line",
}
# Retry-After values that must be cut to the cap; the others are ignored or mean "now".
CAPPED = {"retry-after:99999999999999", f"retry-after:{FAR_FUTURE}"}


@pytest.fixture(scope="module")
def server() -> Iterator[HostileLRS]:
    with HostileLRS() as hostile:
        hostile.prepare()
        yield hostile


def run_worker(outbox: Path, endpoints: list[str]) -> tuple[list[str], list[dict[str, Any]], dict[str, int]]:
    """(ids queued, one line per flush, memory figures) from a worker process."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.xapi.hostile_worker",
            str(outbox),
            str(COUNT),
            *endpoints,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60 + HANG * len(endpoints),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert SECRET not in proc.stdout + proc.stderr
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    return lines[0]["ids"], lines[1:-1], lines[-1]


def check_not_delivered(line: dict[str, Any]) -> None:
    where = line["endpoint"]
    assert line["elapsed"] < HANG, where
    assert (line["delivered"], line["dead"], line["pending"]) == (0, 0, COUNT), line
    assert line["total_delivered"] == 0, where
    assert line["last_error"], where


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_hostile_answers_then_a_sane_lrs(server: HostileLRS, tmp_path: Path, group: str) -> None:
    behaviours = GROUPS[group]
    endpoints = [server.endpoint(b) for b in behaviours] + [server.endpoint("sane")]
    ids, flushes, memory = run_worker(tmp_path / "outbox.db", endpoints)
    assert len(flushes) == len(behaviours) + 1
    for behaviour, line in zip(behaviours, flushes, strict=False):
        check_not_delivered(line)
        expected = EXPECTED.get(behaviour, "HTTP 503: busy")
        assert expected in line["last_error"], line
        if behaviour in CAPPED:
            assert MAX_WAIT - 60 < line["wait"] <= MAX_WAIT + 1, line
        elif behaviour.startswith("retry-after:"):
            # Ignored or in the past: the normal (here tiny) backoff, so it was retried.
            assert line["wait"] < 60, line
    sane = flushes[-1]
    assert (sane["pending"], sane["dead"], sane["total_delivered"]) == (0, 0, COUNT), sane
    assert set(ids) <= set(server.stored)
    for statement_id in ids:
        assert json.loads(server.stored[statement_id])["id"] == statement_id
    # The growth is an upper bound (the peak may predate the baseline), and the whole process,
    # interpreter included, stays under the limit too.
    growth = memory["peak_kib"] - memory["rss_before_kib"]
    assert growth < MEMORY_LIMIT_KIB and memory["peak_kib"] < MEMORY_LIMIT_KIB, memory


def test_redirects_are_not_followed_anywhere(server: HostileLRS, tmp_path: Path) -> None:
    with HostileLRS() as elsewhere:
        behaviour = f"redirect:{elsewhere.port}"
        ids, [redirected, sane], _ = run_worker(
            tmp_path / "outbox.db", [server.endpoint(behaviour), server.endpoint("sane")]
        )
        assert sum(elsewhere.requests.values()) == 0
    check_not_delivered(redirected)
    error = redirected["last_error"]
    assert f"redirected to http://127.0.0.1:{elsewhere.port}/redirect" in error
    assert "stolen" not in error and "intruder" not in error
    assert (sane["pending"], sane["total_delivered"]) == (0, COUNT)
    assert set(ids) <= set(server.stored)
