"""``tincan.xml`` for the ``xapi`` target: the TinCan package descriptor LMSs and LRS-backed
players read to list and launch the module.

There is no official schema to validate against: the structure is the one Rustici's TinCan
launch guidelines and the TinCan packages in the wild use (``tincan`` root in the
``http://projecttincan.com/tincan.xsd`` namespace, ``activities/activity`` with ``id`` and
``type``, ``name``, ``description`` and a relative ``launch``). The activity id is the
module's IRI, the same the runtime uses as the object of its statements.
"""

from __future__ import annotations

from typing import Final

# lxml ships no type information (lxml-stubs is not a dependency).
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module
from xapi.iris import module_iri

from .xapi_options import XapiOptions

__all__ = ["MODULE_TYPE", "TINCAN_NAMESPACE", "tincan_xml"]

TINCAN_NAMESPACE: Final = "http://projecttincan.com/tincan.xsd"
# The statements' object is the module (xapi.statements ACTIVITY_TYPES["module"]): same type here.
MODULE_TYPE: Final = "http://adlnet.gov/expapi/activities/module"
_NS: Final = f"{{{TINCAN_NAMESPACE}}}"


def tincan_xml(module: Module, options: XapiOptions, launch: str = "index.html") -> bytes:
    """The descriptor of one module launched from ``launch`` (relative to the zip root)."""
    root = etree.Element(_NS + "tincan", nsmap={None: TINCAN_NAMESPACE})
    activities = etree.SubElement(root, _NS + "activities")
    activity = etree.SubElement(
        activities, _NS + "activity", id=module_iri(options.base_iri, module.id), type=MODULE_TYPE
    )
    etree.SubElement(activity, _NS + "name", lang=module.lang).text = module.title
    etree.SubElement(activity, _NS + "description", lang=module.lang).text = module.description or module.title
    etree.SubElement(activity, _NS + "launch", lang=module.lang).text = launch
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
