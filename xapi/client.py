"""`LRS`: the statements resource of one Learning Record Store, over httpx.

Only what delivery needs: POST a batch, PUT one statement by id. Every request is bounded in
time as a whole (`Timeouts.total`, enforced on the socket by `xapi.deadline`) and its answer in
size (`MAX_ANSWER_BYTES`, read as a stream), so a broken or hostile server can neither hold a
flush nor fill the memory. The transport is injectable (``httpx.MockTransport`` in tests).
Credentials are checked when configured (`xapi.credentials`) and kept out of `repr`, of the
endpoint and of every error message.

Redirects are never followed. A cross-host one would hand the credentials to another server,
a 301/302/303 turns the POST into a GET whose answer confirms nothing, and a same-host one
means a misconfigured endpoint, better fixed once than paid on every request. The answer of a
3xx says where it pointed (without credentials or query) so the endpoint can be corrected.
"""

from __future__ import annotations

import base64
import re
import time
import urllib.parse
import zlib
from dataclasses import dataclass
from typing import Self

import httpx

from xapi import deadline
from xapi.credentials import check_credential, check_token, check_token_scheme
from xapi.errors import (
    ConfigurationError,
    LRSError,
    LRSUnreachableError,
    NoTimeLeftError,
)
from xapi.retry import parse_retry_after
from xapi.validation import SUPPORTED_VERSIONS

__all__ = ["LRS", "MAX_ANSWER_BYTES", "Answer", "Timeouts", "printable"]

MAX_ANSWER_BYTES = 1 << 20
"""Largest answer body read: an LRS answers a batch of 100 with about 4 KB of ids."""

_ANSWER_LIMIT = 2000
# Controls and bidirectional overrides: an answer is shown in terminals and logs, where these
# could rewrite or hide what is displayed.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MAX_CODINGS = 2


def printable(text: str) -> str:
    """``text`` with control characters replaced by a space, for one-line messages."""
    return _UNPRINTABLE.sub(" ", text)


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed for each phase of a request, and for all of it; all finite."""

    connect: float = 5.0
    read: float = 20.0
    """Between two reads: a server sending one byte at a time resets it at every byte."""
    write: float = 20.0
    pool: float = 5.0
    """Waiting for a free connection of the pool."""
    total: float = 60.0
    """The whole request, answer included, whatever the server does."""

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)

    def within(self, seconds: float) -> httpx.Timeout:
        """The phase timeouts, none longer than ``seconds``."""
        return httpx.Timeout(
            connect=min(self.connect, seconds),
            read=min(self.read, seconds),
            write=min(self.write, seconds),
            pool=min(self.pool, seconds),
        )


@dataclass(frozen=True)
class Answer:
    """What the LRS said."""

    status: int
    text: str
    """Body of the answer, truncated, on one line, credentials removed (or where a redirect
    pointed)."""
    retry_after: float | None
    """Seconds from a Retry-After header, if any (garbage ignored, capped)."""
    body: bytes = b""
    """The body as received, at most `MAX_ANSWER_BYTES`: what a success is checked against."""


class _Unreadable(Exception):
    """The answer is too long, too slow or in an encoding we do not read."""


def _redirect_text(location: str | None) -> str:
    target = "elsewhere"
    if location:
        try:
            parts = urllib.parse.urlsplit(printable(location).strip())
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            parts, host, port = None, "", ""
        if parts is not None and (host or parts.path):
            # Only scheme, host, port and path: userinfo or a query may hold credentials.
            scheme = f"{parts.scheme}://" if parts.scheme and host else ""
            target = f"{scheme}{host}{port}{parts.path}"[:200]
    return (
        f"redirected to {target}; redirects are not followed "
        "(they could carry the credentials elsewhere): set the endpoint to the final URL"
    )


def _decode(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """Undo gzip/deflate without ever holding more than ``limit`` decoded bytes."""
    codings = [c.strip().lower() for c in (encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > _MAX_CODINGS:
        raise _Unreadable("the answer is encoded too many times")
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            wbits = 16 + zlib.MAX_WBITS
        elif coding == "deflate":
            wbits = zlib.MAX_WBITS
        else:
            raise _Unreadable("the answer has a Content-Encoding this client does not read")
        decoder = zlib.decompressobj(wbits)
        try:
            decoded = decoder.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise _Unreadable(f"the answer does not decompress: {exc}") from exc
        if len(decoded) > limit or decoder.unconsumed_tail:
            raise _Unreadable(f"the decompressed answer is longer than {limit} bytes; not read further")
        raw = decoded
    return raw


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The raw body, read chunk by chunk, refused past ``limit`` bytes or the deadline."""
    length = response.headers.get("Content-Length", "")
    if length.isascii() and length.isdigit() and len(length) < 20 and int(length) > limit:
        raise _Unreadable(f"the answer announces {int(length)} bytes, more than the {limit} read")
    try:
        content = response.content  # built in memory (a mock transport's answer)
    except httpx.ResponseNotRead:
        pass
    else:
        if len(content) > limit:
            raise _Unreadable(f"the answer is longer than {limit} bytes")
        return content
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise _Unreadable(f"the answer is longer than {limit} bytes; not read further")
        chunks.append(chunk)
        left = deadline.remaining()
        if left is not None and left <= 0:
            # Transports without the socket-level deadline (a mock) end up here.
            raise httpx.ReadTimeout("the request took longer than its deadline")
    return _decode(b"".join(chunks), response.headers.get("Content-Encoding"), limit)


