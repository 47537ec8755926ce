"""The outbox: a SQLite (WAL) queue of statements frozen as the exact JSON bytes to send.

Rows move between three tables and never exist in two at once:

    pending ──delivered (200/204, 409 on a re-send)──▶ delivered (id and digest only)
       │ ▲
       │ └──────────── requeue_dead() ───────────┐
       └──refused (400/401/403...)──▶ dead (body and the LRS's answer)

Several processes may share one outbox file. A sender *claims* a batch (owner + lease) inside a
``BEGIN IMMEDIATE`` transaction, so two senders never hold the same rows; claims of a process
that died on this host are released at once, others when their lease runs out. The backoff
state (failures, next attempt time, last error) lives in the file too, so every process
honours a ``Retry-After`` any of them received.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import logging
import os
import socket
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from xapi.errors import ConflictError, OutboxError
from xapi.retry import MAX_WAIT

__all__ = ["DeadLetter", "Durability", "Outbox", "OutboxStatus", "Pending"]

log = logging.getLogger("xapi")

# pending.seq has no AUTOINCREMENT: that costs a page write per emit. A new rowid is always
# above every live one, which is all the ordering needs, and requeued dead letters get a new one.
_SCHEMA = """
CREATE TABLE IF NOT EXISTS pending (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL,
    enqueued_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    owner TEXT,
    lease_until REAL
);
CREATE INDEX IF NOT EXISTS pending_owner ON pending(owner) WHERE owner IS NOT NULL;
CREATE TABLE IF NOT EXISTS delivered (
    id TEXT PRIMARY KEY,
    digest BLOB NOT NULL,
    delivered_at REAL NOT NULL,
    status INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body BLOB NOT NULL,
    status INTEGER,
    answer TEXT NOT NULL,
    failed_at REAL NOT NULL,
    attempts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
"""


# Kept as one constant: sqlite3 caches prepared statements by their text.
_ENQUEUE = (
    "INSERT INTO pending(id, body, enqueued_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM delivered WHERE id = ?)"
)


class Durability(enum.StrEnum):
    """What a returned `emit` survives."""

    NORMAL = "normal"
    """WAL with synchronous=NORMAL: survives the process being killed, not a power loss."""
    FULL = "full"
    """synchronous=FULL: every commit is fsynced; survives power loss, slower."""


@dataclass(frozen=True, slots=True)
class Pending:
    """A claimed statement on its way to the LRS."""

    seq: int
    """Enqueue order."""
    id: str
    """The statement id."""
    body: bytes
    """The exact bytes frozen at enqueue."""
    attempts: int
    """Sends attempted before this claim; > 0 means the LRS may already hold it."""


@dataclass(frozen=True)
class DeadLetter:
    """A statement the LRS refused, kept with its answer."""

    id: str
    status: int | None
    """HTTP status of the refusal."""
    answer: str
    """The LRS's answer (truncated), or our reason."""
    failed_at: float


@dataclass(frozen=True)
class OutboxStatus:
    pending: int
    delivered: int
    dead: int
    last_error: str | None
    """The last delivery failure, cleared by the next success."""
    last_error_at: float | None
    next_attempt_at: float
    """Unix time before which no sender should try (backoff, Retry-After)."""


def _digest(body: bytes) -> bytes:
    return hashlib.sha256(body).digest()


def _private_file(path: Path) -> None:
    """Create ``path`` 0600 (and its missing folder 0700), or take others' access away.

    Created by us before SQLite opens it, so it never exists with the umask's mode, even for a
    moment. An existing file open to other users is tightened rather than refused: refusing
    would stop learners' progress from being recorded over a mode nobody chose on purpose.
    Group access is left as it is: sharing one outbox between two accounts goes through it.
    """
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        mode = stat.S_IMODE(os.fstat(fd).st_mode)
        if mode & 0o007:
            try:
                os.fchmod(fd, mode & ~0o007)
                log.warning(
                    "xapi: outbox %s was readable by other users (mode %o); tightened to %o",
                    path,
                    mode,
                    mode & ~0o007,
                )
            except PermissionError:
                log.warning(
                    "xapi: outbox %s is readable by other users (mode %o) and this "
                    "account cannot change that: it holds learner data",
                    path,
                    mode,
                )
    finally:
        os.close(fd)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(companion.stat().st_mode)
            if mode & 0o007:
                companion.chmod(mode & ~0o007)


def _owner_is_dead(owner: str) -> bool:
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another machine's claim: only its lease can expire it
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _number(value: object, default: int) -> int:
    try:
        return int(str(value)) if value is not None else default
    except ValueError:
        return default


def _next_attempt(meta: dict[str, object]) -> float:
    """The stored next attempt time, no later than `MAX_WAIT` after it was recorded.

    Bounded when read, not only when written: a row from an older version, another process's
    policy or a hand edit could hold a wait of centuries. ``backoff_from`` is the recording
    time, itself bounded by now in case the clock went back.
    """
    try:
        at = float(str(meta.get("next_attempt_at", 0.0)))
        since = float(str(meta.get("backoff_from", 0.0)))
    except ValueError:
        return 0.0
    if at != at:  # NaN
        return 0.0
    return min(at, min(since, time.time()) + MAX_WAIT)


class Outbox:
    """One connection to an outbox file. Thread-safe (calls are serialised by a lock).

    Parameters:
        path: the SQLite file, created with its parent folder if missing.
        durability: see `Durability`.
        busy_timeout: seconds to wait for another process's write lock.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        durability: Durability | str = Durability.NORMAL,
        busy_timeout: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.durability = Durability(durability)
        self._lock = threading.Lock()
        try:
            _private_file(self.path)
            # Autocommit: we open transactions ourselves, with BEGIN IMMEDIATE where a
            # read-then-write must not race another process.
            self._db = sqlite3.connect(
                self.path,
                isolation_level=None,
                check_same_thread=False,
                timeout=busy_timeout,
            )
        except (OSError, sqlite3.Error) as exc:
            raise OutboxError(f"cannot open outbox {self.path}: {exc}") from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            sync = "FULL" if self.durability is Durability.FULL else "NORMAL"
            self._db.execute(f"PRAGMA synchronous={sync}")
            # Checkpoints are done by senders after each batch (`checkpoint`), not by an emit
            # that happens to cross the threshold: that keeps the emit latency tail short.
            self._db.execute("PRAGMA wal_autocheckpoint=20000")
            with self._transaction():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
        except sqlite3.Error as exc:
            self._db.close()
            raise OutboxError(f"cannot prepare outbox {self.path}: {exc}") from exc

    # --- plumbing -----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._db
            except sqlite3.Error as exc:
                raise OutboxError(f"outbox {self.path}: cannot {action}: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- enqueue ------------------------------------------------------------------------------

    def enqueue(self, statement_id: str, body: bytes) -> None:
        """Store one statement; durable (per `durability`) when this returns.

        Enqueueing the same id with the same bytes again is a no-op (a retried `emit` must not
        duplicate evidence); with other bytes it raises `ConflictError`.
        """
        # The hot path of every emit: the lock and the error translation of `_guard`, inline.
        with self._lock:
            try:
                try:
                    # One statement, so one commit: the delivered check rides along.
                    cursor = self._db.execute(_ENQUEUE, (statement_id, body, time.time(), statement_id))
                except sqlite3.IntegrityError:
                    self._check_same(statement_id, body)
                    return
                if cursor.rowcount == 0:
                    self._check_same(statement_id, body)
            except sqlite3.Error as exc:
                raise OutboxError(f"outbox {self.path}: cannot enqueue: {exc}") from exc

    def enqueue_many(self, items: Sequence[tuple[str, bytes]]) -> None:
        """Store several statements atomically: all or none."""
        with self._guard("enqueue"), self._transaction():
            now = time.time()
            for statement_id, body in items:
                try:
                    cursor = self._db.execute(_ENQUEUE, (statement_id, body, now, statement_id))
                except sqlite3.IntegrityError:
                    self._check_same(statement_id, body)
                    continue
                if cursor.rowcount == 0:
                    self._check_same(statement_id, body)

    def _check_same(self, statement_id: str, body: bytes) -> None:
        row = self._db.execute("SELECT body FROM pending WHERE id = ?", (statement_id,)).fetchone()
        if row is not None:
            if bytes(row[0]) != body:
                raise ConflictError(f"statement {statement_id} is already queued with different content")
            return
        row = self._db.execute("SELECT digest FROM delivered WHERE id = ?", (statement_id,)).fetchone()
        if row is not None and bytes(row[0]) != _digest(body):
            raise ConflictError(f"statement {statement_id} was already delivered with different content")
        row = self._db.execute("SELECT body FROM dead WHERE id = ?", (statement_id,)).fetchone()
        if row is not None and bytes(row[0]) != body:
            raise ConflictError(f"statement {statement_id} is in the dead letters with different content")

    # --- claims -------------------------------------------------------------------------------

    def claim(self, owner: str, limit: int, lease: float) -> list[Pending]:
        """Take up to ``limit`` of the oldest unclaimed statements for ``lease`` seconds."""
        now = time.time()
        with self._guard("claim"), self._transaction():
            rows = self._db.execute(
                "SELECT seq, id, body, attempts FROM pending "
                "WHERE owner IS NULL OR lease_until < ? ORDER BY seq LIMIT ?",
                (now, limit),
            ).fetchall()
            self._db.executemany(
                "UPDATE pending SET owner = ?, lease_until = ?, attempts = attempts + 1 WHERE seq = ?",
                [(owner, now + lease, row[0]) for row in rows],
            )
        return [Pending(row[0], row[1], bytes(row[2]), row[3]) for row in rows]

    def release_orphans(self) -> int:
        """Free the claims of processes on this host that no longer exist (killed senders)."""
        with self._guard("release claims"):
            owners = [row[0] for row in self._db.execute("SELECT DISTINCT owner FROM pending WHERE owner IS NOT NULL")]
            released = 0
            for owner in owners:
                if _owner_is_dead(owner):
                    cursor = self._db.execute(
                        "UPDATE pending SET owner = NULL, lease_until = NULL WHERE owner = ?",
                        (owner,),
                    )
                    released += cursor.rowcount
            return released

    def release(self, items: Sequence[Pending], owner: str, *, sent: bool = True) -> None:
        """Give claimed statements back, to be sent again later.

        ``sent=False`` when no request left: the claim's attempt is taken back, so the LRS is
        not presumed to hold them (which would turn a later 409 into "delivered").
        """
        undo = 0 if sent else 1
        with self._guard("release claims"), self._transaction():
            self._db.executemany(
                "UPDATE pending SET owner = NULL, lease_until = NULL, attempts = attempts - ? "
                "WHERE seq = ? AND owner = ?",
                [(undo, item.seq, owner) for item in items],
            )

    def checkpoint(self) -> None:
        """Copy the WAL into the database without waiting for readers or writers."""
        with self._guard("checkpoint"):
            self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def mark_delivered(self, items: Sequence[Pending], status: int) -> None:
        now = time.time()
        with self._guard("record deliveries"), self._transaction():
            self._db.executemany(
                "INSERT OR IGNORE INTO delivered(id, digest, delivered_at, status) VALUES (?, ?, ?, ?)",
                [(item.id, _digest(item.body), now, status) for item in items],
            )
            self._db.executemany("DELETE FROM pending WHERE seq = ?", [(item.seq,) for item in items])

    def mark_dead(self, items: Sequence[Pending], status: int | None, answer: str) -> None:
        now = time.time()
        with self._guard("record dead letters"), self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO dead(id, body, status, answer, failed_at, attempts) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        item.id,
                        item.body,
                        status,
                        answer,
                        now,
                        item.attempts + 1,
                    )
                    for item in items
                ],
            )
            self._db.executemany("DELETE FROM pending WHERE seq = ?", [(item.seq,) for item in items])

    def requeue_dead(self, ids: Sequence[str] | None = None) -> int:
        """Move dead letters back to pending, after what is pending now (in their order)."""
        where = ""
        params: tuple[str, ...] = ()
        if ids is not None:
            where = f"WHERE id IN ({','.join('?' * len(ids))})"
            params = tuple(ids)
        with self._guard("requeue dead letters"), self._transaction():
            self._db.execute(
                "INSERT OR IGNORE INTO pending(id, body, enqueued_at, attempts) "
                f"SELECT id, body, failed_at, attempts FROM dead {where} ORDER BY seq",
                params,
            )
            return self._db.execute(f"DELETE FROM dead {where}", params).rowcount

    # --- backoff state and status ---------------------------------------------------------------

    def _set_meta(self, **values: object) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
            list(values.items()),
        )

    def _meta(self) -> dict[str, object]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def record_failure(self, error: str, retry_at: float) -> int:
        """Note a failed attempt; returns the number of consecutive failures."""
        now = time.time()
        with self._guard("record failure"), self._transaction():
            failures = _number(self._meta().get("failures"), 0) + 1
            self._set_meta(
                failures=failures,
                next_attempt_at=min(retry_at, now + MAX_WAIT),
                backoff_from=now,
                last_error=error,
                last_error_at=now,
            )
            return failures

    def record_error(self, error: str) -> None:
        """Note an error that does not call for a backoff (statements dead-lettered)."""
        with self._guard("record error"), self._transaction():
            self._set_meta(last_error=error, last_error_at=time.time())

    def record_success(self) -> None:
        with self._guard("record success"), self._transaction():
            self._set_meta(failures=0, next_attempt_at=0.0)

    def reset_backoff(self) -> None:
        """Let the next sender try at once, whatever wait an earlier failure set."""
        with self._guard("reset backoff"), self._transaction():
            self._set_meta(failures=0, next_attempt_at=0.0)

    def backoff(self) -> tuple[int, float]:
        """(consecutive failures, next attempt time)."""
        with self._guard("read backoff"):
            meta = self._meta()
        return _number(meta.get("failures"), 0), _next_attempt(meta)

    def pending_count(self) -> int:
        """Statements waiting (claimed or not), without counting the ever-growing delivered."""
        with self._guard("count pending"):
            return int(self._db.execute("SELECT count(*) FROM pending").fetchone()[0])

    def status(self) -> OutboxStatus:
        with self._guard("read status"):
            count = self._db.execute(
                "SELECT (SELECT count(*) FROM pending), (SELECT count(*) FROM delivered), (SELECT count(*) FROM dead)"
            ).fetchone()
            meta = self._meta()
        error_at = meta.get("last_error_at")
        return OutboxStatus(
            pending=count[0],
            delivered=count[1],
            dead=count[2],
            last_error=None if meta.get("last_error") is None else str(meta["last_error"]),
            last_error_at=None if error_at is None else float(str(error_at)),
            next_attempt_at=_next_attempt(meta),
        )

    def dead_letters(self, limit: int = 20) -> list[DeadLetter]:
        with self._guard("read dead letters"):
            rows = self._db.execute(
                "SELECT id, status, answer, failed_at FROM dead ORDER BY seq LIMIT ?",
                (limit,),
            ).fetchall()
        return [DeadLetter(*row) for row in rows]
