"""The outbox holds learner data: private modes, and no wait stored in it can last for ever."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.xapi.test_delivery import FakeLRS, emit, make
from xapi.outbox import Outbox
from xapi.retry import MAX_WAIT


@pytest.fixture
def loose_umask() -> Iterator[None]:
    # The usual default: what the files would get if the outbox did not choose its modes.
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_outbox_is_private(tmp_path: Path, loose_umask: None) -> None:
    path = tmp_path / "state" / "ehealth" / "outbox.db"
    existing = mode(tmp_path)
    with Outbox(path) as outbox:
        outbox.enqueue("0c7f1c4e-6d3a-4b2b-9e0f-1a2b3c4d5e6f", b"{}")
        wal = path.with_name(path.name + "-wal")
        shm = path.with_name(path.name + "-shm")
        assert wal.exists() and shm.exists()
        assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    assert mode(path.parent) == 0o700
    assert mode(tmp_path) == existing  # an existing folder is not ours to change


def test_existing_world_readable_outbox_is_tightened(
    tmp_path: Path, loose_umask: None, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "outbox.db"
    with Outbox(path) as outbox:
        outbox.enqueue("0c7f1c4e-6d3a-4b2b-9e0f-1a2b3c4d5e6f", b"{}")
    path.chmod(0o644)
    folder_mode = mode(tmp_path)
    with Outbox(path) as outbox:
        assert outbox.pending_count() == 1
    assert mode(path) == 0o640  # others lose access; a group share is a deliberate choice
    assert mode(tmp_path) == folder_mode
    assert "was readable by other users (mode 644); tightened to 640" in caplog.text


def _stored_wait(path: Path, next_attempt_at: float, since: float | None) -> None:
    with sqlite3.connect(path) as db:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('failures', 3)")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('next_attempt_at', ?)", (next_attempt_at,))
        if since is not None:
            db.execute("INSERT OR REPLACE INTO meta VALUES ('backoff_from', ?)", (since,))
    db.close()


def test_a_far_future_wait_in_an_old_outbox_is_bounded(tmp_path: Path) -> None:
    fake = FakeLRS()
    emitter = make(tmp_path, fake)
    emit(emitter, 2)
    # Written by an older version (no backoff_from): nothing bounds it but MAX_WAIT from the
    # epoch, so it is over.
    _stored_wait(tmp_path / "outbox.db", 99999999999999.0, None)
    assert emitter.status().next_attempt_at <= MAX_WAIT
    assert emitter.flush(timeout=5).delivered == 2
    emitter.close()


def test_a_recorded_wait_never_exceeds_max_wait(tmp_path: Path) -> None:
    emitter = make(tmp_path, FakeLRS())
    emit(emitter, 1)
    now = time.time()
    _stored_wait(tmp_path / "outbox.db", 99999999999999.0, now)
    assert emitter.status().next_attempt_at == pytest.approx(now + MAX_WAIT)
    with Outbox(tmp_path / "outbox.db") as outbox:
        outbox.record_failure("HTTP 503", now + 10 * MAX_WAIT)
        assert outbox.backoff()[1] <= time.time() + MAX_WAIT
    emitter.close(flush_timeout=None)


def test_retry_now_ends_the_wait(tmp_path: Path) -> None:
    fake = FakeLRS(lambda r: httpx.Response(503, headers={"Retry-After": "3000"}))
    emitter = make(tmp_path, fake)
    emit(emitter, 3)
    assert emitter.flush(timeout=2).pending == 3
    assert emitter.status().next_attempt_at > time.time() + 2000
    assert emitter.flush(timeout=1).delivered == 0  # still waiting: not even tried
    assert len(fake.requests) == 1
    emitter.retry_now()
    assert emitter.flush(timeout=5).delivered == 3
    emitter.close()


def test_corrupt_backoff_values_do_not_stop_delivery(tmp_path: Path) -> None:
    emitter = make(tmp_path, FakeLRS())
    emit(emitter, 1)
    with sqlite3.connect(tmp_path / "outbox.db") as db:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('next_attempt_at', 'soon')")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('failures', 'many')")
    db.close()
    assert emitter.flush(timeout=5).delivered == 1
    emitter.close()


def test_log_is_quiet_for_a_private_outbox(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with Outbox(tmp_path / "o.db"):
        pass
    with Outbox(tmp_path / "o.db"):
        pass
    assert "readable" not in caplog.text
