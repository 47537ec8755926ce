"""`ehealth fmt`: canonical, idempotent, and the module means exactly what it meant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ehealth_content import load_text
from ehealth_content.cli import cli
from ehealth_content.fmt import format_module_text
from packager import render_index_html

ROOT = Path(__file__).parents[2]
CORPUS = sorted(
    [*ROOT.joinpath("modules").glob("*/module.md"), *ROOT.joinpath("tests", "fixtures").rglob("*.md")],
    key=str,
)


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def _meaning(text: str, path: Path) -> tuple[str | None, list[tuple[str, str, str]]]:
    """What learners and authors get: the built page, and the diagnostics without positions."""
    module, diagnostics = load_text(text, path)
    page = render_index_html(module, "web") if module is not None else None
    return page, sorted((d.code, d.severity, re.sub(r"\d+", "#", d.message)) for d in diagnostics)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fmt_is_idempotent_and_keeps_the_meaning(path: Path) -> None:
    text = _read(path)
    if text is None:
        pytest.skip("not UTF-8: the loader refuses it, and so does fmt")
    first = format_module_text(text, path)
    second = format_module_text(first.text, path)
    assert second.text == first.text
    assert not second.changed
    if first.refused:
        assert first.text == text and not first.changed
        return
    assert _meaning(first.text, path) == _meaning(text, path)


def test_the_curriculum_is_rewritten_not_just_left_alone() -> None:
    # Guards the test above against a fmt that changes nothing anywhere.
    path = ROOT / "modules" / "d1-donnees-de-sante" / "module.md"
    assert format_module_text(path.read_text(encoding="utf-8"), path).changed


MESSY = (
    "\ufeff---\r\n"
    "title: Module en désordre   \r\n"
    "# the id comes first in canonical form, and this comment moves with it\r\n"
    "id: desordre\r\n"
    "version: 1.0.0\r\n"
    "authors:\r\n"
    "- Alice\r\n"
    "- Bob\r\n"
    "---\r\n"
    "\r\n"
    "\r\n"
    "# Page   \r\n"
    "\r\n"
    "Une ligne avec un saut forcé  \r\n"
    "suite du paragraphe.\r\n"
    "\r\n"
    "\r\n"
    "\r\n"
    "```text\r\n"
    "code avec espaces   \r\n"
    "\r\n"
    "\r\n"
    "```\r\n"
    "\r\n"
    "```quiz\r\n"
    "prompt: Quelle réponse ?  \r\n"
    "explanation: Parce que.\r\n"
    "choices:\r\n"
    '- "[x] oui"\r\n'
    '- "[ ] non"\r\n'
    "type: single\r\n"
    "id: q1   # keep me\r\n"
    "```\r\n"
    "\r\n"
    "\r\n"
)

CANONICAL = (
    "---\n"
    "# the id comes first in canonical form, and this comment moves with it\n"
    "id: desordre\n"
    "title: Module en désordre\n"
    "version: 1.0.0\n"
    "authors:\n"
    "  - Alice\n"
    "  - Bob\n"
    "---\n"
    "\n"
    "# Page\n"
    "\n"
    "Une ligne avec un saut forcé  \n"
    "suite du paragraphe.\n"
    "\n"
    "```text\n"
    "code avec espaces   \n"
    "\n"
    "\n"
    "```\n"
    "\n"
    "```quiz\n"
    "id: q1   # keep me\n"
    "type: single\n"
    "prompt: Quelle réponse ?\n"
    "choices:\n"
    '  - "[x] oui"\n'
    '  - "[ ] non"\n'
    "explanation: Parce que.\n"
    "```\n"
)


def test_a_messy_module_comes_out_canonical(tmp_path: Path) -> None:
    result = format_module_text(MESSY, tmp_path / "module.md")
    assert result.text == CANONICAL
    assert format_module_text(CANONICAL, tmp_path / "module.md").changed is False


def test_a_rule_that_would_change_the_meaning_is_not_applied(tmp_path: Path) -> None:
    # Moving `feedback` above `explanation` would put the alias before its anchor.
    text = (
        "---\nid: m\ntitle: T\nversion: 1.0.0\n---\n\n# P\n\n```quiz\nid: q\ntype: truefalse\n"
        "prompt: Vrai ?\nanswer: true\nexplanation: &why Parce que.\nfeedback:\n  incorrect: *why\n```\n"
    )
    assert load_text(text, tmp_path / "m.md")[0] is not None
    result = format_module_text(text, tmp_path / "m.md")
    assert result.text == text and not result.changed


def test_a_file_with_errors_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "module.md"
    broken = "---\nversion: 1.0.0\ntitle: T\n---\n\n\n\n# P\n"
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(cli, ["fmt", str(path)])
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == broken
    assert re.search(rf"^{re.escape(str(path))}:\d+:\d+: error E105: ", result.stderr, re.M)
    assert "not rewritten: fix the errors first" in result.stderr


def test_check_exits_1_when_a_file_would_change_and_fmt_rewrites_it(tmp_path: Path) -> None:
    path = tmp_path / "module.md"
    path.write_bytes(MESSY.encode("utf-8"))
    path.chmod(0o640)
    checked = CliRunner().invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert checked.exit_code == 1 and checked.stdout == f"would rewrite {path}\n"
    assert path.read_bytes() == MESSY.encode("utf-8")
    rewritten = CliRunner().invoke(cli, ["fmt", str(tmp_path)])
    assert rewritten.exit_code == 0 and rewritten.stdout == f"rewrote {path}\n"
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["module.md"]  # no temporary file left
    again = CliRunner().invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert again.exit_code == 0 and again.stdout == ""
