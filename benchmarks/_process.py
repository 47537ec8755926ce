"""What the whole-process benchmarks share: the installed ``ehealth``, a wall-clock run and a
timed run that also says how much CPU the process used."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

EHEALTH = Path(sys.executable).with_name("ehealth")
"""The console script beside this interpreter: what a user runs."""


def seconds(command: list[str]) -> float:
    """Wall-clock time of one whole process, start to exit (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def wall_and_cpu(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one whole process (it must succeed).

    On a machine shared with other work, wall-clock time swings with the load; the CPU time a
    process used swings far less, so a ratio of CPU times says more there.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
