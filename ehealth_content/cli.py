"""The ``ehealth`` command line: a thin shell over the library.

Exit codes: 0 clean, 1 errors in the sources (or a failed build), 2 usage errors. No
traceback ever reaches a user: an unexpected exception becomes one line on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from . import __version__
from .diagnostics import Diagnostic, format_diagnostic, format_diagnostic_pretty, format_diagnostics_json
from .coverage import coverage
from .coverage_report import coverage_json, coverage_table
from .loader import find_module_files, load_module
from .model import Module

__all__ = ["cli", "main", "UserError"]


class UserError(click.ClickException):
    """A problem the user can fix; click prints ``Error: …`` and exits 1."""

    exit_code = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ehealth")
def cli() -> None:
    """Compile eHealth training modules written in Markdown into LMS packages."""


def module_paths(paths: Sequence[Path]) -> list[Path]:
    """Module files under ``paths``, or a UserError when there are none."""
    files = find_module_files(paths)
    if not files:
        raise UserError("no module found: give .md files, or folders holding .md files that start with front matter")
    return files


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "pretty", "json"]), default="text",
              show_default=True,
              help="Diagnostics as lines, as lines with the source line and a caret, or as a JSON array.")
def check(paths: tuple[Path, ...], output_format: str) -> None:
    """Check module sources and report every problem: FILE:LINE:COL: error CODE: message."""
    files = module_paths(paths)
    diagnostics: list[Diagnostic] = []
    for file in files:
        found = load_module(file)[1]
        diagnostics.extend(found)
        if output_format == "pretty" and found:
            lines = _source_lines(file)
            click.echo("\n\n".join(format_diagnostic_pretty(d, lines) for d in found) + "\n")
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format == "json":
        click.echo(format_diagnostics_json(diagnostics))
    elif output_format == "text":
        for diagnostic in diagnostics:
            click.echo(format_diagnostic(diagnostic))
    if output_format != "json":
        click.echo(f"{len(files)} module(s) checked: {errors} error(s), {warnings} warning(s)", err=True)
    if errors:
        sys.exit(1)


def _source_lines(file: Path) -> list[str]:
    """The file's lines numbered as the loader numbers them (LF, CRLF and CR all end a line)."""
    try:
        text = file.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@cli.command(name="coverage")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table, or JSON.")
def coverage_command(paths: tuple[Path, ...], output_format: str) -> None:
    """Competencies × scored questions, points and hours per domain; flags thin coverage."""
    modules: list[Module] = []
    diagnostics: list[Diagnostic] = []
    for file in module_paths(paths):
        module, found = load_module(file)
        diagnostics.extend(d for d in found if d.severity == "error")
        if module is not None:
            modules.append(module)
    for diagnostic in diagnostics:
        click.echo(format_diagnostic(diagnostic), err=True)
    result = coverage(modules)
    click.echo(coverage_json(result) if output_format == "json" else coverage_table(result))
    if diagnostics:
        sys.exit(1)


def _mount_subcommands() -> None:
    # The other packages hang their commands on this one group, so that `ehealth` is the
    # single entry point users learn.
    from packager.cli import build_command
    from packager.cli_compat import compat_command
    from packager.cli_preview import preview_command
    from xapi.cli import xapi_command
    from xapi.cli_report import report_command

    from .cli_authoring import export_command, new_command

    cli.add_command(new_command, "new")
    cli.add_command(build_command, "build")
    cli.add_command(preview_command, "preview")
    cli.add_command(export_command, "export")
    cli.add_command(compat_command, "compat")
    cli.add_command(xapi_command, "xapi")
    cli.add_command(report_command, "report")


_mount_subcommands()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="ehealth")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("ehealth: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last guard: a bug must not print a traceback
        click.echo(f"ehealth: internal error ({type(exc).__name__}: {exc}); please report it", err=True)
        sys.exit(1)
