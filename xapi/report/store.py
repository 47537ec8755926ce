"""The statement store: one DuckDB file, updated incrementally, pseudonymous from the start.

Statements arrive as files of JSON (an array, one statement per line, or LRS pages
``{"statements": [...]}``); DuckDB parses them itself, far faster than Python would, and keeps
one row per statement with only what the report reads. The learner's identifier is replaced by
its keyed hash (`pseudonyms`) on the way in: no name, email or account id is ever stored, nor
the text a learner typed (text and numeric answers keep only their verdict).

    with Store.open(path, key) as store:
        added = store.ingest_file(Path("statements.json"))
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from .pseudonyms import PSEUDONYM_LENGTH

__all__ = ["Cursor", "IngestResult", "Store", "StoreError"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS statements (
    id UUID NOT NULL,
    stored TIMESTAMPTZ,
    ts TIMESTAMPTZ,
    learner VARCHAR NOT NULL,
    verb VARCHAR NOT NULL,
    base VARCHAR,
    module VARCHAR,
    question VARCHAR,
    competency VARCHAR,
    domain VARCHAR,
    registration VARCHAR,
    interaction VARCHAR,
    response VARCHAR,
    correct_pattern VARCHAR,
    success BOOLEAN,
    completion BOOLEAN,
    scaled DOUBLE,
    duration DOUBLE
);
CREATE TABLE IF NOT EXISTS cursors (
    source VARCHAR PRIMARY KEY,
    since VARCHAR,
    more VARCHAR,
    updated TIMESTAMPTZ
);
"""

# Response formats that only name choices, steps or scale points: kept for item analysis.
# Others (fill-in, numeric, long-fill-in, other) may hold what a learner typed: dropped.
_STRUCTURED = ("choice", "true-false", "likert", "sequencing", "matching")

_ADL = "http://adlnet.gov/expapi/verbs/"

# The parts of a statement the report reads, as DuckDB types: DuckDB parses each statement once,
# straight into these columns (unknown properties are skipped, a property of another shape
# becomes NULL). xAPI 1.0.3 LRSs return context activities as arrays, as here.
_ID = "STRUCT(id VARCHAR)"
_COLUMNS = {
    "id": "VARCHAR",
    "stored": "VARCHAR",
    "timestamp": "VARCHAR",
    "actor": "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, account STRUCT(name VARCHAR))",
    "verb": _ID,
    "object": "STRUCT(id VARCHAR, objectType VARCHAR, "
    "definition STRUCT(interactionType VARCHAR, correctResponsesPattern VARCHAR[]))",
    "context": f'STRUCT(registration VARCHAR, contextActivities STRUCT(parent {_ID}[], "grouping" {_ID}[]))',
    "result": "STRUCT(success BOOLEAN, completion BOOLEAN, response VARCHAR, duration VARCHAR, "
    "score STRUCT(scaled DOUBLE))",
}
_COLUMNS_SQL = "{" + ", ".join(f"{name!r}: {kind!r}" for name, kind in _COLUMNS.items()) + "}"
_STATEMENT_SQL = "STRUCT(" + ", ".join(f'"{name}" {kind}' for name, kind in _COLUMNS.items()) + ")"

