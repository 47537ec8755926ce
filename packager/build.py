"""Building a package: the driver that runs the stages below in order.

    target check → saved-state checks → index.html → no remote resource → files
    → the target's descriptor (SCORM: imsmanifest.xml, cmi5: cmi5.xml, xapi: tincan.xml)
    → its layout (zip or folder) → report

What each target needs is its entry of :mod:`.targets`; nothing here names a target.

``build_course`` runs the same stages for each module of a cmi5 course, each module in a folder
of its own, and writes one zip with one ``cmi5.xml``.

Each check raises a :mod:`packager.errors` exception whose diagnostics point into the module's
source, so a refusal reads like the loader's own diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from ehealth_content import Diagnostic, Module
from ehealth_content.diagnostics import diagnostic
from ehealth_content.i18n import Message, t
from xapi.iris import module_iri

from . import errors
from .archive import write_folder, write_zip
from .cmi5 import AuEntry
from .html import render_index_html
from .minify import minified
from .remote import remote_references
from .state import MAX_SUBMISSIONS, key_collisions, page_key_collisions, worst_case_length
from .targets import (
    REGISTRY,
    RUNTIME_FILES,
    TARGETS,
    Target,
    UnknownTargetError,
    course_target,
    reserved_names,
    target_named,
)
from .theme import load_theme
from .xapi_options import XapiOptions

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

# Public names of earlier versions, now read from the registry.
EDITIONS: Final = tuple(edition for target in REGISTRY for edition in target.editions)
SCORM12_SUSPEND_DATA_LIMIT: Final = min(t.state_limit.characters for t in REGISTRY if t.state_limit is not None)
RUNTIME_DIR: Final = Path(__file__).parent / "runtime"
_RESERVED: Final = reserved_names()


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
    module: Module,
    target: str,
    out_dir: Path,
    *,
    edition: int = 4,
    xapi: XapiOptions | None = None,
    e1_pages: Sequence[str] | None = None,
) -> BuildResult:
    """Build ``module`` for ``target`` into ``out_dir``.

    Parameters:
        module: a module loaded without errors.
        target: ``scorm12``, ``scorm2004``, ``cmi5``, ``xapi`` or ``web``.
        out_dir: where ``<id>-<version>-<target>.zip`` (or the ``<id>-<version>-web/`` folder) goes.
        edition: SCORM 2004 edition, 3 or 4 (ignored by other targets).
        xapi: base IRI, moveOn and launchMethod for ``cmi5`` and ``xapi`` (defaults if None).
        e1_pages: the pages of the package learners use now, when it saves state in ``E1``
            (:func:`packager.previous.e1_pages_for`): their pages seen are then kept. None: dropped.

    Raises :class:`packager.errors.BuildError` (one of its subclasses) when the module cannot
    be packaged for ``target``.
    """
    options = xapi or XapiOptions()
    spec = _check_target(module, target, edition, options)
    worst_case = _check_module(module, spec)
    files = package_files(module, target, options, e1_pages)
    if spec.describe is not None:
        files.update(spec.describe(module, list(files), edition, options))
    stem = f"{module.id}-{module.version}-{spec.kind(edition)}"
    if spec.layout == "folder":
        path = out_dir / stem
        size = write_folder(path, files)
    else:
        path = out_dir / f"{stem}.zip"
        size = write_zip(path, files)
    return BuildResult(path, spec.name, _report([module], worst_case, size))


def build_course(
    modules: Sequence[Module],
    course_id: str,
    course_title: str,
    out_dir: Path,
    *,
    xapi: XapiOptions | None = None,
    e1_pages: Mapping[str, Sequence[str]] | None = None,
) -> BuildResult:
    """Build several modules into one cmi5 course (the target whose entry builds courses):
    ``<out_dir>/<course_id>-cmi5.zip``.

    Each module's files go into a folder named after its id; ``cmi5.xml`` at the root lists
    one block per domain (docs/architecture.md §4). The report adds up the modules, with the
    largest saved state of any of them.

    Parameters:
        modules: modules loaded without errors, in course order (ids must differ).
        course_id: the course id inside the base IRI; also the zip's name.
        course_title: the course title, in the first module's language.
        xapi: base IRI, moveOn and launchMethod (defaults if None).
        e1_pages: module id → the pages ``E1`` states of it were saved against (as for ``build_package``).
    """
    options = xapi or XapiOptions()
    spec = course_target()
    if not modules:
        raise ValueError("a course needs at least one module")
    files: dict[str, bytes] = {}
    entries = []
    worst_case = 0
    seen: set[str] = set()
    for module in modules:
        _check_target(module, spec.name, 4, options)
        if module.id in seen:
            raise errors.TargetError(
                [_at_module(module, errors.TargetError.code, t("module '{id}' is twice in the course", id=module.id))]
            )
        seen.add(module.id)
        worst_case = max(worst_case, _check_module(module, spec))
        for name, content in package_files(module, spec.name, options, (e1_pages or {}).get(module.id)).items():
            files[f"{module.id}/{name}"] = content
        entries.append(AuEntry(module, f"{module.id}/index.html"))
    assert spec.describe_course is not None  # course_target() found it
    files.update(spec.describe_course(course_id, course_title, entries, options))
    path = out_dir / f"{course_id}-{spec.name}.zip"
    size = write_zip(path, files)
    return BuildResult(path, spec.name, _report(modules, worst_case, size))


def _report(modules: Sequence[Module], worst_case: int, size: int) -> BuildReport:
    return BuildReport(
        pages=sum(len(m.pages) for m in modules),
        questions=sum(len(m.questions) for m in modules),
        scored_questions=sum(len(m.scored_questions) for m in modules),
        points=sum(q.points for m in modules for q in m.scored_questions),
        suspend_data_worst_case=worst_case,
        size_bytes=size,
    )


def _check_module(module: Module, target: Target) -> int:
    """Refuse what the saved state cannot hold; the worst-case state length."""
    _check_state(module)
    worst_case = worst_case_length(module)
    limit = target.state_limit
    if limit is not None and worst_case > limit.characters:
        raise errors.StateTooLargeError(
            [
                _at_module(
                    module,
                    errors.StateTooLargeError.code,
                    t(
                        "the saved state of this module can reach {size} characters, more than the "
                        "{limit} {standard} allows ({count} questions)",
                        size=worst_case,
                        limit=limit.characters,
                        standard=target.standard,
                        count=len(module.questions),
                    ),
                    hint=limit.hint,
                )
            ]
        )
    return worst_case


def package_files(
    module: Module, target: str, xapi: XapiOptions | None = None, e1_pages: Sequence[str] | None = None
) -> dict[str, bytes]:
    """Every file of the package but the manifest: ``/``-separated name → content."""
    spec = target_named(target)
    base = module_iri((xapi or XapiOptions()).base_iri, module.id) if spec.reports_xapi else None
    theme = load_theme(module.source_path.parent)
    html = render_index_html(module, target, activity_base=base, theme=theme, e1_pages=e1_pages)
    _check_remote(module, html)
    files = {"index.html": html.encode("utf-8")}
    if theme.logo and theme.logo_source:
        files[theme.logo] = theme.logo_source.read_bytes()
    for name in spec.runtime_files:
        source = RUNTIME_DIR / name.removeprefix("runtime/")
        if not source.is_file():
            raise errors.AssetError(
                [
                    _at_module(
                        module,
                        errors.AssetError.code,
                        t("the player file {path} is missing from this installation", path=str(source)),
                    )
                ]
            )
        # Packages ship the player minified; the repository keeps it commented (minify.py).
        files[name] = minified(name, source.read_bytes())
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
                    t("the media file '{path}' would overwrite a file of the package itself", path=asset),
                    hint=t("move it into a folder such as media/"),
                )
            ]
        )
    source = module.source_path.parent.joinpath(*asset.split("/"))
    try:
        return source.read_bytes()
    except OSError as exc:
        raise errors.AssetError(
            [
                _at_module(
                    module,
                    errors.AssetError.code,
                    t("cannot read the media file '{path}': {reason}", path=asset, reason=exc.strerror or str(exc)),
                )
            ]
        ) from exc


def _check_target(module: Module, target: str, edition: int, options: XapiOptions) -> Target:
    try:
        spec = target_named(target)
    except UnknownTargetError as exc:
        message = t("unknown target '{target}': expected one of {targets}", target=target, targets=", ".join(TARGETS))
        raise errors.TargetError([_at_module(module, errors.TargetError.code, message)]) from exc
    if spec.editions and edition not in spec.editions:
        expected = " or ".join(str(e) for e in spec.editions)
        raise errors.TargetError(
            [
                _at_module(
                    module,
                    errors.TargetError.code,
                    t(
                        "{standard} edition {edition} does not exist here: expected {expected}",
                        standard=spec.standard,
                        edition=edition,
                        expected=expected,
                    ),
                )
            ]
        )
    if spec.reports_xapi and options.problems():
        raise errors.TargetError(
            [_at_module(module, errors.TargetError.code, problem) for problem in options.problems()]
        )
    return spec


def _check_state(module: Module) -> None:
    problems: list[Diagnostic] = []
    code = errors.UnsavableStateError.code
    collisions = [
        (
            second.span,
            t(
                "question ids '{first}' and '{second}' share the same saved-state key: "
                "answers to one would be restored as answers to the other",
                first=first.id,
                second=second.id,
            ),
        )
        for first, second in key_collisions(module)
    ] + [
        (
            second_page.span,
            t(
                "page ids '{first}' and '{second}' share the same saved-state key: "
                "a learner who saw one would find neither marked as seen",
                first=first_page.id,
                second=second_page.id,
            ),
        )
        for first_page, second_page in page_key_collisions(module)
    ]
    for at, message in collisions:
        problems.append(
            diagnostic(
                code, "error", message, str(module.source_path), at.line, at.column, hint=t("rename one of them")
            )
        )
    for question in module.questions:
        if question.attempts > MAX_SUBMISSIONS:
            problems.append(
                diagnostic(
                    code,
                    "error",
                    t(
                        "question '{id}' allows {attempts} attempts; the saved state counts up to {limit}",
                        id=question.id,
                        attempts=question.attempts,
                        limit=MAX_SUBMISSIONS,
                    ),
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
        yield diagnostic(
            errors.RemoteResourceError.code,
            "error",
            t(
                "<{tag} {attribute}> would load '{url}' from outside the package",
                tag=ref.tag,
                attribute=ref.attribute,
                url=ref.url,
            ),
            str(module.source_path),
            line,
            1,
            hint=t("download the file into the module folder and refer to it there"),
        )


def _at_module(module: Module, code: str, message: Message, *, hint: Message | None = None) -> Diagnostic:
    return diagnostic(code, "error", message, str(module.source_path), 1, 1, hint=hint)
