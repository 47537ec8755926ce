"""Size of the player every learner downloads, gzipped: the runtime files of a package.

    .venv/bin/python benchmarks/runtime_size.py [--budget-kib 25]

Each file is compressed with gzip level 9 and mtime 0 (what a web server or an LMS typically
serves, close to a zip's deflate, and the same size run after run). Printed per file: the
commented source in ``packager/runtime/`` and what packages ship (minified by
``packager.minify``), raw and gzipped. Then the total of the player every package carries
(``packager.targets.RUNTIME_FILES``: ehealth.js and ehealth.css), source and shipped, and the
shipped one's ratio to the budget of issue 13 (25 KiB); and, for information, the total of
cmi5 and xAPI packages, which add ``xapi.js``. Exits 1 when the shipped player is over budget,
so that CI can run it.
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from packager.build import RUNTIME_DIR  # noqa: E402
from packager.minify import minified  # noqa: E402
from packager.targets import RUNTIME_FILES, XAPI_RUNTIME_FILE  # noqa: E402


def gzipped_size(data: bytes) -> int:
    # mtime=0: the same bytes give the same size, run after run.
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def _kib(size: int) -> str:
    return f"{size:,} B ({size / 1024:.1f} KiB)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget-kib", type=float, default=25.0)
    args = parser.parse_args(argv)
    source: dict[str, int] = {}
    shipped: dict[str, int] = {}
    print(f"{'':<20} {'source raw':>11} {'gzipped':>9} {'shipped raw':>12} {'gzipped':>9}")
    for name in (*RUNTIME_FILES, XAPI_RUNTIME_FILE):
        data = (RUNTIME_DIR / name.removeprefix("runtime/")).read_bytes()
        ships = minified(name, data)
        source[name], shipped[name] = gzipped_size(data), gzipped_size(ships)
        print(f"{name:<20} {len(data):>11,} {source[name]:>9,} {len(ships):>12,} {shipped[name]:>9,}")
    budget = args.budget_kib * 1024
    player_source = sum(source[name] for name in RUNTIME_FILES)
    player = sum(shipped[name] for name in RUNTIME_FILES)
    print(f"player (every package), gzipped: source {_kib(player_source)}, shipped {_kib(player)}")
    print(f"shipped player: {player / budget:.0%} of the {args.budget_kib:g} KiB budget")
    with_xapi = player + shipped[XAPI_RUNTIME_FILE]
    print(f"cmi5 and xapi packages, shipped with {XAPI_RUNTIME_FILE}: {_kib(with_xapi)} gzipped")
    return 0 if player <= budget else 1


if __name__ == "__main__":
    sys.exit(main())
