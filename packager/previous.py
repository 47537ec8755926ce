"""``ehealth build --previous PATH``: the page list learners' ``E1`` states were saved against.

A package built before format ``E2`` saves pages seen as a bitmask of positions in its own page
list, and the state does not say which list. Given the package learners use now (a zip, a
``web`` folder, a cmi5 course zip, or a folder holding such packages), the build embeds that
list in the new package (``e1Pages``, docs/architecture.md §2–3), and the runtime marks a page
seen only when its id is in that list at a bit set and exists now. A previous package that saves
in ``E2`` and itself carries ``e1Pages`` passes them on: learners who have not resumed since
still hold ``E1`` states.

Packages are matched by the module id of their embedded data, read through the bounded readers
of ``ehealth compat`` (:mod:`.package_shape`). Whatever makes the previous package unusable for a
module (unreadable, damaged, of another module, of a later version, several versions found) is a
:class:`PreviousError`, one line ``PATH: error P107: message``, never a guess.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ehealth_content._fields import SLUG
from ehealth_content.i18n import Message, t

from .state import OLD_FORMAT_TAG

__all__ = ["CODE", "MAX_PACKAGES", "Previous", "PreviousError", "PreviousPackage", "e1_pages_for", "read_previous"]

CODE: Final = "P107"
MAX_PACKAGES: Final = 100
"""Packages read from one folder (each read within the bounds of :mod:`.bounded_zip`): five
modules in a few targets are a few dozen."""
# Pages of one module: far more than a learner could page through.
_MAX_PAGES: Final = 1000
_MAX_ID: Final = 255
_VERSION: Final = re.compile(r"(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:[-+][0-9A-Za-z.+-]{1,60})?")


class PreviousError(ValueError):
    """The previous package cannot tell the build which page list ``E1`` states refer to."""

    def __init__(self, where: str, message: Message) -> None:
        self.where = where
        self.message = message
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """``PATH: error P107: message`` in ``lang``."""
        return f"{self.where}: error {CODE}: {self.message.render(lang)}"


@dataclass(frozen=True, slots=True)
class PreviousPackage:
    """One module of a previous package, as far as saved state is concerned."""

    where: str
    """Its ``index.html`` (``PATH!index.html`` inside a zip)."""
    module_id: str
    version: str
    e1_pages: tuple[str, ...] | None
    """The pages its learners' ``E1`` states refer to: its own if it saves in ``E1``, the ones it
    carries if it was built with ``--previous``; None when it knows of none."""


@dataclass(frozen=True, slots=True)
class Previous:
    """What ``--previous PATH`` holds: every module of it, by id."""

    path: str
    modules: Mapping[str, tuple[PreviousPackage, ...]]
    single: bool
    """PATH is the package of one module: a module built must be that one. (In a folder of
    packages or a course zip, a module not found is a module added since: built as without.)"""


def read_previous(path: Path) -> Previous:
    """Read every package at ``path``; PreviousError for one that is unreadable or not ours."""
    # Here rather than at the top: every build imports this module for e1_pages_for, only
    # --previous reads packages, and the readers bring lxml.html and ehealth compat's tables.
    from .package_shape import PackageReadError, is_package, read_embedded_data

    single = is_package(path)
    if single:
        packages = [path]
    elif path.is_dir():
        try:
            packages = sorted(itertools.islice((c for c in path.iterdir() if is_package(c)), MAX_PACKAGES + 1))
        except OSError as exc:
            raise PreviousError(str(path), t("cannot list it ({reason})", reason=str(exc.strerror or exc))) from exc
        if not packages:
            raise PreviousError(str(path), t("no package in it: give a package zip, a web folder, or a folder of them"))
        if len(packages) > MAX_PACKAGES:
            raise PreviousError(
                str(path),
                t(
                    "more than {count} packages in it: give the folder of the packages learners use now",
                    count=MAX_PACKAGES,
                ),
            )
    else:
        raise PreviousError(str(path), t("not a package: give a package zip, a web folder, or a folder of them"))
    modules: dict[str, list[PreviousPackage]] = {}
    for package in packages:
        try:
            found = read_embedded_data(package)
        except PackageReadError as exc:
            raise PreviousError(
                str(package), t("cannot read it as a previous package: {reason}", reason=str(exc))
            ) from exc
        for where, data in found:
            entry = _entry(where, data)
            modules.setdefault(entry.module_id, []).append(entry)
    by_id = {mid: tuple(entries) for mid, entries in modules.items()}
    return Previous(str(path), by_id, single and len(by_id) == 1)


def e1_pages_for(previous: Previous, module_id: str, version: str) -> tuple[str, ...] | None:
    """The pages ``E1`` states of ``module_id`` refer to, for a new package of ``version``.

    None when ``previous`` is a folder or a course with no package of this module (built as
    without ``--previous``) or when its package knows of no ``E1`` page list. PreviousError when
    ``previous`` is the package of another module, holds a later version, or several versions.
    """
    entries = previous.modules.get(module_id, ())
    if not entries:
        if previous.single:
            raise PreviousError(
                previous.path,
                t(
                    "it is a package of {found}, not of module '{id}': give the package learners of '{id}' use now",
                    found=", ".join(f"'{mid}'" for mid in sorted(previous.modules)),
                    id=module_id,
                ),
            )
        return None
    versions = sorted({e.version for e in entries}, key=_version_key)
    if len(versions) > 1:
        raise PreviousError(
            previous.path,
            t(
                "it holds several versions of module '{id}' ({versions}): give the package learners use now",
                id=module_id,
                versions=", ".join(versions),
            ),
        )
    if _version_key(versions[0]) > _version_key(version):
        raise PreviousError(
            entries[0].where,
            t(
                "version {previous} of module '{id}' is later than the one being built ({version}): "
                "give the package learners use now",
                previous=versions[0],
                id=module_id,
                version=version,
            ),
        )
    lists = {e.e1_pages for e in entries}
    if len(lists) > 1:
        raise PreviousError(
            previous.path,
            t(
                "its packages of module '{id}' {version} disagree on the pages: give the package learners use now",
                id=module_id,
                version=versions[0],
            ),
        )
    return entries[0].e1_pages


def _entry(where: str, data: Mapping[str, Any]) -> PreviousPackage:
    """The parts of the embedded data this reads, checked: it comes from a file we did not write."""
    module = data.get("module")
    module_id = module.get("id") if isinstance(module, dict) else None
    version = module.get("version") if isinstance(module, dict) else None
    state_format = data.get("stateFormat", OLD_FORMAT_TAG)
    if not _is_id(module_id):
        raise _damaged(where, t("the module id is missing or not an id"))
    assert isinstance(module_id, str)
    if not isinstance(version, str) or not _VERSION.fullmatch(version):
        raise _damaged(where, t("the module version is missing or not MAJOR.MINOR.PATCH"))
    pages: tuple[str, ...] | None
    if state_format == OLD_FORMAT_TAG:
        pages = _page_list(where, data.get("pages"))
    elif isinstance(state_format, str) and len(state_format) <= 10 and state_format.isalnum():
        # A later format than E1: learners' E1 states, if any, refer to the list it carried.
        carried = data.get("e1Pages")
        pages = None if carried is None else _page_list(where, carried)
    else:
        raise _damaged(where, t("the saved-state format is not one this version knows"))
    return PreviousPackage(where, module_id, version, pages)


def _page_list(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not 0 < len(value) <= _MAX_PAGES or not all(_is_id(v) for v in value):
        raise _damaged(where, t("the page list is missing, too long, or holds something other than page ids"))
    if len(set(value)) != len(value):
        raise _damaged(where, t("the page list names a page twice"))
    return tuple(str(v) for v in value)


def _is_id(value: object) -> bool:
    return isinstance(value, str) and len(value) <= _MAX_ID and SLUG.fullmatch(value) is not None


def _damaged(where: str, reason: Message) -> PreviousError:
    return PreviousError(where, t("damaged embedded data: {reason}", reason=reason))


def _version_key(version: str) -> tuple[int, int, int]:
    """MAJOR.MINOR.PATCH as numbers: a pre-release or build suffix is the same version here."""
    major, minor, patch = re.split(r"[-+]", version, maxsplit=1)[0].split(".")
    return int(major), int(minor), int(patch)
