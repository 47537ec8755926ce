"""What the xAPI side reads from outside is read up to a cap: an LRS answer without end, a
statements file without end."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from xapi.cli import xapi_command
from xapi.client import LRS, MAX_ANSWER_BYTES
from xapi.errors import LRSError

CHUNK = b"x" * 65536


def test_an_endless_lrs_answer_is_read_only_as_far_as_it_is_kept() -> None:
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        for _ in range(800):  # 50 MB, were it all read
            sent += len(CHUNK)
            yield CHUNK

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, content=body())

    # Past the cap the answer is refused as a failed attempt (the statements stay queued).
    with LRS("http://lrs.test/xAPI/", username="u", password="p", transport=httpx.MockTransport(handler)) as lrs:
        with pytest.raises(LRSError, match="longer than"):
            lrs.post_statements(b"[]")
    assert sent <= MAX_ANSWER_BYTES + 2 * len(CHUNK)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_statements_file_is_refused(tmp_path: Path) -> None:
    # In a process of its own under a memory ceiling: unbounded, this read fills the machine.
    env = {**os.environ, "EHEALTH_LRS_ENDPOINT": "http://lrs.test/xAPI/", "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db")}
    result = subprocess.run(
        [sys.executable, "-m", "ehealth_content", "xapi", "send", "/dev/zero"],
        env=env,
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 1
    assert result.stderr == "Error: /dev/zero: more than 16,777,216 characters: send the statements in several files\n"


def test_a_statements_file_that_is_not_text_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_bytes(b"\xff\xfe[]")
    env = {"EHEALTH_LRS_ENDPOINT": "http://lrs.test/xAPI/", "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db")}
    result = CliRunner().invoke(xapi_command, ["send", str(tmp_path / "s.json")], env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path / 's.json'}: not UTF-8 text (")
    assert len(result.stderr.splitlines()) == 1
