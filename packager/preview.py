"""``ehealth preview PATH``: the module as learners see it, rebuilt and reloaded on every save.

    save in the module folder → watchfiles → load + build (web target, temp folder) → version + 1
    the open page polls ``/__preview/version`` → reloads itself when the version changed

The reload script is added to ``index.html`` on its way out of this server only: the package
on disk is exactly what ``ehealth build --target web`` writes. While the source has errors the
page lists them (``FILE:LINE:COL: error CODE: message``, the path relative to the module's
folder, then the hint) instead of showing a broken module, in the author's language.
The server listens on 127.0.0.1 only: a draft is nobody else's business. Any request gets a
status, never a traceback: a path that is too long or holds a control character (``%00``
included) is a 400, anything outside the build a 404.
"""

from __future__ import annotations

import html
import http.server
import json
import mimetypes
import re
import shutil
import sys
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Final

import watchfiles

from ehealth_content.diagnostics import Diagnostic
from ehealth_content.i18n import Lang, choose_lang, t
from ehealth_content.loader import declared_lang, load_module

from .build import build_package
from .errors import BuildError

__all__ = ["HOST", "Preview", "PreviewServer", "Snapshot", "diagnostics_page", "with_reload_script", "with_warnings"]

HOST: Final = "127.0.0.1"
# The preview shows exactly what `ehealth build --target web` writes: a folder, state in localStorage.
_TARGET: Final = "web"
_VERSION_PATH: Final = "/__preview/version"
_SCRIPT_PATH: Final = "/__preview/reload.js"
# Longer than any file name the build writes by far; a control character is in none of them.
_MAX_PATH: Final = 1024
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The request line arrives as Latin-1: bytes 0x80-0x9f there are pieces of UTF-8, not C1.
_RAW_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
# Polling rather than server-sent events: one short request every 400 ms costs nothing on
# 127.0.0.1 and leaves no connection open that would hold the server up when it stops.
_RELOAD_SCRIPT: Final = b"""(function () {
  var version = document.currentScript.getAttribute("data-version");
  function poll() {
    fetch("/__preview/version", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (d) { if (String(d.version) !== version) location.reload(); else setTimeout(poll, 400); },
            function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 400);
})();
"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    version: int
    """Goes up by one on every rebuild, successful or not."""
    folder: Path | None
    """The built web folder; None while the source has errors."""
    diagnostics: tuple[Diagnostic, ...]
    """Every diagnostic of the last load and build, warnings included."""
    failure: str | None = None
    """An unexpected failure of the build itself, as one line (never a traceback)."""
    lang: Lang = "en"
    """The language the page speaks: ``--lang``, else the module's if French, else the locale's."""


def with_reload_script(index_html: str, version: int) -> str:
    """``index_html`` with the preview's reload script before ``</body>``."""
    tag = f'<script src="{_SCRIPT_PATH}" data-version="{version}"></script>\n'
    head, found, tail = index_html.rpartition("</body>")
    return head + tag + found + tail if found else index_html + tag


def with_warnings(
    index_html: str, diagnostics: tuple[Diagnostic, ...], source: Path | None = None, lang: str = "en"
) -> str:
    """``index_html`` with the source's warnings listed above the module: a misspelt key or a
    question shown as code deserves the designer's eye as much as an error does. Paths are
    shown relative to ``source``'s folder, each warning with its hint, in ``lang``."""
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if not warnings:
        return index_html
    folder = source.parent if source is not None else None
    items = "".join(_item(d, folder, lang) for d in warnings)
    title = t("Preview: {count} warning(s)", count=len(warnings)).render(lang)
    panel = (
        f'<aside id="preview-warnings" role="note" lang="{lang}" style="border:2px solid #8a5a00;'
        'padding:.5rem 1rem;margin:1rem;background:#fff8e6;color:#1a1a1a">'
        f"<p><strong>{html.escape(title)}</strong></p><ul>{items}</ul></aside>\n"
    )
    head, found, tail = index_html.partition("<body>")
    return head + found + "\n" + panel + tail if found else panel + index_html


