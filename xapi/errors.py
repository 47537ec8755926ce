"""Exceptions raised by the xapi package.

    XAPIError                     base of everything below
    ├── InvalidStatementError     refused at emit: every problem, with its JSON path (ValueError)
    ├── ConflictError             an id already queued or delivered with another body
    ├── ConfigurationError        bad endpoint, version, credentials combination (ValueError)
    ├── OutboxError               the SQLite outbox cannot be opened or written
    └── LRSError                  a request to the LRS did not give an answer we can use
        └── LRSUnreachableError   network error or timeout: retried by the outbox
            └── NoTimeLeftError   the caller's deadline ended the request, not the LRS

Foreign exceptions (httpx, sqlite3) are translated at the module that meets them, with
``raise ... from exc``; messages never contain credentials.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xapi.validation.problems import Problem

__all__ = [
    "ConfigurationError",
    "ConflictError",
    "InvalidStatementError",
    "LRSError",
    "LRSUnreachableError",
    "NoTimeLeftError",
    "OutboxError",
    "XAPIError",
]


class XAPIError(Exception):
    """Base class of the errors of this package."""


class InvalidStatementError(XAPIError, ValueError):
    """A statement breaks the xAPI rules; nothing was queued."""

    def __init__(self, problems: Sequence[Problem], *, index: int | None = None) -> None:
        self.problems = tuple(problems)
        """Every problem found, in document order."""
        self.index = index
        """Position of the statement in a list given to `emit_many`, if any."""
        where = f"statement [{index}]" if index is not None else "statement"
        lines = [f"invalid {where}: {len(self.problems)} problem(s)"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class ConflictError(XAPIError):
    """The statement id is already in the outbox with different content."""


class ConfigurationError(XAPIError, ValueError):
    """The LRS settings are unusable."""


class OutboxError(XAPIError):
    """The outbox database failed."""


class LRSError(XAPIError):
    """The LRS did not answer usefully."""


class LRSUnreachableError(LRSError):
    """Connection refused or reset, DNS failure, or timeout."""


class NoTimeLeftError(LRSUnreachableError):
    """The caller's deadline (a flush's) ended the request, not its own timeouts."""

    def __init__(self, message: str, *, started: bool) -> None:
        super().__init__(message)
        self.started = started
        """False when the deadline had passed before anything was sent."""
