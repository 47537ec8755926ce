"""``ehealth new``, ``export`` and ``compat`` through click's CliRunner: exit codes, output, no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import load_module
from ehealth_content.cli_authoring import export_command, new_command
from packager.cli_compat import compat_command

from .gift_reader import read_gift

HERE = Path(__file__).parent
EVERY_TYPE = HERE / "fixtures" / "every-type.md"
MODULES = HERE.parents[1] / "modules"


# ----- new ----------------------------------------------------------------------------------


def test_cli_creates_the_module(tmp_path: Path) -> None:
    result = CliRunner().invoke(new_command, ["demo", "--dir", str(tmp_path / "mods"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    path = tmp_path / "mods" / "demo" / "module.md"
    assert result.stdout.strip() == str(path)
    module, diagnostics = load_module(path)
    assert module is not None and module.lang == "en"
    assert {d.code for d in diagnostics} == {"W002"}, "only the template's placeholders to replace"


def test_cli_invalid_name_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(new_command, ["Not_A_Slug", "--dir", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert "'Not_A_Slug' is not a valid module id" in result.stderr
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_cli_existing_folder_exits_1(tmp_path: Path) -> None:
    (tmp_path / "demo").mkdir()
    result = CliRunner().invoke(new_command, ["demo", "--dir", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'demo'} already exists: choose another name or folder\n"


def test_new_speaks_the_language_of_the_module_it_creates(tmp_path: Path) -> None:
    # A French module (the default) is written by a French author: its messages are French.
    (tmp_path / "demo").mkdir()
    result = CliRunner().invoke(new_command, ["demo", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'demo'} existe déjà\u00a0: choisissez un autre nom ou dossier\n"
    created = CliRunner().invoke(new_command, ["autre", "--dir", str(tmp_path)])
    assert created.exit_code == 0, created.output
    assert "créé\u00a0: modifiez-le, puis lancez «\u00a0ehealth check" in created.stderr


def test_cli_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(new_command, ["demo", "--dir", str(tmp_path), "--lang", "de"])
    assert result.exit_code == 2


# ----- export -------------------------------------------------------------------------------


def test_export_moodle_xml_writes_the_file_and_lists_what_was_left_out(tmp_path: Path) -> None:
    out = tmp_path / "bank.xml"
    result = CliRunner().invoke(export_command, ["moodle-xml", str(EVERY_TYPE), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{EVERY_TYPE}:124:1: warning: every-type/likert-skip: likert questions are left out: "
        "a Moodle quiz has no survey item",
        f"12 question(s) from 1 module(s) exported to {out}",
    ]
    root = etree.parse(str(out)).getroot()
    assert len(root.findall("question[@type='category']")) == 3
    assert len(root.findall("question")) == 3 + 12
    assert [p.name for p in tmp_path.iterdir()] == ["bank.xml"], "no temporary file left behind"


def test_export_gift_of_every_module_folder(tmp_path: Path) -> None:
    out = tmp_path / "bank.gift.txt"
    result = CliRunner().invoke(export_command, ["gift", str(MODULES), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    questions = read_gift(out.read_text(encoding="utf-8"))
    assert f"{len(questions)} question(s) from 5 module(s) exported to {out}" in result.stderr


def test_export_to_standard_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(export_command, ["gift", str(EVERY_TYPE), "--out", "-", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("// Moodle GIFT question bank")
    assert "12 question(s) from 1 module(s) exported\n" in result.stderr


def test_export_refuses_sources_with_errors_and_writes_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\nid: x\ntitle: X\nversion: 1\n---\n\n# P\n", encoding="utf-8")
    out = tmp_path / "bank.xml"
    result = CliRunner().invoke(export_command, ["moodle-xml", str(broken), "--out", str(out)])
    assert result.exit_code == 1
    assert "error E106" in result.stderr
    assert result.stderr.endswith("Error: 1 error(s) in the sources: fix them first (ehealth check)\n")
    assert not out.exists()


def test_export_unwritable_target_is_a_clean_error(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "bank.xml"
    result = CliRunner().invoke(export_command, ["moodle-xml", str(EVERY_TYPE), "--out", str(out)])
    assert result.exit_code == 1
    assert f"Error: cannot write {out}" in result.stderr
    assert "Traceback" not in result.output


def test_export_usage_errors_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(export_command, ["pdf", str(EVERY_TYPE), "--out", str(tmp_path / "x")]).exit_code == 2
    assert runner.invoke(export_command, ["gift", str(EVERY_TYPE)]).exit_code == 2
    assert runner.invoke(export_command, ["gift", str(tmp_path / "nope.md"), "--out", "-"]).exit_code == 2


def test_export_folder_without_modules_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(export_command, ["gift", str(tmp_path), "--out", "-"])
    assert result.exit_code == 1
    assert "no module found" in result.stderr


# ----- compat -------------------------------------------------------------------------------


def _copy(tmp_path: Path, name: str, edit: tuple[str, str] | None = None) -> Path:
    target = tmp_path / name / "every-type.md"
    target.parent.mkdir()
    text = EVERY_TYPE.read_text(encoding="utf-8")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    target.write_text(text, encoding="utf-8")
    return target


def test_compat_same_module_exits_0(tmp_path: Path) -> None:
    result = CliRunner().invoke(compat_command, [str(EVERY_TYPE), str(_copy(tmp_path, "new")), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "0 error(s), 0 warning(s): the new version keeps saved learner state\n"


def test_compat_reordered_items_exit_1(tmp_path: Path) -> None:
    new = _copy(tmp_path, "new", ("items: [Un, Deux, Trois]", "items: [Deux, Un, Trois]"))
    result = CliRunner().invoke(compat_command, [str(EVERY_TYPE), str(new), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stdout == (
        "error C211: every-type: question 'order-three': items reordered: "
        "saved answers are kept by position and would be misread\n"
    )
    assert "1 error(s), 0 warning(s): the new version breaks saved learner state" in result.stderr


def test_compat_warnings_alone_exit_0_and_json(tmp_path: Path) -> None:
    new = _copy(tmp_path, "new", ("answer: false\n", "answer: true\n"))
    result = CliRunner().invoke(compat_command, [str(EVERY_TYPE), str(new), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "severity": "warning",
            "code": "C213",
            "module_id": "every-type",
            "question_id": "tf-false",
            "page_id": None,
            "message": "question 'tf-false': the right answer changed: saved answers will be scored against the new one",
            "at": None,
        }
    ]


def test_compat_folders_are_matched_by_module_id(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(MODULES, old)
    shutil.copytree(MODULES, new)
    shutil.rmtree(new / "d5-telesante")
    _copy(new, "extra")
    result = CliRunner().invoke(compat_command, [str(old), str(new), "--lang", "en"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "error C101: d5-telesante: module missing from NEW (matched by id): learners' state for it would be orphaned",
        "info C102: every-type: module added in NEW",
    ]


def test_compat_sources_with_errors_exit_1(tmp_path: Path) -> None:
    new = _copy(tmp_path, "new", ("version: 1.2.0", "version: 2"))
    result = CliRunner().invoke(compat_command, [str(EVERY_TYPE), str(new), "--lang", "en"])
    assert result.exit_code == 1
    assert "Error: 1 error(s) in NEW: fix them first" in result.stderr
    assert "Traceback" not in result.output


def test_compat_scaffolded_module_against_itself(tmp_path: Path) -> None:
    # The scaffold's module and its copy: the path a designer takes before a first upload.
    path = Path(CliRunner().invoke(new_command, ["demo", "--dir", str(tmp_path)]).stdout.strip())
    assert load_module(path)[0] is not None
    result = CliRunner().invoke(compat_command, [str(path), str(path.parent), "--lang", "en"])
    assert result.exit_code == 0, result.output


def test_compat_points_at_a_question_added_before_answered_case_steps() -> None:
    folder = HERE / "fixtures" / "compat" / "case-question-added"
    result = CliRunner().invoke(compat_command, [str(folder / "old.md"), str(folder / "new.md"), "--lang", "fr"])
    assert result.exit_code == 0, "a warning: no saved answer is lost"
    assert result.stdout.splitlines() == [
        f"{folder / 'new.md'}:22:1: warning C203: cas: question «\u00a0pouls\u00a0» ajoutée à l'étape 1 du cas "
        "«\u00a0chute\u00a0», avant des étapes auxquelles des apprenants ont pu répondre\u00a0: à la reprise, "
        "ils y répondent en voyant encore ces étapes et leurs réponses, et les étapes qu'ils n'ont pas atteintes "
        "attendent qu'elle soit terminée\u202f; une tentative terminée rouverte en relecture la montre non répondue",
        f"{folder / 'new.md'}:51:1: info C202: cas: question «\u00a0coordination\u00a0» ajoutée",
    ]
