"""Building many modules at once: one process per module, results in the order given.

Each module is loaded and built in a worker process (``concurrent.futures``), since loading
and rendering are CPU-bound Python. ``build_many`` reports every outcome to a callback as it
arrives, in completion order; callers that print keep the order of ``files`` themselves
(``packager.cli`` does), so the output never depends on which worker finished first.
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ehealth_content.diagnostics import Diagnostic, format_diagnostic
from ehealth_content.i18n import choose_lang
from ehealth_content.loader import declared_lang, load_module

from .build import BuildResult, build_package
from .errors import BuildError
from .previous import Previous, PreviousError, e1_pages_for
from .xapi_options import XapiOptions

__all__ = ["Job", "Outcome", "build_many", "build_one"]


@dataclass(frozen=True, slots=True)
class Job:
    """What to build every module into."""

    target: str
    out_dir: Path
    edition: int = 4
    xapi: XapiOptions = field(default_factory=XapiOptions)
    lang: str | None = None
    """The language of error messages (``--lang``); None: each module's own, else the locale's."""
    previous: Previous | None = None
    """``--previous``: the packages learners use now, whose ``E1`` page lists the new ones carry."""


@dataclass(frozen=True, slots=True)
class Outcome:
    file: Path
    name: str
    """The module id, or the file's folder name when the module does not load."""
    version: str | None
    """The module's version, when it loaded."""
    result: BuildResult | None
    """The package written, if it was."""
    errors: tuple[str, ...]
    """Every error, formatted ``FILE:LINE:COL: error CODE: message``."""


def build_one(file: Path, job: Job) -> Outcome:
    """Load and build one module; never raises (a crash becomes an error line of the outcome)."""
    name = file.parent.name if file.name == "module.md" else file.stem
    try:
        module, diagnostics = load_module(file, display_path=str(file))
        errors = [d for d in diagnostics if d.severity == "error"]
        if module is None:
            return Outcome(file, name, None, None, _formatted(errors, file, job))
        try:
            e1_pages = None if job.previous is None else e1_pages_for(job.previous, module.id, module.version)
            result = build_package(
                module, job.target, job.out_dir, edition=job.edition, xapi=job.xapi, e1_pages=e1_pages
            )
        except BuildError as exc:
            return Outcome(file, module.id, module.version, None, _formatted(exc.diagnostics, file, job))
        except PreviousError as exc:
            lang = choose_lang(job.lang, None if job.lang else declared_lang(file))
            return Outcome(file, module.id, module.version, None, (exc.render(lang),))
        return Outcome(file, module.id, module.version, result, ())
    except Exception as exc:  # noqa: BLE001 - one module's crash must not hide the others' results
        return Outcome(
            file, name, None, None, (f"{file}: internal error ({type(exc).__name__}: {exc}); please report it",)
        )


def _formatted(diagnostics: Sequence[Diagnostic], file: Path, job: Job) -> tuple[str, ...]:
    if not diagnostics:
        return ()
    lang = choose_lang(job.lang, None if job.lang else declared_lang(file))
    return tuple(format_diagnostic(d, lang) for d in diagnostics)


def build_many(files: Sequence[Path], job: Job, jobs: int, on_done: Callable[[int, Outcome], None]) -> list[Outcome]:
    """Build every file; ``on_done(index, outcome)`` runs in this process as each one finishes.

    Parameters:
        files: module files, in the order results are returned.
        job: target, output folder and options, the same for all.
        jobs: worker processes; 1 (or a single file) builds here, without a pool.
        on_done: called once per file, in completion order.
    """
    outcomes: list[Outcome | None] = [None] * len(files)
    if jobs <= 1 or len(files) <= 1:
        for index, file in enumerate(files):
            outcome = build_one(file, job)
            outcomes[index] = outcome
            on_done(index, outcome)
        return [o for o in outcomes if o is not None]
    with concurrent.futures.ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
        futures = {pool.submit(build_one, file, job): index for index, file in enumerate(files)}
        try:
            for future in concurrent.futures.as_completed(futures):
                index = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died (killed, out of memory)
                    outcome = Outcome(
                        files[index],
                        files[index].parent.name,
                        None,
                        None,
                        (f"{files[index]}: the build process failed ({type(exc).__name__}: {exc})",),
                    )
                outcomes[index] = outcome
                on_done(index, outcome)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [o for o in outcomes if o is not None]
