"""The delivery policy: what an LRS answer means for a batch, and how long to wait after a failure.

Decisions use status codes, exception classes and, for a success, whether the body proves it
(`unconfirmed`); never message text.
"""

from __future__ import annotations

import email.utils
import enum
import json
import random
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "MAX_WAIT",
    "Disposition",
    "RetryPolicy",
    "classify",
    "parse_retry_after",
    "put_unconfirmed",
    "unconfirmed",
]


class Disposition(enum.Enum):
    DELIVERED = "delivered"
    """200/204: stored (or already stored with the same content)."""
    RETRY = "retry"
    """5xx, 429, 408: the LRS is struggling; try the same bytes later."""
    CONFLICT = "conflict"
    """409: an id already exists. On a batch, isolate it; on a re-sent statement, delivered."""
    SPLIT = "split"
    """400 or 413: something in the request is refused; isolate it before dead-lettering."""
    REFUSED = "refused"
    """401, 403 and other 4xx: dead-letter with the answer; retrying blindly cannot help."""


def classify(status: int) -> Disposition:
    if status in (200, 204):
        return Disposition.DELIVERED
    if status == 409:
        return Disposition.CONFLICT
    if status in (400, 413):
        return Disposition.SPLIT
    if status in (408, 429) or status >= 500:
        return Disposition.RETRY
    if 300 <= status < 400:
        # Redirects are never followed (see `xapi.client`). A redirect is about the endpoint,
        # not about these statements: they stay queued until the endpoint is fixed.
        return Disposition.RETRY
    # 1xx and other 4xx.
    return Disposition.REFUSED


MAX_WAIT = 3600.0
"""The longest wait anything may impose (a ``Retry-After``, a backoff stored in the outbox)."""

# RFC 9110 delta-seconds: ASCII digits only. ``str.isdigit`` also accepts "²" or Arabic-Indic
# digits, which ``int`` then refuses or reads as a number the server never meant.
_DELTA_SECONDS = re.compile(r"[0-9]+", re.ASCII)


def parse_retry_after(value: str | None, now: float | None = None, *, cap: float = MAX_WAIT) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), at most ``cap``.

    Anything else (a negative or decimal number, an exponent, a non-ASCII digit, a date that
    does not parse) is ignored: ``None``, so the normal backoff applies. A date in the past means
    no wait; a far-future date or a huge number is cut to ``cap``, so a broken or hostile server
    cannot freeze delivery.
    """
    if not value:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        # Compared as text first: int() of a thousand digits is slow and float() overflows.
        seconds = float(value) if len(value) <= 15 else float("inf")
        return min(seconds, cap)
    if not value.isascii() or len(value) > 64:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
        stamp = when.timestamp()
    except (TypeError, ValueError, OverflowError, IndexError):
        return None
    current = time.time() if now is None else now
    return min(max(0.0, stamp - current), cap)


def unconfirmed(answer: bytes, ids: Sequence[str]) -> str | None:
    """Why a 200 to a POST of ``ids`` does not prove they were stored; ``None`` if it does.

    xAPI answers a POST with the JSON array of the stored statements' ids. Anything else (an
    HTML login page of a proxy, an error document with a 200, the ids of another batch) proves
    nothing, and marking the batch delivered on it could lose learner evidence for good.
    The order is not compared: a set of the same size holds each id exactly once.
    """
    try:
        listed = json.loads(answer)
    except (ValueError, RecursionError):
        return "the answer is not JSON"
    if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
        return "the answer is not an array of statement ids"
    if len(listed) != len(ids) or {i.lower() for i in listed} != {i.lower() for i in ids}:
        return f"the answer lists {len(listed)} id(s) that are not the {len(ids)} sent"
    return None


def put_unconfirmed(status: int, answer: bytes) -> str | None:
    """Why a 2xx to a PUT does not prove the statement was stored; ``None`` if it does.

    xAPI answers a PUT with 204 and no body. A 200 is tolerated when its body is empty or JSON
    (some LRSs echo something); a 200 with an HTML page comes from something that is not an LRS.
    """
    if status == 204 or not answer.strip():
        return None
    try:
        json.loads(answer)
    except (ValueError, RecursionError):
        return "the answer is not JSON"
    return None


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter.

    The n-th consecutive failure waits between half and all of ``min(cap, base * 2**(n-1))``:
    the random half spreads thousands of clients that failed together (a restarted LRS), the
    fixed half keeps a client from hammering.
    """

    base: float = 0.5
    """Seconds before the first retry (upper bound)."""
    cap: float = 60.0
    """Longest wait between two attempts, unless the LRS asks for more with Retry-After."""
    max_retry_after: float = MAX_WAIT
    """Longest wait a Retry-After may impose."""

    def delay(
        self,
        failures: int,
        retry_after: float | None = None,
        rng: random.Random | None = None,
    ) -> float:
        # The exponent is bounded: after ~1000 failures (a weekend offline) 2**n no longer
        # converts to a float, and the wait is long at its cap anyway.
        ceiling = min(self.cap, self.base * 2 ** min(max(0, failures - 1), 64))
        wait: float = ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
        # The server knows its load: never retry sooner than it asked.
        return max(wait, min(retry_after or 0.0, self.max_retry_after, MAX_WAIT))
