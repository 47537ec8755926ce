"""Moves statements from the outbox to the LRS: batches, isolation of refusals, backoff.

One `Sender` per thread. A run claims the oldest batch, POSTs it, and records the outcome:

* 200 listing exactly the ids sent (xAPI's answer to a POST): delivered. A 200 with anything
  else (an HTML page, other ids, no body) proves nothing: retried like a 5xx, never marked
  delivered. A PUT is delivered on 204 (or a 200 with an empty or JSON body).
* 3xx: never followed (see `xapi.client`); retried like a 5xx, the error says where it pointed.
* 5xx, 429, 408, network errors, timeouts: the batch goes back unclaimed, the shared backoff
  grows (Retry-After honoured), and later batches wait: order is kept.
* 400/413 on a batch: bisect, so one bad statement cannot dead-letter its good neighbours.
* 409 on a batch (the LRS refuses the whole batch when one id exists with another body): each
  statement is PUT by id, which is idempotent. A 409 on a statement we sent before means the LRS
  kept our earlier send: delivered. A 409 on a first send means someone else owns the id: dead.
* 401/403 and other 4xx: the batch is dead-lettered with the answer and the run stops with a
  backoff, because the next batches would meet the same refusal.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from xapi import deadline as deadlines
from xapi.client import LRS, Answer
from xapi.errors import LRSError, NoTimeLeftError, XAPIError
from xapi.outbox import Outbox, Pending
from xapi.retry import (
    Disposition,
    RetryPolicy,
    classify,
    put_unconfirmed,
    unconfirmed,
)

__all__ = ["FlushResult", "Sender"]

log = logging.getLogger("xapi")
_DEFAULT_POLICY = RetryPolicy()
_WAIT_SLICE = 1.0


@dataclass
class FlushResult:
    """Counts of one delivery run."""

    delivered: int = 0
    """Statements the LRS confirmed during this run."""
    dead: int = 0
    """Statements dead-lettered during this run."""
    pending: int = 0
    """Statements still in the outbox when the run ended (all processes' ones)."""
    retries: int = 0
    """Failed attempts that will be retried."""
    last_error: str | None = None
    """The last failure met during this run."""

    @property
    def ok(self) -> bool:
        return self.pending == 0 and self.dead == 0


class _RetryLater(Exception):
    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _OutOfTime(Exception):
    """The run's deadline ended a request (or kept it from starting): not the LRS's failure."""

    def __init__(self, after_sending: bool) -> None:
        super().__init__("no time left")
        self.after_sending = after_sending
        """Whether an earlier request of the batch (a bisection, a PUT) already went out."""


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _describe(answer: Answer) -> str:
    return f"HTTP {answer.status}" + (f": {answer.text}" if answer.text else "")


class Sender:
    """Delivers an outbox to an LRS.

    Parameters:
        outbox: this thread's connection to the outbox.
        lrs: where to send.
        batch_size: statements per POST.
        policy: backoff after failures.
        lease: seconds a claim is held before another process may take the batch over (claims
            of processes that died on this host are taken over at once).
    """

    def __init__(
        self,
        outbox: Outbox,
        lrs: LRS,
        *,
        batch_size: int = 100,
        policy: RetryPolicy = _DEFAULT_POLICY,
        lease: float = 300.0,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.outbox = outbox
        self.lrs = lrs
        self.batch_size = batch_size
        self.policy = policy
        self.lease = lease
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
        self._unwritten: list[tuple[Sequence[Pending], int]] = []
        """Deliveries confirmed by the LRS and not yet recorded in the outbox."""
        self._writing: Future[None] | None = None
        """The background write of the previous batch's deliveries, if one is running."""
        self._sent_in_batch = 0
        """Requests made for the batch being delivered."""

    def run(self, *, deadline: float | None = None, stop: threading.Event | None = None) -> FlushResult:
        """Deliver until the outbox is empty, ``deadline`` (monotonic) passes, or ``stop`` is set.

        Backoff waits happen inside the run while the deadline allows them, and every request
        ends by the deadline too (`xapi.deadline`): a server dripping its answer cannot hold
        the run past it.

        Recording a delivered batch (and the periodic checkpoint) happens in a helper thread
        while the next batch is on the wire, so the disk work hides behind the LRS's answer
        time. The next batch is claimed before that record is written, which is safe: its rows
        are still ours (claimed), and a crash in between only means a re-send, which the LRS
        answers as already stored (a 409 on a re-send counts as delivered).
        """
        result = FlushResult()
        wait: Callable[[float], object] = stop.wait if stop is not None else time.sleep
        self.outbox.release_orphans()
        self._unwritten = []
        batches = 0
        checkpoint_due = False
        with (
            deadlines.until(deadline),
            ThreadPoolExecutor(1, thread_name_prefix="xapi-outbox") as writer,
        ):
            try:
                while stop is None or not stop.is_set():
                    self._wait()
                    failures, next_at = self.outbox.backoff()
                    pause = next_at - time.time()
                    if pause > 0:
                        if deadline is not None and time.monotonic() + pause > deadline:
                            break
                        # In slices, reading the outbox again after each: a wait ended by
                        # `Emitter.retry_now` (or by another process) is noticed within one.
                        wait(min(pause, _WAIT_SLICE))
                        continue
                    if deadline is not None and time.monotonic() > deadline:
                        break
                    batch = self.outbox.claim(self.owner, self.batch_size, self.lease)
                    if not batch:
                        break
                    self._writing = writer.submit(self._write, self._take_settled(), checkpoint_due)
                    checkpoint_due = False
                    settled: set[int] = set()
                    self._sent_in_batch = 0
                    try:
                        self._deliver(batch, settled, result)
                    except _OutOfTime as exc:
                        # The LRS did not fail (it was still within its time when the run's
                        # ran out): no backoff, no error recorded over the last real one. When
                        # no request of the batch left, the batch was not sent at all.
                        self._wait()
                        self.outbox.release(
                            [p for p in batch if p.seq not in settled],
                            self.owner,
                            sent=exc.after_sending,
                        )
                        break
                    except (_RetryLater, _Refused) as exc:
                        self._wait()
                        self.outbox.release([p for p in batch if p.seq not in settled], self.owner)
                        retry_after = exc.retry_after if isinstance(exc, _RetryLater) else None
                        delay = self.policy.delay(failures + 1, retry_after)
                        self.outbox.record_failure(exc.reason, time.time() + delay)
                        result.last_error = exc.reason
                        if isinstance(exc, _Refused):
                            log.error(
                                "xapi: LRS %s refused delivery: %s",
                                self.lrs.endpoint,
                                exc.reason,
                            )
                            break
                        result.retries += 1
                        log.warning(
                            "xapi: delivery to %s failed (%s); retrying in %.2f s",
                            self.lrs.endpoint,
                            exc.reason,
                            delay,
                        )
                        continue
                    except BaseException:
                        # A bug, or an exception nobody foresaw: what the LRS did not confirm
                        # goes back now, so this process does not sit on its own claims until
                        # the lease ends. The caller (the background thread) carries on.
                        with contextlib.suppress(XAPIError):
                            self.outbox.release([p for p in batch if p.seq not in settled], self.owner)
                        raise
                    if failures:
                        self._wait()
                        self.outbox.record_success()
                    batches += 1
                    # Often enough to bound the WAL; its fsync happens off the critical path.
                    checkpoint_due = batches % 32 == 0
            finally:
                # Whatever ends the run, deliveries the LRS confirmed are recorded before it
                # returns (or raises), so `flush` never reports them as pending.
                self._wait()
                self._write(self._take_settled(), checkpoint=False)
        result.pending = self.outbox.pending_count()
        return result

    def _take_settled(self) -> list[tuple[Sequence[Pending], int]]:
        """The deliveries to record, handed over whole (the list is not shared with a writer)."""
        taken, self._unwritten = self._unwritten, []
        return taken

    def _write(self, settled: list[tuple[Sequence[Pending], int]], checkpoint: bool) -> None:
        """Record deliveries, then checkpoint if asked (in the helper thread, or at the end)."""
        for items, status in settled:
            self.outbox.mark_delivered(items, status)
        if checkpoint:
            self.outbox.checkpoint()

    def _wait(self) -> None:
        """Wait for the background write; its error (an `OutboxError`) is raised here, once."""
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def _send(self, call: Callable[[], Answer]) -> Answer:
        try:
            answer = call()
        except NoTimeLeftError as exc:
            sent = exc.started or self._sent_in_batch > 0
            raise _OutOfTime(after_sending=sent) from exc
        except LRSError as exc:
            self._sent_in_batch += 1
            # Unreachable, timed out, or an answer we could not read: the same bytes go again.
            raise _RetryLater(str(exc)) from exc
        self._sent_in_batch += 1
        return answer

    def _settle_delivered(
        self,
        items: Sequence[Pending],
        status: int,
        settled: set[int],
        result: FlushResult,
    ) -> None:
        # Recorded by `_write`, in the helper thread during the next send.
        self._unwritten.append((items, status))
        settled.update(p.seq for p in items)
        result.delivered += len(items)

    def _settle_dead(
        self,
        items: Sequence[Pending],
        status: int | None,
        reason: str,
        settled: set[int],
        result: FlushResult,
    ) -> None:
        self.outbox.mark_dead(items, status, reason)
        settled.update(p.seq for p in items)
        result.dead += len(items)
        result.last_error = reason
        self.outbox.record_error(reason)
        log.error(
            "xapi: %d statement(s) dead-lettered (%s), first id %s",
            len(items),
            reason,
            items[0].id,
        )

    def _deliver(self, items: Sequence[Pending], settled: set[int], result: FlushResult) -> None:
        body = b"[" + b",".join(p.body for p in items) + b"]"
        answer = self._send(lambda: self.lrs.post_statements(body))
        disposition = classify(answer.status)
        if disposition is Disposition.DELIVERED:
            doubt = (
                unconfirmed(answer.body, [p.id for p in items])
                if answer.status == 200
                else "xAPI answers a POST with 200 and the ids"
            )
            if doubt is not None:
                raise _RetryLater(f"HTTP {answer.status} does not confirm the batch: {doubt}")
            self._settle_delivered(items, answer.status, settled, result)
        elif disposition is Disposition.RETRY:
            raise _RetryLater(_describe(answer), answer.retry_after)
        elif disposition is Disposition.CONFLICT:
            for item in items:
                self._put_one(item, settled, result)
        elif disposition is Disposition.SPLIT and len(items) > 1:
            middle = len(items) // 2
            self._deliver(items[:middle], settled, result)
            self._deliver(items[middle:], settled, result)
        elif disposition is Disposition.SPLIT:
            self._settle_dead(items, answer.status, _describe(answer), settled, result)
        else:
            self._settle_dead(items, answer.status, _describe(answer), settled, result)
            raise _Refused(_describe(answer))

    def _put_one(self, item: Pending, settled: set[int], result: FlushResult) -> None:
        answer = self._send(lambda: self.lrs.put_statement(item.id, item.body))
        disposition = classify(answer.status)
        if disposition is Disposition.DELIVERED:
            doubt = put_unconfirmed(answer.status, answer.body)
            if doubt is not None:
                raise _RetryLater(f"HTTP {answer.status} does not confirm statement {item.id}: {doubt}")
            self._settle_delivered([item], answer.status, settled, result)
        elif disposition is Disposition.CONFLICT and item.attempts > 0:
            # Sent before (answer lost, or the sender was killed): the LRS kept that send.
            self._settle_delivered([item], answer.status, settled, result)
        elif disposition is Disposition.CONFLICT:
            reason = f"{_describe(answer)} (the LRS holds another statement with this id)"
            self._settle_dead([item], answer.status, reason, settled, result)
        elif disposition is Disposition.RETRY:
            raise _RetryLater(_describe(answer), answer.retry_after)
        elif disposition is Disposition.SPLIT:
            self._settle_dead([item], answer.status, _describe(answer), settled, result)
        else:
            self._settle_dead([item], answer.status, _describe(answer), settled, result)
            raise _Refused(_describe(answer))
