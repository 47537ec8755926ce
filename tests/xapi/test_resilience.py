"""The background thread outlives anything; answers are shown safely; PUTs are confirmed."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import httpx
import pytest

from tests.xapi.test_delivery import SECRET, FakeLRS, emit, make
from xapi import LRS, Emitter
from xapi.delivery import Sender


def wait_delivered(emitter: Emitter, count: int, seconds: float = 20.0) -> int:
    deadline = time.monotonic() + seconds
    while emitter.status().delivered < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return emitter.status().delivered


def test_background_thread_survives_a_bad_retry_after(tmp_path: Path) -> None:
    # "²" passes str.isdigit(): it used to raise in the thread and end background delivery.
    fake = FakeLRS(lambda r: httpx.Response(503, headers={"Retry-After": "²"}))
    emitter = make(tmp_path, fake, background=True, poll_interval=0.02)
    emit(emitter, 3)
    assert wait_delivered(emitter, 3) == 3
    assert emitter._thread is not None and emitter._thread.is_alive()
    emitter.close()


def test_background_thread_survives_any_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    original = Sender.run
    calls = {"n": 0}

    def flaky(self: Sender, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] <= 2:
            raise RuntimeError(f"bug meeting Authorization: Basic key:{SECRET}")
        return original(self, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Sender, "run", flaky)
    emitter = make(tmp_path, FakeLRS(), background=True, poll_interval=0.02)
    emit(emitter, 4)
    assert wait_delivered(emitter, 4) == 4
    emitter.close()
    assert "background delivery failed (RuntimeError: bug meeting" in caplog.text
    assert SECRET not in caplog.text and "Traceback" not in caplog.text


def test_claims_are_released_when_delivery_breaks_mid_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Sender, *args: object) -> None:
        raise RuntimeError("bug")

    emitter = make(tmp_path, FakeLRS(), lease=300)
    emit(emitter, 3)
    monkeypatch.setattr(Sender, "_deliver", broken)
    with pytest.raises(RuntimeError):
        emitter.flush(timeout=5)
    monkeypatch.undo()
    # Without the release, the same process would wait out the 300 s lease.
    assert emitter.flush(timeout=5).delivered == 3
    emitter.close()


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, text="<html>portal</html>"),
        httpx.Response(200, text="not json at all"),
    ],
    ids=["html", "text"],
)
def test_put_is_confirmed_by_204_not_by_any_200(tmp_path: Path, answer: httpx.Response) -> None:
    state = {"bad": True}

    def lrs(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(409)
        return answer if state["bad"] else httpx.Response(204)

    fake = FakeLRS(*[lrs] * 1000)
    emitter = make(tmp_path, fake)
    emit(emitter, 2)
    result = emitter.flush(timeout=1.0)
    assert (result.delivered, result.dead, result.pending) == (0, 0, 2)
    assert "does not confirm statement" in (result.last_error or "")
    state["bad"] = False
    emitter.retry_now()
    assert emitter.flush(timeout=5).ok
    assert emitter.status().delivered == 2
    emitter.close()


def test_answer_text_is_one_safe_line(tmp_path: Path) -> None:
    evil = "\x1b[2J\x1b[31mYOU WERE HACKED\r\n\u202eevil\x00" + "x" * 5000
    fake = FakeLRS(lambda r: httpx.Response(403, text=evil))
    emitter = make(tmp_path, fake)
    emit(emitter, 1)
    emitter.flush(timeout=2)
    [letter] = emitter.dead_letters()
    assert "YOU WERE HACKED" in letter.answer
    assert not any(ord(c) < 32 or c == "\u202e" for c in letter.answer)
    assert len(letter.answer) <= len("HTTP 403: ") + 2000
    emitter.close(flush_timeout=None)


def test_the_default_transport_gets_the_socket_deadline() -> None:
    # If an httpx release moves the attributes xapi.deadline relies on, this fails loudly.
    with LRS("http://127.0.0.1:9/xAPI/") as lrs:
        assert lrs.socket_deadlines >= 1
    with LRS("http://lrs.test/xAPI/", transport=httpx.MockTransport(FakeLRS())) as mocked:
        assert mocked.socket_deadlines == 0


def test_flush_timeout_bounds_requests_on_a_mock_transport(tmp_path: Path) -> None:
    def slow_stream(request: httpx.Request) -> httpx.Response:
        def body() -> object:
            while True:
                time.sleep(0.05)
                yield b" "

        return httpx.Response(200, content=body())  # type: ignore[arg-type]

    fake = FakeLRS(*[slow_stream] * 100)
    emitter = make(tmp_path, fake)
    emit(emitter, 1)
    start = time.monotonic()
    result = emitter.flush(timeout=0.5)
    assert time.monotonic() - start < 10  # a hang, not a speed, is what this catches
    assert (result.delivered, result.pending) == (0, 1)
    # The flush ran out, not the LRS (its own 60 s were not over): no failure, no backoff.
    status = emitter.status()
    assert (result.retries, status.last_error, status.next_attempt_at) == (0, None, 0.0)
    emitter.close(flush_timeout=None)


def test_log_lines_hold_no_credentials(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeLRS(lambda r: httpx.Response(503, text=f"echo {r.headers['Authorization']}"))
    emitter = make(tmp_path, fake)
    emit(emitter, 1)
    emitter.flush(timeout=2)
    emitter.close()
    assert SECRET not in caplog.text and "a2V5OnMzY3IzdC1wYTU1d29yZA" not in caplog.text


def test_retry_now_wakes_a_background_thread_inside_a_long_wait(tmp_path: Path) -> None:
    fake = FakeLRS(lambda r: httpx.Response(503, headers={"Retry-After": "3000"}))
    emitter = make(tmp_path, fake, background=True, poll_interval=0.02)
    emit(emitter, 2)
    deadline = time.monotonic() + 20
    while not fake.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)  # let the thread settle into its wait
    emitter.retry_now()
    assert wait_delivered(emitter, 2) == 2
    emitter.close()
