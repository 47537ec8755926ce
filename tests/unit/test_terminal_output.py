"""Nothing ``ehealth`` prints can drive the terminal: text from files, paths and LRS answers
reach it with their control characters spelt out (``\\u001b``), through pipes and on a
terminal alike. The commands run in processes of their own, as a user runs them."""

from __future__ import annotations

import http.server
import json
import os
import pty
import select
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ehealth_content._terminal import visible_controls
from tests.xapi.worker import statement

REPO = Path(__file__).parents[2]
OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J"
# ESC, BEL, CR, and CSI/OSC as single C1 characters (U+009B, U+009D) in UTF-8.
RAW = (b"\x1b", b"\x07", b"\r", b"\xc2\x9b", b"\xc2\x9d")

HOSTILE = """\
---
id: hostile
title: "Titre \\e]0;pwned\\a \\e[2J \\u009b2J fin"
version: 1.0.0
domain: D1
"cl\\e]0;pwned\\a\\u009bé": 1
---

# Page \\e]0;pwned\\a {#p1}

Texte.

```quiz
id: q1
type: numeric
prompt: Combien ?
answer: 3
unit: "mg\\e]0;pwned\\a"
competency: D1.1
```

```quiz
id: q2
type: likert
prompt: Avis ?
scale: ["Non \\e[2J", Oui]
```
"""


def test_visible_controls_spells_out_c0_del_and_c1_only() -> None:
    assert visible_controls(f"a{OSC}b{CSI}\r\x7f\x9b\x85") == (
        "a\\u001b]0;pwned\\u0007b\\u001b[2J\\u000d\\u007f\\u009b\\u0085"
    )
    assert visible_controls("tab\tnew line\né ü — ✓ \\u001b") == "tab\tnew line\né ü — ✓ \\u001b"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A module whose title, page title, unknown key and answers hold escape sequences, in a
    folder whose name holds one too."""
    folder = tmp_path / f"m{OSC}"
    folder.mkdir()
    (folder / "module.md").write_text(HOSTILE, encoding="utf-8")
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / "module.md").write_text(HOSTILE.replace("Oui]", f'Oui, "Bof{OSC}"]'), encoding="utf-8")
    return folder


def _run(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
    result = subprocess.run(
        [sys.executable, "-m", "ehealth_content", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    return result.returncode, result.stdout, result.stderr


def _assert_nothing_raw(output: bytes) -> None:
    for raw in RAW:
        assert raw not in output, (raw, output[:2000])
    assert b"Traceback" not in output


def test_commands_spell_out_what_files_hold(hostile: Path, tmp_path: Path) -> None:
    runs = {
        "check": _run("check", str(hostile)),
        "pretty": _run("check", "--format", "pretty", str(hostile)),
        "coverage": _run("coverage", str(hostile)),
        "compat": _run("compat", str(hostile), str(tmp_path / "changed")),
        "export": _run("export", "gift", str(hostile), "--out", "-"),
        "build": _run("build", str(hostile), "--target", "web", "--out", str(tmp_path / "dist")),
        "missing": _run("check", str(hostile / f"gone{CSI}.md")),
    }
    for name, (code, stdout, stderr) in runs.items():
        assert code in (0, 1, 2), name
        _assert_nothing_raw(stdout + stderr)
    # What was there is still shown, spelt out.
    assert b"unknown key 'cl\\u001b]0;pwned\\u0007\\u009b\xc3\xa9'" in runs["check"][1]
    assert b"m\\u001b]0;pwned\\u0007" in runs["check"][1]
    # The export refuses the module for its control characters (E311), and says so spelt out.
    assert b"m\\u001b]0;pwned\\u0007/module.md" in runs["export"][2] and b"E311" in runs["export"][2]
    assert b"gone" in runs["missing"][2]  # click spells this one out itself


def test_json_output_stays_valid_and_means_the_same(hostile: Path) -> None:
    code, stdout, stderr = _run("check", "--format", "json", str(hostile))
    _assert_nothing_raw(stdout + stderr)
    messages = [d["message"] for d in json.loads(stdout)]
    assert f"unknown key 'cl{OSC}\x9bé' in the front matter" in messages


def _on_a_terminal(*args: str) -> bytes:
    """What a terminal receives from ``ehealth ARGS`` (click strips nothing there)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "ehealth_content", *args],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    received = b""
    try:
        while select.select([controller], [], [], 60)[0]:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the process is gone and the terminal drained
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
    return received.replace(b"\r\n", b"\n")  # the terminal's own line discipline


def test_on_a_terminal_nothing_but_our_own_progress_bar_sends_escapes(hostile: Path, tmp_path: Path) -> None:
    shown = _on_a_terminal("check", str(hostile))
    _assert_nothing_raw(shown)
    assert b"\\u001b]0;pwned\\u0007" in shown
    # The progress bar clears its line with ESC [K: that sequence only, and names spelt out.
    built = _on_a_terminal(
        "build", str(hostile), str(tmp_path / "changed"), "--target", "web", "--out", str(tmp_path / "dist")
    )
    assert b"\x1b" in built
    _assert_nothing_raw(built.replace(b"\r\x1b[K", b""))


@pytest.fixture
def hostile_lrs() -> Iterator[str]:
    """An LRS on 127.0.0.1 that refuses everything with escape sequences in its answer."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = f"denied {OSC}{CSI}\x9b2J".encode()
            self.send_response(403)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_PUT = do_POST

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/xAPI/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_lrs_answers_are_spelt_out(hostile_lrs: str, tmp_path: Path) -> None:
    env = {
        "EHEALTH_LRS_ENDPOINT": hostile_lrs,
        "EHEALTH_LRS_USER": "key",
        "EHEALTH_LRS_PASSWORD": "s3cret-value",
        "EHEALTH_XAPI_OUTBOX": str(tmp_path / "o.db"),
    }
    body = json.dumps(statement("ec531277-b57b-4c15-8d91-d292c5b2b8f7", 1)).encode()
    sent = _run("xapi", "send", "-", "--flush-timeout", "2", stdin=body, env=env)
    status = _run("xapi", "status", env=env)
    assert sent[0] == 1 and status[0] == 0
    for _, stdout, stderr in (sent, status):
        _assert_nothing_raw(stdout + stderr)
    # The LRS client already keeps an answer on one line without its control characters.
    assert b"HTTP 403: denied" in status[1] and b"pwned" in status[1]
