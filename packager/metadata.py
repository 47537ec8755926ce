"""Learning-object metadata (title, description, language, duration) for SCORM packages.

The metadata lives in ``metadata.xml`` beside the manifest, which points at it with
``<adlcp:location>``: written inline, LOM would make the manifest depend on schemas that
libxml2 cannot compile (IMS MD 1.2.1 breaks the unique particle attribution rule), whereas the
separate file is checked on its own in the tests. SCORM 1.2 takes IMS Metadata 1.2.1; SCORM
2004 takes IEEE LOM.
"""

from __future__ import annotations

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module

__all__ = ["IMSMD_NAMESPACE", "LOM_NAMESPACE", "METADATA_FILE", "imsmd_metadata", "lom_metadata"]

METADATA_FILE = "metadata.xml"
IMSMD_NAMESPACE = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
LOM_NAMESPACE = "http://ltsc.ieee.org/xsd/LOM"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if text is not None:
        element.text = text
    return element


def _tostring(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def imsmd_metadata(module: Module) -> bytes:
    """IMS Metadata 1.2.1, for SCORM 1.2."""
    md = f"{{{IMSMD_NAMESPACE}}}"
    root = etree.Element(md + "lom", nsmap={None: IMSMD_NAMESPACE})
    general = _sub(root, md + "general")
    _sub(general, md + "identifier", f"ehealth-{module.id}")
    _sub(_sub(general, md + "title"), md + "langstring", module.title).set(_XML_LANG, module.lang)
    _sub(general, md + "language", module.lang)
    if module.description:
        _sub(_sub(general, md + "description"), md + "langstring", module.description).set(_XML_LANG, module.lang)
    lifecycle = _sub(root, md + "lifecycle")
    _sub(_sub(lifecycle, md + "version"), md + "langstring", module.version).set(_XML_LANG, "x-none")
    if module.duration_iso:
        educational = _sub(root, md + "educational")
        _sub(_sub(educational, md + "typicallearningtime"), md + "datetime", module.duration_iso)
    return _tostring(root)


def lom_metadata(module: Module) -> bytes:
    """IEEE LOM (XML binding), for SCORM 2004."""
    lom = f"{{{LOM_NAMESPACE}}}"
    root = etree.Element(lom + "lom", nsmap={None: LOM_NAMESPACE})
    general = _sub(root, lom + "general")
    identifier = _sub(general, lom + "identifier")
    _sub(identifier, lom + "catalog", "ehealth-content")
    _sub(identifier, lom + "entry", module.id)
    _sub(_sub(general, lom + "title"), lom + "string", module.title).set("language", module.lang)
    _sub(general, lom + "language", module.lang)
    if module.description:
        _sub(_sub(general, lom + "description"), lom + "string", module.description).set("language", module.lang)
    _sub(_sub(root, lom + "lifeCycle"), lom + "version").append(_string(lom, module.version, "x-none"))
    if module.duration_iso:
        educational = _sub(root, lom + "educational")
        _sub(_sub(educational, lom + "typicalLearningTime"), lom + "duration", module.duration_iso)
    return _tostring(root)


def _string(lom: str, text: str, language: str) -> etree._Element:
    element = etree.Element(lom + "string", language=language)
    element.text = text
    return element
