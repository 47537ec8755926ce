"""Delivery policy with httpx.MockTransport: what each LRS answer does to the outbox."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.xapi.worker import statement
from xapi import (
    LRS,
    ConflictError,
    Emitter,
    InvalidStatementError,
    OutboxError,
    RetryPolicy,
)
from xapi.outbox import Outbox

Handler = Callable[[httpx.Request], httpx.Response]
NO_WAIT = RetryPolicy(base=0.001, cap=0.01)
SECRET = "s3cr3t-pa55word"


class FakeLRS:
    """Records requests; ``answers`` is consumed per request, then every request gets 200."""

    def __init__(self, *answers: int | Handler) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        self.stored: dict[str, bytes] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        answer = self.answers.pop(0) if self.answers else 200
        if callable(answer):
            return answer(request)
        if answer in (200, 204):
            body = json.loads(request.content)
            items = body if isinstance(body, list) else [body]
            for item in items:
                self.stored[item["id"]] = json.dumps(item).encode()
            if answer == 200 and request.method == "POST":
                return httpx.Response(200, json=[item["id"] for item in items])
            return httpx.Response(answer)
        return httpx.Response(answer, json={"message": f"answer {answer}"})


def make(tmp_path: Path, fake: FakeLRS, **options: object) -> Emitter:
    lrs = LRS(
        "http://lrs.test/xAPI",
        username="key",
        password=SECRET,
        transport=httpx.MockTransport(fake),
    )
    return Emitter(lrs, tmp_path / "outbox.db", retry=NO_WAIT, **options)  # type: ignore[arg-type]


def emit(emitter: Emitter, count: int) -> list[str]:
    return [emitter.emit(statement("ec531277-b57b-4c15-8d91-d292c5b2b8f7", n)) for n in range(count)]


def test_batches_keep_order_and_exact_bytes(tmp_path: Path) -> None:
    fake = FakeLRS()
    emitter = make(tmp_path, fake, batch_size=4)
    ids = emit(emitter, 10)
    result = emitter.flush()
    assert (result.delivered, result.pending) == (10, 0)
    assert [len(json.loads(r.content)) for r in fake.requests] == [4, 4, 2]
    sent = [s["id"] for r in fake.requests for s in json.loads(r.content)]
    assert sent == ids
    first = fake.requests[0]
    assert first.headers["X-Experience-API-Version"] == "1.0.3"
    assert first.url == "http://lrs.test/xAPI/statements"
    emitter.close()


def test_retry_sends_the_same_bytes(tmp_path: Path) -> None:
    fake = FakeLRS(500, 503)
    emitter = make(tmp_path, fake)
    emit(emitter, 3)
    result = emitter.flush()
    assert (result.delivered, result.retries) == (3, 2)
    assert len({r.content for r in fake.requests}) == 1
    emitter.close()


def test_429_retry_after_is_honoured(tmp_path: Path) -> None:
    fake = FakeLRS(lambda r: httpx.Response(429, headers={"Retry-After": "30"}))
    emitter = make(tmp_path, fake)
    emit(emitter, 2)
    result = emitter.flush(timeout=1)
    # Waiting 30 s does not fit in the 1 s allowed: the statements stay queued, untried.
    assert (result.delivered, result.pending, len(fake.requests)) == (0, 2, 1)
    assert emitter.status().next_attempt_at > 0
    emitter.close(flush_timeout=None)


def test_network_errors_are_retried(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    fake = FakeLRS(refuse, refuse)
    emitter = make(tmp_path, fake)
    emit(emitter, 1)
    result = emitter.flush()
    assert (result.delivered, result.retries) == (1, 2)
    emitter.close()


def test_400_in_a_batch_is_isolated_by_bisection(tmp_path: Path) -> None:
    bad: set[str] = set()

    def judge(request: httpx.Request) -> httpx.Response:
        batch = json.loads(request.content)
        if any(s["id"] in bad for s in batch):
            return httpx.Response(400, json={"message": "bad statement"})
        return httpx.Response(200, json=[s["id"] for s in batch])

    fake = FakeLRS(*[judge] * 20)
    emitter = make(tmp_path, fake, batch_size=8)
    ids = emit(emitter, 8)
    bad.add(ids[5])
    result = emitter.flush()
    assert (result.delivered, result.dead, result.pending) == (7, 1, 0)
    [letter] = emitter.dead_letters()
    assert letter.id == ids[5] and letter.status == 400 and "bad statement" in letter.answer
    assert len(fake.requests) <= 1 + 2 * 3  # log2(8) levels, two halves each
    emitter.close()


def test_409_on_a_batch_falls_back_to_idempotent_puts(tmp_path: Path) -> None:
    def conflict_on_post(request: httpx.Request) -> httpx.Response:
        return httpx.Response(409 if request.method == "POST" else 204)

    fake = FakeLRS(conflict_on_post, 204, 409, 204)
    emitter = make(tmp_path, fake)
    ids = emit(emitter, 3)
    result = emitter.flush()
    # The middle id is owned by someone else (first send, 409): dead, its neighbours delivered.
    assert (result.delivered, result.dead) == (2, 1)
    assert [r.method for r in fake.requests] == ["POST", "PUT", "PUT", "PUT"]
    assert [r.url.params["statementId"] for r in fake.requests[1:]] == ids
    assert emitter.dead_letters()[0].id == ids[1]
    emitter.close()


def test_409_on_a_resent_statement_counts_as_delivered(tmp_path: Path) -> None:
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    fake = FakeLRS(timeout, 409, 409)
    emitter = make(tmp_path, fake)
    emit(emitter, 1)
    result = emitter.flush()
    assert (result.delivered, result.dead) == (1, 0)
    emitter.close()


@pytest.mark.parametrize("status", [401, 403])
def test_auth_refusal_dead_letters_and_stops(tmp_path: Path, status: int) -> None:
    fake = FakeLRS(status)
    emitter = make(tmp_path, fake, batch_size=2)
    ids = emit(emitter, 5)
    result = emitter.flush()
    assert (result.delivered, result.dead, result.pending) == (0, 2, 3)
    assert len(fake.requests) == 1
    assert {d.id for d in emitter.dead_letters()} == set(ids[:2])
    assert emitter.retry_dead() == 2
    emitter.flush(timeout=0)  # still inside the backoff
    status_now = emitter.status()
    assert (status_now.pending, status_now.dead) == (5, 0)
    emitter.close(flush_timeout=None)


def test_credentials_never_in_errors_or_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    def echo_auth(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, text=f"bad credentials {request.headers['Authorization']}")

    caplog.set_level(logging.DEBUG)
    lrs = LRS(f"http://key:{SECRET}@lrs.test/xAPI/", transport=httpx.MockTransport(echo_auth))
    assert SECRET not in lrs.endpoint and SECRET not in repr(lrs)
    with Emitter(lrs, tmp_path / "o.db", retry=NO_WAIT) as emitter:
        emit(emitter, 1)
        result = emitter.flush()
        texts = [
            result.last_error or "",
            caplog.text,
            str(emitter.status()),
            *(d.answer for d in emitter.dead_letters()),
        ]
    assert "bad credentials Basic ***" in texts[0]
    for text in texts:
        assert SECRET not in text and "a2V5OnMzY3IzdC1wYTU1d29yZA" not in text


def test_emit_is_durable_and_idempotent(tmp_path: Path) -> None:
    fake = FakeLRS()
    emitter = make(tmp_path, fake)
    st = statement("ec531277-b57b-4c15-8d91-d292c5b2b8f7", 1)
    st["id"] = "0c7f1c4e-6d3a-4b2b-9e0f-1a2b3c4d5e6f"
    st["timestamp"] = "2025-03-01T10:00:00Z"
    assert emitter.emit(st) == st["id"]
    assert emitter.emit(st) == st["id"]  # same bytes again: no duplicate
    with pytest.raises(ConflictError):
        emitter.emit(dict(st, verb={"id": "http://adlnet.gov/expapi/verbs/answered"}))
    emitter.close(flush_timeout=None)
    # Another connection (another process) sees it: it is on disk.
    reopened = make(tmp_path, fake)
    assert reopened.status().pending == 1
    reopened.flush()
    assert reopened.emit(st) == st["id"]
    assert reopened.status().pending == 0  # already delivered: not queued again
    with pytest.raises(ConflictError):
        reopened.emit(dict(st, verb={"id": "http://adlnet.gov/expapi/verbs/answered"}))
    reopened.close()


def test_invalid_statements_are_never_queued(tmp_path: Path) -> None:
    emitter = make(tmp_path, FakeLRS())
    with pytest.raises(InvalidStatementError) as caught:
        emitter.emit({"actor": {"mbox": "nobody"}, "verb": {"id": "x"}, "object": {}})
    assert [p.json_path for p in caught.value.problems] == [
        "$.actor.mbox",
        "$.verb.id",
        "$.object.id",
    ]
    good = statement("ec531277-b57b-4c15-8d91-d292c5b2b8f7", 1)
    with pytest.raises(InvalidStatementError) as caught:
        emitter.emit_many([good, {"verb": {}}])
    assert caught.value.index == 1
    assert emitter.status().pending == 0
    emitter.close()


def test_id_and_timestamp_are_added(tmp_path: Path) -> None:
    fake = FakeLRS()
    emitter = make(tmp_path, fake)
    statement_id = emitter.emit(statement("ec531277-b57b-4c15-8d91-d292c5b2b8f7", 1))
    emitter.flush()
    [sent] = json.loads(fake.requests[0].content)
    assert sent["id"] == statement_id
    assert sent["timestamp"].endswith("Z") and len(sent["timestamp"]) == 24
    emitter.close()


def test_tincan_statements_are_accepted(tmp_path: Path) -> None:
    import tincan  # type: ignore[import-untyped]

    emitter = make(tmp_path, FakeLRS())
    st = tincan.Statement(
        actor={"mbox": "mailto:a@example.fr"},
        verb={"id": "http://adlnet.gov/expapi/verbs/experienced"},
        object={"id": "https://formation.example.fr/xapi/modules/m1"},
    )
    assert len(emitter.emit(st)) == 36
    emitter.close()


def test_memory_is_bounded_by_the_batch(tmp_path: Path) -> None:
    sizes: list[int] = []

    def measure(request: httpx.Request) -> httpx.Response:
        batch = json.loads(request.content)
        sizes.append(len(batch))
        return httpx.Response(200, json=[s["id"] for s in batch])

    emitter = make(tmp_path, FakeLRS(*[measure] * 30), batch_size=10)
    emit(emitter, 250)
    assert emitter.flush().delivered == 250
    assert max(sizes) == 10
    emitter.close()


def test_deliveries_recorded_in_the_background_are_all_written(tmp_path: Path) -> None:
    # 70 batches: every record but the last is written by the helper thread during the next
    # send, and two checkpoints fall due on the way.
    fake = FakeLRS()
    emitter = make(tmp_path, fake, batch_size=3)
    ids = emit(emitter, 210)
    result = emitter.flush(timeout=30)
    assert (result.delivered, result.pending, result.dead) == (210, 0, 0)
    status = emitter.status()
    assert (status.pending, status.delivered) == (0, 210)
    assert list(fake.stored) == ids
    emitter.close()


def test_a_failed_background_record_is_raised_by_flush(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeLRS()
    emitter = make(tmp_path, fake, batch_size=2, lease=0.5)
    emit(emitter, 6)

    def broken(self: object, items: object, status: int) -> None:
        raise OutboxError("outbox test: cannot record deliveries: disk full")

    monkeypatch.setattr(Outbox, "mark_delivered", broken)
    with pytest.raises(OutboxError, match="disk full"):
        emitter.flush(timeout=30)
    monkeypatch.undo()
    # Nothing was lost: the statements stay queued and go again once the claims' lease ends.
    assert emitter.status().pending == 6
    time.sleep(0.6)
    assert emitter.flush(timeout=30).ok
    assert emitter.status().delivered == 6
    emitter.close()
