"""Authoring commands: ``ehealth new``, ``ehealth export``, and ``load_modules`` for the others.

Thin shells over :mod:`.scaffold` and :mod:`.export`; the main ``cli`` group mounts them
(``ehealth compat`` lives with the saved state it judges, in :mod:`packager.cli_compat`).
Exit codes: 0 done, 1 a problem in the sources or the files, 2 a usage error.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from .cli import Speaker, UserError, lang_option, module_files, write_output
from .diagnostics import Diagnostic
from .export import ExportNote, gift, moodle_xml
from .i18n import Message, t
from .loader import load_module
from .model import Module
from .scaffold import LANGUAGES, InvalidModuleId, ScaffoldError, check_module_id, create_module

__all__ = ["export_command", "load_modules", "new_command"]


def load_modules(paths: Sequence[Path], role: Message, speaker: Speaker | None = None) -> list[Module]:
    """Every module under ``paths``; errors in any source stop the command (after listing them).

    ``role`` names the sources in messages ("the sources", "OLD"); ``speaker`` says in which language.
    """
    speaker = speaker or Speaker(None)
    files = module_files(paths, role, lang=speaker.for_run())
    modules: list[Module] = []
    errors: list[Diagnostic] = []
    for file in files:
        module, diagnostics = load_module(file)
        errors.extend(d for d in diagnostics if d.severity == "error")
        if module is not None:
            modules.append(module)
    if errors:
        speaker.diagnostics(errors)
        message = t("{count} error(s) in {role}: fix them first (ehealth check)", count=len(errors), role=role)
        raise UserError(message.render(speaker.for_run(files)))
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
    help="Language of the module, of the template's comments and of this command's messages.",
)
def new_command(name: str, directory: Path, lang: str) -> None:
    """Create NAME/module.md: a module that shows every feature of the format, with comments."""
    try:
        check_module_id(name)
    except InvalidModuleId as exc:
        raise click.BadParameter(exc.text.render(lang), param_hint="NAME") from exc
    try:
        path = create_module(name, directory, lang=lang)
    except ScaffoldError as exc:
        raise UserError(exc.text.render(lang)) from exc
    click.echo(str(path))
    click.echo(t("Created {path}: edit it, then run 'ehealth check {path}'.", path=str(path)).render(lang), err=True)


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
@lang_option
def export_command(export_format: str, paths: tuple[Path, ...], out: Path, lang: str | None) -> None:
    """Export the modules' questions as a Moodle question bank.

    FORMAT is moodle-xml (every type Moodle has, images embedded) or gift (plain text: images
    and numeric units are lost, each with a warning). One category per module and competency.
    """
    speaker = Speaker(lang)
    modules = load_modules(paths, t("the sources"), speaker)
    notes: list[ExportNote]
    if export_format == "moodle-xml":
        data, notes = moodle_xml(modules)
    else:
        text, notes = gift(modules)
        data = text.encode("utf-8")
    for note in notes:
        click.echo(note.render(speaker.for_file(note.file)), err=True)
    if str(out) == "-":
        # click.echo writes bytes to the binary stream as they are.
        click.echo(data, nl=False)
    else:
        write_output(out, data)
    exported = sum(len(m.questions) for m in modules) - sum(n.left_out for n in notes)
    counts = {"questions": exported, "modules": len(modules)}
    done = (
        t("{questions} question(s) from {modules} module(s) exported", **counts)
        if str(out) == "-"
        else t("{questions} question(s) from {modules} module(s) exported to {path}", **counts, path=str(out))
    )
    speaker.say(done, [m.source_path for m in modules], err=True)
