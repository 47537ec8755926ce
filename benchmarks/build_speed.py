"""How much a build costs over the unavoidable floor, per module and target.

The floor is what any packager must do: parse the sources (``load_module``) and zip the
package's bytes (``zipfile``, deflate), measured in the same process on the same files. The
ratio says what rendering, checks and manifests add. Also printed: the runtime's gzipped size
as packages ship it (minified; benchmarks/runtime_size.py details it) and the worst-case ``suspend_data`` per question.

    .venv/bin/python benchmarks/build_speed.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).parents[1]
# Run as a script from anywhere: the checkout's packages, not whatever an older install mapped.
sys.path.insert(0, str(REPO))

from ehealth_content import check, find_module_files, load_module
from packager import build_package, suspend_data_worst_case
from packager.build import RUNTIME_DIR, RUNTIME_FILES
from packager.minify import minified

TARGETS = ("scorm12", "scorm2004")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(path: Path, target: str, out: Path, repeat: int) -> tuple[float, float]:
    """Best build time and best floor time, alternated run by run so that a burst of load
    from other processes hits both alike; the fastest run is the least disturbed."""
    fallback = check(path)
    result = build_package(fallback, target, out)
    with zipfile.ZipFile(result.path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    builds, floors = [], []
    for _ in range(repeat):
        builds.append(timed(lambda: build_package(load_module(path)[0] or fallback, target, out)))
        floors.append(timed(lambda: (load_module(path), plain_zip(files))))
    return min(builds), min(floors)


def plain_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("modules", nargs="*", type=Path, default=[REPO / "modules"])
    args = parser.parse_args()

    runtime = {
        name: minified(name, (RUNTIME_DIR / name.removeprefix("runtime/")).read_bytes()) for name in RUNTIME_FILES
    }
    raw = sum(len(b) for b in runtime.values())
    gzipped = sum(len(gzip.compress(b, 9, mtime=0)) for b in runtime.values())
    print(f"runtime JS+CSS as shipped: {raw:,} bytes, {gzipped:,} gzipped")
    print()
    header = f"{'module':<24} {'target':<10} {'build ms':>9} {'floor ms':>9} {'ratio':>6} {'questions':>9} {'state':>6} {'chars/q':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as out:
        for path in find_module_files(args.modules):
            module = check(path)
            worst = suspend_data_worst_case(module)
            per_question = worst / max(len(module.questions), 1)
            for target in TARGETS:
                build, floor = measure(path, target, Path(out), args.repeat)
                print(
                    f"{module.id:<24} {target:<10} {build * 1000:>9.1f} {floor * 1000:>9.1f} {build / floor:>6.2f} "
                    f"{len(module.questions):>9} {worst:>6} {per_question:>8.2f}"
                )


if __name__ == "__main__":
    main()
