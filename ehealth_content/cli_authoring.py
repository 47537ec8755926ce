"""Authoring commands: ``ehealth new``, ``ehealth export``, and ``load_modules`` for the others.

Thin shells over :mod:`.scaffold` and :mod:`.export`; the main ``cli`` group mounts them
(``ehealth compat`` lives with the saved state it judges, in :mod:`packager.cli_compat`).
Exit codes: 0 done, 1 a problem in the sources or the files, 2 a usage error.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import click

from .cli import UserError, module_files
from .diagnostics import Diagnostic, format_diagnostic
from .export import ExportNote, gift, moodle_xml
from .loader import load_module
from .model import Module
from .scaffold import LANGUAGES, InvalidModuleId, ScaffoldError, check_module_id, create_module

__all__ = ["export_command", "load_modules", "new_command"]


def load_modules(paths: Sequence[Path], role: str) -> list[Module]:
    """Every module under ``paths``; errors in any source stop the command (after listing them)."""
    files = module_files(paths, role)
    modules: list[Module] = []
    errors: list[Diagnostic] = []
    for file in files:
        module, diagnostics = load_module(file)
        errors.extend(d for d in diagnostics if d.severity == "error")
        if module is not None:
            modules.append(module)
    if errors:
        for diagnostic in errors:
            click.echo(format_diagnostic(diagnostic), err=True)
        raise UserError(f"{len(errors)} error(s) in {role}: fix them first (ehealth check)")
    return modules


@click.command(name="new")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder to create the module folder in.",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="fr",
    show_default=True,
    help="Language of the module and of the template's comments.",
)
def new_command(name: str, directory: Path, lang: str) -> None:
    """Create NAME/module.md: a module that shows every feature of the format, with comments."""
    try:
        check_module_id(name)
    except InvalidModuleId as exc:
        raise click.BadParameter(str(exc), param_hint="NAME") from exc
    try:
        path = create_module(name, directory, lang=lang)
    except ScaffoldError as exc:
        raise UserError(str(exc)) from exc
    click.echo(str(path))
    click.echo(f"Created {path}: edit it, then run 'ehealth check {path}'.", err=True)


@click.command(name="export")
@click.argument("export_format", metavar="FORMAT", type=click.Choice(["moodle-xml", "gift"]))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write; '-' writes to standard output.",
)
def export_command(export_format: str, paths: tuple[Path, ...], out: Path) -> None:
    """Export the modules' questions as a Moodle question bank.

    FORMAT is moodle-xml (every type Moodle has, images embedded) or gift (plain text: images
    and numeric units are lost, each with a warning). One category per module and competency.
    """
    modules = load_modules(paths, "the sources")
    notes: list[ExportNote]
    if export_format == "moodle-xml":
        data, notes = moodle_xml(modules)
    else:
        text, notes = gift(modules)
        data = text.encode("utf-8")
    for note in notes:
        click.echo(str(note), err=True)
    if str(out) == "-":
        # click.echo writes bytes to the binary stream as they are.
        click.echo(data, nl=False)
    else:
        _write_atomically(out, data)
    exported = sum(len(m.questions) for m in modules) - sum(n.left_out for n in notes)
    click.echo(
        f"{exported} question(s) from {len(modules)} module(s) exported" + ("" if str(out) == "-" else f" to {out}"),
        err=True,
    )


def _write_atomically(path: Path, data: bytes) -> None:
    # A half-written bank imported into Moodle would be worse than none: write, then rename.
    # open() rather than mkstemp: the file gets the user's usual permissions, not 0600.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        try:
            with temporary.open("wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
