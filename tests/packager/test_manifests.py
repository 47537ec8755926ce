"""Every manifest validates against the official schemas, and keeps the rules they cannot see."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module, check
from packager import BuildResult

from .conftest import KINDS, REPO, ManifestOf, build_kind, read_zip, schema_root

MODULES = sorted((REPO / "modules").glob("*/module.md"))
CP_12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
CP_2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.mark.parametrize("kind", KINDS)
def test_small_module_manifest_is_schema_valid(
    kind: str, manifest_of: ManifestOf, schemas: dict[str, etree.XMLSchema]
) -> None:
    schema = schemas[kind]
    assert schema.validate(manifest_of(kind)), schema.error_log


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: p.parent.name)
def test_every_repository_module_validates_for_every_kind(
    module_path: Path, schemas: dict[str, etree.XMLSchema], tmp_path: Path
) -> None:
    module = check(module_path)
    for kind in KINDS:
        manifest = etree.fromstring(read_zip(build_kind(module, kind, tmp_path).path)["imsmanifest.xml"])
        assert schemas[kind].validate(manifest), (kind, schemas[kind].error_log)


def test_schema_catches_a_broken_manifest(manifest_of: ManifestOf, schemas: dict[str, etree.XMLSchema]) -> None:
    # The validation above only means something if a wrong manifest fails it.
    manifest = manifest_of("scorm12")
    manifest.find(f"{CP_12}organizations").set("bogus", "1")
    assert not schemas["scorm12"].validate(manifest)


def _text(kind: str, small_packages: dict[str, BuildResult]) -> str:
    return read_zip(small_packages[kind].path)["imsmanifest.xml"].decode("utf-8")


def test_literal_prefixes_and_scormtype_case(small_packages: dict[str, BuildResult]) -> None:
    scorm12 = _text("scorm12", small_packages)
    assert 'adlcp:scormtype="sco"' in scorm12 and "scormType" not in scorm12
    assert "<adlcp:masteryscore>75</adlcp:masteryscore>" in scorm12
    assert "<schemaversion>1.2</schemaversion>" in scorm12
    for edition, version in ((3, "2004 3rd Edition"), (4, "2004 4th Edition")):
        text = _text(f"scorm2004-{edition}", small_packages)
        assert 'adlcp:scormType="sco"' in text and "scormtype" not in text
        assert f"<schemaversion>{version}</schemaversion>" in text
        assert re.search(r'<imsss:primaryObjective [^>]*satisfiedByMeasure="true"', text)
        assert "<imsss:minNormalizedMeasure>0.75</imsss:minNormalizedMeasure>" in text
        assert "<adlnav:hideLMSUI>continue</adlnav:hideLMSUI>" in text
    assert "schemaLocation" not in scorm12 + _text("scorm2004-4", small_packages)


@pytest.mark.parametrize("kind", KINDS)
def test_one_organization_one_leaf_item_every_file_listed(
    kind: str, manifest_of: ManifestOf, small_packages: dict[str, BuildResult]
) -> None:
    cp = CP_12 if kind == "scorm12" else CP_2004
    manifest = manifest_of(kind)
    assert len(manifest.findall(f"{cp}metadata")) == 1
    organizations = manifest.find(f"{cp}organizations")
    orgs = organizations.findall(f"{cp}organization")
    assert len(orgs) == 1 and organizations.get("default") == orgs[0].get("identifier")
    items = list(manifest.iter(f"{cp}item"))
    assert len(items) == 1 and items[0].find(f"{cp}item") is None
    resource = manifest.find(f"{cp}resources/{cp}resource")
    assert items[0].get("identifierref") == resource.get("identifier")
    assert [e for e in manifest.iter() if e.get("identifierref") is not None] == items
    assert resource.get("href") == "index.html"
    listed = [f.get("href") for f in resource.findall(f"{cp}file")]
    zipped = set(read_zip(small_packages[kind].path)) - {"imsmanifest.xml"}
    assert set(listed) == zipped  # every referenced file exists, and no file is unlisted
    assert "media/schema.png" in listed
    assert all(not h.startswith("/") and "\\" not in h for h in listed + [resource.get("href")])


def test_identifiers_are_names_stable_across_versions(
    small_packages: dict[str, BuildResult], manifest_of: ManifestOf
) -> None:
    # The fixture's id starts with a digit, which no XML ID may.
    manifest = manifest_of("scorm2004-4")
    assert manifest.get("identifier") == "ehealth-1-petit-module"
    assert manifest.get("version") == "2.1.0"


def test_manifests_point_at_their_metadata(manifest_of: ManifestOf) -> None:
    for kind in KINDS:
        manifest = manifest_of(kind)
        cp = CP_12 if kind == "scorm12" else CP_2004
        metadata = manifest.find(f"{cp}metadata")
        assert [etree.QName(child).localname for child in metadata] == ["schema", "schemaversion", "location"]
        assert metadata[2].prefix == "adlcp" and metadata[2].text == "metadata.xml"
        assert manifest.findtext(f"{cp}organizations/{cp}organization/{cp}title") == "Petit module & test <golden>"


def test_scorm12_metadata_is_valid_ims_metadata(
    small_packages: dict[str, BuildResult], small_module: Module, tmp_path: Path
) -> None:
    # libxml2 cannot compile IMS MD 1.2.1 (it breaks unique particle attribution); xmlschema
    # can, leniently, and still checks every element we write against it.
    xmlschema = pytest.importorskip("xmlschema", reason="xmlschema is a test dependency")
    source = (schema_root() / "scorm12edition" / "imsmd_rootv1p2p1.xsd").read_text(encoding="utf-8")
    xml_xsd = schema_root() / "scorm20044thedition" / "xml.xsd"
    (tmp_path / "imsmd.xsd").write_text(
        source.replace('schemaLocation="ims_xml.xsd"', f'schemaLocation="{xml_xsd.as_uri()}"'), encoding="utf-8"
    )
    schema = xmlschema.XMLSchema10(str(tmp_path / "imsmd.xsd"), validation="lax")
    document = read_zip(small_packages["scorm12"].path)["metadata.xml"]
    schema.validate(document.decode("utf-8"))
    assert not schema.is_valid(
        document.decode("utf-8").replace("<language>", "<langue>").replace("</language>", "</langue>")
    )
    md = "{http://www.imsglobal.org/xsd/imsmd_rootv1p2p1}"
    root = etree.fromstring(document)
    assert root.findtext(f"{md}general/{md}title/{md}langstring") == small_module.title
    assert root.findtext(f"{md}general/{md}language") == small_module.lang
    assert root.findtext(f"{md}educational/{md}typicallearningtime/{md}datetime") == small_module.duration_iso


def test_scorm2004_metadata_is_ieee_lom(small_packages: dict[str, BuildResult], small_module: Module) -> None:
    lom = "{http://ltsc.ieee.org/xsd/LOM}"
    root = etree.fromstring(read_zip(small_packages["scorm2004-4"].path)["metadata.xml"])
    assert root.tag == f"{lom}lom"
    assert root.find(f"{lom}general/{lom}title/{lom}string").get("language") == small_module.lang
    assert root.findtext(f"{lom}general/{lom}title/{lom}string") == small_module.title
    assert root.findtext(f"{lom}general/{lom}description/{lom}string") == small_module.description
    assert root.findtext(f"{lom}educational/{lom}typicalLearningTime/{lom}duration") == small_module.duration_iso
