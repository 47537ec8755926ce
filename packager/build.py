"""Building a package: the driver that runs the stages below in order.

    target check → saved-state checks → index.html → no remote resource → files
    → manifest (SCORM) → zip or folder → report

Each check raises a :mod:`packager.errors` exception whose diagnostics point into the module's
source, so a refusal reads like the loader's own diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ehealth_content import Diagnostic, Module

from . import errors
from .archive import write_folder, write_zip
from .html import render_index_html
from .manifest import scorm12_manifest, scorm2004_manifest
from .metadata import METADATA_FILE, imsmd_metadata, lom_metadata
from .remote import remote_references
from .state import MAX_SUBMISSIONS, key_collisions, worst_case_length

__all__ = [
    "EDITIONS",
    "RUNTIME_FILES",
    "SCORM12_SUSPEND_DATA_LIMIT",
    "TARGETS",
    "BuildReport",
    "BuildResult",
    "build_package",
    "package_files",
    "suspend_data_worst_case",
]

TARGETS: Final = ("scorm12", "scorm2004", "web")
EDITIONS: Final = (3, 4)
# SCORM 1.2 cmi.suspend_data is CMIString4096; Moodle cuts it there by default.
SCORM12_SUSPEND_DATA_LIMIT: Final = 4096
RUNTIME_DIR: Final = Path(__file__).parent / "runtime"
RUNTIME_FILES: Final = ("runtime/ehealth.css", "runtime/ehealth.js")
_RESERVED: Final = ("index.html", "imsmanifest.xml", METADATA_FILE)


@dataclass(frozen=True, slots=True)
class BuildReport:
    pages: int
    questions: int
    """Every question in the source, pool members included."""
    scored_questions: int
    points: float
    """Points of every scored question in the source (an attempt shows only each pool's draw)."""
    suspend_data_worst_case: int
    """Characters of the longest saved state (ARCHITECTURE.md §3)."""
    size_bytes: int
    """Size of the zip, or total size of the folder's files for ``web``."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    path: Path
    """The zip, or the folder holding ``index.html`` for ``web``."""
    target: str
    report: BuildReport


def suspend_data_worst_case(module: Module) -> int:
    """The longest ``suspend_data`` a learner of ``module`` can produce, in characters."""
    return worst_case_length(module)


def build_package(module: Module, target: str, out_dir: Path, *, edition: int = 4) -> BuildResult:
    """Build ``module`` for ``target`` into ``out_dir``.

    Parameters:
        module: a module loaded without errors.
        target: ``scorm12``, ``scorm2004`` or ``web``.
        out_dir: where ``<id>-<version>-<target>.zip`` (or the ``<id>-<version>-web/`` folder) goes.
        edition: SCORM 2004 edition, 3 or 4 (ignored by other targets).

    Raises :class:`packager.errors.BuildError` (one of its subclasses) when the module cannot
    be packaged for ``target``.
    """
    _check_target(module, target, edition)
    _check_state(module)
    worst_case = worst_case_length(module)
    if target == "scorm12" and worst_case > SCORM12_SUSPEND_DATA_LIMIT:
        raise errors.StateTooLargeError([_at_module(module, errors.StateTooLargeError.code, (
            f"the saved state of this module can reach {worst_case} characters, more than the "
            f"{SCORM12_SUSPEND_DATA_LIMIT} SCORM 1.2 allows ({len(module.questions)} questions)"),
            hint="build for scorm2004, split the module, or draw fewer questions through a pool")])
    files = package_files(module, target)
    if target == "scorm12":
        files[METADATA_FILE] = imsmd_metadata(module)
        files["imsmanifest.xml"] = scorm12_manifest(module, sorted(files))
    elif target == "scorm2004":
        files[METADATA_FILE] = lom_metadata(module)
        files["imsmanifest.xml"] = scorm2004_manifest(module, sorted(files), edition)
    stem = f"{module.id}-{module.version}-{target}"
    if target == "web":
        path = out_dir / stem
        size = write_folder(path, files)
    else:
        path = out_dir / f"{stem}.zip"
        size = write_zip(path, files)
    report = BuildReport(
        pages=len(module.pages),
        questions=len(module.questions),
        scored_questions=len(module.scored_questions),
        points=sum(q.points for q in module.scored_questions),
        suspend_data_worst_case=worst_case,
        size_bytes=size,
    )
    return BuildResult(path, target, report)


def package_files(module: Module, target: str) -> dict[str, bytes]:
    """Every file of the package but the manifest: ``/``-separated name → content."""
    html = render_index_html(module, target)
    _check_remote(module, html)
    files = {"index.html": html.encode("utf-8")}
    for name in RUNTIME_FILES:
        source = RUNTIME_DIR / name.removeprefix("runtime/")
        if not source.is_file():
            raise errors.AssetError([_at_module(module, errors.AssetError.code,
                                                f"the player file {source} is missing from this installation")])
        files[name] = source.read_bytes()
    for asset in module.assets:
        files[asset] = _asset(module, asset)
    return files


def _asset(module: Module, asset: str) -> bytes:
    if asset in _RESERVED or asset.startswith("runtime/"):
        raise errors.AssetError([_at_module(module, errors.AssetError.code,
                                            f"the media file '{asset}' would overwrite a file of the package itself",
                                            hint="move it into a folder such as media/")])
    source = module.source_path.parent.joinpath(*asset.split("/"))
    try:
        return source.read_bytes()
    except OSError as exc:
        raise errors.AssetError([_at_module(module, errors.AssetError.code,
                                            f"cannot read the media file '{asset}': {exc.strerror}")]) from exc


def _check_target(module: Module, target: str, edition: int) -> None:
    if target not in TARGETS:
        raise errors.TargetError([_at_module(module, errors.TargetError.code,
                                             f"unknown target '{target}': expected one of {', '.join(TARGETS)}")])
    if target == "scorm2004" and edition not in EDITIONS:
        raise errors.TargetError([_at_module(module, errors.TargetError.code,
                                             f"SCORM 2004 edition {edition} does not exist here: expected 3 or 4")])


def _check_state(module: Module) -> None:
    problems: list[Diagnostic] = []
    code = errors.UnsavableStateError.code
    for first, second in key_collisions(module):
        problems.append(Diagnostic(code, "error", (
            f"question ids '{first.id}' and '{second.id}' share the same saved-state key: "
            f"answers to one would be restored as answers to the other"),
            str(module.source_path), second.span.line, second.span.column, hint="rename one of them"))
    for question in module.questions:
        if question.attempts > MAX_SUBMISSIONS:
            problems.append(Diagnostic(code, "error",
                                       f"question '{question.id}' allows {question.attempts} attempts; the saved state counts up to {MAX_SUBMISSIONS}",
                                       str(module.source_path), question.span.line, question.span.column))
    if problems:
        raise errors.UnsavableStateError(problems)


def _check_remote(module: Module, html: str) -> None:
    problems = list(_remote_diagnostics(module, html))
    if problems:
        raise errors.RemoteResourceError(problems)


def _remote_diagnostics(module: Module, html: str) -> Iterator[Diagnostic]:
    lines = {page.id: page.span.line for page in module.pages}
    for ref in remote_references(html):
        line = lines.get(ref.page_id or "", 1)
        yield Diagnostic(errors.RemoteResourceError.code, "error",
                         f"<{ref.tag} {ref.attribute}> would load '{ref.url}' from outside the package",
                         str(module.source_path), line, 1,
                         hint="download the file into the module folder and refer to it there")


def _at_module(module: Module, code: str, message: str, *, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, "error", message, str(module.source_path), 1, 1, hint=hint)
