"""``ehealth preview PATH [--port N]``: serve one module on 127.0.0.1, rebuilt on every save.

Mounted by the main CLI as ``cli.add_command(preview_command, "preview")``. Ctrl-C stops it
(exit 0); a module path holding no module or several, or a port in use, exits 1 or 2.
"""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import click

from ehealth_content.cli import Speaker, UserError, lang_option
from ehealth_content.diagnostics import format_diagnostic
from ehealth_content.i18n import t
from ehealth_content.loader import find_module_files

from .preview import Preview, PreviewServer, Snapshot

__all__ = ["preview_command"]


def _report(snapshot: Snapshot) -> None:
    """One line per rebuild on stderr, then its diagnostics, so the terminal tells the page's story."""
    errors = sum(d.severity == "error" for d in snapshot.diagnostics) + bool(snapshot.failure)
    state = t("shown") if snapshot.folder is not None else t("{count} error(s): the page lists them", count=errors)
    click.echo(f"[build {snapshot.version}] {state.render(snapshot.lang)}", err=True)
    for diagnostic in snapshot.diagnostics:
        click.echo(format_diagnostic(diagnostic, snapshot.lang), err=True)
    if snapshot.failure:
        click.echo(snapshot.failure, err=True)


@click.command("preview")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@lang_option
def preview_command(path: Path, port: int, lang: str | None) -> None:
    """Show the module at PATH as learners see it, at http://127.0.0.1:PORT/, rebuilt on every save."""
    speaker = Speaker(lang)
    files = find_module_files([path])
    if not files:
        missing = t("no module found in {path}: give a .md file, or the folder holding it", path=str(path))
        raise UserError(missing.render(speaker.for_run()))
    if len(files) > 1:
        several = t("{path} holds {count} modules: give one module file or folder", path=str(path), count=len(files))
        raise click.UsageError(several.render(speaker.for_run()))
    source = files[0]
    said = speaker.for_file(source)
    with tempfile.TemporaryDirectory(prefix="ehealth-preview-") as work:
        try:
            server = PreviewServer(Preview(source, Path(work), lang), port, on_rebuild=_report)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                taken = t("port {port} is in use: choose another with --port", port=port)
            else:
                taken = t(
                    "port {port} cannot be opened ({reason}): choose another with --port",
                    port=port,
                    reason=exc.strerror or str(exc),
                )
            raise UserError(taken.render(said)) from exc
        with server:
            started = t("Previewing {source} at {url} (Ctrl-C to stop)", source=str(source), url=server.url)
            click.echo(started.render(said), err=True)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                click.echo(t("Preview stopped.").render(said), err=True)
