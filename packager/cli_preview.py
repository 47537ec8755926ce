"""``ehealth preview PATH [--port N]``: serve one module on 127.0.0.1, rebuilt on every save.

Mounted by the main CLI as ``cli.add_command(preview_command, "preview")``. Ctrl-C stops it
(exit 0); a module path holding no module or several, or a port in use, exits 1 or 2.
"""

from __future__ import annotations

import errno
import tempfile
from pathlib import Path

import click

from ehealth_content.cli import UserError
from ehealth_content.diagnostics import format_diagnostic
from ehealth_content.loader import find_module_files

from .preview import Preview, PreviewServer, Snapshot

__all__ = ["preview_command"]


def _report(snapshot: Snapshot) -> None:
    """One line per rebuild on stderr, then its diagnostics, so the terminal tells the page's story."""
    errors = sum(d.severity == "error" for d in snapshot.diagnostics) + bool(snapshot.failure)
    state = "shown" if snapshot.folder is not None else f"{errors} error(s): the page lists them"
    click.echo(f"[build {snapshot.version}] {state}", err=True)
    for diagnostic in snapshot.diagnostics:
        click.echo(format_diagnostic(diagnostic), err=True)
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
def preview_command(path: Path, port: int) -> None:
    """Show the module at PATH as learners see it, at http://127.0.0.1:PORT/, rebuilt on every save."""
    files = find_module_files([path])
    if not files:
        raise UserError(f"no module found in {path}: give a .md file, or the folder holding it")
    if len(files) > 1:
        raise click.UsageError(f"{path} holds {len(files)} modules: give one module file or folder")
    source = files[0]
    with tempfile.TemporaryDirectory(prefix="ehealth-preview-") as work:
        try:
            server = PreviewServer(Preview(source, Path(work)), port, on_rebuild=_report)
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be opened ({exc.strerror})"
            raise UserError(f"port {port} {reason}: choose another with --port") from exc
        with server:
            click.echo(f"Previewing {source} at {server.url} (Ctrl-C to stop)", err=True)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                click.echo("Preview stopped.", err=True)
