"""A programme's own competency framework: the file's checks, where it is found, and what a
module is checked against (docs/competency-framework.md)."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

from ehealth_content import load_module, load_text
from ehealth_content.diagnostics import Diagnostic
from ehealth_content.framework import SOCLE
from ehealth_content.framework_file import MAX_FRAMEWORK_BYTES, load_framework
from tests.support.expected import read_expected

FRAMEWORKS = Path(__file__).parents[1] / "fixtures" / "frameworks"
BROKEN = FRAMEWORKS / "broken"
KINE = FRAMEWORKS / "kine"
CASES = sorted(p.stem for p in BROKEN.glob("*.yaml"))
TODAY = datetime.date(2026, 11, 29)

GOOD = """\
id: prog
title_fr: Programme
domains:
  - id: K1
    label_fr: Domaine un
    hours: 2
    competencies:
      - id: K1.1
        label_fr: Une
      - id: K1.2
        label_fr: Deux
  - id: K2
    label_fr: Domaine deux
    hours: 1.5
    competencies:
      - id: K2.1
        label_fr: Trois
"""


def module_text(extra: str = "", domain: str = "K1", competency: str = "K1.1") -> str:
    return f"""---
id: m
title: Module
version: 1.0.0
domain: {domain}
{extra}---

# Page

