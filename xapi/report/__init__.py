"""From statements to decisions: progress per learner, cohort and competency, and item analysis.

    from xapi.report import Store, read_lrs, read_sources, write_report
    with Store.open(Path("report.duckdb"), key) as store:
        read_lrs(store, "https://lrs.example.org/xAPI/", Credentials("key", "secret"))
        modules, _ = read_sources([Path("modules")])
        write_report(store, Path("out"), modules=modules)

One job per module: `store` (DuckDB, incremental, pseudonymous), `lrs_reader` (GET with
``since`` and ``more``), `roster` (CSV), `sources` (module sources), `analysis` (SQL),
`flags` (item diagnostics), `html` / `export` (outputs), `report` (all of it), `cli`
(``ehealth report``). Imports DuckDB: the main CLI loads this package only for ``report``.
"""

from __future__ import annotations

from .analysis import TABLE_NAMES, Settings, Table, Tables, analyse
from .flags import FLAG_CODES, Thresholds, item_flags
from .html import ReportMeta, render_html
from .lrs_reader import Credentials, LrsReadError, LrsReadResult, read_lrs
from .pseudonyms import load_or_create_key, pseudonym
from .report import ReportResult, write_report
from .roster import RosterEntry, RosterError, read_roster
from .sources import ModuleInfo, QuestionInfo, read_sources
from .store import Cursor, IngestResult, Store, StoreError

__all__ = [
    "FLAG_CODES",
    "TABLE_NAMES",
    "Credentials",
    "Cursor",
    "IngestResult",
    "LrsReadError",
    "LrsReadResult",
    "ModuleInfo",
    "QuestionInfo",
    "ReportMeta",
    "ReportResult",
    "RosterEntry",
    "RosterError",
    "Settings",
    "Store",
    "StoreError",
    "Table",
    "Tables",
    "Thresholds",
    "analyse",
    "item_flags",
    "load_or_create_key",
    "pseudonym",
    "read_lrs",
    "read_roster",
    "read_sources",
    "render_html",
    "write_report",
]
