"""Every manifest validates against the official schemas, and keeps the rules they cannot see."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import check
from packager import BuildResult

from .conftest import KINDS, REPO, ManifestOf, build_kind, read_zip

MODULES = sorted((REPO / "modules").glob("*/module.md"))
CP_12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
CP_2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.mark.parametrize("kind", KINDS)
def test_small_module_manifest_is_schema_valid(kind: str, manifest_of: ManifestOf, schemas: dict[str, etree.XMLSchema]) -> None:
    schema = schemas[kind]
    assert schema.validate(manifest_of(kind)), schema.error_log


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: p.parent.name)
def test_every_repository_module_validates_for_every_kind(module_path: Path, schemas: dict[str, etree.XMLSchema],
                                                          tmp_path: Path) -> None:
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
def test_one_organization_one_leaf_item_every_file_listed(kind: str, manifest_of: ManifestOf,
                                                          small_packages: dict[str, BuildResult]) -> None:
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


def test_identifiers_are_names_stable_across_versions(small_packages: dict[str, BuildResult], manifest_of: ManifestOf) -> None:
    # The fixture's id starts with a digit, which no XML ID may.
    manifest = manifest_of("scorm2004-4")
    assert manifest.get("identifier") == "ehealth-1-petit-module"
    assert manifest.get("version") == "2.1.0"


def test_no_metadata_the_schemas_could_not_check(manifest_of: ManifestOf) -> None:
    # IMS MD 1.2.1 does not compile in libxml2 and no 2004 LOM schema is at hand: an
    # unchecked <lom> is worse than none, so the title travels in the organization only.
    for kind in KINDS:
        manifest = manifest_of(kind)
        cp = CP_12 if kind == "scorm12" else CP_2004
        assert [child.tag for child in manifest.find(f"{cp}metadata")] == [f"{cp}schema", f"{cp}schemaversion"]
        assert manifest.findtext(f"{cp}organizations/{cp}organization/{cp}title") == "Petit module & test <golden>"
