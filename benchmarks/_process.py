"""What the whole-process benchmarks share: the installed ``ehealth`` and a wall-clock run."""

from __future__ import annotations

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
