"""Against the real LRS through the fault proxy: every statement arrives exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support.lrs import (
    ERROR_500,
    PASS,
    REFUSE,
    SLOW,
    TOO_MANY,
    FaultProxy,
    RunningLRS,
)
from tests.xapi.lrs_query import ids_by_registration
from tests.xapi.worker import statement
from xapi import LRS, Emitter, RetryPolicy, Timeouts

pytestmark = pytest.mark.lrs

ROOT = Path(__file__).resolve().parents[2]
FAST_RETRY = RetryPolicy(base=0.05, cap=0.5)


def _emitter(proxy: FaultProxy, outbox: Path, lrs: LRS, batch_size: int = 50) -> Emitter:
    return Emitter(lrs, outbox, batch_size=batch_size, retry=FAST_RETRY)


def _lrs(proxy: FaultProxy, read_timeout: float = 5.0) -> LRS:
    return LRS(
        proxy.endpoint(),
        username="test",
        password="test",
        timeouts=Timeouts(connect=1.0, read=read_timeout, write=2.0, pool=1.0),
    )


def _assert_exactly_once(server: RunningLRS, registration: str, ids: list[str]) -> None:
    counts = ids_by_registration(server.endpoint, registration)
    assert sorted(counts) == sorted(ids)
    assert set(counts.values()) == {1}


def test_unreachable_during_emits_then_back(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    proxy.set_mode(REFUSE)
    with _lrs(proxy) as lrs, _emitter(proxy, tmp_path / "o.db", lrs) as emitter:
        ids = [emitter.emit(statement(registration, n)) for n in range(230)]
        result = emitter.flush(timeout=0.5)
        assert (result.delivered, result.pending) == (0, 230)
        assert result.retries >= 1 and "ConnectError" in (result.last_error or "")
        proxy.set_mode(PASS)
        result = emitter.flush(timeout=20)
        assert (result.delivered, result.pending, result.dead) == (230, 0, 0)
    _assert_exactly_once(lrs_server, registration, ids)


def test_intermittent_500_and_429_with_retry_after(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    proxy.retry_after = "1"
    proxy.script(ERROR_500, PASS, TOO_MANY, PASS, ERROR_500, ERROR_500, PASS)
    with (
        _lrs(proxy) as lrs,
        _emitter(proxy, tmp_path / "o.db", lrs, batch_size=40) as emitter,
    ):
        ids = [emitter.emit(statement(registration, n)) for n in range(200)]
        result = emitter.flush(timeout=30)
        assert (result.delivered, result.pending, result.dead) == (200, 0, 0)
        assert result.retries == 4
    _assert_exactly_once(lrs_server, registration, ids)
    events = proxy.log.events
    after_429 = next(i for i, e in enumerate(events) if e[1] == TOO_MANY)
    assert events[after_429 + 1][0] - events[after_429][0] >= 1.0  # Retry-After honoured


def test_answers_slower_than_the_timeout(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    # The LRS stores the batch but the answer comes after the client gave up: the retry
    # re-sends the same bytes and the statements must not be duplicated.
    registration = str(uuid.uuid4())
    proxy.delay = 1.0
    proxy.script(SLOW, SLOW)
    with (
        _lrs(proxy, read_timeout=0.3) as lrs,
        _emitter(proxy, tmp_path / "o.db", lrs) as emitter,
    ):
        ids = [emitter.emit(statement(registration, n)) for n in range(120)]
        result = emitter.flush(timeout=30)
        assert (result.delivered, result.pending, result.dead) == (120, 0, 0)
        assert result.retries == 2
        assert "ReadTimeout" in (result.last_error or "")
    _assert_exactly_once(lrs_server, registration, ids)


def _worker(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.xapi.worker", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sender_killed_mid_flush_then_restarted(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    outbox = tmp_path / "o.db"
    with _lrs(proxy) as lrs, _emitter(proxy, outbox, lrs) as emitter:
        ids = [emitter.emit(statement(registration, n)) for n in range(600)]
        emitter.stop()
        proxy.pace = 0.05  # make the child's flush last long enough to be killed inside it
        child = _worker("flush", proxy.endpoint(), str(outbox), "20")
        deadline = time.monotonic() + 20
        while proxy.requests() < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL
        assert 0 < emitter.status().pending < 600
        proxy.pace = 0.0
        result = emitter.flush(timeout=30)  # the restarted sender, taking over the claims
        assert (result.pending, result.dead) == (0, 0)
        assert emitter.status().delivered == 600
    _assert_exactly_once(lrs_server, registration, ids)


def test_emitter_killed_while_emitting_loses_nothing(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    outbox = tmp_path / "o.db"
    child = _worker("emit", proxy.endpoint(), str(outbox), "50", registration, "100000")
    assert child.stdout is not None
    printed = [child.stdout.readline().strip() for _ in range(300)]
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate()
    printed += [line for line in rest.splitlines() if line]
    with sqlite3.connect(outbox) as db:
        stored = {row[0] for row in db.execute("SELECT id FROM pending")}
    db.close()
    assert set(printed) <= stored
    with _lrs(proxy) as lrs, _emitter(proxy, outbox, lrs, batch_size=100) as emitter:
        result = emitter.flush(timeout=30)
        assert (result.pending, result.dead) == (0, 0)
    _assert_exactly_once(lrs_server, registration, sorted(stored))


def test_two_processes_share_one_outbox(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    outbox = tmp_path / "o.db"
    with _lrs(proxy) as lrs, _emitter(proxy, outbox, lrs) as emitter:
        ids = [emitter.emit(statement(registration, n)) for n in range(800)]
        emitter.stop()
        children = [_worker("flush", proxy.endpoint(), str(outbox), "25") for _ in range(2)]
        outputs = [child.communicate(timeout=60) for child in children]
        assert [child.returncode for child in children] == [0, 0], outputs
        delivered = [int(out.split('"delivered": ')[1].split(",")[0]) for out, _ in outputs]
        assert sum(delivered) == 800 and min(delivered) > 0  # both really worked
        assert emitter.status().pending == 0
    _assert_exactly_once(lrs_server, registration, ids)


def test_conflicting_id_does_not_block_its_batch(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    with _lrs(proxy) as lrs, _emitter(proxy, tmp_path / "o.db", lrs) as emitter:
        taken = statement(registration, 999)
        taken["id"] = str(uuid.uuid4())
        other = dict(taken, object={"id": "https://formation.example.fr/xapi/other"})
        answer = lrs.put_statement(taken["id"], json.dumps(other).encode())
        assert answer.status == 204
        ids = [emitter.emit(statement(registration, n)) for n in range(30)]
        emitter.emit(taken)
        ids += [emitter.emit(statement(registration, n)) for n in range(30, 60)]
        result = emitter.flush(timeout=20)
        assert (result.delivered, result.dead, result.pending) == (60, 1, 0)
        [dead] = emitter.dead_letters()
        assert dead.id == taken["id"] and dead.status == 409
    counts = ids_by_registration(lrs_server.endpoint, registration)
    assert counts.pop(taken["id"]) == 1  # the LRS kept the first one
    assert sorted(counts) == sorted(ids) and set(counts.values()) == {1}


def test_background_delivery(proxy: FaultProxy, lrs_server: RunningLRS, tmp_path: Path) -> None:
    registration = str(uuid.uuid4())
    with _lrs(proxy) as lrs:
        emitter = Emitter(
            lrs,
            tmp_path / "o.db",
            retry=FAST_RETRY,
            background=True,
            poll_interval=0.05,
        )
        with emitter:
            proxy.script(ERROR_500)
            ids = [emitter.emit(statement(registration, n)) for n in range(150)]
            deadline = time.monotonic() + 20
            while emitter.status().delivered < 150 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert emitter.status().delivered == 150
    _assert_exactly_once(lrs_server, registration, ids)
