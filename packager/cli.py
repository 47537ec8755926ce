"""``ehealth build``: compile modules into packages, one report line per module.

Registered by the main CLI as ``cli.add_command(build_command, "build")``. Exit codes: 0 all
built, 1 a module has errors or a build was refused (every diagnostic printed as
``FILE:LINE:COL: error CODE: message``), 2 usage errors.
"""

from __future__ import annotations

from pathlib import Path

import click

from ehealth_content.diagnostics import Diagnostic, format_diagnostic, has_errors
from ehealth_content.loader import find_module_files, load_module

from .build import EDITIONS, TARGETS, BuildResult, build_package
from .errors import BuildError

__all__ = ["BuildFailed", "NoModuleFound", "build_command", "report_line"]


class BuildFailed(click.ClickException):
    """Some modules were not built; their diagnostics are already printed."""

    exit_code = 1


class NoModuleFound(click.ClickException):
    exit_code = 1


def report_line(module_id: str, version: str, result: BuildResult) -> str:
    """``ID VERSION → PATH: pages, questions, points, worst-case suspend_data, size``."""
    r = result.report
    points = f"{r.points:g}"
    return (f"{module_id} {version} → {result.path}: {r.pages} pages, {r.questions} questions "
            f"({r.scored_questions} scored), {points} points, suspend_data ≤ {r.suspend_data_worst_case} chars, "
            f"{r.size_bytes:,} bytes")


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--target", type=click.Choice(TARGETS), default="scorm12", show_default=True,
              help="Package kind: a SCORM 1.2 or 2004 zip, or a folder to open in a browser.")
@click.option("--edition", type=click.Choice([str(e) for e in EDITIONS]), default=None,
              help="SCORM 2004 edition (default 4).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("dist"),
              show_default=True, help="Folder that receives the packages.")
def build_command(paths: tuple[Path, ...], target: str, edition: str | None, out_dir: Path) -> None:
    """Build a package for every module under PATHS."""
    if edition is not None and target != "scorm2004":
        raise click.UsageError("--edition applies to --target scorm2004 only")
    files = find_module_files(paths)
    if not files:
        raise NoModuleFound("no module found: give .md files, or folders holding .md files that start with front matter")
    failed = 0
    for file in files:
        module, diagnostics = load_module(file, display_path=str(file))
        problems: list[Diagnostic] = [d for d in diagnostics if d.severity == "error"]
        if module is not None and not has_errors(diagnostics):
            try:
                result = build_package(module, target, out_dir, edition=int(edition or 4))
            except BuildError as exc:
                problems.extend(exc.diagnostics)
            else:
                click.echo(report_line(module.id, module.version, result))
        if problems or module is None:
            failed += 1
            for diagnostic in problems:
                click.echo(format_diagnostic(diagnostic), err=True)
    if failed:
        raise BuildFailed(f"{failed} of {len(files)} module(s) not built")
