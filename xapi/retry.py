"""The delivery policy: what an LRS answer means for a batch, and how long to wait after a failure.

Decisions use status codes and exception classes only, never message text.
"""

from __future__ import annotations

import email.utils
import enum
import random
import time
from dataclasses import dataclass

__all__ = ["Disposition", "RetryPolicy", "classify", "parse_retry_after"]


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
    # 1xx/3xx (we never follow redirects: they could carry credentials elsewhere) and other 4xx.
    return Disposition.REFUSED


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


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

    def delay(
        self,
        failures: int,
        retry_after: float | None = None,
        rng: random.Random | None = None,
    ) -> float:
        ceiling = min(self.cap, self.base * 2 ** max(0, failures - 1))
        wait: float = ceiling / 2 + (rng or random).uniform(0, ceiling / 2)
        # The server knows its load: never retry sooner than it asked.
        return max(wait, retry_after or 0.0)
