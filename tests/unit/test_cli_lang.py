"""The language of the command line: --lang, else the module's French, else the locale."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ehealth_content.cli import cli
from ehealth_content.i18n import choose_lang, locale_lang

FIXTURES = Path(__file__).parents[1] / "fixtures"
# No lang in its front matter: the locale or --lang decides.
UNDECLARED = FIXTURES / "broken" / "quiz-unknown-key.md"
FRENCH_E405 = "clé «\u00a0explanaton\u00a0» inconnue"


def _declared_french(tmp_path: Path) -> Path:
    path = tmp_path / "module.md"
    text = UNDECLARED.read_text(encoding="utf-8")
    path.write_text(text.replace("version: 1.0.0\n", "version: 1.0.0\nlang: fr\n", 1), encoding="utf-8")
    return path


def test_lang_fr_speaks_french() -> None:
    result = CliRunner().invoke(cli, ["check", "--lang", "fr", str(UNDECLARED)])
    assert result.exit_code == 1
    assert f"{UNDECLARED}:16:1: error E405: " + FRENCH_E405 in result.stdout
    assert "(vouliez-vous dire «\u00a0explanation\u00a0»\u202f?)" in result.stdout
    assert "1 module(s) vérifié(s)\u00a0: 1 erreur(s), 0 avertissement(s)" in result.stderr


def test_english_by_default_in_an_english_locale() -> None:
    result = CliRunner().invoke(cli, ["check", str(UNDECLARED)])
    assert "error E405: unknown key 'explanaton' for a 'truefalse' question (did you mean 'explanation'?)" in (
        result.stdout
    )
    assert "1 module(s) checked: 1 error(s), 0 warning(s)" in result.stderr


@pytest.mark.parametrize("variable", ["LANG", "LC_MESSAGES", "LC_ALL"])
def test_a_french_locale_makes_french_the_default(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv(variable, "fr_FR.UTF-8")
    result = CliRunner().invoke(cli, ["check", str(UNDECLARED)])
    assert "inconnue pour une question" in result.stdout
    english = CliRunner().invoke(cli, ["check", "--lang", "en", str(UNDECLARED)])
    assert "unknown key 'explanaton'" in english.stdout


def test_lc_all_wins_over_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert locale_lang() == "en"
    assert locale_lang({"LANG": "fr_CA.UTF-8"}) == "fr"
    assert locale_lang({}) == "en"
    assert choose_lang(None, "fr-CA", {}) == "fr"
    assert choose_lang(None, "en", {"LANG": "fr_FR"}) == "fr"
    assert choose_lang("en", "fr", {"LANG": "fr_FR"}) == "en"


def test_a_module_declared_french_speaks_french_in_an_english_locale(tmp_path: Path) -> None:
    path = _declared_french(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "inconnue pour une question" in result.stdout
    assert "vérifié(s)" in result.stderr
    english = CliRunner().invoke(cli, ["check", "--lang", "en", str(path)])
    assert "unknown key 'explanaton'" in english.stdout


def test_each_file_speaks_its_own_language_in_one_run(tmp_path: Path) -> None:
    french = _declared_french(tmp_path)
    result = CliRunner().invoke(cli, ["check", str(french), str(UNDECLARED)])
    lines = result.stdout.splitlines()
    assert "inconnue" in lines[0] and lines[0].startswith(str(french))
    assert "unknown key" in lines[1] and lines[1].startswith(str(UNDECLARED))


def test_json_carries_the_message_in_the_chosen_language() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--lang", "fr", str(UNDECLARED)])
    assert result.exit_code == 1
    (entry,) = json.loads(result.stdout)
    assert entry["code"] == "E405"
    assert entry["lang"] == "fr"
    assert entry["message"].startswith(FRENCH_E405)
    assert entry["hint"] == "vouliez-vous dire «\u00a0explanation\u00a0»\u202f?"
    assert (entry["line"], entry["column"]) == (16, 1)
    english = json.loads(CliRunner().invoke(cli, ["check", "--format", "json", str(UNDECLARED)]).stdout)
    assert english[0]["lang"] == "en" and english[0]["message"].startswith("unknown key 'explanaton'")


def test_pretty_output_in_french() -> None:
    result = CliRunner().invoke(cli, ["check", "--format", "pretty", "--lang", "fr", str(UNDECLARED)])
    assert "= conseil\u00a0: vouliez-vous dire" in result.stdout
    assert "explanaton: Parce que." in result.stdout


def test_build_export_and_coverage_speak_french(tmp_path: Path) -> None:
    build = CliRunner().invoke(cli, ["build", "--lang", "fr", "--out", str(tmp_path / "dist"), str(UNDECLARED)])
    assert build.exit_code == 1
    assert "error E405: clé" in build.stderr
    assert "Error: 1 module(s) sur 1 non construit(s)" in build.stderr
    export = CliRunner().invoke(cli, ["export", "gift", str(UNDECLARED), "--out", "-", "--lang", "fr"])
    assert export.exit_code == 1
    assert "error E405: clé" in export.stderr
    assert "1 erreur(s) dans les sources\u00a0: corrigez-les d'abord" in export.stderr
    coverage = CliRunner().invoke(cli, ["coverage", str(UNDECLARED), "--lang", "fr"])
    assert coverage.exit_code == 1
    assert "error E405: clé" in coverage.stderr


def test_no_module_found_follows_the_locale(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--lang", "fr", str(tmp_path)])
    assert result.exit_code == 1
    assert "aucun module trouvé\u00a0: donnez des fichiers .md" in result.stderr


@pytest.mark.parametrize("command", ["check", "build", "export", "coverage", "new", "preview", "compat"])
def test_every_authoring_command_offers_lang(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "--lang" in result.stdout


def test_the_installed_command_follows_the_locale_of_its_process(tmp_path: Path) -> None:
    path = tmp_path / "module.md"
    path.write_text(UNDECLARED.read_text(encoding="utf-8"), encoding="utf-8")
    french = subprocess.run(
        [sys.executable, "-m", "ehealth_content", "check", str(path)],
        capture_output=True,
        text=True,
        env={"LANG": "fr_FR.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )
    assert french.returncode == 1
    assert "inconnue pour une question" in french.stdout
    assert "Traceback" not in french.stderr


EVERY_TYPE = Path(__file__).parents[1] / "authoring" / "fixtures" / "every-type.md"


def test_export_notes_and_compat_findings_follow_the_module(tmp_path: Path) -> None:
    assert "\nlang: fr\n" in EVERY_TYPE.read_text(encoding="utf-8")
    export = CliRunner().invoke(cli, ["export", "gift", str(EVERY_TYPE), "--out", "-"])
    assert export.exit_code == 0, export.output
    assert "warning: every-type/likert-skip: les questions likert sont laissées de côté" in export.stderr
    assert "question(s) de 1 module(s) exportée(s)" in export.stderr
    new = tmp_path / "every-type.md"
    new.write_text(EVERY_TYPE.read_text(encoding="utf-8").replace("id: every-type", "id: renamed", 1), "utf-8")
    compat = CliRunner().invoke(cli, ["compat", str(EVERY_TYPE), str(new)])
    assert compat.exit_code == 1
    assert "l'id du module passe de «\u00a0every-type\u00a0»" in compat.stdout
    assert "la nouvelle version casse l'état enregistré" in compat.stderr
    data = json.loads(CliRunner().invoke(cli, ["compat", "--format", "json", str(EVERY_TYPE), str(new)]).stdout)
    assert data[0]["code"] == "C100" and data[0]["message"].startswith("l'id du module passe de")
    english = CliRunner().invoke(cli, ["compat", "--lang", "en", str(EVERY_TYPE), str(new)])
    assert "module id changed from 'every-type' to 'renamed'" in english.stdout
