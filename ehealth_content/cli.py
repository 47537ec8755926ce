"""The ``ehealth`` command line: a thin shell over the library.

Exit codes: 0 clean, 1 errors in the sources (or a failed build), 2 usage errors. No
traceback ever reaches a user: an unexpected exception becomes one line on stderr. Nothing
printed can drive the terminal either: :func:`main` sends all output through
:mod:`._terminal`, which spells control characters out.

Subcommands live beside the code they drive and are imported only when run (``SUBCOMMANDS``),
so that ``ehealth --version`` or ``ehealth xapi status`` start as fast as click itself.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from . import __version__
from ._terminal import visible_output

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .i18n import Lang, Message

__all__ = ["SUBCOMMANDS", "Speaker", "UserError", "cli", "lang_option", "main", "module_files", "write_output"]

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    # name: (module, attribute), in the order `ehealth --help` lists them
    "new": ("ehealth_content.cli_authoring", "new_command"),
    "check": ("ehealth_content.cli_check", "check"),
    "preview": ("packager.cli_preview", "preview_command"),
    "build": ("packager.cli", "build_command"),
    "compat": ("packager.cli_compat", "compat_command"),
    "coverage": ("ehealth_content.cli_check", "coverage_command"),
    "export": ("ehealth_content.cli_authoring", "export_command"),
    "xapi": ("xapi.cli", "xapi_command"),
    "report": ("xapi.cli_report", "report_command"),
    "fmt": ("ehealth_content.cli_fmt", "fmt_command"),
    "panel": ("ehealth_content.cli_panel", "panel_command"),
}


class UserError(click.ClickException):
    """A problem the user can fix; click prints ``Error: …`` and exits 1."""

    exit_code = 1


def write_output(path: Path, data: bytes) -> None:
    """Write a file a command produces in one step, or a UserError that says why it could not."""
    from ._atomic import write_atomically  # only the commands that write pay for it

    try:
        write_atomically(path, data)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc  # an OS message: English


def module_files(paths: Sequence[Path], role: Message | None = None, lang: str = "en") -> list[Path]:
    """The module sources under ``paths`` (as ``find_module_files`` finds them), or a UserError
    that says what to give, in ``lang``; ``role`` names the paths in the message ("the old version")."""
    from .i18n import t
    from .loader import find_module_files  # here, not above: `ehealth --version` loads no parser

    files = find_module_files(paths)
    if not files:
        hint = t("give .md files, or folders holding .md files that start with front matter")
        if role is None:
            raise UserError(t("no module found: {hint}", hint=hint).render(lang))
        raise UserError(t("no module found in {role}: {hint}", role=role, hint=hint).render(lang))
    return files


_Command = TypeVar("_Command", bound=Callable[..., object])


def lang_option(command: _Command) -> _Command:
    """``--lang fr|en``: the language of the command's messages and diagnostics."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice(["fr", "en"]),
        default=None,
        help="Language of messages and diagnostics [default: fr for a module whose front matter says "
        "lang: fr, else fr when the locale (LC_ALL, LC_MESSAGES, LANG) is French, else en].",
    )(command)


class Speaker:
    """Who a command speaks to: ``--lang`` when given, else each module's own French, else the
    locale (:func:`ehealth_content.i18n.choose_lang`). Diagnostics are shown per file; lines
    about the whole run follow the first module."""

    def __init__(self, given: str | None) -> None:
        self.given = given
        self._langs: dict[str, Lang] = {}

    def for_file(self, file: str | Path) -> Lang:
        key = str(file)
        if key not in self._langs:
            from .i18n import choose_lang
            from .loader import declared_lang

            # The front matter is read again only when it matters: without --lang.
            self._langs[key] = choose_lang(self.given, None if self.given or not key else declared_lang(key))
        return self._langs[key]

    def for_run(self, files: Iterable[str | Path] = ()) -> Lang:
        first = next(iter(files), None)
        return self.for_file(first if first is not None else "")

    def say(self, message: Message, files: Iterable[str | Path] = (), *, err: bool = False) -> None:
        click.echo(message.render(self.for_run(files)), err=err)

    def diagnostics(self, diagnostics: Iterable[Diagnostic], *, err: bool = True) -> None:
        """Each as ``FILE:LINE:COL: severity CODE: message (hint)``, in its file's language."""
        from .diagnostics import format_diagnostic

        for diagnostic in diagnostics:
            click.echo(format_diagnostic(diagnostic, self.for_file(diagnostic.file)), err=err)


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = SUBCOMMANDS.get(cmd_name)
        if where is None:
            return None
        command = getattr(importlib.import_module(where[0]), where[1])
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="ehealth")
def cli() -> None:
    """Compile eHealth training modules written in Markdown into LMS packages."""


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the console script."""
    # A run allocates tens of thousands of objects that live to its end (markdown-it tokens,
    # pages, questions); at the collector's default pace it scans them over and over, a sixth
    # of a 500-question build, to free next to nothing. Cycles are still collected, less often
    # (mypy sets the same threshold for the same reason); --jobs workers inherit it.
    gc.set_threshold(200_000, 30, 30)
    # The one place every line of every subcommand passes through: text from files, paths
    # and servers must not reach the terminal as escape sequences.
    with visible_output():
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
