"""A real LRS for tests, and a proxy that injects faults between a client and it.

`running_lrs()` starts Learning Locker's statements service (npm `xapi-statements`, installed by
`npm ci --prefix tests/harness`) on 127.0.0.1 with in-memory storage, and yields its endpoint.
`FaultProxy` forwards HTTP to that endpoint and can be switched to refuse connections, answer
500 or 429, or answer late (after forwarding, so the LRS has stored what the client thinks was
lost: the hardest case for exactly-once delivery).

Both are plain context managers so that cmi5 tests and the benchmarks can reuse them; the pytest
fixtures live in the conftest of each test folder.
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import http.server
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Self

__all__ = [
    "HARNESS_DIR",
    "FaultProxy",
    "LRSUnavailableError",
    "RunningLRS",
    "free_port",
    "running_lrs",
]

HARNESS_DIR = Path(__file__).resolve().parents[1] / "harness"
_ENTRY = HARNESS_DIR / "node_modules" / "xapi-statements" / "dist" / "index.js"

# The service passes only a port to `listen`, which binds every interface; tests must never be
# reachable from the network, so the host is forced before the service starts.
_PRELOAD = """\
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\\d+$/.test(args[0]))) {
    const port = Number(args[0]);
    const rest = args.slice(1).filter((a) => typeof a === 'function');
    return listen.call(this, port, '127.0.0.1', ...rest);
  }
  if (args[0] && typeof args[0] === 'object' && !args[0].path) {
    args[0] = Object.assign({}, args[0], { host: '127.0.0.1' });
  }
  return listen.apply(this, args);
};
"""


class LRSUnavailableError(RuntimeError):
    """Node or the harness's node_modules are missing, or the LRS did not start."""


@dataclass(frozen=True)
class RunningLRS:
    """A started LRS."""

    endpoint: str
    """Base of the xAPI resources, ending with a slash: ``http://127.0.0.1:PORT/xAPI/``."""
    port: int
    """The loopback port it listens on."""
    log_path: Path
    """Where its standard output and error go, for failure messages."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now (the caller retries if it is taken meanwhile)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _require_harness() -> str:
    node = shutil.which("node")
    if node is None:
        raise LRSUnavailableError(
            "node is not on PATH: the xAPI integration tests need Node.js >= 18 to run the test LRS (xapi-statements)"
        )
    if not _ENTRY.is_file():
        raise LRSUnavailableError(f"{_ENTRY} is missing: install the test harness with `npm ci --prefix tests/harness`")
    return node


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1.0)
    try:
        conn.request("GET", "/xAPI/about")
        return conn.getresponse().status == 200
    except OSError:
        return False
    finally:
        conn.close()


@contextlib.contextmanager
def running_lrs(*, start_timeout: float = 30.0) -> Iterator[RunningLRS]:
    """Start the test LRS on a free loopback port; stop it and remove its files on exit.

    Raises `LRSUnavailableError` (never skips) when node or the harness is missing, because a
    test suite that silently skips its integration tests proves nothing.
    """
    node = _require_harness()
    with tempfile.TemporaryDirectory(prefix="ehealth-lrs-") as tmp:
        # Its own working directory: the service reads a `.env` from there.
        workdir = Path(tmp)
        preload = workdir / "listen-loopback.js"
        preload.write_text(_PRELOAD, encoding="utf-8")
        log_path = workdir / "lrs.log"
        last_error = "it did not start"
        for _attempt in range(3):
            port = free_port()
            env = {
                "PATH": os.environ.get("PATH", ""),
                "HOME": str(workdir),
                "NODE_ENV": "production",
                "MODELS_REPO": "memory",
                "STORAGE_REPO": "local",
                "AUTH_REPO": "test",
                "EVENTS_REPO": "test",
                "SERVICE_AWAIT_UPDATES": "true",
                "EXPRESS_PORT": str(port),
                "FS_LOCAL_STORAGE_DIR": str(workdir / "storage"),
                "EXPRESS_MORGAN_DIRECTORY": str(workdir / "access-logs"),
                "WINSTON_CONSOLE_LEVEL": "warn",
            }
            with open(log_path, "ab") as log:
                proc = subprocess.Popen(
                    [node, "-r", str(preload), str(_ENTRY)],
                    cwd=workdir,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            try:
                deadline = time.monotonic() + start_timeout
                while time.monotonic() < deadline and proc.poll() is None:
                    if _answers(port):
                        break
                    time.sleep(0.1)
                if proc.poll() is None and _answers(port):
                    yield RunningLRS(f"http://127.0.0.1:{port}/xAPI/", port, log_path)
                    return
                last_error = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
            finally:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        raise LRSUnavailableError(f"the test LRS did not answer /xAPI/about: {last_error}")


# --- fault injection ------------------------------------------------------------------------

PASS = "pass"
"""Forward the request and return the LRS's answer."""
REFUSE = "refuse"
"""Stop listening: new connections are refused, open ones are closed without an answer."""
ERROR_500 = "500"
"""Answer 500 without forwarding."""
TOO_MANY = "429"
"""Answer 429 with the proxy's ``retry_after`` header, without forwarding."""
SLOW = "slow"
"""Forward, then hold the answer for ``delay`` seconds (the client times out meanwhile)."""

