"""cmi5.xml and tincan.xml of every module, and no credential in any package of any target."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import check
from packager import TARGETS, XapiOptions, build_course, build_package
from packager.cli import build_command

REPO = Path(__file__).parents[2]
MODULES = sorted((REPO / "modules").glob("*/module.md"))
# The cmi5 XSD is Apache-2.0 from the cmi5 specification's repository, on no package registry:
# it is read from ../shared, which a user's clone may lack.
XSD = REPO / ".." / "shared" / "cmi5-schema" / "CourseStructure.xsd"
CMI5 = "{https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd}"
TINCAN = "{http://projecttincan.com/tincan.xsd}"
BASE = "https://formation.example.org/xapi"


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    modules = [check(path) for path in MODULES]
    result = build_course(
        modules,
        "socle",
        "Socle de compétences en santé numérique",
        tmp_path_factory.mktemp("course"),
        xapi=XapiOptions(base_iri=BASE),
    )
    return read_zip(result.path)


def single(module_path: Path, target: str, out: Path) -> dict[str, bytes]:
    return read_zip(build_package(check(module_path), target, out, xapi=XapiOptions(base_iri=BASE)).path)


def structural_problems(root: etree._Element) -> list[str]:
    """What CourseStructure.xsd checks that matters to an LMS, without the XSD."""
    found = []
    if root.tag != CMI5 + "courseStructure":
        found.append(f"root is {root.tag}")
    course = root.find(CMI5 + "course")
    if course is None or not course.get("id", "").startswith("https://"):
        found.append("no course with an absolute id")
    aus = root.iter(CMI5 + "au")
    for au in aus:
        for child in ("title", "description"):
            langstrings = au.findall(f"{CMI5}{child}/{CMI5}langstring")
            if not langstrings or not all(ls.get("lang") and ls.text for ls in langstrings):
                found.append(f"{au.get('id')}: {child} without a langstring in a language")
        url = au.findtext(CMI5 + "url") or ""
        if not url.endswith("index.html") or "://" in url or url.startswith("/"):
            found.append(f"{au.get('id')}: url {url!r} is not relative")
        if not 0 <= float(au.get("masteryScore", "-1")) <= 1:
            found.append(f"{au.get('id')}: masteryScore {au.get('masteryScore')}")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    if len(ids) != len(set(ids)):
        found.append("ids are not unique")
    return found


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: p.parent.name)
def test_cmi5_xml_of_every_module_is_schema_valid(module_path: Path, tmp_path: Path) -> None:
    if not XSD.is_file():
        pytest.skip(
            "../shared/cmi5-schema/CourseStructure.xsd is absent (it ships with the specification, "
            "not with this repository); the structural test below still runs"
        )
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(single(module_path, "cmi5", tmp_path)["cmi5.xml"])
    assert schema.validate(document), schema.error_log


def test_course_of_every_module_is_schema_valid(course: dict[str, bytes]) -> None:
    if not XSD.is_file():
        pytest.skip("../shared/cmi5-schema/CourseStructure.xsd is absent; the structural test still runs")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(course["cmi5.xml"])
    assert schema.validate(document), schema.error_log
    document.find(CMI5 + "course").set("bogus", "1")
    assert not schema.validate(document), "the schema must catch a wrong course structure"


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: p.parent.name)
def test_cmi5_xml_structure(module_path: Path, tmp_path: Path) -> None:
    module = check(module_path)
    root = etree.fromstring(single(module_path, "cmi5", tmp_path)["cmi5.xml"])
    assert structural_problems(root) == []
    au = root.find(CMI5 + "au")
    assert au is not None
    assert au.get("id") == f"{BASE}/modules/{module.id}"
    assert au.get("moveOn") == "CompletedAndPassed" and au.get("launchMethod") == "AnyWindow"
    assert float(au.get("masteryScore")) == module.mastery_score / 100
    assert au.find(f"{CMI5}title/{CMI5}langstring").get("lang") == module.lang
    assert au.findtext(f"{CMI5}description/{CMI5}langstring") == module.description


def test_course_has_one_block_per_domain_and_each_module_in_its_folder(course: dict[str, bytes]) -> None:
    root = etree.fromstring(course["cmi5.xml"])
    assert structural_problems(root) == []
    blocks = root.findall(CMI5 + "block")
    modules = [check(path) for path in MODULES]
    assert [b.get("id") for b in blocks] == [f"{BASE}/courses/socle/blocks/{m.domain}" for m in modules]
    for block, module in zip(blocks, modules, strict=True):
        au = block.find(CMI5 + "au")
        assert au is not None and au.findtext(CMI5 + "url") == f"{module.id}/index.html"
        assert f"{module.id}/index.html" in course and f"{module.id}/runtime/xapi.js" in course


@pytest.mark.parametrize("module_path", MODULES, ids=lambda p: p.parent.name)
def test_tincan_xml_structure(module_path: Path, tmp_path: Path) -> None:
    module = check(module_path)
    files = single(module_path, "xapi", tmp_path)
    root = etree.fromstring(files["tincan.xml"])
    assert root.tag == TINCAN + "tincan"
    activities = root.findall(f"{TINCAN}activities/{TINCAN}activity")
    assert len(activities) == 1
    activity = activities[0]
    assert activity.get("id") == f"{BASE}/modules/{module.id}"
    assert activity.get("type") in (
        "http://adlnet.gov/expapi/activities/course",
        "http://adlnet.gov/expapi/activities/module",
    )
    assert [c.tag.removeprefix(TINCAN) for c in activity] == ["name", "description", "launch"]
    assert all(c.get("lang") == module.lang and c.text for c in activity)
    assert activity.findtext(TINCAN + "launch") in files
    # The runtime reports on the same activity the descriptor names.
    assert f'"activityBase":"{BASE}/modules/{module.id}"' in files["index.html"].decode()


def test_options_reach_the_structure(tmp_path: Path) -> None:
    options = XapiOptions(base_iri="https://lms.example.net/x/", move_on="Passed", launch_method="OwnWindow")
    files = read_zip(build_package(check(MODULES[0]), "cmi5", tmp_path, xapi=options).path)
    au = etree.fromstring(files["cmi5.xml"]).find(CMI5 + "au")
    assert au is not None
    assert (au.get("moveOn"), au.get("launchMethod")) == ("Passed", "OwnWindow")
    assert au.get("id", "").startswith("https://lms.example.net/x/modules/")


# Anything that looks like a credential: an Authorization value, a password or token field, and
# the words a test LMS or LRS would use. "auth-token" and "Basic " are the runtime's own code,
# which builds a header from what the LMS hands over at launch: only literal values are refused.
_CREDENTIALS = [
    re.compile(rb"Basic\s+[A-Za-z0-9+/]{8,}={0,2}"),
    re.compile(rb"Bearer\s+[A-Za-z0-9._~+/-]{8,}"),
    # A field holding one, not the word: the modules teach "secret professionnel".
    re.compile(rb"(?i)[\"']?(password|passwd|pwd|secret|api[_-]?key|client[_-]?secret)[\"']?\s*[:=]\s*[\"'][^\"']+"),
    re.compile(rb"(?i)\"(auth|token|auth-token)\"\s*:\s*\"[^\"]+\""),
    re.compile(rb"(?i)(lms-account|tincan|au-[0-9a-f]{8}):[0-9a-f]{8,}"),
    re.compile(rb"https?://[^\s\"'<>]*:[^\s\"'<>@/]+@"),
]


def test_no_package_of_any_target_holds_a_credential(tmp_path: Path, course: dict[str, bytes]) -> None:
    packages = {"course": course}
    for target in TARGETS:
        for path in MODULES:
            result = build_package(check(path), target, tmp_path / target, xapi=XapiOptions(base_iri=BASE))
            if result.path.is_dir():
                packages[f"{target}/{path.parent.name}"] = {
                    str(f.relative_to(result.path)): f.read_bytes() for f in result.path.rglob("*") if f.is_file()
                }
            else:
                packages[f"{target}/{path.parent.name}"] = read_zip(result.path)
    found = [
        f"{package}/{name}: {m.group(0)[:40]!r}"
        for package, files in packages.items()
        for name, content in files.items()
        for pattern in _CREDENTIALS
        for m in pattern.finditer(content)
    ]
    assert found == []
    assert len(packages) == len(TARGETS) * len(MODULES) + 1


def test_credential_search_finds_one(tmp_path: Path) -> None:
    for planted in (
        b'var lrs = {endpoint: "https://lrs.example", auth: "Basic bG1zLWFjY291bnQ6czNjcjN0"};',
        b'{"password": "hunter2"}',
        b"endpoint=https://user:pw@lrs.example/xapi/",
    ):
        assert any(p.search(planted) for p in _CREDENTIALS), planted


def test_cli_course_and_refusals(tmp_path: Path) -> None:
    runner = CliRunner()
    args = [str(p) for p in MODULES[:2]]
    result = runner.invoke(
        build_command,
        [*args, "--target", "cmi5", "--course", "socle", "--course-title", "Socle", "--out", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "socle-cmi5.zip").is_file() and "course socle (2 modules)" in result.output
    refused = runner.invoke(build_command, [args[0], "--target", "scorm12", "--base-iri", BASE])
    assert refused.exit_code == 2 and "--base-iri applies to --target cmi5 or xapi only" in refused.output
    refused = runner.invoke(build_command, [args[0], "--target", "cmi5", "--course", "socle"])
    assert refused.exit_code == 2 and "--course and --course-title go together" in refused.output
    refused = runner.invoke(build_command, [args[0], "--target", "xapi", "--base-iri", "urn:x"])
    assert refused.exit_code == 2 and "must be an absolute http(s) IRI" in refused.output
