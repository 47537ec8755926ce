"""``ehealth xapi``: send statements, flush the outbox, inspect it, requeue dead letters.

Mounted by the main CLI with ``cli.add_command(xapi_command, "xapi")``. Exit codes: 0 done,
1 error (invalid statement, statements left undelivered, LRS or outbox failure), 2 usage.
Every foreign exception is translated into `UserError`: no traceback reaches a user.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ehealth_content.cli import UserError
from xapi.cli_options import lrs_options, state_file
from xapi.client import LRS, Timeouts
from xapi.delivery import FlushResult
from xapi.emitter import Emitter, freeze
from xapi.errors import InvalidStatementError, XAPIError
from xapi.outbox import Outbox

__all__ = ["default_outbox", "xapi_command"]


# Far more statements than one call should carry; /dev/zero or a runaway pipe ends here.
_MAX_SOURCE_CHARS = 16 * 1024 * 1024


def default_outbox() -> Path:
    """``$XDG_STATE_HOME/ehealth/xapi-outbox.sqlite3`` (``~/.local/state`` when unset)."""
    return state_file("xapi-outbox.sqlite3")


@dataclass
class _Settings:
    endpoint: str | None
    user: str | None
    password: str | None
    token: str | None
    version: str
    timeout: float
    outbox: Path


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:
            # Last resort: a bug must still end with one line, not a traceback.
            raise UserError(f"unexpected {type(exc).__name__}: {exc}") from exc


def _read_capped(source: Any) -> str:
    """SOURCE's text, refused past ``_MAX_SOURCE_CHARS`` (read up to there, never further)."""
    try:
        text: str = source.read(_MAX_SOURCE_CHARS + 1)
    except UnicodeDecodeError as exc:
        raise UserError(f"{source.name}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if len(text) > _MAX_SOURCE_CHARS:
        raise UserError(
            f"{source.name}: more than {_MAX_SOURCE_CHARS:,} characters: send the statements in several files"
        )
    return text


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except InvalidStatementError as exc:
        raise UserError(str(exc)) from exc
    except XAPIError as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from exc


@contextmanager
def _emitter(settings: _Settings) -> Iterator[Emitter]:
    if not settings.endpoint:
        raise click.UsageError("no LRS endpoint: pass --endpoint or set EHEALTH_LRS_ENDPOINT")
    with _translated():
        lrs = LRS(
            settings.endpoint,
            username=settings.user,
            password=settings.password,
            token=settings.token,
            version=settings.version,
            timeouts=Timeouts(
                connect=settings.timeout,
                read=settings.timeout,
                write=settings.timeout,
                pool=settings.timeout,
                total=settings.timeout,
            ),
        )
        with lrs:
            emitter = Emitter(lrs, settings.outbox)
            try:
                yield emitter
            finally:
                # Each command flushes explicitly; no second flush on the way out.
                emitter.close(flush_timeout=None)


def _report(result: FlushResult) -> None:
    click.echo(f"delivered {result.delivered}, dead-lettered {result.dead}, pending {result.pending}")
    if result.dead:
        raise UserError(
            f"{result.dead} statement(s) refused by the LRS: see `ehealth xapi status`"
            + (f" (last: {result.last_error})" if result.last_error else "")
        )
    if result.pending:
        raise UserError(
            f"{result.pending} statement(s) still queued"
            + (f" ({result.last_error})" if result.last_error else "")
            + ": run `ehealth xapi flush` later"
        )


@click.group("xapi", cls=_Group)
@lrs_options("--endpoint", help="LRS xAPI endpoint URL.")
@click.option(
    "--xapi-version",
    "version",
    type=click.Choice(["1.0.3", "2.0.0"]),
    default="1.0.3",
    show_default=True,
    help="xAPI version spoken to the LRS.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=20.0,
    show_default=True,
    help="Seconds allowed per request to the LRS, its answer included.",
)
@click.option(
    "--outbox",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="EHEALTH_XAPI_OUTBOX",
    default=None,
    help="Outbox SQLite file [default: ~/.local/state/ehealth/xapi-outbox.sqlite3].",
)
@click.pass_context
def xapi_command(
    ctx: click.Context,
    endpoint: str | None,
    user: str | None,
    password: str | None,
    token: str | None,
    version: str,
    timeout: float,
    outbox: Path | None,
) -> None:
    """Report learner progress to a Learning Record Store (LRS)."""
    ctx.obj = _Settings(endpoint, user, password, token, version, timeout, outbox or default_outbox())


@xapi_command.command("send")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option(
    "--flush-timeout",
    type=float,
    default=30.0,
    show_default=True,
    help="Seconds to keep retrying delivery before leaving statements queued.",
)
@click.pass_obj
def send_command(settings: _Settings, source: Any, flush_timeout: float) -> None:
    """Validate, queue and deliver the statement(s) in SOURCE (a file, or - for stdin).

    SOURCE holds one statement or an array of them; if any is invalid, none is queued.
    """
    text = _read_capped(source)
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UserError(f"{source.name}: not JSON: {exc}") from exc
    statements = data if isinstance(data, list) else [data]
    with _emitter(settings) as emitter:
        problems = []
        for index, statement in enumerate(statements):
            try:
                freeze(statement, emitter.lrs.version)
            except InvalidStatementError as exc:
                label = f"[{index}] " if isinstance(data, list) else ""
                problems += [f"{label}{problem}" for problem in exc.problems]
        if problems:
            for line in problems:
                click.echo(line, err=True)
            raise UserError(f"{len(problems)} problem(s) found; nothing was queued")
        with _translated():
            ids = emitter.emit_many(statements)
            click.echo(f"queued {len(ids)} statement(s)")
            _report(emitter.flush(flush_timeout))


@xapi_command.command("flush")
@click.option(
    "--timeout",
    "flush_timeout",
    type=float,
    default=60.0,
    show_default=True,
    help="Seconds to keep retrying before giving up (statements stay queued).",
)
@click.option(
    "--now",
    is_flag=True,
    help="Try at once, ignoring the wait set by earlier failures or the LRS's Retry-After.",
)
@click.pass_obj
def flush_command(settings: _Settings, flush_timeout: float, now: bool) -> None:
    """Deliver every queued statement."""
    with _emitter(settings) as emitter, _translated():
        if now:
            emitter.retry_now()
        _report(emitter.flush(flush_timeout))


@xapi_command.command("status")
@click.pass_obj
def status_command(settings: _Settings) -> None:
    """Show pending, delivered and dead-lettered counts and the last error."""
    if not settings.outbox.exists():
        click.echo(f"outbox {settings.outbox}: empty (not created yet)")
        return
    with _translated(), Outbox(settings.outbox) as outbox:
        status = outbox.status()
        dead = outbox.dead_letters(limit=5)
    click.echo(f"outbox     {settings.outbox}")
    click.echo(f"pending    {status.pending}")
    click.echo(f"delivered  {status.delivered}")
    click.echo(f"dead       {status.dead}")
    click.echo(f"last error {status.last_error or '-'}")
    wait = status.next_attempt_at - time.time()
    if status.pending and wait > 0:
        click.echo(f"next try   in {wait:.0f} s (`ehealth xapi flush --now` to try now)")
    for letter in dead:
        click.echo(f"  dead {letter.id}: {letter.answer}")


@xapi_command.command("retry-dead")
@click.argument("ids", nargs=-1)
@click.pass_obj
def retry_dead_command(settings: _Settings, ids: tuple[str, ...]) -> None:
    """Queue dead-lettered statements again (all, or only IDS); then run `flush`."""
    if not settings.outbox.exists():
        raise UserError(f"no outbox at {settings.outbox}")
    with _translated(), Outbox(settings.outbox) as outbox:
        count = outbox.requeue_dead(list(ids) if ids else None)
    click.echo(f"requeued {count} statement(s); run `ehealth xapi flush` to deliver them")
