"""``cmi5.xml`` (cmi5 course structure) and the IRIs that name courses, blocks and AUs.

One module is one AU. A package holds one course: either a single module (a course of one AU,
at the zip root) or several modules of one ``ehealth build --course`` call, one block per
domain, each module in its own folder. Valid against the cmi5 ``CourseStructure.xsd``
(namespace below), built with lxml.

Ids are IRIs under a base IRI the deployer chooses (``--base-iri``): the AU id is the module's
activity id of the xAPI vocabulary (``<base>/modules/<module id>``), so the runtime's question
ids (``<AU id>/questions/<id>``) and any LRS query by module line up with the course structure.
The version is not part of any id: an LMS sees a new version as an update of the same AU.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module
from ehealth_content.i18n import Message, t

__all__ = [
    "CMI5_NAMESPACE",
    "DEFAULT_BASE_IRI",
    "LAUNCH_METHODS",
    "MOVE_ON",
    "AuEntry",
    "XapiOptions",
    "cmi5_xml",
    "course_iri",
    "module_iri",
]

CMI5_NAMESPACE: Final = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
# example.org is reserved (RFC 2606): an obvious placeholder that can never name someone
# else's activities. A deployment sets its own, once, and keeps it: ids must stay stable.
DEFAULT_BASE_IRI: Final = "https://ehealth.example.org/xapi"
MOVE_ON: Final = ("CompletedAndPassed", "Completed", "Passed", "CompletedOrPassed", "NotApplicable")
LAUNCH_METHODS: Final = ("AnyWindow", "OwnWindow")
_NS: Final = f"{{{CMI5_NAMESPACE}}}"


@dataclass(frozen=True, slots=True)
class XapiOptions:
    """What the cmi5 and xapi targets need beyond the module."""

    base_iri: str = DEFAULT_BASE_IRI
    """Root of every activity id (no trailing slash needed)."""
    move_on: str = "CompletedAndPassed"
    """cmi5 ``moveOn`` of every AU."""
    launch_method: str = "AnyWindow"
    """cmi5 ``launchMethod``: ``AnyWindow`` (the LMS may frame the AU) or ``OwnWindow``."""

    def problems(self) -> list[Message]:
        """What is wrong with these options, as sentences (empty when all is well)."""
        found = []
        parsed = urllib.parse.urlsplit(self.base_iri)
        if parsed.scheme not in ("https", "http") or not parsed.netloc or parsed.query or parsed.fragment:
            found.append(
                t("the base IRI '{iri}' must be an absolute http(s) IRI without query or fragment", iri=self.base_iri)
            )
        if self.move_on not in MOVE_ON:
            found.append(
                t("unknown moveOn '{value}': expected one of {values}", value=self.move_on, values=", ".join(MOVE_ON))
            )
        if self.launch_method not in LAUNCH_METHODS:
            found.append(
                t(
                    "unknown launchMethod '{value}': expected one of {values}",
                    value=self.launch_method,
                    values=", ".join(LAUNCH_METHODS),
                )
            )
        return found


def _segment(ident: str) -> str:
    # As xapi.statements does: an id is one path segment, whatever it holds.
    return urllib.parse.quote(ident, safe="-._~")


def module_iri(base_iri: str, module_id: str) -> str:
    """The module's activity id, which is also its AU id."""
    return f"{base_iri.rstrip('/')}/modules/{_segment(module_id)}"


def course_iri(base_iri: str, course_id: str) -> str:
    return f"{base_iri.rstrip('/')}/courses/{_segment(course_id)}"


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
        block = etree.SubElement(root, _NS + "block", id=f"{course_id_iri}/blocks/{_segment(name)}")
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
