"""Throughput and enqueue latency of the xAPI emitter against the real test LRS.

    .venv/bin/python benchmarks/emitter.py [--rounds 24] [--per-round 300]

Starts its own LRS (tests/support/lrs.py) and compares, on that same LRS in one run, three
contenders delivering fresh statements:

* plain: one ``httpx.Client`` posting prebuilt batches of 100 (the ingest ceiling);
* emitter: one `Emitter` (one `LRS` client, one outbox) whose ``flush`` is timed;
* tincan: one TinCanPython ``RemoteLRS`` saving statements one request at a time.

The machine is shared and the in-memory LRS may change speed as it fills, so the contenders run
in short interleaved rounds after a warm-up: plain and emitter back to back, in alternating
order, so that a burst of load from elsewhere hits both alike. Each round gives a ratio; the
median of those ratios is the result, printed with its spread and per order. The share of each
flush spent outside its POSTs (the emitter's own cost, which load on the LRS does not blur) is
printed too: with POSTs as fast as plain httpx's, the ratio cannot exceed 1 minus that share.
Then the latency of ``emit`` in the default durability (survives SIGKILL) and in the
power-loss-safe one, split into ``freeze`` (validation and serialisation) and the outbox write,
as medians of several runs.
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
from xapi import LRS, Answer, Durability, Emitter, freeze
from xapi.outbox import Outbox
from xapi.statements import Choice, LearnerSession, Question, Score

HEADERS = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}
BATCH = 100


def statement(registration: str, n: int) -> dict[str, object]:
    return {
        "actor": {
            "account": {
                "homePage": "https://idp.example.fr",
                "name": f"learner-{n % 50}",
            }
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": f"https://formation.example.fr/xapi/modules/m1/pages/p{n % 40}"},
        "context": {"registration": registration},
    }


def fresh(count: int) -> list[dict[str, object]]:
    """``count`` statements never sent before (a new registration each call)."""
    registration = str(uuid.uuid4())
    return [statement(registration, n) for n in range(count)]


class Plain:
    """The ceiling: prebuilt batches posted with one plain httpx client."""

    name = "plain httpx"

    def __init__(self, endpoint: str) -> None:
        self.url = endpoint + "statements"
        self.client = httpx.Client(headers=HEADERS, auth=("bench", "bench"), timeout=60)

    def rate(self, count: int) -> float:
        bodies = [freeze(st)[1] for st in fresh(count)]
        batches = [b"[" + b",".join(bodies[i : i + BATCH]) + b"]" for i in range(0, count, BATCH)]
        start = time.perf_counter()
        for batch in batches:
            self.client.post(self.url, content=batch).raise_for_status()
        return count / (time.perf_counter() - start)

    def close(self) -> None:
        self.client.close()


class Ours:
    """The emitter: statements queued first (not timed), then one timed ``flush``."""

    name = "emitter flush"

    def __init__(self, endpoint: str, folder: Path) -> None:
        self.lrs = LRS(endpoint, username="bench", password="bench")
        self.emitter = Emitter(self.lrs, folder / "throughput.db", batch_size=BATCH)
        self.posting = 0.0
        """Seconds spent inside POSTs since the last `rate`."""
        self.own_share = 0.0
        """Share of the last flush spent outside its POSTs: the emitter's own cost."""
        post = self.lrs.post_statements

        def timed_post(body: bytes) -> Answer:
            start = time.perf_counter()
            try:
                return post(body)
            finally:
                self.posting += time.perf_counter() - start

        self.lrs.post_statements = timed_post  # type: ignore[method-assign]

    def rate(self, count: int) -> float:
        self.emitter.emit_many(fresh(count))
        self.posting = 0.0
        start = time.perf_counter()
        result = self.emitter.flush(timeout=300)
        elapsed = time.perf_counter() - start
        assert result.delivered == count and result.ok, result
        self.own_share = 1 - self.posting / elapsed
        return count / elapsed

    def close(self) -> None:
        self.emitter.close(flush_timeout=None)
        self.lrs.close()


