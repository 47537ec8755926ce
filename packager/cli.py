"""``ehealth build``: compile modules into packages, one report line per module.

Registered by the main CLI as ``cli.add_command(build_command, "build")``. Exit codes: 0 all
built, 1 a module has errors or a build was refused (every diagnostic printed as
``FILE:LINE:COL: error CODE: message``), 2 usage errors.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TextIO

import click

from ehealth_content import Module
from ehealth_content.cli import Speaker, UserError, lang_option, module_files
from ehealth_content.i18n import t
from ehealth_content.loader import load_module

from .batch import Job, Outcome, build_many
from .build import BuildResult, build_course
from .errors import BuildError
from .previous import Previous, PreviousError, e1_pages_for, read_previous
from .progress import Progress
from .targets import REGISTRY, TARGETS, targets_taking
from .xapi_options import DEFAULT_BASE_IRI, LAUNCH_METHODS, MOVE_ON, XapiOptions

__all__ = ["build_command", "course_line", "report_line"]


# The course id names the zip and is one segment of the course IRI.
_COURSE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def report_line(module_id: str, version: str, result: BuildResult) -> str:
    """``ID VERSION → PATH: pages, questions, points, worst-case suspend_data, size``."""
    r = result.report
    points = f"{r.points:g}"
    return (
        f"{module_id} {version} → {result.path}: {r.pages} pages, {r.questions} questions "
        f"({r.scored_questions} scored), {points} points, suspend_data ≤ {r.suspend_data_worst_case} chars, "
        f"{r.size_bytes:,} bytes"
    )


def course_line(course_id: str, modules: int, result: BuildResult) -> str:
    """``course ID (N modules) → PATH: pages, questions, points, worst-case state, size``."""
    r = result.report
    return (
        f"course {course_id} ({modules} modules) → {result.path}: {r.pages} pages, {r.questions} questions "
        f"({r.scored_questions} scored), {r.points:g} points, saved state ≤ {r.suspend_data_worst_case} chars, "
        f"{r.size_bytes:,} bytes"
    )


def _takers(option: str) -> str:
    """The targets an option applies to, as its help names them (``cmi5/xapi``)."""
    return "/".join(t.name for t in targets_taking(option))


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--target",
    type=click.Choice(TARGETS),
    default="scorm12",
    show_default=True,
    help="Package kind: " + ", ".join(f"{t.name} ({t.summary})" for t in REGISTRY) + ".",
)
@click.option(
    "--edition",
    type=click.Choice(sorted({str(e) for t in targets_taking("--edition") for e in t.editions})),
    default=None,
    help="SCORM 2004 edition (default 4).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder that receives the packages.",
)
@click.option(
    "--base-iri",
    default=None,
    metavar="IRI",
    help=f"{_takers('--base-iri')}: root of every activity id, a domain you control [default: {DEFAULT_BASE_IRI}].",
)
@click.option(
    "--move-on",
    type=click.Choice(MOVE_ON),
    default=None,
    help=f"{_takers('--move-on')}: when the LMS counts a module as done [default: CompletedAndPassed].",
)
@click.option(
    "--launch-method",
    type=click.Choice(LAUNCH_METHODS),
    default=None,
    help=f"{_takers('--launch-method')}: AnyWindow lets the LMS frame the module, OwnWindow asks for a window of its own [default: AnyWindow].",
)
@click.option(
    "--course",
    "course_id",
    default=None,
    metavar="ID",
    help=f"{_takers('--course')}: put every module of this call into one course zip, one block per domain.",
)
@click.option(
    "--course-title",
    default=None,
    metavar="TITLE",
    help=f"{_takers('--course-title')}: the course title (with --course).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Modules built at once, each in a process of its own [default: number of CPUs].",
)
@click.option(
    "--previous",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    metavar="PATH",
    help="The package learners use now (zip or web folder), or a folder of them: learners resuming a "
    "state it saved by page positions (format E1) keep their pages seen. Matched by module id.",
)
@lang_option
def build_command(
    paths: tuple[Path, ...],
    target: str,
    edition: str | None,
    out_dir: Path,
    base_iri: str | None,
    move_on: str | None,
    launch_method: str | None,
    course_id: str | None,
    course_title: str | None,
    jobs: int | None,
    previous: Path | None,
    lang: str | None,
) -> None:
    """Build a package for every module under PATHS."""
    speaker = Speaker(lang)
    _check_options(
        target,
        {
            "--edition": edition is not None,
            "--base-iri": base_iri is not None,
            "--move-on": bool(move_on),
            "--launch-method": bool(launch_method),
            "--course": bool(course_id),
            "--course-title": bool(course_title),
        },
    )
    if (course_id is None) != (course_title is None):
        raise click.UsageError("--course and --course-title go together")
    if course_id is not None and not _COURSE_ID.fullmatch(course_id):
        raise click.UsageError(f"--course '{course_id}': use letters, digits, '.', '_' and '-' only (it names the zip)")
    options = XapiOptions(base_iri or DEFAULT_BASE_IRI, move_on or "CompletedAndPassed", launch_method or "AnyWindow")
    for problem in options.problems():
        raise click.UsageError(problem.render(speaker.for_run()))
    files = module_files(paths, lang=speaker.for_run())
    before = None if previous is None else _read_previous(previous, speaker, files)
    if course_id is not None and course_title is not None:
        _build_course(_load_course(files, speaker), course_id, course_title, out_dir, options, speaker, before)
        return
    job = Job(target, out_dir, int(edition or 4), options, lang=lang, previous=before)
    failed = _build_modules(files, job, jobs or os.cpu_count() or 1)
    if failed:
        message = t("{failed} of {count} module(s) not built", failed=failed, count=len(files))
        raise UserError(message.render(speaker.for_run(files)))


def _check_options(target: str, given: dict[str, bool]) -> None:
    """A usage error for a given option that ``target``'s registry entry does not take; options
    taken by the same targets are named together."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for option in given:
        groups.setdefault(tuple(t.name for t in targets_taking(option)), []).append(option)
    for takers, options in groups.items():
        if target in takers or not any(given[option] for option in options):
            continue
        names = options[0] if len(options) == 1 else f"{', '.join(options[:-1])} and {options[-1]}"
        verb = "applies" if len(options) == 1 else "apply"
        raise click.UsageError(f"{names} {verb} to --target {' or '.join(takers)} only")


