"""`Emitter`: validate, freeze and durably queue statements; deliver them now or in background.

``emit`` never talks to the network: it returns once the statement is in the outbox, so a
learner's click never waits for the LRS, and a crash after ``emit`` loses nothing.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any, Self, TypeAlias

# TinCanPython ships no type information.
import tincan  # type: ignore[import-untyped]

from xapi.client import LRS, printable
from xapi.delivery import FlushResult, Sender
from xapi.errors import InvalidStatementError, XAPIError
from xapi.outbox import DeadLetter, Durability, Outbox, OutboxStatus
from xapi.retry import RetryPolicy
from xapi.validation import Problem
from xapi.validation.statement import check

__all__ = ["Emitter", "Statement", "freeze"]

log = logging.getLogger("xapi")
_DEFAULT_POLICY = RetryPolicy()

Statement: TypeAlias = Mapping[str, Any] | tincan.Statement
"""What `Emitter.emit` accepts: parsed JSON, or a TinCanPython statement."""


# Built once: json.dumps with options builds a new encoder per call. Its C one-shot path is
# thread-safe (no state kept between calls).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode

# The "YYYY-MM-DDTHH:MM:SS" of the last second seen: formatting it is most of the cost of a
# timestamp, and it changes once a second. One tuple, swapped whole, so threads share it safely.
_second: tuple[int, str] = (-1, "")


def _utc_now() -> str:
    global _second
    now = time.time()
    whole = int(now)
    second, prefix = _second
    if whole != second:
        prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
        _second = (whole, prefix)
    return f"{prefix}.{int(now % 1 * 1000):03d}Z"


# RFC 4122 version 4 from 16 fresh random bytes, as uuid.uuid4() does, without building a
# UUID object: clear the version and variant bits, then set version 4 and variant 10.
_V4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_V4_SET = (0x4000 << 64) | (0x8000 << 48)


def _uuid4() -> str:
    h = "%032x" % (int.from_bytes(os.urandom(16)) & _V4_CLEAR | _V4_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def freeze(statement: Statement, version: str = "1.0.3") -> tuple[str, bytes]:
    """Complete, validate and serialise a statement: its id and the exact bytes to send.

    A missing id gets a random UUID and a missing timestamp the current UTC time, so the
    statement means the same thing however late it is delivered.

    Raises:
        InvalidStatementError: with every problem and its JSON path.
    """
    if type(statement) is dict or isinstance(statement, Mapping):
        data: dict[str, Any] = dict(statement)  # shallow: we only add top-level keys
    elif isinstance(statement, tincan.Statement):
        data = json.loads(statement.to_json())
    else:
        raise InvalidStatementError(
            [
                Problem(
                    "type",
                    (),
                    f"expected a statement object, got {type(statement).__name__}",
                )
            ]
        )
    if "id" not in data:
        data["id"] = _uuid4()
    if "timestamp" not in data:
        data["timestamp"] = _utc_now()
    problems = check(data, version)
    if problems:
        raise InvalidStatementError(problems)
    try:
        body = _ENCODE(data)
    except (TypeError, ValueError) as exc:
        # Extension values are free JSON; a datetime or NaN in them is caught here.
        raise InvalidStatementError([Problem("json", (), f"not serialisable as JSON: {exc}")]) from exc
    return str(data["id"]), body.encode("utf-8")


class Emitter:
    """Queue statements in an outbox and deliver them to an LRS.

    Parameters:
        lrs: where statements go (the emitter does not close it).
        outbox: path of the SQLite outbox; several processes may share it.
        durability: ``"normal"`` (survives a killed process, the default) or ``"full"``
            (fsync on every emit, survives power loss).
        batch_size: statements per POST.
        retry: backoff policy.
        background: start a delivery thread now (see `start`).
        poll_interval: seconds between two looks at the outbox by the background thread when
            nothing wakes it (other processes may enqueue).
        lease: seconds a claimed batch stays reserved for one sender.
    """

    def __init__(
        self,
        lrs: LRS,
        outbox: str | os.PathLike[str],
        *,
        durability: Durability | str = Durability.NORMAL,
        batch_size: int = 100,
        retry: RetryPolicy = _DEFAULT_POLICY,
        background: bool = False,
        poll_interval: float = 1.0,
        lease: float = 300.0,
    ) -> None:
        self.lrs = lrs
        self.path = os.fspath(outbox)
        self.durability = Durability(durability)
        self._sender_options: dict[str, Any] = {
            "batch_size": batch_size,
            "policy": retry,
            "lease": lease,
        }
        self.poll_interval = poll_interval
        self._retry = retry
        self._outbox = Outbox(self.path, durability=self.durability)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False
        if background:
            self.start()

    # --- emitting ---------------------------------------------------------------------------

    def emit(self, statement: Statement) -> str:
        """Validate and queue one statement; returns its id once it is durable on disk.

        Raises:
            InvalidStatementError: nothing was queued.
            ConflictError: the id is already queued or delivered with other content.
        """
        statement_id, body = freeze(statement, self.lrs.version)
        self._outbox.enqueue(statement_id, body)
        # Setting an Event takes a lock and notifies; once set it stays so until the delivery
        # thread clears it, and that thread claims after clearing, so it sees this statement.
        if not self._wake.is_set():
            self._wake.set()
        return statement_id

    def emit_many(self, statements: Iterable[Statement]) -> list[str]:
        """Queue several statements atomically: if any is invalid, none is queued.

        Raises:
            InvalidStatementError: for the first invalid statement, with its ``index``.
        """
        frozen = []
        for index, statement in enumerate(statements):
            try:
                frozen.append(freeze(statement, self.lrs.version))
            except InvalidStatementError as exc:
                raise InvalidStatementError(exc.problems, index=index) from None
        self._outbox.enqueue_many(frozen)
        self._wake.set()
        return [statement_id for statement_id, _ in frozen]

    # --- delivering -------------------------------------------------------------------------

    def _sender(self, outbox: Outbox) -> Sender:
        return Sender(outbox, self.lrs, **self._sender_options)

    def flush(self, timeout: float | None = 30.0) -> FlushResult:
        """Deliver what is pending, retrying with backoff for up to ``timeout`` seconds.

        Returns within ``timeout`` (plus the local disk work) whatever the LRS does: each
        request is cut at the deadline. Returns the counts; statements not delivered stay
        queued (``result.pending``).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with Outbox(self.path, durability=self.durability) as outbox:
            return self._sender(outbox).run(deadline=deadline)

    def start(self) -> None:
        """Deliver in a background thread until `stop` or `close`: for long-running processes."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._background, name="xapi-delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = 10.0) -> None:
        """Stop the background thread (what it has not sent stays queued)."""
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        self._wake.set()
        thread.join(timeout)
        self._thread = None

    def _background(self) -> None:
        crashes = 0
        while not self._stop.is_set():
            try:
                with Outbox(self.path, durability=self.durability) as outbox:
                    sender = self._sender(outbox)
                    while not self._stop.is_set():
                        self._wake.clear()
                        result = sender.run(stop=self._stop)
                        crashes = 0
                        pause = self.poll_interval
                        if result.pending:
                            _failures, next_at = outbox.backoff()
                            pause = max(min(pause, 0.05), next_at - time.time())
                        self._wake.wait(pause)
            except Exception as exc:
                # The thread must outlive anything: a full disk, a bug, an answer nobody
                # foresaw. Statements stay queued; the outbox is reopened after a backoff.
                # Only the exception's own line is logged (no traceback, whose chained
                # messages could quote a header), with credentials removed.
                crashes += 1
                pause = max(self._retry.delay(crashes), 0.05)
                log.error(
                    "xapi: background delivery failed (%s); trying again in %.2f s",
                    self.lrs.redact(printable(f"{type(exc).__name__}: {exc}"))[:2000],
                    pause,
                )
                self._stop.wait(pause)

    # --- inspecting -------------------------------------------------------------------------

    def status(self) -> OutboxStatus:
        return self._outbox.status()

    def dead_letters(self, limit: int = 20) -> list[DeadLetter]:
        return self._outbox.dead_letters(limit)

    def retry_now(self) -> None:
        """Forget the wait set by earlier failures (or a server's Retry-After): try at once."""
        self._outbox.reset_backoff()
        self._wake.set()

    def retry_dead(self, ids: list[str] | None = None) -> int:
        """Queue dead letters again (after fixing credentials or the LRS); returns how many."""
        count = self._outbox.requeue_dead(ids)
        self._wake.set()
        return count

    # --- lifetime ---------------------------------------------------------------------------

    def close(self, flush_timeout: float | None = 5.0) -> None:
        """Stop background delivery, try a last flush, close the outbox. Idempotent.

        Pending statements are safe on disk whatever the flush achieves.
        """
        if self._closed:
            return
        self._closed = True
        self.stop()
        try:
            if flush_timeout:
                self.flush(flush_timeout)
        except XAPIError as exc:
            log.error("xapi: final flush failed: %s", exc)
        finally:
            self._outbox.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
