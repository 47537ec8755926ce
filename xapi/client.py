"""`LRS`: the statements resource of one Learning Record Store, over httpx.

Only what delivery needs: POST a batch, PUT one statement by id. Timeouts are explicit and
finite; the transport is injectable (``httpx.MockTransport`` in tests). Credentials are kept
out of `repr`, of the endpoint and of every error message.
"""

from __future__ import annotations

import base64
import urllib.parse
from dataclasses import dataclass
from typing import Self

import httpx

from xapi.errors import ConfigurationError, LRSError, LRSUnreachableError
from xapi.retry import parse_retry_after
from xapi.validation import SUPPORTED_VERSIONS

__all__ = ["LRS", "Answer", "Timeouts"]

_ANSWER_LIMIT = 2000
# Bytes of an answer read at most: only its start is kept, and an LRS (or whatever answers
# at the endpoint) may send without end.
_BODY_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed for each phase of a request; all finite, so no send hangs forever."""

    connect: float = 5.0
    read: float = 20.0
    write: float = 20.0
    pool: float = 5.0
    """Waiting for a free connection of the pool."""

    def to_httpx(self) -> httpx.Timeout:
        return httpx.Timeout(
            connect=self.connect, read=self.read, write=self.write, pool=self.pool
        )


@dataclass(frozen=True)
class Answer:
    """What the LRS said."""

    status: int
    text: str
    """Body of the answer, truncated, credentials removed."""
    retry_after: float | None
    """Seconds from a Retry-After header, if any."""


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
        parts = urllib.parse.urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigurationError(
                "the LRS endpoint must be an http:// or https:// URL, got "
                f"{parts.scheme + '://' if parts.scheme else ''}{parts.hostname or ''}{parts.path}"
            )
        if parts.username is not None and username is None and token is None:
            username = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        if ":" in parts.hostname:  # IPv6 literal
            netloc = f"[{parts.hostname}]" + (f":{parts.port}" if parts.port else "")
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.endpoint = urllib.parse.urlunsplit((parts.scheme, netloc, path, "", ""))
        """The endpoint without credentials, ending with a slash."""
        if version not in SUPPORTED_VERSIONS:
            raise ConfigurationError(
                f"xAPI version must be one of {', '.join(SUPPORTED_VERSIONS)}, got {version!r}"
            )
        self.version = version
        if token is not None and username is not None:
            raise ConfigurationError("give Basic credentials or a token, not both")
        self._secrets = [s for s in (password, token) if s]
        headers = {
            "X-Experience-API-Version": version,
            "Content-Type": "application/json",
            "User-Agent": "ehealth-xapi",
        }
        if token is not None:
            headers["Authorization"] = f"{token_scheme} {token}"
        elif username is not None:
            raw = f"{username}:{password or ''}".encode()
            encoded = base64.b64encode(raw).decode("ascii")
            headers["Authorization"] = "Basic " + encoded
            self._secrets.append(encoded)
        self.timeouts = timeouts
        self._client = httpx.Client(
            headers=headers,
            timeout=timeouts.to_httpx(),
            transport=transport,
            follow_redirects=False,
        )

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
        return self._send(
            "PUT", self.endpoint + "statements", body, {"statementId": statement_id}
        )

    def get(self, resource: str, params: dict[str, str] | None = None) -> Answer:
        """GET a resource relative to the endpoint (``about``, ``statements``...)."""
        return self._send("GET", self.endpoint + resource, None, params)

    def _send(
        self, method: str, url: str, body: bytes | None, params: dict[str, str] | None
    ) -> Answer:
        try:
            with self._client.stream(method, url, content=body, params=params) as response:
                raw = _read_capped(response)
        except httpx.TransportError as exc:
            # Connection refused/reset, DNS, timeouts (TimeoutException is a TransportError).
            raise LRSUnreachableError(
                self.redact(f"{method} {url}: {type(exc).__name__}: {exc}")
            ) from exc
        except httpx.HTTPError as exc:
            raise LRSError(
                self.redact(f"{method} {url}: {type(exc).__name__}: {exc}")
            ) from exc
        text = raw.decode(response.encoding or "utf-8", "replace")[:_ANSWER_LIMIT]
        return Answer(
            response.status_code,
            self.redact(text),
            parse_retry_after(response.headers.get("Retry-After")),
        )


def _read_capped(response: httpx.Response) -> bytes:
    """The start of the answer's body, at most ``_BODY_LIMIT`` bytes: the rest is never read."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size >= _BODY_LIMIT:
            break
    return b"".join(chunks)[:_BODY_LIMIT]
