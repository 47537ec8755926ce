"""The packager: a loaded module in, an LMS package out (SCORM 1.2, SCORM 2004, cmi5, xAPI/TinCan,
web folder).

    >>> from pathlib import Path
    >>> from ehealth_content import check
    >>> from packager import build_package
    >>> result = build_package(check("modules/d1-donnees-de-sante/module.md"), "scorm12", Path("dist"))

What each target is (what it reports through, its descriptor, its layout, its options):
:mod:`packager.targets`. How the Python side and the browser runtime meet: ``docs/architecture.md``.
"""

from __future__ import annotations

from .build import (
    EDITIONS,
    SCORM12_SUSPEND_DATA_LIMIT,
    TARGETS,
    BuildReport,
    BuildResult,
    build_course,
    build_package,
    suspend_data_worst_case,
)
from .errors import (
    AssetError,
    BuildError,
    RemoteResourceError,
    StateTooLargeError,
    TargetError,
    UnsavableStateError,
)
from .html import render_index_html
from .xapi_options import DEFAULT_BASE_IRI, LAUNCH_METHODS, MOVE_ON, XapiOptions

__all__ = [
    "DEFAULT_BASE_IRI",
    "EDITIONS",
    "LAUNCH_METHODS",
    "MOVE_ON",
    "SCORM12_SUSPEND_DATA_LIMIT",
    "TARGETS",
    "AssetError",
    "BuildError",
    "BuildReport",
    "BuildResult",
    "RemoteResourceError",
    "StateTooLargeError",
    "TargetError",
    "UnsavableStateError",
    "XapiOptions",
    "build_course",
    "build_package",
    "render_index_html",
    "suspend_data_worst_case",
]
