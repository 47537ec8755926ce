"""``ehealth compat`` on built packages: the shape read back from a zip or a web folder equals
the source's, so packages give the findings sources give."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ehealth_content import check, load_text
from packager import build_package
from packager.cli_compat import compat_command
from packager.compat import compare, module_shape
from packager.package_shape import PackageReadError, read_package
from tests.authoring.test_compat import BASE, _edit

REPO = Path(__file__).parents[2]
MODULES = sorted((REPO / "modules").glob("*/module.md"))


@pytest.mark.parametrize("source", MODULES, ids=lambda p: p.parent.name)
def test_a_package_reads_back_as_its_source(source: Path, tmp_path: Path) -> None:
    module = check(source)
    package = build_package(module, "scorm12", tmp_path).path
    [shape] = read_package(package)
    assert shape == module_shape(module)
    assert compare(module, shape) == []


def _zip(text: str, folder: Path, target: str = "scorm12") -> Path:
    folder.mkdir()
    module, diagnostics = load_text(text, folder / "module.md")
    assert module is not None, diagnostics
    return build_package(module, target, folder).path


EDITS = [
    [("id: m\n", "id: m2\n")],
    [("```quiz\nid: s\n", "```quiz\nid: s-bis\n")],
    [("id: s\ntype: single", "id: s\ntype: multiple")],
    [('["[x] A", "[ ] B", "[ ] C"]', '["[ ] B", "[x] A", "[ ] C"]')],
    [('["[x] A", "[ ] B", "[ ] C"]', '["[x] A", "[ ] B", "[ ] C", "[ ] D"]')],
    [('["[x] A", "[ ] B", "[ ] C"]', '["[x] A", "[ ] B2", "[ ] C"]')],
    [('["[x] A", "[ ] B", "[ ] C"]', '["[ ] A", "[x] B", "[ ] C"]')],
    [("distractors: [D]", "distractors: [D, E]")],
    [("{left: L1, right: R1}", "{left: L1 bis, right: R1}")],
    [("items: [I1, I2, I3]", "items: [I2, I1, I3]")],
    [("scale: [Disagree, Agree]", "scale: [Disagree, Neutral, Agree]")],
    [("prompt: True?\nanswer: true", "prompt: True?\nanswer: false")],
    [("answers: [abc]", "answers: [abd]")],
    [("answer: 3\n", "answer: 4\n")],
    [("p: {pick: 1}", "p: {pick: 2}")],
    [("  p: {pick: 1}\n  q: {pick: 1}\n", "  q: {pick: 1}\n  p: {pick: 1}\n")],
    [("id: p2\ntype: truefalse\npool: p\n", "id: p2\ntype: truefalse\n")],
    [("# Two {#two}", "# Two {#deux}")],
    [("# One {#one}", "# Zero {#zero}\n\nText.\n\n# One {#one}")],
]


@pytest.mark.parametrize("edits", EDITS, ids=lambda e: e[0][1].strip()[:24])
def test_packages_give_the_findings_sources_give(edits: list[tuple[str, str]], tmp_path: Path) -> None:
    new_text = _edit(*edits)
    old_module, _ = load_text(BASE, tmp_path / "module.md")
    new_module, _ = load_text(new_text, tmp_path / "module.md")
    assert old_module is not None and new_module is not None
    expected = compare(old_module, new_module)
    assert expected, "each edit matters to saved state"
    [old], [new] = read_package(_zip(BASE, tmp_path / "old")), read_package(_zip(new_text, tmp_path / "new"))
    assert compare(old, new) == expected


def test_cli_compares_zips_web_folders_and_sources(tmp_path: Path) -> None:
    old_zip = _zip(BASE, tmp_path / "old")
    new_web = _zip(_edit(("id: s\ntype: single", "id: s\ntype: multiple")), tmp_path / "new", "web")
    result = CliRunner().invoke(compat_command, [str(old_zip), str(new_web)])
    assert result.exit_code == 1
    assert result.stdout == (
        "error C201: m: question 's' changed type from single to multiple: learners' answers to it are lost\n"
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "module.md").write_text(BASE, encoding="utf-8")
    result = CliRunner().invoke(compat_command, [str(tmp_path / "src"), str(old_zip)])
    assert result.exit_code == 0, result.output
    assert result.stderr == "0 error(s), 0 warning(s): the new version keeps saved learner state\n"


def test_unreadable_packages_are_clean_errors(tmp_path: Path) -> None:
    good = _zip(BASE, tmp_path / "good")
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "hello")
    damaged = tmp_path / "damaged"
    shutil.copytree(_zip(BASE, tmp_path / "web", "web"), damaged)
    index = damaged / "index.html"
    index.write_text(index.read_text(encoding="utf-8").replace('{"format":1', '{"format":9', 1), encoding="utf-8")
    for bad, message in (
        (empty, "no index.html in it: not a package built by ehealth"),
        (damaged, "embedded data format 9; this version reads 1"),
    ):
        with pytest.raises(PackageReadError, match=message):
            read_package(bad)
        result = CliRunner().invoke(compat_command, [str(good), str(bad)])
        assert result.exit_code == 1
        assert result.output.startswith("Error: NEW: ") and message in result.output
        assert "Traceback" not in result.output


def test_packages_see_a_question_added_before_answered_case_steps(tmp_path: Path) -> None:
    folder = REPO / "tests" / "authoring" / "fixtures" / "compat" / "case-question-added"
    shapes = []
    for name in ("old", "new"):
        module = check(folder / f"{name}.md")
        shapes.append(read_package(build_package(module, "cmi5", tmp_path / name).path)[0])
        assert shapes[-1] == module_shape(module), "the case steps read back from the markup"
    findings = compare(*shapes)
    assert [(f.severity, f.code, f.question_id) for f in findings] == [
        ("warning", "C203", "pouls"),
        ("info", "C202", "coordination"),
    ]
    assert findings == compare(check(folder / "old.md"), check(folder / "new.md"))
    assert all(f.at is None for f in findings), "a package has no source lines to point at"


def test_a_package_from_before_format_e2_loses_pages_seen(tmp_path: Path) -> None:
    """A package whose embedded data has no ``stateFormat`` was built when pages seen were kept
    by position (format E1): the new runtime drops them, which compat says."""
    old = tmp_path / "old-web"
    shutil.copytree(_zip(BASE, tmp_path / "old", "web"), old)
    index = old / "index.html"
    html = index.read_text(encoding="utf-8")
    assert html.count('"stateFormat":"E2",') == 1
    index.write_text(html.replace('"stateFormat":"E2",', ""), encoding="utf-8")
    (tmp_path / "src").mkdir()
    inserted = _edit(("# One {#one}", "# Zero {#zero}\n\nText.\n\n# One {#one}"))
    (tmp_path / "src" / "module.md").write_text(inserted, encoding="utf-8")
    result = CliRunner().invoke(compat_command, [str(old), str(tmp_path / "src")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "warning C113: m: the old version saves pages seen by position (state format E1), which the new one "
        "cannot map to its pages: learners who resume keep their answers but see their pages as not yet seen",
        "info C112: m: page 'zero' added",
    ]
    [shape] = read_package(old)
    assert shape.state_format == "E1"
    [current] = read_package(_zip(BASE, tmp_path / "new", "web"))
    assert current.state_format == "E2"
    assert [f.code for f in compare(current, check(tmp_path / "src" / "module.md"))] == ["C112"]
