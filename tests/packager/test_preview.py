"""``ehealth preview`` without a browser: what it serves, what it refuses, how it stops."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from packager.cli_preview import preview_command
from packager.preview import HOST, Preview, PreviewServer

from .conftest import SMALL


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PreviewServer]:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    (tmp_path / "secret.txt").write_text("not for the browser", encoding="utf-8")
    with PreviewServer(Preview(source, tmp_path / "work"), 0) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        try:
            yield running
        finally:
            running.shutdown()
            thread.join(timeout=5)


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def test_serves_the_web_build_with_the_reload_script_only_on_the_way_out(server: PreviewServer) -> None:
    assert server.server_address[0] == HOST == "127.0.0.1"
    status, body = _get(server.url)
    assert status == 200
    assert b'<script src="/__preview/reload.js" data-version="1"></script>\n</body>' in body
    folder = server.preview.snapshot.folder
    assert folder is not None
    assert b"__preview" not in (folder / "index.html").read_bytes(), "the package itself has no preview script"
    assert _get(server.url + "runtime/ehealth.js")[0] == 200
    assert _get(server.url + "__preview/version") == (200, b'{"version": 1}')
    server.preview.rebuild()
    assert _get(server.url + "__preview/version") == (200, b'{"version": 2}')


@pytest.mark.parametrize("path", ["../secret.txt", "%2e%2e/%2e%2e/secret.txt", "nothing.js", "runtime/"])
def test_serves_nothing_outside_the_build(server: PreviewServer, path: str) -> None:
    assert _get(server.url + path)[0] == 404


def test_a_module_path_must_name_one_module(tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copytree(SMALL.parent, tmp_path / name)
    result = CliRunner().invoke(preview_command, [str(tmp_path)])
    assert result.exit_code == 2
    assert "holds 2 modules: give one module file or folder" in result.output
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(preview_command, [str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert "no module found" in result.output


def test_a_port_in_use_is_a_clean_error() -> None:
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(preview_command, [str(SMALL), "--port", str(port), "--lang", "en"])
    assert result.exit_code == 1
    assert result.output == f"Error: port {port} is in use: choose another with --port\n"


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    process = subprocess.Popen(
        [sys.executable, "-m", "ehealth_content", "preview", str(source), "--port", "0", "--lang", "en"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    with process:
        lines = [process.stderr.readline(), process.stderr.readline()]
        found = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", "".join(lines))
        assert found, lines
        assert _get(found.group(1))[0] == 200
        process.send_signal(signal.SIGINT)
        rest = process.stderr.read()
        assert process.wait(timeout=10) == 0
    assert rest == "Preview stopped.\n"
    assert lines[0] == "[build 1] shown\n"


def test_warnings_show_above_the_module_in_the_preview_only(tmp_path: Path) -> None:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n---\n", "\nmastery_scor: 50\n---\n", 1), encoding="utf-8")
    with PreviewServer(Preview(source, tmp_path / "work", "en"), 0) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        try:
            status, body = _get(running.url)
        finally:
            running.shutdown()
            thread.join(timeout=5)
    assert status == 200
    panel = re.search(rb'<aside id="preview-warnings".*?</aside>', body, re.S)
    assert panel is not None and b"W101: unknown key &#x27;mastery_scor&#x27;" in panel.group(0)
    folder = running.preview.snapshot.folder
    assert folder is not None and b"preview-warnings" not in (folder / "index.html").read_bytes()


def _raw_get(url: str, target: bytes) -> int:
    """The status of ``GET target``, sent byte for byte (no client library tidies it up)."""
    found = re.match(r"http://([\d.]+):(\d+)/", url)
    assert found
    with socket.create_connection((found.group(1), int(found.group(2))), timeout=10) as connection:
        connection.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        response = b""
        while chunk := connection.recv(65536):
            response += chunk
    status = response.split(b" ", 2)[1:2]
    return int(status[0]) if status and status[0].isdigit() else 0  # 0: no answer at all


HOSTILE_TARGETS = [
    (b"/%00", 400),
    (b"/index.html%00.png", 400),
    (b"/%1b%5b2J", 400),
    (b"/\x1b]0;pwned\x07", 400),
    (b"/..%2f..%2fetc/passwd", 404),
    (b"/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
    (b"/....//....//etc/passwd", 404),
    (b"/" + b"a" * 5000, 400),
    (b"/" + b"%2e" * 3000, 400),
    (b"/%ff%fe", 404),
    (b"/runtime/%c0%af", 404),
    (b"http://elsewhere/", 404),
    (b"*", 404),
    (b"/%c2%9b2J", 400),
    ("/dé".encode(), 404),
]


def test_hostile_paths_get_a_status_never_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    process = subprocess.Popen(
        [sys.executable, "-m", "ehealth_content", "preview", str(source), "--port", "0", "--lang", "en"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    with process:
        try:
            lines = [process.stderr.readline(), process.stderr.readline()]
            found = re.search(r"at (http://127\.0\.0\.1:\d+/) \(Ctrl-C to stop\)", "".join(lines))
            assert found, lines
            statuses = [(target, _raw_get(found.group(1), target)) for target, _ in HOSTILE_TARGETS]
            # Still serving after all that.
            assert _get(found.group(1))[0] == 200
        finally:
            process.send_signal(signal.SIGINT)
            rest = process.stderr.read()
        assert process.wait(timeout=10) == 0
    assert statuses == [(target, status) for target, status in HOSTILE_TARGETS]
    # Nothing printed between the start and the stop: no traceback, no request log.
    assert rest == "Preview stopped.\n"


def _page_of(source: Path, work: Path, lang: str | None = None) -> tuple[int, str]:
    with PreviewServer(Preview(source, work, lang), 0) as running:
        thread = threading.Thread(target=running.serve_forever, daemon=True)
        thread.start()
        try:
            status, body = _get(running.url)
        finally:
            running.shutdown()
            thread.join(timeout=5)
    return status, body.decode("utf-8")


def test_the_error_page_speaks_french_with_paths_relative_to_the_module_and_hints(tmp_path: Path) -> None:
    source = tmp_path / "deep" / "folder" / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    text = source.read_text(encoding="utf-8")
    assert "\nlang: fr\n" in text
    source.write_text(text.replace("\ntype: single\n", "\ntype: singel\n", 1), encoding="utf-8")
    status, page = _page_of(source, tmp_path / "work")
    assert status == 200
    assert '<html lang="fr">' in page
    assert str(tmp_path) not in page, "no absolute path of the author's disk in the page"
    found = re.search(r"<li><code>module\.md:(\d+):(\d+): error E404: (.*?)</code>(.*?)</li>", page, re.S)
    assert found, page
    assert "type de question «\u00a0singel\u00a0» inconnu" in found.group(3)
    assert '<span class="hint">conseil\u00a0: vouliez-vous dire «\u00a0single\u00a0»\u202f?</span>' in found.group(4)
    assert "Corrigez ces erreurs et enregistrez" in page


def test_the_error_page_follows_lang_and_keeps_related_places(tmp_path: Path) -> None:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    text = source.read_text(encoding="utf-8")
    # Two pages with the same title: E202, with a note at the first one.
    first_page = text.index("\n# ")
    title_line = text[first_page + 1 : text.index("\n", first_page + 1)]
    source.write_text(text + f"\n{title_line}\n\nEncore.\n", encoding="utf-8")
    status, page = _page_of(source, tmp_path / "work", "en")
    assert status == 200 and '<html lang="en">' in page
    assert "cannot be shown" in page
    assert re.search(
        r"<code>module\.md:\d+:1: error E202: page id '[^<]*' is already used", page.replace("&#x27;", "'")
    )
    assert '<span class="hint">hint: give one of them an explicit id' in page
    assert re.search(r'<span class="note">see module\.md:\d+:1: first used here</span>', page)


def test_the_warning_panel_shows_relative_paths_and_hints(tmp_path: Path) -> None:
    source = tmp_path / "src" / "module.md"
    shutil.copytree(SMALL.parent, source.parent)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("\n---\n", "\nmastery_scor: 50\n---\n", 1), encoding="utf-8")
    status, page = _page_of(source, tmp_path / "work")
    assert status == 200
    panel = re.search(r'<aside id="preview-warnings".*?</aside>', page, re.S)
    assert panel is not None
    assert "Aperçu\u00a0: 1 avertissement(s)" in panel.group(0)
    assert "<code>module.md:" in panel.group(0) and str(tmp_path) not in panel.group(0)
    assert "vouliez-vous dire «\u00a0mastery_score\u00a0»" in panel.group(0)
