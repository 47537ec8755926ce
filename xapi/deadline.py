"""A total deadline per request, enforced on every socket operation.

httpx's timeouts bound each network operation, not a request: a server that sends its headers
or its body one byte per second resets the read timeout at every byte and holds the request
(and a ``flush`` waiting on it) for ever. Here the network backend of httpx's connection pools
is wrapped so that each connect, read and write gets at most the time left before the deadline
of the request running in this thread, and fails as a timeout once it has passed.

The deadline lives in a context variable set with `until`, so one wrapped pool serves threads
with different deadlines (a background sender and a ``flush``), and keep-alive connections,
created under an earlier request, obey the current one.
"""

from __future__ import annotations

import contextlib
import ssl
import time
import typing
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

import httpcore
import httpx

__all__ = ["install", "remaining", "until"]

_DEADLINE: ContextVar[float | None] = ContextVar("xapi_deadline", default=None)

# Writes go in slices so that a server that reads slowly is also held to the deadline (one
# write of the whole body would re-arm the socket timeout at every partial send).
_WRITE_SLICE = 64 * 1024


@contextlib.contextmanager
def until(deadline: float | None) -> Iterator[None]:
    """Network operations of this thread inside the block end by ``deadline`` (monotonic).

    Nested deadlines keep the earliest: a request's own limit never extends a flush's.
    """
    current = _DEADLINE.get()
    if deadline is None or (current is not None and current <= deadline):
        yield
        return
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def remaining() -> float | None:
    """Seconds left before this thread's deadline (negative once passed), or None."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _bounded(timeout: float | None, error: type[Exception]) -> float | None:
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the request took longer than its deadline")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        view = memoryview(buffer)
        for start in range(0, len(view), _WRITE_SLICE):
            chunk = bytes(view[start : start + _WRITE_SLICE])
            self._inner.write(chunk, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(
            self._inner.connect_tcp(
                host,
                port,
                _bounded(timeout, httpcore.ConnectTimeout),
                local_address,
                socket_options,
            )
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(
            self._inner.connect_unix_socket(path, _bounded(timeout, httpcore.ConnectTimeout), socket_options)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def install(client: httpx.Client) -> int:
    """Put the deadline under every connection pool of ``client``; returns how many.

    httpx offers no public hook for the network backend, so this reaches the pools its
    transports build (``HTTPTransport._pool``, the pool's ``_network_backend``). A transport
    without a pool (``httpx.MockTransport``) is left alone: `LRS` still checks the deadline
    between body chunks. The test suite checks that the default transport gets the wrapper,
    so an httpx release that moves these attributes fails loudly there.
    """
    transports: list[object] = [getattr(client, "_transport", None)]
    transports += list(getattr(client, "_mounts", {}).values())
    installed = 0
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _Backend):
            pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
            installed += 1
    return installed
