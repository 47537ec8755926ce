"""Size of the player every learner downloads, gzipped: the runtime files of a package.

    .venv/bin/python benchmarks/runtime_size.py [--budget-kib 25]

Each file is compressed with gzip level 9 (what a web server or an LMS typically serves, and
close to a zip's deflate). Printed: each file's raw and gzipped size; the total of the player
every package carries (``packager.build.RUNTIME_FILES``: ehealth.js and ehealth.css) and its
ratio to the budget of issue 13 (25 KiB); and, for information, the total of cmi5 and xAPI
packages, which add ``xapi.js``. Exits 1 when the player is over budget, so that CI can run it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from packager.build import RUNTIME_DIR  # noqa: E402
from packager.targets import RUNTIME_FILES, XAPI_RUNTIME_FILE  # noqa: E402


def gzipped_size(data: bytes) -> int:
    # mtime=0: the same bytes give the same size, run after run.
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget-kib", type=float, default=25.0)
    args = parser.parse_args(argv)
    sizes = {}
    for name in (*RUNTIME_FILES, XAPI_RUNTIME_FILE):
        data = (RUNTIME_DIR / name.removeprefix("runtime/")).read_bytes()
        sizes[name] = gzipped_size(data)
        print(f"{name:<22} {len(data):>8,} B raw {sizes[name]:>8,} B gzipped ({sizes[name] / 1024:.1f} KiB)")
    player = sum(sizes[name] for name in RUNTIME_FILES)
    budget = args.budget_kib * 1024
    print(
        f"player (every package): {player:,} B gzipped ({player / 1024:.1f} KiB), {player / budget:.0%} of the {args.budget_kib:g} KiB budget"
    )
    with_xapi = player + sizes[XAPI_RUNTIME_FILE]
    print(f"cmi5 and xapi packages: {with_xapi:,} B gzipped ({with_xapi / 1024:.1f} KiB) with {XAPI_RUNTIME_FILE}")
    return 0 if player <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