class TinCan:
    """TinCanPython, one ``save_statement`` request per statement."""

    name = "TinCanPython"

    def __init__(self, endpoint: str) -> None:
        self.remote = tincan.RemoteLRS(endpoint=endpoint, version="1.0.3", username="bench", password="bench")

    def rate(self, count: int) -> float:
        statements = [tincan.Statement(st) for st in fresh(count)]
        start = time.perf_counter()
        for st in statements:
            response = self.remote.save_statement(st)
            assert response.success, response.response.status
        return count / (time.perf_counter() - start)

    def close(self) -> None:
        pass


def throughput(
    endpoint: str, folder: Path, rounds: int, per_round: int, tincan_per_round: int
) -> list[dict[str, float]]:
    """Statements/s of each contender, per round."""
    plain, ours, single = Plain(endpoint), Ours(endpoint, folder), TinCan(endpoint)
    counts = {
        plain.name: per_round,
        ours.name: per_round,
        single.name: tincan_per_round,
    }
    try:
        # Warm-up: node's JIT, the LRS's first allocations, each client's connection.
        for contender in (plain, ours, single, plain, ours):
            contender.rate(counts[contender.name] // 2 or 1)
        results = []
        # plain and ours always run back to back, in both orders, so that a burst of load
        # from elsewhere hits both alike; TinCan runs before or after the pair.
        orders = [
            (plain, ours, single),
            (ours, plain, single),
            (single, plain, ours),
            (single, ours, plain),
        ]
        for i in range(rounds):
            order = orders[i % len(orders)]
            result = {c.name: c.rate(counts[c.name]) for c in order}
            result["plain first"] = float(order.index(plain) < order.index(ours))
            result["own share"] = ours.own_share
            results.append(result)
        return results
    finally:
        for contender in (plain, ours, single):
            contender.close()


def latencies(folder: Path, durability: Durability, count: int, repeats: int) -> dict[str, list[tuple[float, float]]]:
    """(p50, p99) in ms, per run, of ``emit``, of its two parts, and of a richer ``emit``.

    The parts are timed inside one loop that does what ``emit`` does (``freeze``, then the
    outbox write), so each part is seen with the caches the other leaves behind. No LRS is
    involved: ``emit`` never talks to it.
    """
    session = LearnerSession(
        "https://formation.example.fr/xapi",
        {"account": {"homePage": "https://idp.example.fr", "name": "learner-1"}},
        "d3-dmp",
        module_title="Le DMP",
        course_id="ehealth-2025",
        registration=str(uuid.uuid4()),
    )
    question = Question(
        "q1",
        "choice",
        text="Qui peut consulter le DMP ?",
        correct_responses=["a[,]c"],
        choices=[Choice("a", "Le patient"), Choice("b", "Tous"), Choice("c", "Le MT")],
    )
    runs: dict[str, list[tuple[float, float]]] = {
        "emit": [],
        "  of which freeze": [],
        "  of which outbox write": [],
        "emit, builder's answered": [],
    }
    clock = time.perf_counter_ns
    lrs = LRS("http://127.0.0.1:9/xAPI/")  # never contacted
    for r in range(repeats):
        name = f"{durability}-{r}"
        emitter = Emitter(lrs, folder / f"emit-{name}.db", durability=durability)
        outbox = Outbox(folder / f"parts-{name}.db", durability=durability)
        samples: dict[str, list[float]] = {key: [] for key in runs}
        for st in fresh(count):
            start = clock()
            emitter.emit(st)
            samples["emit"].append((clock() - start) / 1e6)
        for st in fresh(count):
            start = clock()
            frozen = freeze(st)
            middle = clock()
            outbox.enqueue(*frozen)
            samples["  of which freeze"].append((middle - start) / 1e6)
            samples["  of which outbox write"].append((clock() - middle) / 1e6)
        for _ in range(count):
            st = session.answered(question, "a[,]c", success=True, score=Score(100))
            start = clock()
            emitter.emit(st)
            samples["emit, builder's answered"].append((clock() - start) / 1e6)
        outbox.close()
        emitter.close(flush_timeout=None)
        for key, values in samples.items():
            runs[key].append((pct(values, 50), pct(values, 99)))
    lrs.close()
    return runs


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=24)
    parser.add_argument("--per-round", type=int, default=300)
    parser.add_argument("--tincan-per-round", type=int, default=20)
    parser.add_argument("--latency-statements", type=int, default=2000)
    parser.add_argument("--latency-repeats", type=int, default=5)
    args = parser.parse_args()
    with running_lrs() as server, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rounds = throughput(server.endpoint, folder, args.rounds, args.per_round, args.tincan_per_round)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        normal = latencies(folder, Durability.NORMAL, args.latency_statements, args.latency_repeats)
        full = latencies(
            folder,
            Durability.FULL,
            max(200, args.latency_statements // 10),
            args.latency_repeats,
        )

    plain, ours, single = "plain httpx", "emitter flush", "TinCanPython"
    print(f"throughput, statements/s per round ({args.per_round} per contender and round)")
    print(f"{'round':>5} {'order':>12} {plain:>12} {ours:>14} {single:>13} {'ours/plain':>11}")
    for i, r in enumerate(rounds, 1):
        order = "plain first" if r["plain first"] else "ours first"
        print(f"{i:>5} {order:>12} {r[plain]:>12.0f} {r[ours]:>14.0f} {r[single]:>13.1f} {r[ours] / r[plain]:>11.2f}")
    to_plain = [r[ours] / r[plain] for r in rounds]
    to_single = [r[ours] / r[single] for r in rounds]
    by_order = {
        first: [r[ours] / r[plain] for r in rounds if r["plain first"] == flag]
        for first, flag in (("plain first", 1.0), ("ours first", 0.0))
    }
    print()
    print(f"{'measure':<52}{'median':>10}  spread (min..max)")
    print("-" * 80)
    for label, key in (
        ("plain httpx, batches of 100 (statements/s)", plain),
        ("emitter flush, batches of 100 (statements/s)", ours),
        ("TinCanPython save_statement loop (statements/s)", single),
    ):
        values = [r[key] for r in rounds]
        print(f"{label:<52}{statistics.median(values):>10.0f}  {min(values):.0f}..{max(values):.0f}")
    print(
        f"{'emitter / plain httpx, per round (aim >= 0.9)':<52}"
        f"{statistics.median(to_plain):>10.2f}  {min(to_plain):.2f}..{max(to_plain):.2f}"
    )
    for first, values in by_order.items():
        if values:
            print(f"{f'  rounds with {first}':<52}{statistics.median(values):>10.2f}")
    share = [r["own share"] for r in rounds]
    print(
        f"{'  emitter time outside its POSTs (% of flush)':<52}"
        f"{statistics.median(share) * 100:>10.1f}  "
        f"{min(share) * 100:.1f}..{max(share) * 100:.1f}"
    )
    print(
        f"{'emitter / TinCanPython, per round (aim >= 8)':<52}"
        f"{statistics.median(to_single):>10.1f}  {min(to_single):.1f}..{max(to_single):.1f}"
    )
    for label, runs in (("normal", normal), ("full", full)):
        for key, pairs in runs.items():
            p50s = [p for p, _ in pairs]
            p99s = [p for _, p in pairs]
            aim = "  aim <= 0.100 / 1.000" if (label, key) == ("normal", "emit") else ""
            print(
                f"{f'{key} p50 / p99, {label} durability (ms)':<52}"
                f"{statistics.median(p50s):>6.3f} / {statistics.median(p99s):.3f}"
                f"  p50 {min(p50s):.3f}..{max(p50s):.3f}{aim}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
