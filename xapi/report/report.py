"""The whole report in one call: analyse the store, flag questions, write HTML, CSV, Parquet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ehealth_content.diagnostics import Diagnostic

from .analysis import Settings, Tables, analyse
from .export import export_tables
from .flags import Thresholds, item_flags
from .html import ReportMeta, render_html
from .roster import RosterEntry
from .sources import ModuleInfo
from .store import Store

__all__ = ["ReportResult", "write_report"]


@dataclass(frozen=True)
class ReportResult:
    tables: Tables
    flags: tuple[Diagnostic, ...]
    html: Path
    files: tuple[Path, ...]


def write_report(
    store: Store,
    out: Path,
    *,
    modules: Sequence[ModuleInfo] = (),
    roster: Sequence[RosterEntry] | None = None,
    settings: Settings | None = None,
    thresholds: Thresholds = Thresholds(),  # noqa: B008 - a frozen value object
    lang: str = "fr",
    formats: tuple[str, ...] = ("csv", "parquet"),
) -> ReportResult:
    """Write ``out/report.html`` and the tables; nothing leaves this machine."""
    now = dt.datetime.now(dt.timezone.utc)
    settings = settings or Settings(as_of=now)
    tables = analyse(store.db, modules, roster, settings)
    flags = item_flags(tables["items"].dicts(), tables["item_choices"].dicts(), thresholds)
    out.mkdir(parents=True, exist_ok=True)
    files = export_tables(store.db, out, formats)
    meta = ReportMeta(lang, now, settings.as_of, store.count(), settings.target_hours, settings.identify)
    html = out / "report.html"
    html.write_text(render_html(tables, flags, meta), encoding="utf-8")
    return ReportResult(tables, tuple(d for d, _, _ in flags), html, tuple(files))
