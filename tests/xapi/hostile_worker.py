"""An emitter in its own process, so its memory can be measured: ``python -m
tests.xapi.hostile_worker OUTBOX COUNT ENDPOINT...``.

Queues COUNT statements, then flushes once against each endpoint in turn (1 s per request,
2 s per flush), asking to retry at once between them. Prints one JSON line per flush, then one
with the resident memory before the first flush and the peak after the last.
"""

from __future__ import annotations

import json
import resource
import sys
import time

from tests.xapi.worker import statement
from xapi import LRS, Emitter, RetryPolicy, Timeouts

REGISTRATION = "6a4f3a1e-0b7c-4d2e-9f10-2b3c4d5e6f70"
SECRET = "hostile-test-pa55"
TIMEOUTS = Timeouts(connect=1.0, read=0.5, write=1.0, pool=1.0, total=1.0)
FLUSH_TIMEOUT = 2.0


def rss_kib() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024


def main(argv: list[str]) -> int:
    outbox, count, endpoints = argv[0], int(argv[1]), argv[2:]
    with LRS(endpoints[0], username="key", password=SECRET, timeouts=TIMEOUTS) as lrs:
        emitter = Emitter(lrs, outbox)
        ids = emitter.emit_many([statement(REGISTRATION, n) for n in range(count)])
        emitter.close(flush_timeout=None)
    print(json.dumps({"ids": ids}), flush=True)
    before = rss_kib()
    for endpoint in endpoints:
        with LRS(endpoint, username="key", password=SECRET, timeouts=TIMEOUTS) as lrs:
            emitter = Emitter(lrs, outbox, batch_size=10, retry=RetryPolicy(base=0.01, cap=0.05))
            start = time.monotonic()
            result = emitter.flush(timeout=FLUSH_TIMEOUT)
            elapsed = time.monotonic() - start
            status = emitter.status()
            line = {
                "endpoint": endpoint,
                "elapsed": elapsed,
                "delivered": result.delivered,
                "pending": result.pending,
                "dead": result.dead,
                "last_error": result.last_error,
                "wait": status.next_attempt_at - time.time(),
                "total_delivered": status.delivered,
            }
            emitter.retry_now()
            emitter.close(flush_timeout=None)
        print(json.dumps(line), flush=True)
    peak = _high_water_kib()
    print(json.dumps({"rss_before_kib": before, "peak_kib": peak}), flush=True)
    return 0


def _high_water_kib() -> int:
    """This process's peak resident memory. Not getrusage's ru_maxrss: Linux carries that one
    over fork and exec, so a worker started by a large pytest process would report pytest's."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
