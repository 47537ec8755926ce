"""``ehealth build`` through click's CliRunner: report lines, diagnostics, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from packager.cli import build_command

from .conftest import SMALL


def test_builds_several_modules_with_one_report_line_each(tmp_path: Path) -> None:
    other = tmp_path / "other" / "module.md"
    other.parent.mkdir()
    other.write_text("---\nid: autre\ntitle: Autre\nversion: 0.1.0\n---\n\n# P\n\nTexte.\n", encoding="utf-8")
    result = CliRunner().invoke(build_command, [str(SMALL), str(other.parent), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(
        f"1-petit-module 2.1.0 → {tmp_path / 'dist' / '1-petit-module-2.1.0-scorm12.zip'}: "
        "2 pages, 4 questions (4 scored), 4 points, suspend_data ≤ "
    )
    assert (tmp_path / "dist" / "autre-0.1.0-scorm12.zip").is_file()


def test_scorm2004_third_edition(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        build_command, [str(SMALL), "--target", "scorm2004", "--edition", "3", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "1-petit-module-2.1.0-scorm2004-3rd.zip").is_file()
    fourth = CliRunner().invoke(build_command, [str(SMALL), "--target", "scorm2004", "--out", str(tmp_path)])
    assert fourth.exit_code == 0, fourth.output
    assert (tmp_path / "1-petit-module-2.1.0-scorm2004.zip").is_file(), "both editions kept side by side"
    assert (tmp_path / "1-petit-module-2.1.0-scorm2004-3rd.zip").is_file()


def test_module_errors_are_printed_and_exit_1_while_others_build(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\nid: x\ntitle: X\nversion: 1\n---\n\n# P\n", encoding="utf-8")
    result = CliRunner().invoke(build_command, [str(broken), str(SMALL), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1
    assert f"{broken}:4:10: error E106: version '1' is not MAJOR.MINOR.PATCH" in result.stderr
    assert "Error: 1 of 2 module(s) not built" in result.stderr
    assert "1-petit-module 2.1.0" in result.stdout
    assert "Traceback" not in result.output


def test_build_refusals_are_printed_as_diagnostics(tmp_path: Path) -> None:
    module = tmp_path / "module.md"
    module.write_text(
        "---\nid: m\ntitle: M\nversion: 1.0.0\n---\n\n# P {#p}\n\n"
        "```quiz\nid: q1\ntype: truefalse\nprompt: Vrai ?\nanswer: true\nattempts: 64\n```\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(build_command, [str(module), "--out", str(tmp_path / "dist")])
    assert result.exit_code == 1
    assert (
        f"{module}:9:1: error P102: question 'q1' allows 64 attempts; the saved state counts up to 63" in result.stderr
    )


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(build_command, [str(SMALL), "--target", "cmi9"]).exit_code == 2
    assert runner.invoke(build_command, [str(SMALL), "--edition", "3"]).exit_code == 2
    assert runner.invoke(build_command, [str(tmp_path / "missing.md")]).exit_code == 2
    assert runner.invoke(build_command, []).exit_code == 2


def test_a_folder_without_modules_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(build_command, [str(tmp_path)])
    assert result.exit_code == 1 and "no module found" in result.stderr