def diagnostics_page(source: Path, snapshot: Snapshot) -> str:
    """The page shown while the module cannot be built: every error, escaped, with its hint;
    paths relative to the module's folder, words in ``snapshot.lang``."""
    lang = snapshot.lang
    items = [_item(d, source.parent, lang) for d in snapshot.diagnostics if d.severity == "error"]
    if snapshot.failure:
        items.append(f"<li><code>{html.escape(snapshot.failure)}</code></li>")
    title = t("Errors in {name}", name=source.name).render(lang)
    heading = t("{name} cannot be shown", name=source.name).render(lang)
    advice = t("Fix these and save: the page comes back by itself.").render(lang)
    listing = "\n".join(items)
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>body {{ font: 1rem/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1a1a1a; }}
code {{ white-space: pre-wrap; overflow-wrap: anywhere; }} li {{ margin: .5rem 0; }}
.hint, .note {{ display: block; margin-left: 1.5rem; }}</style>
</head>
<body>
<main id="preview-errors">
<h1>{html.escape(heading)}</h1>
<p>{html.escape(advice)}</p>
<ul>
{listing}
</ul>
</main>
</body>
</html>
"""
    return with_reload_script(page, snapshot.version)


def _item(diagnostic: Diagnostic, folder: Path | None, lang: str) -> str:
    """One diagnostic as a list item: ``FILE:LINE:COL: severity CODE: message``, then its hint
    and notes on lines of their own."""
    d = diagnostic.in_language(lang)
    where = f"{_relative(d.file, folder)}:{d.line}:{d.column}: {d.severity} {d.code}: {d.message}"
    parts = [f"<li><code>{html.escape(where)}</code>"]
    if d.hint:
        label = t("hint: {hint}", hint=d.hint).render(lang)
        parts.append(f'<span class="hint">{html.escape(label)}</span>')
    for other in d.related:
        place = f"{_relative(other.file, folder)}:{other.line}:{other.column}"
        label = t("see {place}: {note}", place=place, note=other.message).render(lang)
        parts.append(f'<span class="note">{html.escape(label)}</span>')
    return "".join(parts) + "</li>"


def _relative(file: str, folder: Path | None) -> str:
    """``file`` as the module's folder sees it (``module.md``, ``media/x.png``): the page is read
    in a browser, where the absolute path of the author's disk means nothing."""
    if folder is None:
        return file
    try:
        return Path(file).resolve().relative_to(folder.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return Path(file).name


class Preview:
    """The current build of one module; ``rebuild()`` is safe to call from any thread."""

    def __init__(self, source: Path, work: Path, lang: str | None = None) -> None:
        self.source = source
        self.lang = lang
        """``--lang``; None: the module's own language if French, else the locale's."""
        self._work = work
        self._lock = threading.Lock()
        self._snapshot = Snapshot(0, None, ())

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    def rebuild(self) -> Snapshot:
        with self._lock:
            version = self._snapshot.version + 1
            # Each build gets a folder of its own, so a request never reads half-replaced files.
            folder, diagnostics, failure = self._build(self._work / f"v{version}")
            previous = self._snapshot.folder
            # Read on every build: the author may change the module's lang while previewing.
            lang = choose_lang(self.lang, None if self.lang else declared_lang(self.source))
            self._snapshot = Snapshot(version, folder, tuple(diagnostics), failure, lang)
        if previous is not None and folder is not None:
            shutil.rmtree(previous.parent, ignore_errors=True)
        return self._snapshot

    def _build(self, out: Path) -> tuple[Path | None, list[Diagnostic], str | None]:
        try:
            module, diagnostics = load_module(self.source, display_path=str(self.source))
            if module is None:
                return None, diagnostics, None
            try:
                return build_package(module, _TARGET, out).path, diagnostics, None
            except BuildError as exc:
                return None, diagnostics + list(exc.diagnostics), None
        except Exception as exc:  # noqa: BLE001 - shown in the page; the preview keeps running
            return None, [], f"internal error while building ({type(exc).__name__}: {exc}); please report it"


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None: not a file, or gone (a rebuild removes the previous folder)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PreviewServer

    def do_GET(self) -> None:  # noqa: N802 - the name http.server dispatches to
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if len(self.path) > _MAX_PATH or _RAW_CONTROL.search(self.path) or _CONTROL.search(urllib.parse.unquote(path)):
            self._send(400, "text/plain; charset=utf-8", b"bad request\n")
            return
        snapshot = self.server.preview.snapshot
        if path == _VERSION_PATH:
            self._send(200, "application/json", json.dumps({"version": snapshot.version}).encode())
        elif path == _SCRIPT_PATH:
            self._send(200, "text/javascript; charset=utf-8", _RELOAD_SCRIPT)
        elif snapshot.folder is None:
            self._send(
                200, "text/html; charset=utf-8", diagnostics_page(self.server.preview.source, snapshot).encode("utf-8")
            )
        elif path in ("/", "/index.html"):
            index = _read(snapshot.folder / "index.html")
            if index is None:
                self._send(404, "text/plain; charset=utf-8", b"not found\n")
                return
            shown = with_warnings(
                index.decode("utf-8"), snapshot.diagnostics, self.server.preview.source, snapshot.lang
            )
            page = with_reload_script(shown, snapshot.version)
            self._send(200, "text/html; charset=utf-8", page.encode("utf-8"))
        else:
            self._send_file(snapshot.folder, path)

    def _send_file(self, folder: Path, path: str) -> None:
        relative = urllib.parse.unquote(path).lstrip("/")
        try:
            target = (folder / relative).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symlink loop
            target = None
        # Nothing outside the built package is served, whatever ../ the URL holds.
        body = _read(target) if target is not None and target.is_relative_to(folder.resolve()) else None
        if target is None or body is None:
            self._send(404, "text/plain; charset=utf-8", b"not found\n")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(200, kind, body)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        # A reload must show the new build, never the browser's cached copy.
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class PreviewServer(http.server.ThreadingHTTPServer):
    """Serves a :class:`Preview` on 127.0.0.1 and rebuilds it when its folder changes.

    ``on_rebuild`` is called with every new snapshot, from the watcher's thread (the CLI prints
    a line). Use it as a context manager: entering builds once and starts watching; leaving stops the
    watcher and closes the socket. ``serve_forever()`` serves (and ``shutdown()`` stops it from
    another thread).
    """

    daemon_threads = True

    def __init__(
        self, preview: Preview, port: int = 0, *, on_rebuild: Callable[[Snapshot], None] | None = None
    ) -> None:
        super().__init__((HOST, port), _Handler)
        self.preview = preview
        self._on_rebuild = on_rebuild
        self._stop = threading.Event()
        self._watcher = threading.Thread(target=self._watch, name="ehealth-preview-watch", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def handle_error(self, request: object, client_address: object) -> None:
        """One line instead of socketserver's traceback; nothing when the browser just left."""
        kind, value = sys.exc_info()[:2]
        if kind is None or issubclass(kind, (BrokenPipeError, ConnectionResetError, TimeoutError)):
            return
        sys.stderr.write(f"preview: a request failed ({kind.__name__}: {value}); please report it\n")

    def __enter__(self) -> PreviewServer:
        self._rebuilt(self.preview.rebuild())
        self._watcher.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._watcher.is_alive():
            self._watcher.join(timeout=5)
        self.server_close()

    def _watch(self) -> None:
        # step: 50 ms of quiet after a save is enough to see an editor's write-and-rename as one.
        for _changes in watchfiles.watch(
            self.preview.source.parent, stop_event=self._stop, step=50, debounce=800, raise_interrupt=False
        ):
            self._rebuilt(self.preview.rebuild())

    def _rebuilt(self, snapshot: Snapshot) -> None:
        if self._on_rebuild is not None:
            self._on_rebuild(snapshot)
