"""Building a package: the driver that runs the stages below in order.

    target check → saved-state checks → index.html → no remote resource → files
    → manifest (SCORM: imsmanifest.xml, cmi5: cmi5.xml, xapi: tincan.xml) → zip or folder → report

``build_course`` runs the same stages for each module of a cmi5 course, each module in a folder
of its own, and writes one zip with one ``cmi5.xml``.

Each check raises a :mod:`packager.errors` exception whose diagnostics point into the module's
source, so a refusal reads like the loader's own diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ehealth_content import Diagnostic, Module

from . import errors
from .archive import write_folder, write_zip
from .cmi5 import AuEntry, XapiOptions, cmi5_xml, module_iri
from .html import render_index_html
from .manifest import scorm12_manifest, scorm2004_manifest
from .metadata import METADATA_FILE, imsmd_metadata, lom_metadata
from .remote import remote_references
from .state import MAX_SUBMISSIONS, key_collisions, worst_case_length
from .theme import load_theme
from .tincan import tincan_xml

__all__ = [
    "EDITIONS",
    "RUNTIME_FILES",
    "SCORM12_SUSPEND_DATA_LIMIT",
    "TARGETS",
    "BuildReport",
    "BuildResult",
    "XapiOptions",
    "build_course",
    "build_package",
    "package_files",
    "suspend_data_worst_case",
]

TARGETS: Final = ("scorm12", "scorm2004", "cmi5", "xapi", "web")
# Targets whose runtime reports in xAPI: they carry runtime/xapi.js and an activity base.
XAPI_TARGETS: Final = ("cmi5", "xapi")
EDITIONS: Final = (3, 4)
# SCORM 1.2 cmi.suspend_data is CMIString4096; Moodle cuts it there by default.
SCORM12_SUSPEND_DATA_LIMIT: Final = 4096
RUNTIME_DIR: Final = Path(__file__).parent / "runtime"
RUNTIME_FILES: Final = ("runtime/ehealth.css", "runtime/ehealth.js")
# Only cmi5 and xapi packages need the xAPI transport: SCORM packages stay as small as they were.
XAPI_RUNTIME_FILE: Final = "runtime/xapi.js"
_RESERVED: Final = ("index.html", "imsmanifest.xml", METADATA_FILE, "cmi5.xml", "tincan.xml")


@dataclass(frozen=True, slots=True)
class BuildReport:
    pages: int
    questions: int
    """Every question in the source, pool members included."""
    scored_questions: int
    points: float
    """Points of every scored question in the source (an attempt shows only each pool's draw)."""
    suspend_data_worst_case: int
    """Characters of the longest saved state (docs/architecture.md §3)."""
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


def build_package(
    module: Module, target: str, out_dir: Path, *, edition: int = 4, xapi: XapiOptions | None = None
) -> BuildResult:
    """Build ``module`` for ``target`` into ``out_dir``.

    Parameters:
        module: a module loaded without errors.
        target: ``scorm12``, ``scorm2004``, ``cmi5``, ``xapi`` or ``web``.
        out_dir: where ``<id>-<version>-<target>.zip`` (or the ``<id>-<version>-web/`` folder) goes.
        edition: SCORM 2004 edition, 3 or 4 (ignored by other targets).
        xapi: base IRI, moveOn and launchMethod for ``cmi5`` and ``xapi`` (defaults if None).

    Raises :class:`packager.errors.BuildError` (one of its subclasses) when the module cannot
    be packaged for ``target``.
    """
    options = xapi or XapiOptions()
    _check_target(module, target, edition, options)
    worst_case = _check_module(module, target)
    files = package_files(module, target, options)
    if target == "scorm12":
        files[METADATA_FILE] = imsmd_metadata(module)
        files["imsmanifest.xml"] = scorm12_manifest(module, sorted(files))
    elif target == "scorm2004":
        files[METADATA_FILE] = lom_metadata(module)
        files["imsmanifest.xml"] = scorm2004_manifest(module, sorted(files), edition)
    elif target == "cmi5":
        files["cmi5.xml"] = cmi5_xml(module.id, module.title, [AuEntry(module, "index.html")], options, blocks=False)
    elif target == "xapi":
        files["tincan.xml"] = tincan_xml(module, options)
    # The 3rd edition gets a name of its own, so that building both editions into one folder
    # keeps both (the 4th, the default, keeps the plain name).
    kind = "scorm2004-3rd" if target == "scorm2004" and edition == 3 else target
    stem = f"{module.id}-{module.version}-{kind}"
    if target == "web":
        path = out_dir / stem
        size = write_folder(path, files)
    else:
        path = out_dir / f"{stem}.zip"
        size = write_zip(path, files)
    return BuildResult(path, target, _report([module], worst_case, size))


def build_course(
    modules: Sequence[Module], course_id: str, course_title: str, out_dir: Path, *, xapi: XapiOptions | None = None
) -> BuildResult:
    """Build several modules into one cmi5 course: ``<out_dir>/<course_id>-cmi5.zip``.

    Each module's files go into a folder named after its id; ``cmi5.xml`` at the root lists
    one block per domain (docs/architecture.md §4). The report adds up the modules, with the
    largest saved state of any of them.

    Parameters:
        modules: modules loaded without errors, in course order (ids must differ).
        course_id: the course id inside the base IRI; also the zip's name.
        course_title: the course title, in the first module's language.
        xapi: base IRI, moveOn and launchMethod (defaults if None).
    """
    options = xapi or XapiOptions()
    if not modules:
        raise ValueError("a course needs at least one module")
    files: dict[str, bytes] = {}
    entries = []
    worst_case = 0
    seen: set[str] = set()
    for module in modules:
        _check_target(module, "cmi5", 4, options)
        if module.id in seen:
            raise errors.TargetError(
                [_at_module(module, errors.TargetError.code, f"module '{module.id}' is twice in the course")]
            )
        seen.add(module.id)
        worst_case = max(worst_case, _check_module(module, "cmi5"))
        for name, content in package_files(module, "cmi5", options).items():
            files[f"{module.id}/{name}"] = content
        entries.append(AuEntry(module, f"{module.id}/index.html"))
    files["cmi5.xml"] = cmi5_xml(course_id, course_title, entries, options, blocks=True)
    path = out_dir / f"{course_id}-cmi5.zip"
    size = write_zip(path, files)
    return BuildResult(path, "cmi5", _report(modules, worst_case, size))


def _report(modules: Sequence[Module], worst_case: int, size: int) -> BuildReport:
    return BuildReport(
        pages=sum(len(m.pages) for m in modules),
        questions=sum(len(m.questions) for m in modules),
        scored_questions=sum(len(m.scored_questions) for m in modules),
        points=sum(q.points for m in modules for q in m.scored_questions),
        suspend_data_worst_case=worst_case,
        size_bytes=size,
    )


def _check_module(module: Module, target: str) -> int:
    """Refuse what the saved state cannot hold; the worst-case state length."""
    _check_state(module)
    worst_case = worst_case_length(module)
    if target == "scorm12" and worst_case > SCORM12_SUSPEND_DATA_LIMIT:
        raise errors.StateTooLargeError(
            [
                _at_module(
                    module,
                    errors.StateTooLargeError.code,
                    (
                        f"the saved state of this module can reach {worst_case} characters, more than the "
                        f"{SCORM12_SUSPEND_DATA_LIMIT} SCORM 1.2 allows ({len(module.questions)} questions)"
                    ),
                    hint="build for scorm2004, split the module, or draw fewer questions through a pool",
                )
            ]
        )
    return worst_case


def package_files(module: Module, target: str, xapi: XapiOptions | None = None) -> dict[str, bytes]:
    """Every file of the package but the manifest: ``/``-separated name → content."""
    reports_xapi = target in XAPI_TARGETS
    base = module_iri((xapi or XapiOptions()).base_iri, module.id) if reports_xapi else None
    theme = load_theme(module.source_path.parent)
    html = render_index_html(module, target, activity_base=base, theme=theme)
    _check_remote(module, html)
    files = {"index.html": html.encode("utf-8")}
    if theme.logo and theme.logo_source:
        files[theme.logo] = theme.logo_source.read_bytes()
    for name in RUNTIME_FILES + ((XAPI_RUNTIME_FILE,) if reports_xapi else ()):
        source = RUNTIME_DIR / name.removeprefix("runtime/")
        if not source.is_file():
            raise errors.AssetError(
                [
                    _at_module(
                        module, errors.AssetError.code, f"the player file {source} is missing from this installation"
                    )
                ]
            )
        files[name] = source.read_bytes()
    for asset in module.assets:
        files[asset] = _asset(module, asset)
    return files


def _asset(module: Module, asset: str) -> bytes:
    if asset in _RESERVED or asset.startswith("runtime/"):
        raise errors.AssetError(
            [
                _at_module(
                    module,
                    errors.AssetError.code,
                    f"the media file '{asset}' would overwrite a file of the package itself",
                    hint="move it into a folder such as media/",
                )
            ]
        )
    source = module.source_path.parent.joinpath(*asset.split("/"))
    try:
        return source.read_bytes()
    except OSError as exc:
        raise errors.AssetError(
            [_at_module(module, errors.AssetError.code, f"cannot read the media file '{asset}': {exc.strerror}")]
        ) from exc


def _check_target(module: Module, target: str, edition: int, options: XapiOptions) -> None:
    if target not in TARGETS:
        raise errors.TargetError(
            [
                _at_module(
                    module, errors.TargetError.code, f"unknown target '{target}': expected one of {', '.join(TARGETS)}"
                )
            ]
        )
    if target == "scorm2004" and edition not in EDITIONS:
        raise errors.TargetError(
            [
                _at_module(
                    module,
                    errors.TargetError.code,
                    f"SCORM 2004 edition {edition} does not exist here: expected 3 or 4",
                )
            ]
        )
    if target in XAPI_TARGETS and options.problems():
        raise errors.TargetError(
            [_at_module(module, errors.TargetError.code, problem) for problem in options.problems()]
        )


def _check_state(module: Module) -> None:
    problems: list[Diagnostic] = []
    code = errors.UnsavableStateError.code
    for first, second in key_collisions(module):
        problems.append(
            Diagnostic(
                code,
                "error",
                (
                    f"question ids '{first.id}' and '{second.id}' share the same saved-state key: "
                    f"answers to one would be restored as answers to the other"
                ),
                str(module.source_path),
                second.span.line,
                second.span.column,
                hint="rename one of them",
            )
        )
    for question in module.questions:
        if question.attempts > MAX_SUBMISSIONS:
            problems.append(
                Diagnostic(
                    code,
                    "error",
                    f"question '{question.id}' allows {question.attempts} attempts; the saved state counts up to {MAX_SUBMISSIONS}",
                    str(module.source_path),
                    question.span.line,
                    question.span.column,
                )
            )
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
        yield Diagnostic(
            errors.RemoteResourceError.code,
            "error",
            f"<{ref.tag} {ref.attribute}> would load '{ref.url}' from outside the package",
            str(module.source_path),
            line,
            1,
            hint="download the file into the module folder and refer to it there",
        )


def _at_module(module: Module, code: str, message: str, *, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code, "error", message, str(module.source_path), 1, 1, hint=hint)
