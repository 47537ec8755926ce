"""A hostile (or broken) LRS on 127.0.0.1, written on raw sockets so it can misbehave freely.

The behaviour is the first segment of the request path: an emitter pointed at
``server.endpoint("drip-headers")`` meets a server that sends its status line and then one
header byte at a time, for ever. ``sane`` is a small correct LRS that keeps what it stores, so a
test can check at the end that every statement arrived once. ``switch`` applies
``server.switch``, changed by the test while an emitter runs.

Behaviours (``NAME`` or ``NAME:ARG``, the argument percent-encoded):

* ``sane``: POST stores a batch and answers its ids (409 if one id is already stored); PUT
  stores one statement and answers 204 (409 if stored with other content).
* ``store-then-html``, ``store-then-drip``: store like ``sane``, then answer badly, so the LRS
  holds what the client must treat as undelivered (the exactly-once hard case).
* ``html``, ``wrong-ids``, ``fewer-ids``, ``empty-200``, ``post-204``, ``nested-json``: a
  success status whose body proves nothing.
* ``drip-headers``, ``drip-body``: one byte every 50 ms, never finishing.
* ``endless-100``: ``100 Continue`` interim answers, one every 10 ms, never the final one.
* ``endless-chunked``: chunked body without end, as fast as the client reads.
* ``huge``, ``huge-unannounced``: a 1 GiB body, announced by Content-Length or not (then
  ended by closing), produced lazily.
* ``gzip-bomb``: 256 MiB of JSON-ish bytes gzipped to a few hundred KB, though the client
  asked for no compression.
* ``retry-after:VALUE``: 503 with ``Retry-After: VALUE`` (raw bytes, so ``²`` is sent in UTF-8).
* ``redirect:PORT``: 307 to the same path on another port, with credentials in the URL.
* ``reset``: close the connection without answering.
* ``bad-status``: a status line that is not HTTP.
"""

from __future__ import annotations

import collections
import contextlib
import json
import socket
import threading
import time
import urllib.parse
import uuid
import zlib
from typing import Self

__all__ = ["HostileLRS"]

_CHUNK = 64 * 1024
_GIB = 1 << 30
_DRIP = 0.05
_gzip_bomb: bytes | None = None
_bomb_lock = threading.Lock()


