"""A module path that is no regular file ends in one diagnostic, not in a read without end.

Each check runs in a process of its own, with a deadline and a memory ceiling, so that a
regression fails here instead of hanging the suite or filling the machine's memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


def _check(path: Path) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "ehealth_content", "check", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    return result.returncode, result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused(tmp_path: Path) -> None:
    # stat says 0 bytes, and reading never ends: it took 4 GB before reads were bounded.
    (tmp_path / "module.md").symlink_to("/dev/zero")
    assert _check(tmp_path / "module.md") == (
        1,
        f"{tmp_path / 'module.md'}:1:1: error E001: cannot read the file: not a regular file\n",
    )


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "module.md")
    assert _check(tmp_path / "module.md") == (
        1,
        f"{tmp_path / 'module.md'}:1:1: error E001: cannot read the file: not a regular file\n",
    )
