"""Reading a built package back into the :class:`packager.compat.ModuleShape` that
``compare`` takes, so that ``ehealth compat OLD.zip NEW.zip`` reports what it reports for sources.

A package is a zip or a folder (the ``web`` target). Its ``index.html`` holds the embedded data
(``#ehealth-data``, docs/architecture.md §2: ids, types, right answers, pools, pages) and the markup
(§1: page titles, choice and side labels, items, scale points), which together give every part
of the shape. A cmi5 course zip holds one ``index.html`` per module folder: each is read.

A package may come from anywhere: zips are read through :mod:`.bounded_zip` (entries counted,
bytes capped, encrypted or foreign entries refused), a folder's ``index.html`` is read up to
the same cap, and the embedded data is checked for sizes before anything is built from it.
Whatever is wrong ends as a one-line :class:`PackageReadError`.

    ValueError
     └── PackageReadError     (not a package, or not one of ours, or of an unknown data format)
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

import lxml.html  # type: ignore[import-untyped, unused-ignore]

from ehealth_content.question_types import type_named

from .bounded_zip import ArchiveError, BoundedZip, read_file_capped
from .compat import CaseSteps, ModuleShape, QuestionShape, plain_key
from .data import DATA_FORMAT
from .state import OLD_FORMAT_TAG, positions_from_data

__all__ = ["PackageReadError", "is_package", "read_embedded_data", "read_package", "shape_from_index"]

_INDEX: Final = "index.html"
# Choices, sides, items, scale points of one question: far more than a learner could face.
_MAX_PARTS: Final = 1000
# A course zip's module folders are module ids: a longer name, or one with a control
# character (a line break would split the one-line error), is nothing we wrote.
_MAX_NAME: Final = 255


class PackageReadError(ValueError):
    """``path`` cannot be read as a package built by this tool."""


def is_package(path: Path) -> bool:
    """A zip, or a folder with ``index.html`` at its root (a built ``web`` target)."""
    return (path.is_file() and zipfile.is_zipfile(path)) or (path.is_dir() and (path / _INDEX).is_file())


def read_package(path: Path) -> list[ModuleShape]:
    """Every module of the package at ``path`` (one, or one per module folder of a course zip)."""
    return [shape_from_index(html, where) for where, html in _index_files(path)]


def read_embedded_data(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """``(where, embedded data)`` of every module of the package at ``path``, read within the
    same bounds, of the data format this version reads; ``where`` names its ``index.html``."""
    found = []
    for where, html in _index_files(path):
        with _damaged(where):
            found.append((where, _document(html, where)[1]))
    return found


def _index_files(path: Path) -> list[tuple[str, bytes]]:
    """``(where, content)`` of each ``index.html`` of the package at ``path``, bounded."""
    pages: list[tuple[str, bytes]] = []
    try:
        if path.is_dir():
            pages = [(str(path / _INDEX), read_file_capped(path / _INDEX))]
        else:
            with BoundedZip(path) as archive:
                names = sorted(
                    n
                    for n in archive.names()
                    if len(n) <= _MAX_NAME
                    and n.isprintable()
                    and (n == _INDEX or (n.count("/") == 1 and n.endswith("/" + _INDEX)))
                )
                pages = [(f"{path}!{name}", archive.read(name)) for name in names]
    except ArchiveError as exc:
        raise PackageReadError(f"{path}: cannot read it as a package: {exc}") from exc
    except OSError as exc:
        raise PackageReadError(f"{path}: cannot read it as a package ({exc.strerror or exc})") from exc
    if not pages:
        raise PackageReadError(f"{path}: no {_INDEX} in it: not a package built by ehealth")
    return pages


@contextmanager
def _damaged(where: str) -> Iterator[None]:
    """Whatever the parsers or hostile data raise, as one :class:`PackageReadError` line."""
    try:
        yield
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        if isinstance(exc, PackageReadError):
            raise
        # Messages of lxml and json may quote the input: the first line is enough.
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        raise PackageReadError(f"{where}: damaged embedded data ({reason})") from exc


def _document(html: bytes, where: str) -> tuple[Any, dict[str, Any]]:
    """The parsed page and its embedded data (§2), of the data format this version reads."""
    doc = lxml.html.document_fromstring(html)
    node = doc.get_element_by_id("ehealth-data", None)
    if node is None:
        raise PackageReadError(f"{where}: no #ehealth-data in it: not a page built by ehealth")
    data = json.loads(node.text or "")
    if not isinstance(data, dict):
        raise PackageReadError(f"{where}: damaged embedded data (not a JSON object)")
    if data.get("format") != DATA_FORMAT:
        raise PackageReadError(
            f"{where}: embedded data format {data.get('format')!r}; this version reads {DATA_FORMAT}"
        )
    return doc, data


def shape_from_index(html: bytes, where: str) -> ModuleShape:
    """The shape of the module whose built ``index.html`` is ``html`` (``where`` names it in errors)."""
    with _damaged(where):
        doc, data = _document(html, where)
        labels = {label.get("for"): plain_key(label.text_content()) for label in doc.xpath("//label[@for]")}
        positions = positions_from_data(data)
        return ModuleShape(
            data["module"]["id"],
            tuple((page_id, _text(doc, f"title-{page_id}")) for page_id in positions.pages),
            positions.pools,
            tuple(_question(doc, labels, q) for q in data["questions"]),
            _cases(doc),
            # Packages built before the field existed save state in format E1.
            str(data.get("stateFormat", OLD_FORMAT_TAG)),
            positions.e1_pages,
        )
    raise AssertionError("unreachable: _damaged re-raises")  # pragma: no cover


def _cases(doc: Any) -> tuple[CaseSteps, ...]:
    """Each case's steps and their questions, as the markup nests them (§1: ``.case`` > ``.case-step`` > form)."""
    return tuple(
        (
            str(case.get("data-case-id")),
            tuple(
                tuple(str(qid) for qid in step.xpath(".//form/@data-question-id"))
                for step in case.xpath("./section[@data-case-step]")
            ),
        )
        for case in doc.xpath("//div[@data-case-id]")
    )


def _text(doc: Any, element_id: str) -> str:
    node = doc.get_element_by_id(element_id, None)
    return plain_key(node.text_content()) if node is not None else ""


class _Markup:
    """What the question types read back from a built page (markup contract, §1)."""

    def __init__(self, doc: Any, labels: dict[str, str]) -> None:
        self._doc = doc
        self._labels = labels

    def labels(self, qid: str, values: list[str]) -> tuple[str, ...]:
        """The text of ``<label for="QID--value">`` for each value."""
        return tuple(self._labels.get(f"{qid}--{value}", "") for value in values)

    def options(self, select_id: str) -> tuple[str, ...]:
        found = self._doc.xpath("//select[@id=$id]/option[@value!='']", id=select_id)
        return tuple(plain_key(o.text_content()) for o in found)

    def count(self, entry: dict[str, Any], key: str) -> int:
        """A count of the embedded data, bounded before anything is built from it."""
        value = entry[key]
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_PARTS:
            raise ValueError(
                f"question {str(entry.get('id'))[:100]!r}: {key} {str(value)[:20]!r} "
                f"is not a count from 0 to {_MAX_PARTS}"
            )
        return value


def _question(doc: Any, labels: dict[str, str], q: dict[str, Any]) -> QuestionShape:
    # Each type reads its own parts back (its module of ehealth_content.question_types); an
    # unknown type is a ValueError, reported as damaged data.
    kind = type_named(q["type"])
    parts, answer = kind.read_shape(q, _Markup(doc, labels))
    return QuestionShape(q["id"], kind.name, parts, answer)
