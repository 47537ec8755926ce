"""``ehealth compat OLD NEW``: sources or built packages, compared for learners' saved state.

Sources are loaded by :func:`ehealth_content.cli_authoring.load_modules`, packages (a zip, or a
``web`` folder) read back by :mod:`.package_shape`; :mod:`.compat` judges the two versions.
Exit codes: 0 state kept, 1 state broken or an unreadable side, 2 usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from ehealth_content.cli import Speaker, UserError, lang_option
from ehealth_content.cli_authoring import load_modules
from ehealth_content.i18n import t
from ehealth_content.model import Module

from .compat import CompatFinding, ModuleShape, breaks_saved_state, compare, finding, format_findings_json
from .package_shape import PackageReadError, is_package, read_package

__all__ = ["compat_command", "run_compat"]


def _side(path: Path, role: str, speaker: Speaker) -> list[Module] | list[ModuleShape]:
    if not is_package(path):
        return load_modules([path], t("OLD") if role == "OLD" else t("NEW"), speaker)
    try:
        return read_package(path)
    except PackageReadError as exc:
        raise UserError(f"{role}: {exc}") from exc


@click.command(name="compat")
@click.argument("old", type=click.Path(exists=True, path_type=Path))
@click.argument("new", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Findings as lines or as a JSON array.",
)
@lang_option
def compat_command(old: Path, new: Path, output_format: str, lang: str | None) -> None:
    """List what uploading NEW over a running OLD would do to learners' saved state.

    OLD and NEW are module files or folders, or built packages (zips, or web folders); a
    package can be compared with a source. Modules are matched by id. Exits 1 when a change
    loses or misreads saved answers.
    """
    speaker = Speaker(lang)
    before, after = _side(old, "OLD", speaker), _side(new, "NEW", speaker)
    sources = [m.source_path for m in [*after, *before] if isinstance(m, Module)]
    run_compat(before, after, output_format, speaker.for_run(sources))


def run_compat(
    old: Sequence[Module | ModuleShape], new: Sequence[Module | ModuleShape], output_format: str, lang: str = "en"
) -> None:
    """Compare, print the findings (text or JSON, in ``lang``) and exit 1 when saved state breaks."""
    findings = _compare_all(old, new)
    if output_format == "json":
        click.echo(format_findings_json(findings, lang))
    else:
        for found in findings:
            click.echo(str(found.in_language(lang)))
        errors = sum(f.severity == "error" for f in findings)
        warnings = sum(f.severity == "warning" for f in findings)
        counts = {"errors": errors, "warnings": warnings}
        verdict = (
            t("{errors} error(s), {warnings} warning(s): the new version breaks saved learner state", **counts)
            if errors
            else t("{errors} error(s), {warnings} warning(s): the new version keeps saved learner state", **counts)
        )
        click.echo(verdict.render(lang), err=True)
    if breaks_saved_state(findings):
        sys.exit(1)


def _compare_all(old: Sequence[Module | ModuleShape], new: Sequence[Module | ModuleShape]) -> list[CompatFinding]:
    if len(old) == 1 and len(new) == 1:
        # One module on each side: compare them even if the id changed, since that is the news.
        return compare(old[0], new[0])
    new_by_id = {m.id: m for m in new}
    findings: list[CompatFinding] = []
    for module in old:
        if module.id in new_by_id:
            findings += compare(module, new_by_id[module.id])
        else:
            findings.append(
                finding(
                    "error",
                    "C101",
                    t("module missing from NEW (matched by id): learners' state for it would be orphaned"),
                    module.id,
                )
            )
    old_ids = {m.id for m in old}
    findings += [finding("info", "C102", t("module added in NEW"), m.id) for m in new if m.id not in old_ids]
    return findings