class LRS:
    """An LRS endpoint.

    Parameters:
        endpoint: base URL of the xAPI resources, e.g. ``https://lrs.example.org/xAPI/``.
            Credentials written in it (``https://user:pw@host/``) are moved to ``username`` /
            ``password``.
        username, password: HTTP Basic credentials.
        token: sent as ``Authorization: <token_scheme> <token>`` instead of Basic credentials.
        token_scheme: ``Bearer`` by default; cmi5's fetch URL tokens use ``Basic``.
        version: ``X-Experience-API-Version`` sent, ``1.0.3`` or ``2.0.0``; statements are also
            validated against it.
        timeouts: see `Timeouts`.
        transport: an httpx transport, e.g. ``httpx.MockTransport(handler)``.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        username: str | None = None,
        password: str | None = None,
        token: str | None = None,
        token_scheme: str = "Bearer",
        version: str = "1.0.3",
        timeouts: Timeouts = Timeouts(),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if _CONTROL.search(endpoint):
            # Not echoed: the URL may hold a user and password.
            raise ConfigurationError(
                "the LRS endpoint contains a control character (often a line break left by "
                "reading it from a file); the value is not shown, it may hold credentials"
            )
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationError(
                "the LRS endpoint must be an http:// or https:// URL, got "
                f"{parts.scheme + '://' if parts.scheme else ''}{parts.hostname or ''}{parts.path}"
            )
        try:
            port = parts.port
        except ValueError:
            raise ConfigurationError("the LRS endpoint has an invalid port") from None
        if parts.username is not None and username is None and token is None:
            username = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
        check_credential("username", username)
        check_credential("password", password)
        if token is not None:
            check_token(token)
            check_token_scheme(token_scheme)
        netloc = parts.hostname + (f":{port}" if port else "")
        if ":" in parts.hostname:  # IPv6 literal
            netloc = f"[{parts.hostname}]" + (f":{port}" if port else "")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.endpoint = urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
        """The endpoint without credentials, ending with a slash."""
        if version not in SUPPORTED_VERSIONS:
            raise ConfigurationError(f"xAPI version must be one of {', '.join(SUPPORTED_VERSIONS)}, got {version!r}")
        self.version = version
        if token is not None and username is not None:
            raise ConfigurationError("give Basic credentials or a token, not both")
        self._secrets = [s for s in (password, token) if s]
        headers = {
            "X-Experience-API-Version": version,
            "Content-Type": "application/json",
            "User-Agent": "ehealth-xapi",
            # Asked so the answer's size is its size; a server that compresses anyway is
            # decoded within the same cap (`_decode`).
            "Accept-Encoding": "identity",
        }
        if token is not None:
            headers["Authorization"] = f"{token_scheme} {token}"
        elif username is not None:
            raw = f"{username}:{password or ''}".encode()
            encoded = base64.b64encode(raw).decode("ascii")
            headers["Authorization"] = "Basic " + encoded
            self._secrets.append(encoded)
        self.timeouts = timeouts
        self.max_answer_bytes = MAX_ANSWER_BYTES
        """Answers longer than this are a failed attempt (set lower in tests)."""
        self._client = httpx.Client(
            headers=headers,
            timeout=timeouts.to_httpx(),
            transport=transport,
            follow_redirects=False,
        )
        self.socket_deadlines = deadline.install(self._client)
        """Connection pools whose sockets obey `Timeouts.total` (0 with a mock transport)."""

    def __repr__(self) -> str:
        return f"LRS({self.endpoint!r}, version={self.version!r})"

    def redact(self, text: str) -> str:
        """``text`` with every secret replaced by ``***`` (belt and braces for foreign messages)."""
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def post_statements(self, body: bytes) -> Answer:
        """POST a JSON array of statements (exact bytes)."""
        return self._send("POST", self.endpoint + "statements", body, None)

    def put_statement(self, statement_id: str, body: bytes) -> Answer:
        """PUT one statement by id: idempotent, so safe to repeat after a lost answer."""
        return self._send("PUT", self.endpoint + "statements", body, {"statementId": statement_id})

    def get(self, resource: str, params: dict[str, str] | None = None) -> Answer:
        """GET a resource relative to the endpoint (``about``, ``statements``...)."""
        return self._send("GET", self.endpoint + resource, None, params)

    def _send(self, method: str, url: str, body: bytes | None, params: dict[str, str] | None) -> Answer:
        outer = deadline.remaining()
        if outer is not None and outer <= 0:
            raise NoTimeLeftError(f"{method} {url}: not sent, no time left before the deadline", started=False)
        own_end = time.monotonic() + self.timeouts.total
        try:
            with deadline.until(own_end):
                left = deadline.remaining()
                with self._client.stream(
                    method,
                    url,
                    content=body,
                    params=params,
                    timeout=self.timeouts.within(self.timeouts.total if left is None else max(left, 1e-3)),
                ) as response:
                    raw = _read_capped(response, self.max_answer_bytes)
        except httpx.TransportError as exc:
            # Connection refused/reset, DNS, timeouts (TimeoutException is a TransportError).
            left = deadline.remaining()
            if (
                isinstance(exc, httpx.TimeoutException)
                and left is not None
                and left <= 0
                and time.monotonic() < own_end
            ):
                # The caller's deadline ended it, before this request's own limits did.
                raise NoTimeLeftError(self._message(method, url, exc), started=True) from exc
            raise LRSUnreachableError(self._message(method, url, exc)) from exc
        except (httpx.HTTPError, _Unreadable) as exc:
            raise LRSError(self._message(method, url, exc)) from exc
        except Exception as exc:
            # Whatever else a malformed answer makes the HTTP stack raise, it stays one failed
            # attempt, retried later, and never reaches the caller as a foreign exception.
            raise LRSError(self._message(method, url, exc)) from exc
        if 300 <= response.status_code < 400:
            text = self.redact(_redirect_text(response.headers.get("Location")))
        else:
            # Redacted before the cut, so a secret straddling it is never half shown.
            decoded = raw[: _ANSWER_LIMIT * 8].decode("utf-8", errors="replace")
            text = self.redact(printable(decoded[: _ANSWER_LIMIT * 2]))[:_ANSWER_LIMIT]
        return Answer(
            response.status_code,
            text.strip(),
            parse_retry_after(response.headers.get("Retry-After")),
            raw,
        )

    def _message(self, method: str, url: str, exc: BaseException) -> str:
        detail = self.redact(printable(str(exc)[: _ANSWER_LIMIT * 2]))[:_ANSWER_LIMIT]
        name = type(exc).__name__ if not isinstance(exc, _Unreadable) else "answer refused"
        return f"{method} {url}: {name}: {detail}"
