"""How long ``ehealth`` takes to start, as a user meets it: a whole, cold process.

Runs ``ehealth --version`` and the floor ``python -c "import click"`` (the one library every
command needs) in interleaved rounds with the same interpreter, and prints the median of the
per-round ratios, so that the figure holds on a loaded or a faster machine. Aim: ≤ 1.5×.

    python benchmarks/cli_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from _process import EHEALTH, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    commands = {
        "ehealth --version": [str(EHEALTH), "--version"],
        "ehealth xapi --help": [str(EHEALTH), "xapi", "--help"],
        "floor: python -c 'import click'": [sys.executable, "-c", "import click"],
    }
    for command in commands.values():  # warm the file cache: "cold" means a new process, not a cold disk
        seconds(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(seconds(command))
    floor = times["floor: python -c 'import click'"]
    for name, measured in times.items():
        ratios = [m / f for m, f in zip(measured, floor, strict=True)]
        print(
            f"{name:34} median {statistics.median(measured) * 1000:6.1f} ms   "
            f"{statistics.median(ratios):.2f}× the floor"
        )


if __name__ == "__main__":
    main()