# One statement -> one row. Ids in IRIs are one percent-encoded segment each
# (xapi.statements.competency_iri and friends), decoded here.
_EXTRACT = f"""
WITH parsed AS (
    SELECT
        TRY_CAST(id AS UUID) AS id,
        CASE WHEN verb.id = '{_ADL}voided' AND object.objectType = 'StatementRef'
             THEN TRY_CAST(object.id AS UUID) END AS voids,
        TRY_CAST(stored AS TIMESTAMPTZ) AS stored,
        TRY_CAST("timestamp" AS TIMESTAMPTZ) AS ts,
        coalesce(actor.account.name, actor.mbox, 'sha1:' || actor.mbox_sha1sum, actor.openid) AS ident,
        verb.id AS verb,
        object.id AS object,
        list_concat(coalesce(list_transform(context.contextActivities."grouping", lambda a: a.id), []),
                    coalesce(list_transform(context.contextActivities.parent, lambda a: a.id), [])) AS ctx_ids,
        context.registration AS registration,
        object.definition.interactionType AS interaction,
        result.response AS response,
        object.definition.correctResponsesPattern[1] AS correct_pattern,
        result.success AS success,
        result.completion AS completion,
        result.score.scaled AS scaled,
        regexp_extract(result.duration,
            '^P(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$',
            ['d', 'h', 'm', 's']) AS dur
    FROM {{source}}
), split AS (
    -- <base>/modules/<module>[/questions|pages/<leaf>], cut with string functions: a regular
    -- expression here costs more than the rest of the row.
    SELECT *, strpos(object, '/modules/') AS mpos,
           string_split(substr(object, strpos(object, '/modules/') + 9), '/') AS parts
    FROM parsed
), placed AS (
    SELECT *,
        CASE WHEN mpos > 0 AND len(parts) = 3 AND parts[2] IN ('questions', 'pages') THEN
            {{'base': substr(object, 1, mpos - 1), 'module': parts[1], 'leaf': parts[3]}}
        ELSE {{'base': '', 'module': '', 'leaf': ''}} END AS inside,
        CASE WHEN NOT (mpos > 0 AND len(parts) = 3) THEN
            list_filter(list_concat([object], ctx_ids), lambda x: regexp_matches(x, '/modules/[^/]+$'))[1]
        END AS module_iri,
        list_filter(ctx_ids, lambda x: contains(x, '/competencies/'))[1] AS competency_iri,
        list_filter(ctx_ids, lambda x: contains(x, '/domains/'))[1] AS domain_iri,
        (dur.d || dur.h || dur.m || dur.s) <> '' AS dur_ok
    FROM split
)
SELECT
    id,
    voids,
    stored,
    coalesce(ts, stored) AS ts,
    ident,
    verb,
    coalesce(nullif(inside.base, ''), nullif(regexp_extract(module_iri, '^(.*)/modules/[^/]+$', 1), '')) AS base,
    url_decode(coalesce(nullif(inside.module, ''),
                        nullif(regexp_extract(module_iri, '/modules/([^/]+)$', 1), ''))) AS module,
    CASE WHEN parts[2] = 'questions' THEN url_decode(nullif(inside.leaf, '')) END AS question,
    url_decode(nullif(regexp_extract(competency_iri, '/competencies/([^/]+)$', 1), '')) AS competency,
    url_decode(nullif(regexp_extract(domain_iri, '/domains/([^/]+)$', 1), '')) AS domain,
    registration,
    interaction,
    CASE WHEN interaction IN {_STRUCTURED!r} THEN response END AS response,
    CASE WHEN interaction IN {_STRUCTURED!r} THEN correct_pattern END AS correct_pattern,
    success,
    completion,
    scaled,
    CASE WHEN dur_ok THEN
        coalesce(TRY_CAST(nullif(dur.d, '') AS DOUBLE), 0) * 86400
        + coalesce(TRY_CAST(nullif(dur.h, '') AS DOUBLE), 0) * 3600
        + coalesce(TRY_CAST(nullif(dur.m, '') AS DOUBLE), 0) * 60
        + coalesce(TRY_CAST(nullif(dur.s, '') AS DOUBLE), 0)
    END AS duration
FROM placed
"""


class StoreError(Exception):
    """The store or an input file cannot be read; the message says which and why."""


@dataclass(frozen=True)
class IngestResult:
    read: int
    """Statements read from the source."""
    added: int
    """New statements stored (the others were known already, or not about a learner)."""
    voided: int = 0
    """Stored statements removed because a voiding statement arrived."""
    skipped: int = 0
    """Statements without a valid id, verb or learner (or lines that are not statements)."""


@dataclass(frozen=True)
class Cursor:
    """Where reading an LRS stopped: ``more`` to resume a listing, ``since`` to start the next."""

    since: str | None
    more: str | None


class Store:
    """A DuckDB file of statements. Use `Store.open` (a context manager)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, key: bytes, path: Path | None) -> None:
        self._db = connection
        self._path = path
        # RFC 2104: a key longer than the hash's block is hashed first (as hmac.new does).
        pad = (key if len(key) <= 64 else hashlib.sha256(key).digest()).ljust(64, b"\0")
        # HMAC-SHA-256 in SQL (RFC 2104), equal to pseudonyms.pseudonym(): DuckDB hashes every
        # distinct identifier of a batch without the identifiers passing through Python.
        self._ipad = bytes(b ^ 0x36 for b in pad)
        self._opad = bytes(b ^ 0x5C for b in pad)

    @classmethod
    def open(cls, path: Path | None, key: bytes, *, memory_limit: str = "512MB", threads: int | None = None) -> Store:
        """Open (creating it) the store at ``path``; ``None`` keeps it in memory."""
        config: dict[str, Any] = {"memory_limit": memory_limit}
        if threads:
            config["threads"] = threads
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            db = duckdb.connect(str(path) if path is not None else ":memory:", config=config)
            db.execute("SET TimeZone = 'UTC'")
            db.execute(_SCHEMA)
            found = db.execute("SELECT value FROM meta WHERE name = 'schema'").fetchone()
            if found is None:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", [str(SCHEMA_VERSION)])
            elif found[0] != str(SCHEMA_VERSION):
                raise StoreError(f"{path}: store format {found[0]}, this version reads {SCHEMA_VERSION}")
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc
        return cls(db, key, path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @property
    def db(self) -> duckdb.DuckDBPyConnection:
        """The connection, for the report's queries."""
        return self._db

    # --- ingest -----------------------------------------------------------------------------

    def ingest_file(self, path: Path) -> IngestResult:
        """Add the statements of a JSON file: an array, one per line, or LRS result pages."""
        if not path.is_file():
            raise StoreError(f"{path}: no such file")
        with path.open("rb") as head:
            start = head.read(4096).lstrip()
        pages = start.startswith(b"{") and b'"statements"' in start[:200]
        quoted = str(path).replace("'", "''")
        if pages:
            # LRS result pages, {"statements": [...], "more": ...}, one or several.
            source = (
                f"(SELECT unnest(s) FROM (SELECT unnest(statements) AS s FROM read_json('{quoted}', "
                f"format='auto', columns={{'statements': '{_STATEMENT_SQL}[]'}}, ignore_errors=true, "
                "maximum_object_size=268435456)))"
            )
        else:
            fmt = "array" if start.startswith(b"[") else "newline_delimited"
            source = f"read_json('{quoted}', format='{fmt}', columns={_COLUMNS_SQL}, ignore_errors=true)"
        return self._ingest(source, str(path))

    def ingest_statements(self, statements: Iterable[Mapping[str, Any]]) -> IngestResult:
        """Add statements already in memory (an LRS page): spooled to a temporary file.

        The file (mode 0600) holds the statements as the LRS sent them for the time DuckDB
        reads it, and is deleted right after; only pseudonymous rows are kept.
        """
        import json

        fd, name = tempfile.mkstemp(prefix="ehealth-report-", suffix=".ndjson")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                for statement in statements:
                    out.write(json.dumps(statement, ensure_ascii=False, separators=(",", ":")))
                    out.write("\n")
            return self.ingest_file(Path(name))
        finally:
            os.unlink(name)

    def _ingest(self, source: str, label: str) -> IngestResult:
        db = self._db
        try:
            db.execute("BEGIN")
            db.execute(f"CREATE OR REPLACE TEMP TABLE staged AS {_EXTRACT.replace('{source}', source)}")
            read = _count(db, "SELECT count(*) FROM staged")
            skipped = _count(db, "SELECT count(*) FROM staged WHERE id IS NULL OR verb IS NULL OR ident IS NULL")
            db.execute(
                f"""
                CREATE OR REPLACE TEMP TABLE idents AS
                SELECT ident, 'L' || substr(sha256($opad || unhex(sha256($ipad || encode(ident)))), 1,
                                            {PSEUDONYM_LENGTH - 1}) AS learner
                FROM (SELECT DISTINCT ident FROM staged WHERE ident IS NOT NULL)
                """,
                {"ipad": self._ipad, "opad": self._opad},
            )
            before = _count(db, "SELECT count(*) FROM statements")
            db.execute(
                """
                INSERT INTO statements
                SELECT s.id, s.stored, s.ts, i.learner, s.verb, s.base, s.module, s.question,
                       s.competency, s.domain, s.registration, s.interaction, s.response,
                       s.correct_pattern, s.success, s.completion, s.scaled, s.duration
                FROM staged s JOIN idents i USING (ident)
                WHERE s.id IS NOT NULL AND s.verb IS NOT NULL
                  AND s.voids IS NULL
                  AND NOT EXISTS (SELECT 1 FROM statements t WHERE t.id = s.id)
                QUALIFY row_number() OVER (PARTITION BY s.id ORDER BY s.stored) = 1
                """
            )
            added = _count(db, "SELECT count(*) FROM statements") - before
            # A voiding statement removes its target (the LRS hides voided ones from then on).
            voided = _count(db, "SELECT count(*) FROM statements WHERE id IN (SELECT voids FROM staged)")
            db.execute("DELETE FROM statements WHERE id IN (SELECT voids FROM staged)")
            db.execute("DROP TABLE staged")
            db.execute("DROP TABLE idents")
            db.execute("COMMIT")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):  # the failed statement may have ended it
                db.execute("ROLLBACK")
            raise StoreError(f"{label}: not readable as xAPI statements: {_first_line(exc)}") from exc
        return IngestResult(read, added, voided, skipped)

    # --- retention --------------------------------------------------------------------------

    def forget_before(self, limit: dt.datetime) -> int:
        """Delete the statements made before ``limit``; returns how many went."""
        before = _count(self._db, "SELECT count(*) FROM statements")
        self._db.execute("DELETE FROM statements WHERE ts < ?", [limit])
        return before - _count(self._db, "SELECT count(*) FROM statements")

    def count(self) -> int:
        return _count(self._db, "SELECT count(*) FROM statements")

    # --- LRS cursors ------------------------------------------------------------------------

    def cursor(self, source: str) -> Cursor:
        found = self._db.execute("SELECT since, more FROM cursors WHERE source = ?", [source]).fetchone()
        return Cursor(found[0], found[1]) if found else Cursor(None, None)

    def save_cursor(self, source: str, cursor: Cursor) -> None:
        self._db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?, ?, now())", [source, cursor.since, cursor.more])


def _count(db: duckdb.DuckDBPyConnection, sql: str) -> int:
    found = db.execute(sql).fetchone()
    return int(found[0]) if found else 0


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