```quiz
id: q
type: truefalse
prompt: Vrai ?
competency: {competency}
answer: true
```
"""


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def positions(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return sorted((Path(d.file).name, d.line, d.column, d.code) for d in diagnostics)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # A repository root, so that the search for ehealth.toml never leaves the test's folder.
    (tmp_path / ".git").mkdir()
    return tmp_path


def test_there_are_broken_framework_cases() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("name", CASES)
def test_broken_framework_is_diagnosed_at_the_right_place(name: str) -> None:
    found, diagnostics = load_framework(BROKEN / f"{name}.yaml", f"{name}.yaml")
    assert found is None
    assert sorted((d.line, d.column, d.code) for d in diagnostics) == read_expected(BROKEN / f"{name}.expected"), (
        "\n".join(str(d) for d in diagnostics)
    )
    assert all(d.file == f"{name}.yaml" for d in diagnostics)


def test_diagnostics_say_what_to_write() -> None:
    _, unknown = load_framework(BROKEN / "unknown-key.yaml", "f.yaml")
    assert [d.hint for d in unknown] == ["did you mean 'hours'?", "did you mean 'label_en'?"]
    _, duplicate = load_framework(BROKEN / "duplicate-ids.yaml", "f.yaml")
    assert duplicate[0].message == "competency id 'K1.1' is already used at line 8"
    assert duplicate[0].related[0].line == 8
    _, outside = load_framework(BROKEN / "competency-outside-domain.yaml", "f.yaml")
    assert outside[0].message == "competency id 'K2.1' is not under its domain 'K1'"
    assert outside[0].hint == "write it K1.<n>, e.g. K1.1"
    _, hours = load_framework(BROKEN / "hours-not-positive.yaml", "f.yaml")
    assert [d.message for d in hours][:2] == ["'hours' must be positive, not 0", "'hours' must be positive, not -1.5"]


def test_a_good_framework_has_its_domains_hours_and_competencies(tmp_path: Path) -> None:
    write(tmp_path, {"prog.yaml": GOOD})
    found, diagnostics = load_framework(tmp_path / "prog.yaml", "prog.yaml")
    assert diagnostics == [] and found is not None
    assert [d.id for d in found.domains] == ["K1", "K2"]
    assert found.hours == 3.5
    assert list(found.competencies) == ["K1.1", "K1.2", "K2.1"]
    assert found.title_en == "Programme" and found.source == "prog.yaml" and not found.provisional


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id: x\n" + b"#" * MAX_FRAMEWORK_BYTES, "file too large"),
        (b"id: x\x00\n", "binary file"),
        (b"title_fr: \xe9t\xe9\n", "not valid UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_gives_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    write(tmp_path, {"prog.yaml": content})
    found, diagnostics = load_framework(tmp_path / "prog.yaml", "prog.yaml")
    assert found is None
    assert [(d.line, d.column, d.code) for d in diagnostics] == [(1, 1, "E601")]
    assert message in diagnostics[0].message


def test_front_matter_names_the_framework(project: Path) -> None:
    write(project, {"prog.yaml": GOOD, "m/module.md": module_text("framework: ../prog.yaml\n")})
    module, diagnostics = load_module(project / "m" / "module.md", today=TODAY)
    assert diagnostics == [] and module is not None
    assert module.framework.id == "prog" and module.domain == "K1"


def test_ehealth_toml_names_the_framework_for_every_module_below(project: Path) -> None:
    write(
        project,
        {
            "ehealth.toml": 'framework = "prog.yaml"\n',
            "prog.yaml": GOOD,
            "a/m/module.md": module_text(),
            "b/module.md": module_text(domain="K2", competency="K2.1"),
        },
    )
    for path in (project / "a" / "m" / "module.md", project / "b" / "module.md"):
        module, diagnostics = load_module(path, today=TODAY)
        assert diagnostics == [] and module is not None
        assert module.framework.id == "prog"


def test_the_closest_ehealth_toml_wins_and_the_repository_root_ends_the_search(project: Path) -> None:
    write(
        project,
        {
            "ehealth.toml": 'framework = "prog.yaml"\n',
            "prog.yaml": GOOD,
            "socle/ehealth.toml": "# no framework here: the socle\n",
            "socle/module.md": module_text(domain="D1", competency="D1.1"),
            "other-repo/.git/HEAD": "",
            "other-repo/module.md": module_text(domain="D1", competency="D1.1"),
        },
    )
    for path in (project / "socle" / "module.md", project / "other-repo" / "module.md"):
        module, diagnostics = load_module(path, today=TODAY)
        assert diagnostics == [] and module is not None
        assert module.framework is SOCLE


def test_ids_are_checked_against_the_framework_in_force(project: Path) -> None:
    write(project, {"prog.yaml": GOOD, "module.md": module_text("framework: prog.yaml\n", "D1", "D1.1")})
    module, diagnostics = load_module(project / "module.md", today=TODAY)
    assert module is None
    assert [(d.line, d.code) for d in diagnostics] == [(5, "E107"), (15, "E413")]
    assert diagnostics[0].message == "unknown domain 'D1': expected one of K1, K2"
    write(project, {"module.md": module_text("framework: prog.yaml\n", "K1", "K1.3")})
    _, diagnostics = load_module(project / "module.md", today=TODAY)
    assert [(d.code, d.hint) for d in diagnostics] == [("E413", "did you mean 'K1.2'?")]


def test_a_socle_module_still_knows_the_socle(project: Path) -> None:
    write(project, {"module.md": module_text(domain="K1", competency="K1.1")})
    _, diagnostics = load_module(project / "module.md", today=TODAY)
    assert [d.code for d in diagnostics] == ["E107", "E413"]


def test_a_missing_framework_is_reported_where_it_is_named(project: Path) -> None:
    write(project, {"module.md": module_text("framework: nulle-part.yaml\n")})
    module, diagnostics = load_module(project / "module.md", today=TODAY)
    assert module is None
    # Line 6, column 12: the value of `framework:`; no E107/E413 cascade from a missing framework.
    assert positions(diagnostics) == [("module.md", 6, 12, "E601")]
    assert diagnostics[0].message == "cannot use the framework file 'nulle-part.yaml': no such file"


def test_a_framework_must_be_a_yaml_file(project: Path) -> None:
    write(project, {"prog.txt": GOOD, "module.md": module_text("framework: prog.txt\n")})
    _, diagnostics = load_module(project / "module.md", today=TODAY)
    assert positions(diagnostics) == [("module.md", 6, 12, "E601")]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this system")
def test_a_device_as_framework_does_not_hang(project: Path) -> None:
    (project / "zero.yaml").symlink_to("/dev/zero")
    write(project, {"module.md": module_text("framework: zero.yaml\n")})
    _, diagnostics = load_module(project / "module.md", today=TODAY)
    assert positions(diagnostics) == [("module.md", 6, 12, "E601")]
    assert "not a regular file" in diagnostics[0].message


def test_a_broken_framework_breaks_the_module_with_the_files_own_diagnostics(project: Path) -> None:
    write(
        project,
        {
            "prog.yaml": (BROKEN / "unknown-key.yaml").read_text(encoding="utf-8"),
            "module.md": module_text("framework: prog.yaml\n"),
        },
    )
    module, diagnostics = load_module(project / "module.md", today=TODAY)
    assert module is None
    assert positions(diagnostics) == [("prog.yaml", 7, 5, "E604"), ("prog.yaml", 11, 9, "E604")]


@pytest.mark.parametrize(
    ("toml", "expected", "message"),
    [
        ('framework = "prog.yaml\n', [("ehealth.toml", 1, 23, "E608")], "ehealth.toml: Illegal character"),
        ("framework = 3\n", [("ehealth.toml", 1, 1, "E608")], "'framework' in ehealth.toml must be a file path"),
        ('\n  framework = "absent.yaml"\n', [("ehealth.toml", 2, 15, "E601")], "'absent.yaml': no such file"),
    ],
)
def test_ehealth_toml_problems_are_reported_in_it(
    project: Path, toml: str, expected: list[tuple[str, int, int, str]], message: str
) -> None:
    write(project, {"ehealth.toml": toml, "m/module.md": module_text()})
    module, diagnostics = load_module(project / "m" / "module.md", today=TODAY)
    assert module is None
    assert positions(diagnostics) == expected
    assert message in diagnostics[0].message
    # Named as the module is named, from its folder: the path a user can open.
    assert diagnostics[0].file == str(project / "ehealth.toml")


def test_an_unknown_key_in_ehealth_toml_is_a_warning_with_a_hint(project: Path) -> None:
    write(project, {"ehealth.toml": 'framwork = "prog.yaml"\n', "module.md": module_text("", "D1", "D1.1")})
    module, diagnostics = load_module(project / "module.md", today=TODAY)
    assert module is not None
    assert [(d.code, d.line, d.column, d.hint) for d in diagnostics] == [("W601", 1, 1, "did you mean 'framework'?")]


def test_a_module_from_memory_cannot_name_a_framework() -> None:
    module, diagnostics = load_text(module_text("framework: prog.yaml\n"), Path("/nonexistent-folder/m.md"))
    assert module is None
    assert [(d.line, d.code) for d in diagnostics] == [(6, "E601")]


def test_the_physiotherapy_fixture_is_clean_through_both_routes() -> None:
    for name in ("k1-dossier", "k2-telesoin"):
        module, diagnostics = load_module(KINE / name / "module.md", today=TODAY)
        assert diagnostics == [], name
        assert module is not None and module.framework.id == "kine-numerique"
        assert module.framework.source is not None and module.framework.source.endswith("referentiel-kine.yaml")


def test_check_reports_a_shared_framework_once_with_its_own_lines(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from ehealth_content.cli import cli

    broken = (BROKEN / "unknown-key.yaml").read_text(encoding="utf-8")
    write(project, {"ehealth.toml": 'framework = "prog.yaml"\n', "prog.yaml": broken})
    write(project, {"m/a.md": module_text(), "m/b.md": module_text()})
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["check", "m"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "prog.yaml:7:5: error E604: unknown key 'heures' in a domain (did you mean 'hours'?)",
        "prog.yaml:11:9: error E604: unknown key 'lable_en' in a competency (did you mean 'label_en'?)",
    ]
    pretty = CliRunner().invoke(cli, ["check", "--format", "pretty", "m/a.md"])
    assert "    7 |     heures: 3\n            ^" in pretty.stdout
