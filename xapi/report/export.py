"""CSV and Parquet copies of the report's tables, written by DuckDB's COPY."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .analysis import TABLE_NAMES

__all__ = ["export_tables"]

# Lists are for the charts; the CSV and Parquet files keep one value per cell.
_DROP = {"cohorts": "hours_all"}


def export_tables(
    db: duckdb.DuckDBPyConnection, out: Path, formats: tuple[str, ...] = ("csv", "parquet")
) -> list[Path]:
    """Write each table as ``out/<table>.csv`` and ``out/<table>.parquet``; returns the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name in TABLE_NAMES:
        select = f"SELECT * EXCLUDE ({_DROP[name]}) FROM {name}" if name in _DROP else f"SELECT * FROM {name}"
        for fmt in formats:
            path = out / f"{name}.{fmt}"
            quoted = str(path).replace("'", "''")
            options = "FORMAT csv, HEADER true" if fmt == "csv" else "FORMAT parquet, COMPRESSION zstd"
            db.execute(f"COPY ({select}) TO '{quoted}' ({options})")
            written.append(path)
    return written