_MODES = {PASS, REFUSE, ERROR_500, TOO_MANY, SLOW}


@dataclass
class ProxyLog:
    """What the proxy saw, for assertions about retry timing."""

    events: list[tuple[float, str, str, str]] = field(default_factory=list)
    """(monotonic time, mode applied, method, path) per request."""


class FaultProxy:
    """An HTTP proxy on 127.0.0.1 in front of ``target`` (``http://host:port``).

    The mode applies to every request; ``script`` queues one-shot modes consumed one per request
    before falling back to the mode, to make intermittent faults reproducible.
    """

    def __init__(
        self,
        target: str,
        *,
        delay: float = 1.0,
        retry_after: str = "1",
        pace: float = 0.0,
    ) -> None:
        parsed = urllib.parse.urlsplit(target)
        self._target = (parsed.hostname or "127.0.0.1", parsed.port or 80)
        self.delay = delay
        self.retry_after = retry_after
        self.pace = pace
        """Seconds added before forwarding every request, to make a flush last long enough."""
        self.log = ProxyLog()
        self._mode = PASS
        self._script: collections.deque[str] = collections.deque()
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def endpoint(self, path: str = "/xAPI/") -> str:
        return self.url + path

    def set_mode(self, mode: str) -> None:
        if mode not in _MODES:
            raise ValueError(f"unknown proxy mode {mode!r}")
        with self._lock:
            self._mode = mode
        if mode == REFUSE:
            self._stop_listening()
        else:
            self._listen()

    def script(self, *modes: str) -> None:
        """Apply these modes to the next requests, one each, in order."""
        for mode in modes:
            if mode not in _MODES - {REFUSE}:
                raise ValueError(f"cannot script proxy mode {mode!r}")
        with self._lock:
            self._script.extend(modes)

    def requests(self, mode: str | None = None) -> int:
        with self._lock:
            return sum(1 for e in self.log.events if mode is None or e[1] == mode)

    def _next_mode(self, method: str, path: str) -> str:
        with self._lock:
            mode = self._script.popleft() if self._script else self._mode
            self.log.events.append((time.monotonic(), mode, method, path))
            return mode

    def __enter__(self) -> Self:
        self._listen()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop_listening()

    def _listen(self) -> None:
        if self._server is not None:
            return
        server = _ProxyServer(("127.0.0.1", self.port), _ProxyHandler)
        server.proxy = self
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()

    def _stop_listening(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        self._server = self._thread = None
        server.shutdown()
        server.server_close()
        thread.join()

    def forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection(*self._target, timeout=30)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
            return answer.status, answer.getheaders(), data
        finally:
            conn.close()


class _ProxyServer(http.server.ThreadingHTTPServer):
    proxy: FaultProxy
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that time out close their end while we hold an answer: that is the point of
        # the SLOW mode, not an error worth a traceback.
        pass


_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "host",
}


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _ProxyServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _relay(self) -> None:
        proxy = self.server.proxy
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        mode = proxy._next_mode(self.command, self.path)
        if mode == REFUSE:
            # A keep-alive connection opened before the switch: drop it unanswered.
            self.close_connection = True
            return
        if mode == ERROR_500:
            self._answer(500, [("Content-Type", "text/plain")], b"injected failure")
            return
        if mode == TOO_MANY:
            self._answer(
                429,
                [("Content-Type", "text/plain"), ("Retry-After", proxy.retry_after)],
                b"slow down",
            )
            return
        if proxy.pace:
            time.sleep(proxy.pace)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        status, answer_headers, data = proxy.forward(self.command, self.path, headers, body)
        if mode == SLOW:
            time.sleep(proxy.delay)
        kept = [(k, v) for k, v in answer_headers if k.lower() not in _HOP_BY_HOP]
        self._answer(status, kept, data)

    def _answer(self, status: int, headers: list[tuple[str, str]], data: bytes) -> None:
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay
