"""The build targets, one entry each: the one place that says what a ``--target`` is.

A target is what an LMS, an LRS or a browser expects from a package:

- ``reports``: what the runtime reports through (the SCORM 1.2 API, the SCORM 2004 API, xAPI,
  or nothing: ``localStorage`` only). xAPI targets carry ``runtime/xapi.js`` and the module's
  activity id (``activityBase``) and take the :class:`XapiOptions`;
- ``describe``: its descriptor writer (``imsmanifest.xml`` and its metadata, ``cmi5.xml``,
  ``tincan.xml``, or none), given the package's other files;
- ``layout``: a zip or a folder, named ``<id>-<version>-<kind>`` where ``kind`` is the target's
  name or, for an edition that needs one, a name of its own (``scorm2004-3rd``);
- ``options``: the ``ehealth build`` options that apply to it, ``editions`` if it has any;
- ``state_limit``: the longest saved state its LMS keeps (SCORM 1.2: 4,096 characters).

:mod:`.build`, :mod:`.html`, :mod:`.data` and the CLI look targets up here. Adding one:
docs/adding-a-target.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from ehealth_content import Module
from ehealth_content.i18n import Message, t

from .cmi5 import AuEntry, cmi5_xml
from .manifest import scorm12_manifest, scorm2004_manifest
from .metadata import METADATA_FILE, imsmd_metadata, lom_metadata
from .tincan_xml import tincan_xml
from .xapi_options import XapiOptions

__all__ = [
    "REGISTRY",
    "RUNTIME_FILES",
    "TARGETS",
    "XAPI_RUNTIME_FILE",
    "Descriptor",
    "Layout",
    "Reporting",
    "StateLimit",
    "Target",
    "UnknownTargetError",
    "course_target",
    "reserved_names",
    "target_named",
    "targets_taking",
]

Reporting = Literal["SCORM 1.2 API", "SCORM 2004 API", "xAPI", "nothing"]
Layout = Literal["zip", "folder"]
Descriptor = Callable[[Module, Sequence[str], int, XapiOptions], dict[str, bytes]]
"""``(module, names of the package's other files, edition, xAPI options)`` → descriptor files."""
CourseDescriptor = Callable[[str, str, Sequence[AuEntry], XapiOptions], dict[str, bytes]]
"""``(course id, course title, the modules and their launch URLs, xAPI options)`` → descriptor files."""

RUNTIME_FILES: Final = ("runtime/ehealth.css", "runtime/ehealth.js")
# Only targets that report in xAPI need the transport: SCORM packages stay as small as they were.
XAPI_RUNTIME_FILE: Final = "runtime/xapi.js"


@dataclass(frozen=True, slots=True)
class StateLimit:
    """The longest saved state a target's LMS keeps; the build refuses a module that could exceed it."""

    characters: int
    hint: Message
    """What the author can do about it."""


@dataclass(frozen=True, slots=True)
class Target:
    """One kind of package."""

    name: str
    """What ``--target`` takes; also ``data-target`` and the embedded data's ``target``."""
    standard: str
    """The standard it follows, as messages name it (``SCORM 1.2``)."""
    summary: str
    """What it builds, for ``--help`` and the docs (``SCORM 1.2 zip``)."""
    reports: Reporting
    layout: Layout
    describe: Descriptor | None = None
    """Writes the descriptor files; None: the package has none (a web folder)."""
    descriptor_files: tuple[str, ...] = ()
    """The names ``describe`` writes, which no media file may take."""
    options: tuple[str, ...] = ()
    """The ``ehealth build`` options that apply to it (``--edition``, ``--base-iri``, …)."""
    editions: tuple[int, ...] = ()
    """Editions of its standard it builds (``--edition``); empty when it has none."""
    edition_kinds: Mapping[int, str] = field(default_factory=dict)
    """Editions whose packages get a name of their own (others keep the target's name)."""
    state_limit: StateLimit | None = None
    ui_catalogues: bool = False
    """Embed every UI catalogue: the LMS may give a learner's language preference (cmi5)."""
    describe_course: CourseDescriptor | None = None
    """Writes the descriptor of several modules in one package (``--course``); None: no courses."""

    @property
    def reports_xapi(self) -> bool:
        return self.reports == "xAPI"

    @property
    def runtime_files(self) -> tuple[str, ...]:
        """The player files the package carries."""
        return RUNTIME_FILES + ((XAPI_RUNTIME_FILE,) if self.reports_xapi else ())

    def kind(self, edition: int) -> str:
        """The last part of the package's name (``<id>-<version>-<kind>``)."""
        return self.edition_kinds.get(edition, self.name) if self.editions else self.name


def _scorm12(module: Module, names: Sequence[str], edition: int, options: XapiOptions) -> dict[str, bytes]:
    return {
        METADATA_FILE: imsmd_metadata(module),
        "imsmanifest.xml": scorm12_manifest(module, sorted([*names, METADATA_FILE])),
    }


def _scorm2004(module: Module, names: Sequence[str], edition: int, options: XapiOptions) -> dict[str, bytes]:
    return {
        METADATA_FILE: lom_metadata(module),
        "imsmanifest.xml": scorm2004_manifest(module, sorted([*names, METADATA_FILE]), edition),
    }


def _cmi5(module: Module, names: Sequence[str], edition: int, options: XapiOptions) -> dict[str, bytes]:
    # A module alone is a course of one AU at the zip root (a course zip: build.build_course).
    return {"cmi5.xml": cmi5_xml(module.id, module.title, [AuEntry(module, "index.html")], options, blocks=False)}


def _cmi5_course(course_id: str, title: str, entries: Sequence[AuEntry], options: XapiOptions) -> dict[str, bytes]:
    return {"cmi5.xml": cmi5_xml(course_id, title, entries, options, blocks=True)}


def _tincan(module: Module, names: Sequence[str], edition: int, options: XapiOptions) -> dict[str, bytes]:
    return {"tincan.xml": tincan_xml(module, options)}


_XAPI_OPTIONS: Final = ("--base-iri",)
# SCORM 1.2 cmi.suspend_data is CMIString4096; Moodle cuts it there by default.
_SCORM12_STATE = StateLimit(4096, t("build for scorm2004, split the module, or draw fewer questions through a pool"))

REGISTRY: Final[tuple[Target, ...]] = (
    Target(
        name="scorm12",
        standard="SCORM 1.2",
        summary="SCORM 1.2 zip",
        reports="SCORM 1.2 API",
        layout="zip",
        describe=_scorm12,
        descriptor_files=(METADATA_FILE, "imsmanifest.xml"),
        state_limit=_SCORM12_STATE,
    ),
    Target(
        name="scorm2004",
        standard="SCORM 2004",
        summary="SCORM 2004 zip, 4th or 3rd edition",
        reports="SCORM 2004 API",
        layout="zip",
        describe=_scorm2004,
        descriptor_files=(METADATA_FILE, "imsmanifest.xml"),
        options=("--edition",),
        editions=(3, 4),
        # Both editions built into one folder are both kept; the 4th, the default, keeps the plain name.
        edition_kinds={3: "scorm2004-3rd"},
    ),
    Target(
        name="cmi5",
        standard="cmi5",
        summary="cmi5 zip",
        reports="xAPI",
        layout="zip",
        describe=_cmi5,
        descriptor_files=("cmi5.xml",),
        options=(*_XAPI_OPTIONS, "--move-on", "--launch-method", "--course", "--course-title"),
        ui_catalogues=True,
        describe_course=_cmi5_course,
    ),
    Target(
        name="xapi",
        standard="xAPI",
        summary="xAPI/TinCan zip",
        reports="xAPI",
        layout="zip",
        describe=_tincan,
        descriptor_files=("tincan.xml",),
        options=_XAPI_OPTIONS,
    ),
    Target(name="web", standard="HTML", summary="folder to open in a browser", reports="nothing", layout="folder"),
)
"""Every target, in the order ``--help`` and error messages list them."""

TARGETS: Final = tuple(target.name for target in REGISTRY)
_BY_NAME: Final = {target.name: target for target in REGISTRY}


class UnknownTargetError(ValueError):
    """A target name no entry of :data:`REGISTRY` has."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown target '{name}': expected one of {', '.join(TARGETS)}")


def target_named(name: str) -> Target:
    """The target ``--target name`` builds; :class:`UnknownTargetError` if there is none."""
    found = _BY_NAME.get(name)
    if found is None:
        raise UnknownTargetError(name)
    return found


def targets_taking(option: str) -> tuple[Target, ...]:
    """The targets an ``ehealth build`` option applies to."""
    return tuple(target for target in REGISTRY if option in target.options)


def course_target() -> Target:
    """The target that builds a course of several modules (``--course``)."""
    return next(target for target in REGISTRY if target.describe_course is not None)


def reserved_names() -> frozenset[str]:
    """Names a media file may not take: the page and every target's descriptor files."""
    return frozenset({"index.html", *(name for target in REGISTRY for name in target.descriptor_files)})
