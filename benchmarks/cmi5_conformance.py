"""cmi5 conformance under load of repetition: every scenario of tests/cmi5/scenarios.py, N times.

    .venv/bin/python benchmarks/cmi5_conformance.py [--runs 20] [--only "right answers"]

Starts the real test LRS (tests/support/lrs.py), the test LMS in front of it (which judges every
request as ADL's cmi5 player does), builds the runtime-demo module and the five modules of
``modules/`` as one course, and drives Debian's Chromium through each scenario ``--runs`` times:
right and wrong answers, a page closed midway (idle, and with requests in flight) then
relaunched, the browser killed midway then relaunched, no learner-preferences document, Browse
then Review, the five-module course. After each run the statements are read back from the LRS
and checked session by session. Races show up as a violation in some runs only: that is why
this is a loop, not a timed test.

Prints, per scenario, the runs, the runs with a violation and the violations (the first few
distinct ones in full), and exits 1 if any run had one.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from ehealth_content import load_module  # noqa: E402
from tests.browser.static_server import serve  # noqa: E402
from tests.cmi5.fixtures import course_modules  # noqa: E402
from tests.cmi5.lms import TestLMS  # noqa: E402
from tests.cmi5.scenarios import CHROMIUM, CHROMIUM_ARGS, SCENARIOS, Packages, Runner, build_site  # noqa: E402
from tests.support.lrs import running_lrs  # noqa: E402

FIXTURE_MODULE = ROOT / "tests" / "browser" / "fixtures" / "runtime-demo" / "module.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each scenario (default 20)")
    parser.add_argument("--only", action="append", choices=list(SCENARIOS), help="run only this scenario (repeatable)")
    args = parser.parse_args()
    chosen = args.only or list(SCENARIOS)
    module, diagnostics = load_module(FIXTURE_MODULE)
    if module is None:
        print(diagnostics, file=sys.stderr)
        return 2
    failed = False
    with tempfile.TemporaryDirectory(prefix="cmi5-bench-") as tmp, running_lrs() as lrs, TestLMS(lrs.endpoint) as lms:
        root, work = Path(tmp) / "site", Path(tmp) / "work"
        root.mkdir()
        work.mkdir()
        course = course_modules() if "five-module course" in chosen else []
        au_id, entries = build_site(root, work, module, course)
        with serve(root) as base_url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            site = Packages(base_url, au_id, tuple(entries))
            print(f"{'scenario':<50} {'runs':>5} {'violating':>10} {'violations':>11} {'s/run':>6}")
            for name in chosen:
                counts: collections.Counter[str] = collections.Counter()
                violating = 0
                started = time.monotonic()
                for _ in range(args.runs):
                    try:
                        found = SCENARIOS[name](Runner(browser, lms, site))
                    except Exception as exc:  # a crash of the scenario is a failed run, reported
                        found = [f"error: {type(exc).__name__}: {exc}".splitlines()[0]]
                        traceback.print_exc(file=sys.stderr)
                    violating += bool(found)
                    counts.update(found)
                per_run = (time.monotonic() - started) / args.runs
                print(
                    f"{name:<50} {args.runs:>5} {violating:>10} {sum(counts.values()):>11} {per_run:>6.1f}", flush=True
                )
                for text, n in counts.most_common(5):
                    print(f"    {n}× {text[:300]}")
                failed |= violating > 0
            browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
