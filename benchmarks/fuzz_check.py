"""Fuzz the loader: mutated real sources, 100,000 cases by default; report every crash.

    python benchmarks/fuzz_check.py [--cases N] [--seed S]

A crash is any exception escaping ``load_text``. Each is printed with the seed that replays
it; the exit status is 1 if any was found.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from ehealth_content import load_text  # noqa: E402
from tests.support.mutations import SEED_SOURCES, mutate  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261129)
    args = parser.parse_args()
    today = datetime.date(2026, 11, 29)
    crashes = 0
    diagnostics = 0
    started = time.perf_counter()
    for case in range(args.cases):
        case_seed = args.seed * 1_000_003 + case
        rng = random.Random(case_seed)
        source = mutate(rng.choice(SEED_SOURCES), rng)
        try:
            diagnostics += len(load_text(source, today=today)[1])
        except Exception:  # noqa: BLE001 - counting crashes is the point
            crashes += 1
            print(f"crash with case seed {case_seed}:\n{traceback.format_exc()}", file=sys.stderr)
        if (case + 1) % 10_000 == 0:
            print(f"{case + 1:>7} cases, {crashes} crash(es), {time.perf_counter() - started:.0f} s", flush=True)
    elapsed = time.perf_counter() - started
    print(
        f"cases: {args.cases}  crashes: {crashes}  diagnostics: {diagnostics}  "
        f"time: {elapsed:.0f} s ({args.cases / elapsed:.0f} cases/s)  seeds: {len(SEED_SOURCES)}"
    )
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