def _is_terminal(stream: TextIO) -> bool:
    return stream.isatty()


def _build_modules(files: list[Path], job: Job, jobs: int) -> int:
    """Build in parallel, print in the order of ``files``; the number of modules not built."""
    progress = Progress(len(files), sys.stderr, tty=_is_terminal(sys.stderr))
    finished: dict[int, Outcome] = {}
    printed = failed = 0

    def on_done(index: int, outcome: Outcome) -> None:
        nonlocal printed, failed
        finished[index] = outcome
        progress.advance(outcome.name)
        if printed not in finished:
            return
        progress.clear()
        while printed in finished:
            done = finished.pop(printed)
            printed += 1
            progress.item(printed, done.name)
            if done.result is not None and done.version is not None:
                click.echo(report_line(done.name, done.version, done.result))
            else:
                failed += 1
            for line in done.errors:
                click.echo(line, err=True)
        progress.redraw()

    build_many(files, job, jobs, on_done)
    progress.clear()
    return failed


def _load_course(files: list[Path], speaker: Speaker) -> list[Module]:
    loaded: list[Module] = []
    for file in files:
        module, diagnostics = load_module(file, display_path=str(file))
        speaker.diagnostics(d for d in diagnostics if d.severity == "error")
        if module is not None:
            loaded.append(module)
    if len(loaded) < len(files):
        message = t("{failed} of {count} module(s) not built", failed=len(files) - len(loaded), count=len(files))
        raise UserError(message.render(speaker.for_run(files)))
    return loaded


def _read_previous(path: Path, speaker: Speaker, files: list[Path]) -> Previous:
    """``--previous``, read before anything is built; a package it cannot use stops the run (exit 1)."""
    try:
        return read_previous(path)
    except PreviousError as exc:
        click.echo(exc.render(speaker.for_run(files)), err=True)
        sys.exit(1)


def _build_course(
    modules: list[Module],
    course_id: str,
    course_title: str,
    out_dir: Path,
    options: XapiOptions,
    speaker: Speaker,
    previous: Previous | None = None,
) -> None:
    e1_pages: dict[str, tuple[str, ...]] = {}
    refused = []
    for module in modules:
        try:
            pages = None if previous is None else e1_pages_for(previous, module.id, module.version)
        except PreviousError as exc:
            refused.append(exc.render(speaker.for_file(module.source_path)))
            continue
        if pages is not None:
            e1_pages[module.id] = pages
    sources = [m.source_path for m in modules]
    if refused:
        for line in refused:
            click.echo(line, err=True)
        raise UserError(t("course {id} not built", id=course_id).render(speaker.for_run(sources)))
    try:
        result = build_course(modules, course_id, course_title, out_dir, xapi=options, e1_pages=e1_pages)
    except BuildError as exc:
        speaker.diagnostics(exc.diagnostics)
        raise UserError(t("course {id} not built", id=course_id).render(speaker.for_run(sources))) from exc
    click.echo(course_line(course_id, len(modules), result))
