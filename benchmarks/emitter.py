"""Throughput and enqueue latency of the xAPI emitter against the real test LRS.

    .venv/bin/python benchmarks/emitter.py [--statements 3000]

Starts its own LRS (tests/support/lrs.py) and compares, on that same LRS in one run:
the emitter's delivery rate; plain httpx posting the same batches of 100 (the ingest ceiling);
a TinCanPython ``save_statement`` loop (one request per statement); then the latency of
``emit`` in the default durability (survives SIGKILL) and in the power-loss-safe one.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tincan  # type: ignore[import-untyped]

from tests.support.lrs import running_lrs
from xapi import LRS, Durability, Emitter, freeze
from xapi.outbox import Outbox

HEADERS = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}


def statement(registration: str, n: int) -> dict[str, object]:
    return {
        "actor": {
            "account": {
                "homePage": "https://idp.example.fr",
                "name": f"learner-{n % 50}",
            }
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {
            "id": f"https://formation.example.fr/xapi/modules/m1/pages/p{n % 40}"
        },
        "context": {"registration": registration},
    }


def plain_httpx(endpoint: str, count: int) -> float:
    registration = str(uuid.uuid4())
    bodies = [freeze(statement(registration, n))[1] for n in range(count)]
    with httpx.Client(headers=HEADERS, auth=("bench", "bench"), timeout=60) as client:
        start = time.perf_counter()
        for i in range(0, count, 100):
            answer = client.post(
                endpoint + "statements",
                content=b"[" + b",".join(bodies[i : i + 100]) + b"]",
            )
            answer.raise_for_status()
        return count / (time.perf_counter() - start)


def emitter_rate(endpoint: str, count: int, folder: Path, round_no: int = 0) -> float:
    registration = str(uuid.uuid4())
    with LRS(endpoint, username="bench", password="bench") as lrs:
        emitter = Emitter(lrs, folder / f"throughput-{round_no}.db", batch_size=100)
        for n in range(count):
            emitter.emit(statement(registration, n))
        start = time.perf_counter()
        result = emitter.flush(timeout=300)
        elapsed = time.perf_counter() - start
        emitter.close(flush_timeout=None)
    assert result.delivered == count and result.pending == 0, result
    return count / elapsed


def tincan_rate(endpoint: str, count: int) -> float:
    registration = str(uuid.uuid4())
    remote = tincan.RemoteLRS(
        endpoint=endpoint, version="1.0.3", username="bench", password="bench"
    )
    statements = [tincan.Statement(statement(registration, n)) for n in range(count)]
    start = time.perf_counter()
    for st in statements:
        response = remote.save_statement(st)
        assert response.success, response.response.status
    return count / (time.perf_counter() - start)


def latencies(
    endpoint: str, folder: Path, durability: Durability, count: int
) -> tuple[list[float], list[float]]:
    """(emit() latencies, outbox enqueue-only latencies) in milliseconds."""
    registration = str(uuid.uuid4())
    with LRS(endpoint, username="bench", password="bench") as lrs:
        emitter = Emitter(
            lrs, folder / f"latency-{durability}.db", durability=durability
        )
        emit_ms = []
        for n in range(count):
            st = statement(registration, n)
            start = time.perf_counter_ns()
            emitter.emit(st)
            emit_ms.append((time.perf_counter_ns() - start) / 1e6)
        emitter.close(flush_timeout=None)
    frozen = [freeze(statement(registration, n)) for n in range(count)]
    enqueue_ms = []
    with Outbox(folder / f"enqueue-{durability}.db", durability=durability) as outbox:
        for statement_id, body in frozen:
            start = time.perf_counter_ns()
            outbox.enqueue(statement_id, body)
            enqueue_ms.append((time.perf_counter_ns() - start) / 1e6)
    return emit_ms, enqueue_ms


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=3000)
    parser.add_argument("--tincan-statements", type=int, default=300)
    parser.add_argument("--latency-statements", type=int, default=5000)
    args = parser.parse_args()
    with running_lrs() as server, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        endpoint = server.endpoint
        plain_httpx(endpoint, 500)  # warm the LRS up (JIT, caches)
        # The in-memory LRS slows down as it fills, so the two are measured in alternating
        # rounds (ABBA order) on the same LRS: each sees the same fill level on average.
        rounds, per_round = 6, args.statements // 6
        plain_time = ours_time = 0.0
        for i in range(rounds):
            order = ("plain", "ours") if i % 4 in (0, 3) else ("ours", "plain")
            for which in order:
                if which == "plain":
                    plain_time += per_round / plain_httpx(endpoint, per_round)
                else:
                    ours_time += per_round / emitter_rate(
                        endpoint, per_round, folder, i
                    )
        ceiling = rounds * per_round / plain_time
        ours = rounds * per_round / ours_time
        single = tincan_rate(endpoint, args.tincan_statements)
        normal = latencies(endpoint, folder, Durability.NORMAL, args.latency_statements)
        full = latencies(
            endpoint, folder, Durability.FULL, max(200, args.latency_statements // 10)
        )
    print(f"{'measure':<52}{'value':>12}")
    print("-" * 64)
    print(f"{'plain httpx, batches of 100 (statements/s)':<52}{ceiling:>12.0f}")
    print(f"{'emitter flush, batches of 100 (statements/s)':<52}{ours:>12.0f}")
    print(f"{'TinCanPython save_statement loop (statements/s)':<52}{single:>12.0f}")
    print(f"{'emitter / plain httpx (aim >= 0.9)':<52}{ours / ceiling:>12.2f}")
    print(f"{'emitter / TinCanPython (aim >= 8)':<52}{ours / single:>12.1f}")
    for label, (emit_ms, enqueue_ms) in (("normal", normal), ("full", full)):
        print(
            f"{f'emit() p50 / p99, {label} durability (ms)':<52}"
            f"{pct(emit_ms, 50):>6.3f}/{pct(emit_ms, 99):.3f}"
        )
        print(
            f"{'  of which outbox enqueue p50 / p99 (ms)':<52}"
            f"{pct(enqueue_ms, 50):>6.3f}/{pct(enqueue_ms, 99):.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
