"""``ehealth fmt``: rewrite modules in canonical form (:mod:`.fmt`), or ``--check`` that they are."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ._atomic import write_atomically
from ._source import MAX_SOURCE_BYTES
from .cli import module_files
from .diagnostics import Diagnostic, format_diagnostic
from .fmt import format_module_text
from .loader import load_module

__all__ = ["fmt_command"]


@click.command(name="fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="Change nothing; exit 1 if a file would be rewritten.")
def fmt_command(paths: tuple[Path, ...], check_only: bool) -> None:
    """Rewrite modules in canonical form: key order, indentation of lists, trailing spaces,
    blank lines. Prose and comments are kept; a file with errors is never rewritten."""
    files = module_files(paths)
    changed = refused = 0
    for file in files:
        text = _read(file)
        result = format_module_text(text, file) if text is not None else None
        if result is None or result.refused:
            refused += 1
            for diagnostic in result.refused if result is not None else _errors(file):
                click.echo(format_diagnostic(diagnostic), err=True)
            click.echo(f"{file}: not rewritten: fix the errors first (ehealth check)", err=True)
            continue
        if not result.changed:
            continue
        changed += 1
        if check_only:
            click.echo(f"would rewrite {file}")
        else:
            _write(file, result.text)
            click.echo(f"rewrote {file}")
    verb = "would be rewritten" if check_only else "rewritten"
    click.echo(
        f"{len(files)} module(s): {changed} {verb}, {len(files) - changed - refused} unchanged, {refused} with errors",
        err=True,
    )
    if refused or (check_only and changed):
        sys.exit(1)


def _read(file: Path) -> str | None:
    """The file's text as written (line endings and all), or None when the loader would refuse it."""
    try:
        if not file.is_file():
            return None
        with file.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
        if len(data) > MAX_SOURCE_BYTES or b"\x00" in data:
            return None
        return data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _errors(file: Path) -> list[Diagnostic]:
    return [d for d in load_module(file)[1] if d.severity == "error"]


def _write(file: Path, text: str) -> None:
    """Replace the file in one step, keeping its permissions."""
    write_atomically(file, text.encode("utf-8"))
