"""``ehealth build`` of a course of about 500 questions, as a user meets it: a whole, cold process.

The course is made of the modules in ``modules/`` copied under new ids until it holds at least
500 questions. The floor is a fresh Python process doing the unavoidable part of any such tool:
parse every source with markdown-it-py, render it to HTML and zip the result. Both run in
interleaved rounds; the figure is the median of the per-round ratios. Aim: ≤ 3×. The ratio of
the same runs' CPU times follows: on a loaded machine it moves less than the wall clock's.

The checkout's bytecode is compiled first, as pip compiles an install's (and as a first run
caches it): with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile ehealth's modules
from source while the floor's markdown-it-py loads its compiled ones.

    python benchmarks/cli_build.py [--rounds N] [--target cmi5]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _process import EHEALTH, seconds, wall_and_cpu

REPO = Path(__file__).parents[1]
QUESTIONS = 500

FLOOR = """
import sys, zipfile
from pathlib import Path
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable("table")
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as archive:
    for source in sorted(Path(sys.argv[1]).glob("*/module.md")):
        archive.writestr(source.parent.name + "/index.html", md.render(source.read_text("utf-8")))
"""


def make_course(into: Path) -> int:
    """Copies of modules/ under new ids until the course holds QUESTIONS questions."""
    sources = sorted((REPO / "modules").glob("*/module.md"))
    count, copy = 0, 0
    while count < QUESTIONS:
        for source in sources:
            text = source.read_text("utf-8")
            module_id = re.search(r"^id:\s*(\S+)", text, re.M)
            assert module_id is not None, source
            new_id = f"{module_id.group(1)}-{copy}"
            folder = into / new_id
            shutil.copytree(source.parent, folder)
            (folder / "module.md").write_text(text.replace(f"id: {module_id.group(1)}", f"id: {new_id}", 1), "utf-8")
            count += text.count("```quiz")
            if count >= QUESTIONS:
                break
        copy += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--target", default="cmi5", choices=["scorm12", "scorm2004", "cmi5"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        course, out = Path(tmp) / "course", Path(tmp) / "out"
        course.mkdir()
        questions = make_course(course)
        build = [str(EHEALTH), "build", str(course), "--target", args.target, "--out", str(out), "--jobs", "1"]
        if args.target == "cmi5":
            build += ["--course", "socle", "--course-title", "Socle"]
        floor = [sys.executable, "-c", FLOOR, str(course), str(Path(tmp) / "floor.zip")]
        compileall = [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            *(str(REPO / p) for p in ("ehealth_content", "packager", "xapi")),
        ]
        subprocess.run(compileall, check=True, stdout=subprocess.DEVNULL)
        seconds(build), seconds(floor)  # warm the file cache
        builds, floors = [], []
        for _ in range(args.rounds):
            builds.append(wall_and_cpu(build))
            floors.append(wall_and_cpu(floor))
    ratios = [b[0] / f[0] for b, f in zip(builds, floors, strict=True)]
    cpu_ratios = [b[1] / f[1] for b, f in zip(builds, floors, strict=True)]
    print(f"course of {questions} questions, target {args.target}, one process (--jobs 1)")
    print(f"ehealth build  median {statistics.median(b[0] for b in builds):.2f} s")
    print(f"floor          median {statistics.median(f[0] for f in floors):.2f} s")
    print(f"ratio          median {statistics.median(ratios):.2f}× (aim ≤ 3×)")
    # The same runs' CPU time: steadier than the wall clock when other work loads the machine.
    print(f"CPU time ratio median {statistics.median(cpu_ratios):.2f}×")


if __name__ == "__main__":
    main()
