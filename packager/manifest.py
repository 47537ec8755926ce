"""``imsmanifest.xml`` for SCORM 1.2 and SCORM 2004 (3rd and 4th edition), built with lxml.

Rules beyond the schemas, from docs/package-contract.md: Moodle reads the manifest
without namespaces and looks for the literal prefixes ``adlcp:``, ``imsss:``, ``adlnav:``;
``scormtype`` is lower-case in 1.2 and ``scormType`` in 2004; one organization, one item
(the module is one SCO), ``identifierref`` on that leaf item only. No ``xsi:schemaLocation``:
every file it named would have to ship at the zip root.

Metadata (title, description, language, duration) sits in ``metadata.xml``, named by
``<adlcp:location>`` (see :mod:`packager.metadata` for why it is not inline).
"""

from __future__ import annotations

from collections.abc import Sequence

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module

from .metadata import METADATA_FILE

__all__ = [
    "NAMESPACES_12",
    "NAMESPACES_2004",
    "SCHEMA_VERSIONS_2004",
    "identifiers",
    "scorm12_manifest",
    "scorm2004_manifest",
]

NAMESPACES_12 = {
    None: "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
NAMESPACES_2004 = {
    None: "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
SCHEMA_VERSIONS_2004 = {3: "2004 3rd Edition", 4: "2004 4th Edition"}
_INDEX = "index.html"


def identifiers(module: Module) -> dict[str, str]:
    """Manifest identifiers from the module id alone, so an LMS sees a new version of the same
    module as an update. The prefix makes them XML names even when the id starts with a digit."""
    base = f"ehealth-{module.id}"
    return {"manifest": base, "organization": f"{base}-org", "item": f"{base}-item", "resource": f"{base}-sco"}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _tostring(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def scorm12_manifest(module: Module, files: Sequence[str]) -> bytes:
    """The SCORM 1.2 manifest; ``files`` are every package file but the manifest, ``/``-separated."""
    ns = NAMESPACES_12
    cp, adlcp = (f"{{{ns[k]}}}" for k in (None, "adlcp"))
    ids = identifiers(module)
    root = etree.Element(cp + "manifest", {"identifier": ids["manifest"], "version": module.version}, nsmap=ns)
    metadata = _sub(root, cp + "metadata")
    _sub(metadata, cp + "schema", "ADL SCORM")
    _sub(metadata, cp + "schemaversion", "1.2")
    _sub(metadata, adlcp + "location", METADATA_FILE)
    organizations = _sub(root, cp + "organizations", default=ids["organization"])
    organization = _sub(organizations, cp + "organization", identifier=ids["organization"])
    _sub(organization, cp + "title", module.title)
    item = _sub(organization, cp + "item", identifier=ids["item"], identifierref=ids["resource"], isvisible="true")
    _sub(item, cp + "title", module.title)
    _sub(item, adlcp + "masteryscore", _number(module.mastery_score))
    _resources(root, cp, ids["resource"], {adlcp + "scormtype": "sco"}, files)
    return _tostring(root)


def scorm2004_manifest(module: Module, files: Sequence[str], edition: int) -> bytes:
    """The SCORM 2004 manifest for ``edition`` 3 or 4.

    No completion threshold: the runtime sets
    ``cmi.completion_status`` itself, and a threshold would make the LMS override it from
    ``cmi.progress_measure``.
    """
    if edition not in SCHEMA_VERSIONS_2004:
        raise ValueError(f"SCORM 2004 edition {edition}: expected 3 or 4")
    ns = NAMESPACES_2004
    cp, adlcp, ss, nav = (f"{{{ns[k]}}}" for k in (None, "adlcp", "imsss", "adlnav"))
    ids = identifiers(module)
    root = etree.Element(cp + "manifest", {"identifier": ids["manifest"], "version": module.version}, nsmap=ns)
    metadata = _sub(root, cp + "metadata")
    _sub(metadata, cp + "schema", "ADL SCORM")
    _sub(metadata, cp + "schemaversion", SCHEMA_VERSIONS_2004[edition])
    _sub(metadata, adlcp + "location", METADATA_FILE)
    organizations = _sub(root, cp + "organizations", default=ids["organization"])
    organization = _sub(organizations, cp + "organization", identifier=ids["organization"])
    _sub(organization, cp + "title", module.title)
    item = _sub(organization, cp + "item", identifier=ids["item"], identifierref=ids["resource"])
    _sub(item, cp + "title", module.title)
    sequencing = _sub(item, ss + "sequencing")
    objectives = _sub(sequencing, ss + "objectives")
    primary = _sub(objectives, ss + "primaryObjective", objectiveID=f"{module.id}-mastery", satisfiedByMeasure="true")
    _sub(primary, ss + "minNormalizedMeasure", _number(module.mastery_score / 100))
    # The module brings its own page navigation: the LMS's previous/continue buttons would
    # only confuse learners in a one-SCO package.
    interface = _sub(_sub(item, nav + "presentation"), nav + "navigationInterface")
    _sub(interface, nav + "hideLMSUI", "previous")
    _sub(interface, nav + "hideLMSUI", "continue")
    _resources(root, cp, ids["resource"], {adlcp + "scormType": "sco"}, files)
    return _tostring(root)


def _resources(
    root: etree._Element, cp: str, identifier: str, scorm_type: dict[str, str], files: Sequence[str]
) -> None:
    resources = _sub(root, cp + "resources")
    resource = _sub(resources, cp + "resource", identifier=identifier, type="webcontent", href=_INDEX)
    for name, value in scorm_type.items():
        resource.set(name, value)
    for href in sorted(files):
        _sub(resource, cp + "file", href=href)
