"""``ehealth check`` and ``ehealth coverage``: read module sources and report on them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import diagnostics as _diagnostics
from .cli import Speaker, lang_option, module_files
from .coverage import coverage
from .coverage_report import coverage_json, coverage_table
from .diagnostics import Diagnostic, format_diagnostic_pretty, format_diagnostics_json
from .i18n import t
from .loader import load_module
from .model import Module
from .project import project_file_for
from .review_record import ReviewRecord, read_review_record

__all__ = ["check", "coverage_command", "review_record_for"]


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "pretty", "json"]),
    default="text",
    show_default=True,
    help="Diagnostics as lines, as lines with the source line and a caret, or as a JSON array.",
)
@lang_option
def check(paths: tuple[Path, ...], output_format: str, lang: str | None) -> None:
    """Check module sources and report every problem: FILE:LINE:COL: error CODE: message."""
    speaker = Speaker(lang)
    files = module_files(paths, lang=speaker.for_run())
    diagnostics: list[Diagnostic] = []
    # A framework or ehealth.toml shared by several modules is reported with each: print it once.
    seen: set[Diagnostic] = set()
    for file in files:
        found = [d for d in _check_one(file) if d not in seen]
        seen.update(found)
        diagnostics.extend(found)
        if output_format == "pretty" and found:
            # A framework file or ehealth.toml has diagnostics of its own: show its lines.
            lines = {d.file: _source_lines(file if d.file == str(file) else Path(d.file)) for d in found}
            said = speaker.for_file(file)
            click.echo("\n\n".join(format_diagnostic_pretty(d, lines[d.file], said) for d in found) + "\n")
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if output_format == "json":
        click.echo(format_diagnostics_json(diagnostics, lambda d: speaker.for_file(d.file)))
    elif output_format == "text":
        speaker.diagnostics(diagnostics, err=False)
    if output_format != "json":
        summary = t(
            "{modules} module(s) checked: {errors} error(s), {warnings} warning(s)",
            modules=len(files),
            errors=errors,
            warnings=warnings,
        )
        speaker.say(summary, files, err=True)
    if errors:
        sys.exit(1)


def _check_one(file: Path) -> list[Diagnostic]:
    """The file's diagnostics; a bug the file sets off is reported against it, and the other
    files of the folder are still checked rather than hidden behind one line of error."""
    try:
        return load_module(file)[1]
    except Exception as exc:  # noqa: BLE001 - the last guard, per file
        return [
            _diagnostics.diagnostic(
                "E000",
                "error",
                t("this file could not be checked ({kind}): please report it with the file", kind=type(exc).__name__),
                str(file),
                1,
                1,
            )
        ]


def _source_lines(file: Path) -> list[str]:
    """The file's lines numbered as the loader numbers them (LF, CRLF and CR all end a line)."""
    try:
        text = file.read_bytes().decode("utf-8", "replace")
    except OSError:
        return []
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@click.command(name="coverage")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="A table, or JSON.",
)
@lang_option
def coverage_command(paths: tuple[Path, ...], output_format: str, lang: str | None) -> None:
    """Competencies × scored questions (by kind), points, and estimated learner hours per module
    against its domain's hours; flags thin coverage. Reports against the modules' framework."""
    speaker = Speaker(lang)
    modules: list[Module] = []
    errors: list[Diagnostic] = []
    for file in module_files(paths, lang=speaker.for_run()):
        module, found = load_module(file)
        errors.extend(d for d in found if d.severity == "error")
        if module is not None:
            modules.append(module)
    speaker.diagnostics(_unique(errors))
    frameworks = sorted({m.framework.id for m in modules})
    if len(frameworks) > 1:
        raise click.UsageError(
            t(
                "the modules use different competency frameworks ({frameworks}): "
                "give the modules of one framework at a time",
                frameworks=", ".join(frameworks),
            ).render(speaker.for_run())
        )
    result = coverage(modules, review=review_record_for(modules))
    click.echo(coverage_json(result) if output_format == "json" else coverage_table(result))
    if errors:
        sys.exit(1)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once: a framework or ehealth.toml shared by several modules is reported
    with each of them."""
    return list(dict.fromkeys(diagnostics))


def review_record_for(modules: list[Module]) -> ReviewRecord | None:
    """The review records the modules' ``ehealth.toml`` files name, merged; None when none does."""
    records: dict[Path, ReviewRecord | None] = {}
    for module in modules:
        project = project_file_for(module.source_path, str(module.source_path))
        named = project.resolve("review") if project is not None else None
        if named is not None and named[0] not in records:
            records[named[0]] = read_review_record(named[0])
    found = [r for r in records.values() if r is not None]
    if not found:
        return None
    return ReviewRecord({key: kind for record in found for key, kind in record.kinds.items()})
