"""xAPI emitter: validate, queue durably, deliver exactly once to a Learning Record Store.

    with LRS("https://lrs.example.org/xAPI/", username=key, password=secret) as lrs, \\
            Emitter(lrs, outbox="progress.sqlite3") as emitter:
        emitter.emit(session.experienced("intro"))
        emitter.flush()

Modules, one job each: `validation` (xAPI rules), `outbox` (SQLite queue), `retry` (what an
answer means, backoff), `client` (HTTP), `deadline` (a total time limit per request),
`credentials` (checks without echo), `delivery` (batches to the LRS), `emitter` (the API
above), `statements` (our vocabulary), `cli` (``ehealth xapi``); `report` (``ehealth report``:
progress per learner, cohort and competency, item analysis; imports DuckDB, so load it only
when reporting).

A broken or hostile LRS cannot hold a ``flush`` past its timeout (each request has a total
deadline on the socket), fill the memory (answers are capped at 1 MiB), fake a delivery (a POST
counts only when answered with the ids sent), stop delivery (Retry-After is capped at an hour,
the background thread survives any exception) or receive the credentials through a redirect
(none is followed).

The names below load on first use, so that importing one light module of the package (such
as :mod:`xapi.iris`, which the packager uses to name activities) does not load the transport.
"""

from __future__ import annotations

import importlib as _importlib
import typing as _typing

if _typing.TYPE_CHECKING:
    from xapi.client import LRS, Answer, Timeouts
    from xapi.delivery import FlushResult
    from xapi.emitter import Emitter, Statement, freeze
    from xapi.errors import (
        ConfigurationError,
        ConflictError,
        InvalidStatementError,
        LRSError,
        LRSUnreachableError,
        NoTimeLeftError,
        OutboxError,
        XAPIError,
    )
    from xapi.outbox import DeadLetter, Durability, OutboxStatus
    from xapi.retry import RetryPolicy
    from xapi.validation import Problem, check_statement, iter_problems

__all__ = [
    "LRS",
    "Answer",
    "ConfigurationError",
    "ConflictError",
    "DeadLetter",
    "Durability",
    "Emitter",
    "FlushResult",
    "InvalidStatementError",
    "LRSError",
    "LRSUnreachableError",
    "NoTimeLeftError",
    "OutboxError",
    "OutboxStatus",
    "Problem",
    "RetryPolicy",
    "Statement",
    "Timeouts",
    "XAPIError",
    "check_statement",
    "freeze",
    "iter_problems",
]

_HOMES = {
    "LRS": "xapi.client",
    "Answer": "xapi.client",
    "Timeouts": "xapi.client",
    "FlushResult": "xapi.delivery",
    "Emitter": "xapi.emitter",
    "Statement": "xapi.emitter",
    "freeze": "xapi.emitter",
    "ConfigurationError": "xapi.errors",
    "ConflictError": "xapi.errors",
    "InvalidStatementError": "xapi.errors",
    "LRSError": "xapi.errors",
    "LRSUnreachableError": "xapi.errors",
    "NoTimeLeftError": "xapi.errors",
    "OutboxError": "xapi.errors",
    "XAPIError": "xapi.errors",
    "DeadLetter": "xapi.outbox",
    "Durability": "xapi.outbox",
    "OutboxStatus": "xapi.outbox",
    "RetryPolicy": "xapi.retry",
    "Problem": "xapi.validation",
    "check_statement": "xapi.validation",
    "iter_problems": "xapi.validation",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'xapi' has no attribute {name!r}")
    value = getattr(_importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
