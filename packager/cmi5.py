"""``cmi5.xml``: the cmi5 course structure of one module or of a course of modules.

One module is one AU. A package holds one course: either a single module (a course of one AU,
at the zip root) or several modules of one ``ehealth build --course`` call, one block per
domain, each module in its own folder. Valid against the cmi5 ``CourseStructure.xsd``
(namespace below), built with lxml.

Ids are IRIs under a base IRI the deployer chooses (``--base-iri``), named by :mod:`xapi.iris`:
the AU id is the module's activity id of the xAPI vocabulary (``<base>/modules/<module id>``), so the runtime's question
ids (``<AU id>/questions/<id>``) and any LRS query by module line up with the course structure.
The version is not part of any id: an LMS sees a new version as an update of the same AU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module
from xapi.iris import block_iri, course_iri, module_iri

from .xapi_options import XapiOptions

__all__ = ["CMI5_NAMESPACE", "AuEntry", "cmi5_xml"]

CMI5_NAMESPACE: Final = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
_NS: Final = f"{{{CMI5_NAMESPACE}}}"


@dataclass(frozen=True, slots=True)
class AuEntry:
    """One module of the course and where its ``index.html`` is inside the zip."""

    module: Module
    url: str
    """Relative launch URL: ``index.html``, or ``<folder>/index.html`` in a course zip."""


def _text(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    holder = etree.SubElement(parent, _NS + tag)
    etree.SubElement(holder, _NS + "langstring", lang=lang).text = text


def _describe(parent: etree._Element, title: str, description: str, lang: str) -> None:
    _text(parent, "title", title, lang)
    _text(parent, "description", description, lang)


def _number(value: float) -> str:
    # masteryScore is a decimal in [0, 1]: 0.7, never 0.7000000000000001.
    return format(round(value, 4), "g")


def _au(parent: etree._Element, entry: AuEntry, options: XapiOptions) -> None:
    module = entry.module
    au = etree.SubElement(
        parent,
        _NS + "au",
        {
            "id": module_iri(options.base_iri, module.id),
            "moveOn": options.move_on,
            "masteryScore": _number(module.mastery_score / 100),
            "launchMethod": options.launch_method,
        },
    )
    _describe(au, module.title, module.description or module.title, module.lang)
    etree.SubElement(au, _NS + "url").text = entry.url


def cmi5_xml(
    course_id: str,
    course_title: str,
    entries: Sequence[AuEntry],
    options: XapiOptions,
    *,
    blocks: bool,
) -> bytes:
    """The course structure.

    Parameters:
        course_id: the course's id inside the base IRI (its IRI is ``<base>/courses/<id>``).
        course_title: its title, in the language of the first module.
        entries: the modules, in course order.
        options: base IRI, moveOn, launchMethod.
        blocks: group the AUs in one block per domain (modules without a domain get a block
            of their own); without blocks the AUs sit directly in the course.
    """
    if not entries:
        raise ValueError("a cmi5 course needs at least one module")
    lang = entries[0].module.lang
    course_id_iri = course_iri(options.base_iri, course_id)
    root = etree.Element(_NS + "courseStructure", nsmap={None: CMI5_NAMESPACE})
    course = etree.SubElement(root, _NS + "course", id=course_id_iri)
    descriptions = [e.module.description or e.module.title for e in entries]
    _describe(
        course,
        course_title,
        descriptions[0] if len(entries) == 1 else " ; ".join(e.module.title for e in entries),
        lang,
    )
    if not blocks:
        for entry in entries:
            _au(root, entry, options)
        return _tostring(root)
    groups: dict[str, list[AuEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.module.domain or entry.module.id, []).append(entry)
    for name, members in groups.items():
        block = etree.SubElement(root, _NS + "block", id=block_iri(course_id_iri, name))
        first = members[0].module
        if len(members) == 1:
            title, description = f"{name} — {first.title}", first.description or first.title
        else:
            title, description = name, " ; ".join(m.module.title for m in members)
        _describe(block, title, description, first.lang)
        for entry in members:
            _au(block, entry, options)
    return _tostring(root)


def _tostring(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
