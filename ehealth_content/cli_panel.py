"""``ehealth panel export`` and ``ehealth panel import``: a real expert panel for the TCS items.

Thin shells over :mod:`.tcs_panel`. Exit codes: 0 done (warnings allowed), 1 a problem in the
sources or the forms (nothing is written then), 2 a usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from ._atomic import write_atomically
from ._source import MAX_SOURCE_BYTES
from .cli import Speaker, UserError, lang_option, module_files, write_output
from .diagnostics import Diagnostic, has_errors
from .i18n import t
from .loader import load_module, load_text
from .model import ScriptConcordanceQuestion
from .tcs_panel import (
    Form,
    PanelItem,
    aggregate,
    parse_form,
    questionnaire_csv,
    read_form,
    rewrite_panels,
    tcs_items,
)

__all__ = ["panel_command"]


@click.group(name="panel")
def panel_command() -> None:
    """Replace the TCS panels with the answers of a real panel of experts.

    'ehealth panel export' writes the questionnaire to send to each expert; 'ehealth panel
    import' reads the filled forms back and, with --write, puts the new counts in the sources.
    """


@panel_command.command(name="export")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The questionnaire to write (CSV, opens in a spreadsheet); '-' writes to standard output.",
)
@lang_option
def export_command(paths: tuple[Path, ...], out: Path, lang: str | None) -> None:
    """Write a blank questionnaire for the experts: one row per TCS item of the modules, in their
    order, with the vignette, hypothesis, new information and scale, and an empty answer column.
    The current panels are not in it: experts answer blind. Send one copy to each expert."""
    speaker = Speaker(lang)
    loaded = _load(paths, speaker)
    items = [item for _, _, found in loaded for item in found]
    files = [file for file, _, _ in loaded]
    if not items:
        raise UserError(t("no TCS item in the modules given").render(speaker.for_run(files)))
    # The headers follow the modules' language; --lang only changes the messages.
    data = questionnaire_csv(items, items[0].lang)
    if str(out) == "-":
        click.echo(data, nl=False)
    else:
        write_output(out, data)
    speaker.say(
        t(
            "{items} TCS item(s) from {modules} module(s) written to {path}: send one copy to each expert, "
            "then read the filled copies back with 'ehealth panel import'",
            items=len(items),
            modules=len(loaded),
            path="-" if str(out) == "-" else str(out),
        ),
        files,
        err=True,
    )


@panel_command.command(name="import")
@click.argument("arguments", metavar="FORMS... MODULES...", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--write", "write", is_flag=True, help="Rewrite the panel: lines of the sources (nothing else).")
@lang_option
def import_command(arguments: tuple[Path, ...], write: bool, lang: str | None) -> None:
    """Read the experts' filled forms (one CSV file per expert) and print, for each TCS item,
    the new panel next to the current one. Folders and .md files are the modules; any other
    file is a form. With --write, only the 'panel:' lines of the sources change."""
    speaker = Speaker(lang)
    form_paths = [p for p in arguments if not (p.is_dir() or p.suffix.lower() == ".md")]
    module_paths = [p for p in arguments if p not in form_paths]
    if not form_paths or not module_paths:
        raise click.UsageError(
            t("give the filled forms (CSV files) and the modules (folders or .md files)").render(speaker.for_run())
        )
    loaded = _load(tuple(module_paths), speaker)
    files = [file for file, _, _ in loaded]
    items = [item for _, _, found in loaded for item in found]
    if not items:
        raise UserError(t("no TCS item in the modules given").render(speaker.for_run(files)))
    forms: list[Form] = []
    problems: list[Diagnostic] = []
    for path in dict.fromkeys(form_paths):  # the same file twice is the same expert
        text, unreadable = read_form(path)
        problems.extend(unreadable)
        if text is not None:
            form, form_problems = parse_form(text, str(path))
            problems.extend(form_problems)
            if form is not None:
                forms.append(form)
    results, notes = aggregate(items, forms)
    say = speaker.for_run(files)
    for result in results:
        item = result.item
        click.echo(
            t(
                "{module} {id}: current {old}, new {new} ({count} expert(s) answered)",
                module=item.module,
                id=item.id,
                old=_show(item.panel),
                new=_show(result.counts) if result.usable else "–",
                count=result.answered,
            ).render(say)
        )
    speaker.diagnostics(notes)
    if has_errors(problems):
        speaker.diagnostics(problems)
        errors = sum(1 for p in problems if p.severity == "error")
        raise UserError(t("{count} error(s) in the forms: nothing written", count=errors).render(say))
    changed = [r for r in results if r.usable and r.counts != r.item.panel]
    if not write:
        speaker.say(
            t(
                "{forms} form(s), {items} item(s): {changed} panel(s) would change; add --write to write them",
                forms=len(forms),
                items=len(results),
                changed=len(changed),
            ),
            files,
            err=True,
        )
        return
    new_counts = {(r.item.module, r.item.id): r.counts for r in changed}
    written = rewritten = 0
    for file, text, found in loaded:
        ours = [item for item in found if (item.module, item.id) in new_counts]
        for item in ours:
            if item.panel_line is None:
                speaker.say(
                    t(
                        "{file}:{line}: '{id}' not rewritten: write its panel on one line, as panel: [a, b, c, d, e]",
                        file=item.file,
                        line=item.fence_line,
                        id=item.id,
                    ),
                    files,
                    err=True,
                )
        lines = {item.panel_line: new_counts[(item.module, item.id)] for item in ours if item.panel_line is not None}
        if not lines:
            continue
        new_text = rewrite_panels(text, lines)
        _verify(file, new_text, {item.id: new_counts[(item.module, item.id)] for item in ours if item.panel_line})
        write_atomically(file, new_text.encode("utf-8"))
        written += 1
        rewritten += len(lines)
    speaker.say(t("{changed} panel(s) rewritten in {files} file(s)", changed=rewritten, files=written), files, err=True)


def _show(counts: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(count) for count in counts) + "]"


def _load(paths: tuple[Path, ...], speaker: Speaker) -> list[tuple[Path, str, list[PanelItem]]]:
    """Each module file with its text as read and its TCS items; any error stops the command."""
    loaded: list[tuple[Path, str, list[PanelItem]]] = []
    errors: list[Diagnostic] = []
    for file in module_files(list(paths), t("the sources"), lang=speaker.for_run()):
        text = _read(file)
        module, diagnostics = load_text(text, file) if text is not None else load_module(file)
        errors.extend(d for d in diagnostics if d.severity == "error")
        if module is not None and text is not None:
            loaded.append((file, text, tcs_items(module, text)))
    if errors:
        speaker.diagnostics(errors)
        message = t(
            "{count} error(s) in {role}: fix them first (ehealth check)", count=len(errors), role=t("the sources")
        )
        raise UserError(message.render(speaker.for_run([file for file, _, _ in loaded])))
    return loaded


def _read(file: Path) -> str | None:
    """The source exactly as written (BOM and line endings kept), or None when unreadable."""
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_SOURCE_BYTES + 1)
        return data.decode("utf-8") if len(data) <= MAX_SOURCE_BYTES else None
    except (OSError, UnicodeDecodeError):
        return None


def _verify(file: Path, text: str, panels: dict[str, tuple[int, ...]]) -> None:
    """The rewritten module loads without errors and holds exactly the new panels, or nothing is written."""
    module, _ = load_text(text, file)
    got = {q.id: q.panel for q in module.questions if isinstance(q, ScriptConcordanceQuestion)} if module else {}
    if module is None or any(got.get(ident) != counts for ident, counts in panels.items()):
        raise UserError(
            t("{file}: the rewritten panels do not read back as written: file left unchanged", file=str(file)).render(
                Speaker(None).for_file(file)
            )
        )
