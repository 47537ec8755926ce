"""``ehealth check``: exit codes, both output formats, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ehealth_content.cli import cli

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_clean_module_exits_0() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "valid" / "format-example.md")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_errors_are_printed_as_file_line_column_and_exit_1() -> None:
    path = FIXTURES / "broken" / "several-problems-one-run.md"
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == f"{path}:4:10: error E106: version '1' is not MAJOR.MINOR.PATCH (write it like 1.0.0 (quote it if YAML reads it as a number))"
    )
    assert len(lines) == 6
    assert "1 module(s) checked: 5 error(s), 1 warning(s)" in result.stderr


def test_json_format_lists_every_diagnostic() -> None:
    path = FIXTURES / "broken" / "several-problems-one-run.md"
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(d["line"], d["code"]) for d in data] == [
        (4, "E106"),
        (5, "W101"),
        (10, "E301"),
        (10, "E302"),
        (14, "E404"),
        (22, "E407"),
    ]
    assert data[1]["hint"] == "did you mean 'mastery_score'?"


def test_a_folder_is_searched_for_modules() -> None:
    result = CliRunner().invoke(cli, ["check", str(FIXTURES / "broken")])
    assert result.exit_code == 1
    checked = result.stderr.strip().splitlines()[-1]
    # binary-file.md does not start with front matter, so it is not taken for a module.
    assert checked.startswith(f"{len(list((FIXTURES / 'broken').glob('*.md'))) - 1} module(s) checked")


def test_usage_errors_exit_2() -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["check"]).exit_code == 2
    assert runner.invoke(cli, ["check", "/no/such/file.md"]).exit_code == 2
    assert runner.invoke(cli, ["check", "--format", "xml", str(FIXTURES)]).exit_code == 2
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2


def test_folder_without_modules_is_an_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "no module found" in result.output


def test_a_folder_whose_module_lost_its_front_matter_gets_e101_not_no_module_found(tmp_path: Path) -> None:
    # Issue 14: `check folder/` said "no module found" where `check folder/module.md` said E101.
    (tmp_path / "module.md").write_text("# Introduction\n\nTexte.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'module.md'}:1:1: error E101" in result.output
    assert "no module found" not in result.output


def test_a_folder_with_modules_still_ignores_other_markdown(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    (tmp_path / "m.md").write_text("---\nid: m\ntitle: T\nversion: 1.0.0\n---\n\n# P\n\nTexte.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "README" not in result.output


def test_console_script_and_module_entry_point_never_print_a_traceback(tmp_path: Path) -> None:
    nasty = tmp_path / "nasty.md"
    nasty.write_bytes(b"---\nid: [" + b"[" * 5000 + b"\n---\n\xff\xfe")
    for command in (
        [sys.executable, "-m", "ehealth_content", "check", str(nasty)],
        [str(Path(sys.executable).parent / "ehealth"), "check", str(nasty)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert done.returncode == 1
        assert "Traceback" not in done.stderr
        assert "nasty.md:4:1: error E002" in done.stdout


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("ehealth, version ")


def test_pretty_format_shows_the_source_line_and_a_caret() -> None:
    path = FIXTURES / "broken" / "several-problems-one-run.md"
    result = CliRunner().invoke(cli, ["check", "--format", "pretty", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:5:1: warning W101: unknown key 'mastery_scor' in the front matter\n"
        "    5 | mastery_scor: 50\n"
        "        ^\n"
        "      = hint: did you mean 'mastery_score'?\n"
    ) in result.stdout
    assert f"{path}:22:9: error E407:" in result.stdout and "   22 | answer: oui\n" + " " * 16 + "^" in result.stdout


def test_a_bug_set_off_by_one_file_hides_none_of_the_others(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import ehealth_content.cli_check as cli_module

    real = cli_module.load_module
    (tmp_path / "a.md").write_text("---\nid: a\n---\n# P\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\nid: b\ntitle: B\nversion: 1\n---\n# P\n", encoding="utf-8")

    def load_module(path: Path, **kwargs: object) -> object:
        if Path(path).name == "a.md":
            raise RuntimeError("a bug")
        return real(path)

    monkeypatch.setattr(cli_module, "load_module", load_module)
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1 and result.exception is not None and isinstance(result.exception, SystemExit)
    assert f"{tmp_path / 'a.md'}:1:1: error E000: this file could not be checked (RuntimeError)" in result.stdout
    assert f"{tmp_path / 'b.md'}:4:10: error E106" in result.stdout
    assert "2 module(s) checked: 2 error(s)" in result.stderr
