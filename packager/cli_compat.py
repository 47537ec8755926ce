"""``ehealth compat OLD NEW``: sources or built packages, compared for learners' saved state.

The source-only command lives in :mod:`ehealth_content.cli_authoring`; this one, mounted in its
place, also takes packages (a zip, or a ``web`` folder), read by :mod:`.package_shape`, since
reading packages belongs to the packager. Exit codes: 0 state kept, 1 state broken or an
unreadable side, 2 usage errors.
"""

from __future__ import annotations

from pathlib import Path

import click

from ehealth_content.cli import Speaker, UserError, lang_option
from ehealth_content.cli_authoring import load_modules, run_compat
from ehealth_content.compat import ModuleShape
from ehealth_content.i18n import t
from ehealth_content.model import Module

from .package_shape import PackageReadError, is_package, read_package

__all__ = ["compat_command"]


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