def _bomb() -> bytes:
    global _gzip_bomb
    with _bomb_lock:
        if _gzip_bomb is None:
            encoder = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            block = b'["' + b"0" * (_CHUNK - 4) + b'"]'
            parts = [encoder.compress(block) for _ in range(256 * 1024 * 1024 // _CHUNK)]
            _gzip_bomb = b"".join(parts) + encoder.flush()
        return _gzip_bomb


class _Closed(Exception):
    """The client went away (or the server is stopping)."""


class HostileLRS:
    """Start with ``with HostileLRS() as server``; every connection gets its own thread."""

    def __init__(self) -> None:
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port: int = self._listener.getsockname()[1]
        self.switch = "sane"
        """What ``switch`` endpoints do now."""
        self.stored: dict[str, bytes] = {}
        """Statements kept by the sane behaviours, by id."""
        self.requests: collections.Counter[str] = collections.Counter()
        """Requests received, by behaviour."""
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def prepare(self) -> None:
        """Build the gzip bomb now, so that its first victim is not merely kept waiting."""
        _bomb()

    def endpoint(self, behaviour: str) -> str:
        name, _, arg = behaviour.partition(":")
        segment = name + (":" + urllib.parse.quote(arg, safe="") if arg else "")
        return f"http://127.0.0.1:{self.port}/{segment}/xAPI/"

    def __enter__(self) -> Self:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in list(self._threads):
            thread.join(timeout=5)

    # --- plumbing -------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            thread.start()
            with self._lock:
                self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        buffer = b""
        try:
            while not self._stopping.is_set():
                request, buffer = self._read_request(conn, buffer)
                if request is None:
                    return
                if not self._answer(conn, *request):
                    return
        except (_Closed, OSError):
            return
        finally:
            conn.close()

    def _read_request(
        self, conn: socket.socket, buffer: bytes
    ) -> tuple[tuple[str, str, dict[str, str], bytes] | None, bytes]:
        while b"\r\n\r\n" not in buffer:
            data = conn.recv(_CHUNK)
            if not data:
                return None, b""
            buffer += data
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(buffer) < length:
            data = conn.recv(_CHUNK)
            if not data:
                return None, b""
            buffer += data
        return (method, target, headers, buffer[:length]), buffer[length:]

    def _send(self, conn: socket.socket, data: bytes) -> None:
        if self._stopping.is_set():
            raise _Closed
        conn.sendall(data)

    def _reply(
        self,
        conn: socket.socket,
        status: str,
        body: bytes = b"",
        headers: tuple[tuple[str, str], ...] = (),
    ) -> bool:
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers)
        self._send(conn, head.encode("utf-8") + b"\r\n" + body)
        return True

    # --- behaviours -------------------------------------------------------------------------

    def _answer(
        self,
        conn: socket.socket,
        method: str,
        target: str,
        headers: dict[str, str],
        body: bytes,
    ) -> bool:
        url = urllib.parse.urlsplit(target)
        segment = url.path.strip("/").split("/")[0]
        name, _, arg = segment.partition(":")
        arg = urllib.parse.unquote(arg)
        if name == "switch":
            name, _, arg = self.switch.partition(":")
        with self._lock:
            self.requests[name] += 1
        json_type = (("Content-Type", "application/json"),)
        if name == "sane":
            status, answer = self._store(method, url.query, body)
            return self._reply(conn, status, answer, json_type)
        if name == "store-then-html":
            self._store(method, url.query, body)
            html = (("Content-Type", "text/html"),)
            return self._reply(conn, "200 OK", b"<html>Welcome</html>", html)
        if name == "store-then-drip":
            self._store(method, url.query, body)
            return self._drip(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n[")
        if name == "html":
            page = b"<!doctype html><title>Sign in</title><form>...</form>"
            return self._reply(conn, "200 OK", page, (("Content-Type", "text/html"),))
        ids = _ids(body)
        if name == "wrong-ids":
            other = [str(uuid.uuid4()) for _ in ids]
            return self._reply(conn, "200 OK", json.dumps(other).encode(), json_type)
        if name == "fewer-ids":
            return self._reply(conn, "200 OK", json.dumps(ids[:-1]).encode(), json_type)
        if name == "empty-200":
            return self._reply(conn, "200 OK")
        if name == "post-204":
            return self._reply(conn, "204 No Content")
        if name == "nested-json":
            return self._reply(conn, "200 OK", b"[" * 200_000 + b"]" * 200_000, json_type)
        if name == "drip-headers":
            return self._drip(conn, b"HTTP/1.1 200 OK\r\nX-Slow: ")
        if name == "drip-body":
            return self._drip(conn, b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n[")
        if name == "endless-100":
            while True:
                self._send(conn, b"HTTP/1.1 100 Continue\r\n\r\n")
                time.sleep(0.01)
        if name == "endless-chunked":
            self._send(conn, b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            chunk = b"%x\r\n%s\r\n" % (_CHUNK, b"[" * _CHUNK)
            while True:
                self._send(conn, chunk)
        if name in ("huge", "huge-unannounced"):
            announced = f"Content-Length: {_GIB}\r\n" if name == "huge" else "Connection: close\r\n"
            self._send(conn, f"HTTP/1.1 200 OK\r\n{announced}\r\n".encode())
            block = b" " * _CHUNK
            for _ in range(_GIB // _CHUNK):
                self._send(conn, block)
            return False
        if name == "gzip-bomb":
            bomb = _bomb()
            return self._reply(conn, "200 OK", bomb, (("Content-Encoding", "gzip"), *json_type))
        if name == "retry-after":
            head = b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nRetry-After: "
            self._send(conn, head + arg.encode("utf-8") + b"\r\n\r\nbusy")
            return True
        if name == "redirect":
            location = f"http://intruder:stolen@127.0.0.1:{arg}{url.path}"
            return self._reply(conn, "307 Temporary Redirect", b"", (("Location", location),))
        if name == "reset":
            return False
        if name == "bad-status":
            self._send(conn, b"HTTP/1.1 two hundred\r\n\r\n")
            return False
        return self._reply(conn, "404 Not Found", b"unknown behaviour")

    def _drip(self, conn: socket.socket, start: bytes) -> bool:
        self._send(conn, start)
        while True:
            time.sleep(_DRIP)
            self._send(conn, b" ")

    def _store(self, method: str, query: str, body: bytes) -> tuple[str, bytes]:
        """A correct LRS: (status, answer body)."""
        with self._lock:
            if method == "PUT":
                statement_id = urllib.parse.parse_qs(query)["statementId"][0]
                kept = self.stored.get(statement_id)
                if kept is not None and json.loads(kept) != json.loads(body):
                    return "409 Conflict", b'{"message": "conflict"}'
                self.stored[statement_id] = body
                return "204 No Content", b""
            batch = json.loads(body)
            if any(s["id"] in self.stored for s in batch):
                return "409 Conflict", b'{"message": "id already stored"}'
            for item in batch:
                self.stored[item["id"]] = json.dumps(item).encode()
            return "200 OK", json.dumps([s["id"] for s in batch]).encode()


def _ids(body: bytes) -> list[str]:
    try:
        batch = json.loads(body)
    except ValueError:
        return []
    return [s["id"] for s in batch] if isinstance(batch, list) else [batch["id"]]
