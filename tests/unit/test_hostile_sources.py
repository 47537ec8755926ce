"""Hostile module sources: what an author (or a pasted file) could slip into a package.

Each ``tests/fixtures/hostile/NAME.md`` has a ``NAME.expected`` listing ``LINE:COL CODE`` per
diagnostic, as for ``tests/fixtures/broken``. Beyond the loader, every tool meets the whole
folder: ``check`` reports every module's problems (one bad module hides none), ``build`` for
each target and both exports refuse with diagnostics, never with "internal error", and nothing
that could run script or load from outside reaches a package.
"""

from __future__ import annotations

import datetime
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ehealth_content import load_module
from ehealth_content.cli import cli
from tests.support.expected import read_expected

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
CASES = sorted(p.stem for p in HOSTILE.glob("*.md"))
TODAY = datetime.date(2026, 11, 29)
TARGETS = ("scorm12", "scorm2004", "cmi5", "xapi", "web")
# Sources whose only diagnostics are warnings: they build, sanitised.
BUILDABLE = ("allowed", "raw-html-script-urls", "text-that-looks-like-markup")
# What must never be in a package, whatever its name there.
REFUSED_MEDIA = [
    p.name
    for p in (HOSTILE / "media").iterdir()
    if p.suffix.lower() in (".html", ".htm", ".xhtml", ".js", "")
    or p.name == "fake.png"
    or (p.suffix == ".svg" and p.name != "clean.svg")
]
# Markup that could run, outside escaped text (which may quote it: &lt;script&gt;…).
SCRIPT_IN_PAGE = re.compile(r"<script|javascript:|vbscript:|data:|target=\"_(?:top|parent|self)\"|<[^>]*\son\w+=", re.I)


def expected(name: str) -> list[tuple[int, int, str]]:
    return read_expected(HOSTILE / f"{name}.expected")


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "internal error" not in result.output and "Traceback" not in result.output, result.output
    return result


def test_the_corpus_covers_every_kind_of_attack() -> None:
    assert len(CASES) >= 20
    codes = {code for name in CASES for _, _, code in expected(name)}
    assert {"E303", "E305", "E309", "E310", "E311", "E106", "E407", "W301"} <= codes


@pytest.mark.parametrize("name", CASES)
def test_hostile_source_is_diagnosed_at_the_right_place(name: str) -> None:
    module, diagnostics = load_module(HOSTILE / f"{name}.md", today=TODAY)
    assert sorted((d.line, d.column, d.code) for d in diagnostics) == expected(name), "\n".join(
        str(d) for d in diagnostics
    )
    assert (module is not None) == (name in BUILDABLE)
    for diagnostic in diagnostics:
        # Messages quote the author's text; none may carry a control character to the terminal.
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", diagnostic.message + (diagnostic.hint or ""))


def test_checking_the_folder_reports_every_module() -> None:
    result = run("check", str(HOSTILE))
    assert result.exit_code == 1
    assert f"{len(CASES)} module(s) checked" in result.output
    for name in CASES:
        for line, column, code in expected(name):
            assert re.search(
                rf"{re.escape(str(HOSTILE / name))}\.md:{line}:{column}: (?:error|warning) {code}:", result.output
            ), f"{name}:{line} {code} missing"
    for output_format in ("json", "pretty"):
        assert run("check", "--format", output_format, str(HOSTILE)).exit_code == 1
    found = json.loads(run("check", "--format", "json", str(HOSTILE)).stdout)
    assert len(found) == sum(len(expected(name)) for name in CASES)


@pytest.mark.parametrize("target", TARGETS)
def test_building_the_folder_refuses_with_diagnostics_and_packages_nothing_hostile(target: str, tmp_path: Path) -> None:
    result = run("build", str(HOSTILE), "--target", target, "--out", str(tmp_path), "-j", "1")
    assert result.exit_code == 1
    assert f"{len(CASES) - len(BUILDABLE)} of {len(CASES)} module(s) not built" in result.output
    built = sorted(tmp_path.iterdir())
    assert [p.name.split("-1.0.0-")[0] for p in built] == [f"hostile-{name}" for name in BUILDABLE]
    for package in built:
        files = _package_files(package)
        assert not [name for name in files if Path(name).name in REFUSED_MEDIA], sorted(files)
        for name, content in files.items():
            if name.endswith(".html"):
                page = content.decode("utf-8")
                body = page[page.index("<main") : page.index("</main>")]
                assert not SCRIPT_IN_PAGE.search(body), SCRIPT_IN_PAGE.search(body)


def test_allowed_media_are_copied_into_the_package(tmp_path: Path) -> None:
    run("build", str(HOSTILE / "allowed.md"), "--target", "scorm12", "--out", str(tmp_path))
    files = _package_files(next(tmp_path.glob("*.zip")))
    assert {"media/clean.svg", "media/schema.png", "media/notes.txt"} <= set(files)


@pytest.mark.parametrize("export_format", ["gift", "moodle-xml"])
def test_exporting_the_folder_refuses_with_diagnostics(export_format: str, tmp_path: Path) -> None:
    out = tmp_path / "bank.txt"
    result = run("export", export_format, str(HOSTILE), "--out", str(out))
    assert result.exit_code == 1
    assert re.search(r"\d+ error\(s\) in ", result.output)
    assert "huge-numbers-quiz.md:13:9: error E401" in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", [n for n in CASES if n not in BUILDABLE])
def test_each_hostile_module_alone_is_refused_by_every_tool(name: str, tmp_path: Path) -> None:
    source = str(HOSTILE / f"{name}.md")
    for target in TARGETS:
        assert run("build", source, "--target", target, "--out", str(tmp_path)).exit_code == 1
    for export_format in ("gift", "moodle-xml"):
        assert run("export", export_format, source, "--out", str(tmp_path / "bank")).exit_code == 1
    assert list(tmp_path.iterdir()) == []


def _package_files(package: Path) -> dict[str, bytes]:
    if package.is_dir():
        return {p.relative_to(package).as_posix(): p.read_bytes() for p in package.rglob("*") if p.is_file()}
    with zipfile.ZipFile(package) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
