"""``ehealth report``: read statements (LRS or files) into the store, then write the report.

Mounted by the main CLI like ``ehealth xapi``. DuckDB and the report package are imported only
when the command runs: ``ehealth --version`` and ``ehealth build`` stay quick. Exit codes: 0
done (question flags are warnings), 1 error (LRS, store, roster, unreadable file), 2 usage.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ehealth_content.cli import UserError
from xapi.cli_options import lrs_options, state_file

__all__ = ["default_store", "report_command"]


def default_store() -> Path:
    """``$XDG_STATE_HOME/ehealth/report.duckdb`` (``~/.local/state`` when unset)."""
    return state_file("report.duckdb")


def _date(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"not an ISO date: {value}", param_hint="--as-of") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)


@click.command("report")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lrs_options("--lrs", help="Read the statements stored since the last run from this LRS (xAPI endpoint URL).")
@click.option(
    "--store",
    "store_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="EHEALTH_REPORT_STORE",
    default=None,
    help="DuckDB file kept between runs [default: ~/.local/state/ehealth/report.duckdb].",
)
@click.option(
    "--key-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="EHEALTH_REPORT_KEY_FILE",
    default=None,
    help="Secret key of the pseudonyms, created if missing [default: STORE.key].",
)
@click.option(
    "--modules",
    "module_paths",
    multiple=True,
    type=click.Path(exists=True, path_type=Path),
    help="Module sources (files or folders): question lines, competencies, hours. Repeatable.",
)
@click.option(
    "--roster",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="CSV: learner, programme, university, year.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("ehealth-report"),
    show_default=True,
    help="Folder for report.html, the CSV and the Parquet files.",
)
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="Language of the HTML.")
@click.option("--as-of", "as_of", help="Date the report is for (ISO) [default: now].")
@click.option(
    "--target-hours",
    type=click.FloatRange(min=0.5),
    default=28.0,
    show_default=True,
    help="Hours every learner must complete.",
)
@click.option(
    "--stuck-days",
    type=click.IntRange(min=1),
    default=14,
    show_default=True,
    help="Days of silence after which a learner who has not finished is 'stuck'.",
)
@click.option(
    "--retention-days",
    type=click.IntRange(min=0),
    default=730,
    show_default=True,
    help="Statements older than this are deleted from the store at each run (0: keep all).",
)
@click.option(
    "--min-answers",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="First answers a question needs before it is flagged.",
)
@click.option("--identify", is_flag=True, help="Show roster identifiers instead of pseudonyms.")
@click.option(
    "--page-size",
    type=click.IntRange(min=1, max=10000),
    default=500,
    show_default=True,
    help="Statements asked per LRS request.",
)
@click.option(
    "--max-rate",
    type=click.FloatRange(min=0.01),
    default=10.0,
    show_default=True,
    help="At most this many LRS requests per second.",
)
def report_command(
    files: tuple[Path, ...],
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    store_path: Path | None,
    key_file: Path | None,
    module_paths: tuple[Path, ...],
    roster: Path | None,
    out: Path,
    lang: str,
    as_of: str | None,
    target_hours: float,
    stuck_days: int,
    retention_days: int,
    min_answers: int,
    identify: bool,
    page_size: int,
    max_rate: float,
) -> None:
    """Progress per learner, cohort and competency, and the questions that do not work.

    Reads FILES (JSON statements: an array, one per line, or LRS pages) and/or the LRS given
    by --lrs into the store, then writes OUT/report.html with CSV and Parquet tables. Learners
    are pseudonymised; nothing is sent anywhere.
    """
    # Lazy: DuckDB loads only for this command.
    from ehealth_content.diagnostics import format_diagnostic
    from xapi.report import (
        Credentials,
        LrsReadError,
        RosterError,
        Settings,
        Store,
        StoreError,
        Thresholds,
        load_or_create_key,
        read_lrs,
        read_roster,
        read_sources,
        write_report,
    )

    store_file = store_path or default_store()
    when = _date(as_of) or dt.datetime.now(dt.timezone.utc)
    try:
        key = load_or_create_key(key_file or store_file.with_name(store_file.name + ".key"))
    except (OSError, ValueError) as exc:
        raise UserError(f"pseudonymisation key: {exc}") from exc
    modules, problems = read_sources(list(module_paths)) if module_paths else ([], [])
    if not module_paths:
        click.echo("note: without --modules, hours done, question lines and unchosen answers are unknown", err=True)
    for problem in problems:
        click.echo(problem, err=True)
    try:
        entries = read_roster(roster, key) if roster else None
    except RosterError as exc:
        raise UserError(str(exc)) from exc
    try:
        with Store.open(store_file, key) as store:
            for file in files:
                result = store.ingest_file(file)
                click.echo(
                    f"{file}: {result.read} statement(s) read, {result.added} new"
                    + (f", {result.skipped} skipped (no id, verb or actor)" if result.skipped else "")
                )
            if endpoint:
                credentials = Credentials(user, password, token)
                got = read_lrs(store, endpoint, credentials, page_size=page_size, max_rate=max_rate)
                click.echo(f"LRS: {got.read} statement(s) read in {got.pages} page(s), {got.added} new")
            if retention_days:
                gone = store.forget_before(dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=retention_days))
                if gone:
                    click.echo(f"retention: {gone} statement(s) older than {retention_days} days deleted")
            settings = Settings(as_of=when, target_hours=target_hours, stuck_days=stuck_days, identify=identify)
            result_report = write_report(
                store,
                out,
                modules=modules,
                roster=entries,
                settings=settings,
                thresholds=Thresholds(min_answers=min_answers),
                lang=lang,
            )
    except (StoreError, LrsReadError) as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from exc
    for diagnostic in result_report.flags:
        click.echo(format_diagnostic(diagnostic))
    learners = len(result_report.tables["learners"].rows)
    click.echo(
        f"report: {result_report.html} ({learners} learner(s), {len(result_report.flags)} question flag(s); "
        f"{len(result_report.files)} CSV/Parquet file(s) in {out})",
        err=True,
    )
