"""Read statements from an LRS into the store: GET ``statements`` with ``since``, following
``more`` page by page, resumable, polite.

- The cursor (``since``: the last ``stored`` time fully read; ``more``: the page to read next)
  is saved in the store after each batch is stored, so an interrupted run resumes where it
  stopped and the next run asks only for statements stored since the last one.
- ``since`` never goes past the LRS's ``X-Experience-API-Consistent-Through``: statements the
  LRS was still writing are read again next time rather than missed (the store ignores the
  ones it has).
- At most ``max_rate`` requests a second; 429 and 5xx answers are retried after the LRS's
  ``Retry-After`` (or a growing delay), a few times, before giving up with the cursor saved.
- ``more`` must stay on the endpoint's origin: credentials are never sent elsewhere.
"""

from __future__ import annotations

import base64
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from xapi.retry import parse_retry_after

from .store import Cursor, Store

__all__ = ["Credentials", "LrsReadError", "LrsReadResult", "read_lrs"]

_RETRIED = {408, 429, 500, 502, 503, 504}


class LrsReadError(Exception):
    """The LRS could not be read; what was read before is stored and the cursor saved."""


@dataclass(frozen=True)
class LrsReadResult:
    pages: int
    read: int
    """Statements the LRS sent."""
    added: int
    """Of those, new to the store."""


@dataclass(frozen=True)
class Credentials:
    username: str | None = None
    password: str | None = None
    token: str | None = None

    def header(self) -> dict[str, str]:
        if self.token:
            return {"Authorization": f"Bearer {self.token}"}
        if self.username is not None:
            raw = f"{self.username}:{self.password or ''}".encode()
            return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
        return {}


def _origin(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.netloc


def read_lrs(
    store: Store,
    endpoint: str,
    credentials: Credentials = Credentials(),
    *,
    page_size: int = 500,
    batch: int = 50_000,
    max_rate: float = 10.0,
    tries: int = 6,
    timeout: float = 60.0,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LrsReadResult:
    """Read every statement stored since the last run into ``store``."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LrsReadError(f"the LRS endpoint must be an http(s) URL, got {parts.scheme}://{parts.hostname or ''}")
    if parts.username is not None:
        # Credentials written in the URL: used, never kept (the cursor is keyed by the URL).
        if credentials == Credentials():
            credentials = Credentials(urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or ""))
        netloc = parts.netloc.rsplit("@", 1)[1]
        endpoint = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
    source = "lrs:" + endpoint
    cursor = store.cursor(source)
    secrets = [v for v in (credentials.password, credentials.token) if v]
    headers = {"X-Experience-API-Version": "1.0.3", "Accept": "application/json", **credentials.header()}
    secrets += [h.split(" ", 1)[1] for h in headers.values() if h.startswith(("Basic ", "Bearer "))]

    def redact(text: str) -> str:
        for secret in secrets:
            text = text.replace(secret, "***")
        return text

    first: dict[str, str] = {"ascending": "true", "limit": str(page_size)}
    if cursor.since:
        first["since"] = cursor.since
    url, params = (
        (urllib.parse.urljoin(endpoint, cursor.more), None) if cursor.more else (endpoint + "statements", first)
    )
    buffer: list[dict[str, Any]] = []
    pages = read = added = 0
    newest = cursor.since
    consistent: str | None = None
    last_request = 0.0
    with httpx.Client(headers=headers, timeout=timeout, transport=transport, follow_redirects=False) as client:
        while True:
            if _origin(url) != _origin(endpoint):
                raise LrsReadError(f"the LRS's 'more' link leaves {endpoint}: not followed")
            body: Any = None
            for attempt in range(tries):
                wait = last_request + 1.0 / max_rate - time.monotonic()
                if wait > 0:
                    sleep(wait)
                last_request = time.monotonic()
                try:
                    answer = client.get(url, params=params)
                except httpx.HTTPError as exc:
                    if attempt == tries - 1:
                        raise LrsReadError(redact(f"GET {url}: {type(exc).__name__}: {exc}")) from exc
                    sleep(min(30.0, 2.0**attempt))
                    continue
                if answer.status_code in _RETRIED and attempt < tries - 1:
                    delay = parse_retry_after(answer.headers.get("Retry-After"))
                    sleep(min(120.0, delay if delay is not None else 2.0**attempt))
                    continue
                if answer.status_code != 200:
                    if params is None and cursor.more and pages == 0 and answer.status_code in (400, 404, 410):
                        # The saved 'more' link expired: start again from 'since'.
                        url, params = endpoint + "statements", first
                        continue
                    raise LrsReadError(redact(f"GET {url}: the LRS answered {answer.status_code}: {answer.text[:300]}"))
                try:
                    body = answer.json()
                except ValueError as exc:
                    raise LrsReadError(f"GET {url}: the LRS's answer is not JSON") from exc
                consistent = consistent or answer.headers.get("X-Experience-API-Consistent-Through")
                break
            if body is None:
                raise LrsReadError(f"GET {url}: no answer after {tries} tries")
            statements = body.get("statements") if isinstance(body, dict) else None
            if not isinstance(statements, list):
                raise LrsReadError(f"GET {url}: the LRS's answer has no 'statements' list")
            pages += 1
            read += len(statements)
            buffer += [s for s in statements if isinstance(s, dict)]
            for s in statements:
                stored = s.get("stored") if isinstance(s, dict) else None
                if isinstance(stored, str) and (newest is None or _later(stored, newest)):
                    newest = stored
            more = body.get("more") or None
            if len(buffer) >= batch or not more:
                if buffer:
                    added += store.ingest_statements(buffer).added
                buffer = []
                if more:
                    store.save_cursor(source, Cursor(cursor.since, more))
                else:
                    since = newest
                    if since and consistent and _later(since, consistent):
                        since = consistent
                    store.save_cursor(source, Cursor(since, None))
            if not more:
                break
            url, params = urllib.parse.urljoin(endpoint, more), None
    return LrsReadResult(pages, read, added)


def _later(a: str, b: str) -> bool:
    """``a`` after ``b``, both ISO 8601 timestamps (compared as instants, not as text)."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(a.replace("Z", "+00:00")) > datetime.fromisoformat(b.replace("Z", "+00:00"))
    except ValueError:
        return a > b
