"""Issue 14, acceptance: every row of the table is a regression test with its expected diagnostic
(code, line, column, French text).

The rows are broken fixtures; each has ``NAME.expected`` (``LINE:COL CODE``, checked with every
other fixture by test_broken_sources.py) and ``NAME.expected.fr`` pinning the French message and
hint word for word (tests/support/expected.py). The rows the issue wants accepted as written
(colons, apostrophes, « guillemets », ``[x]`` in prose, ``astuce``, ``vrai-faux``) are
tests/fixtures/valid/french-typography.md, loaded without a diagnostic in test_french_prose.py.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ehealth_content import load_module
from ehealth_content.cli import cli
from tests.support.expected import read_expected, read_expected_french

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken"
TODAY = datetime.date(2026, 11, 29)
# The table of issue 14, row by row: the fixture that reproduces it.
TABLE_ROWS = {
    "a missing closing fence": "quiz-missing-fence-before-next",
    "a tab indent (quiz block)": "quiz-tab-indent",
    "a tab indent (front matter)": "front-matter-tab-indent",
    "both pool questions invalid": "pool-members-invalid",
    "`pools:` key not indented": "pools-not-indented",
    "a bad front matter declaring a pool": "front-matter-unreadable-pools",
    "`::: astuce`, `type: vrai-faux` mistyped": "unknown-french-words",
}
PINNED = sorted(p.name.removesuffix(".expected.fr") for p in BROKEN.glob("*.expected.fr"))
# French typography: a no-break space before : ; ? ! and inside « », never a plain one.
_PLAIN_SPACE = re.compile(r" [:;?!»]|« ")
# A value quoted 'like this' (the English templates' style) rather than « comme ceci »; an
# apostrophe always follows a letter (l'en-tête, n'est).
_ENGLISH_QUOTE = re.compile(r"(?<!\w)'")


def _french(name: str) -> list[tuple[int, int, str, str, str | None]]:
    _, diagnostics = load_module(BROKEN / f"{name}.md", today=TODAY)
    found = [d.in_language("fr") for d in diagnostics]
    return sorted(
        ((d.line, d.column, d.code, d.message, d.hint) for d in found), key=lambda e: (e[0], e[1], e[2], e[3])
    )


def test_every_row_of_the_table_has_its_french_pinned() -> None:
    assert sorted(set(TABLE_ROWS.values())) == sorted(set(TABLE_ROWS.values()) & set(PINNED))


@pytest.mark.parametrize("name", PINNED)
def test_the_french_text_is_the_one_pinned(name: str) -> None:
    assert _french(name) == read_expected_french(BROKEN / f"{name}.expected.fr")


@pytest.mark.parametrize("name", PINNED)
def test_the_french_pin_agrees_with_the_positions_pinned(name: str) -> None:
    pinned = read_expected_french(BROKEN / f"{name}.expected.fr")
    assert sorted((row, column, code) for row, column, code, _, _ in pinned) == read_expected(
        BROKEN / f"{name}.expected"
    )


@pytest.mark.parametrize("name", PINNED)
def test_the_pinned_french_follows_french_typography(name: str) -> None:
    # Checked on the file, not on the code's output, so a catalogue that lost its no-break spaces
    # cannot be pinned by regenerating the files.
    for row, column, code, message, hint in read_expected_french(BROKEN / f"{name}.expected.fr"):
        for text in (message, hint or ""):
            assert not _PLAIN_SPACE.search(text), f"{name} {row}:{column} {code}: {text!r}"
            assert not _ENGLISH_QUOTE.search(text), f"{name} {row}:{column} {code}: {text!r}"


def test_check_speaks_french_for_a_french_module_with_no_locale(tmp_path: Path) -> None:
    # The quiz-tab-indent row, in a module declaring `lang: fr`, checked with LANG unset.
    source = (BROKEN / "quiz-tab-indent.md").read_text(encoding="utf-8")
    module = tmp_path / "module.md"
    module.write_text(source.replace("version: 1.0.0\n", "version: 1.0.0\nlang: fr\n", 1), encoding="utf-8")
    environ = {"LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANGUAGE": None}
    result = CliRunner().invoke(cli, ["check", str(module)], env=environ)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{module}:17:1: error E401: bloc quiz\u00a0: cette ligne est décalée par une tabulation, alors que seuls"
        " des espaces peuvent décaler une ligne (remplacez la tabulation par des espaces, deux par niveau)"
    )
    english = CliRunner().invoke(cli, ["check", str(BROKEN / "quiz-tab-indent.md")], env=environ)
    assert "a tab indents this line" in english.output, "a module without `lang` stays English with no locale"


def test_check_folder_row_in_french(tmp_path: Path) -> None:
    # The `check folder/` row: a module without front matter gets E101, in French under a French locale.
    (tmp_path / "module.md").write_text("# Introduction\n\nTexte.\n", encoding="utf-8")
    environ = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
    result = CliRunner().invoke(cli, ["check", str(tmp_path)], env=environ)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{tmp_path / 'module.md'}:1:1: error E101: en-tête manquant\u00a0: un module commence par une ligne"
        " «\u00a0---\u00a0», les clés de l'en-tête, puis une ligne «\u00a0---\u00a0» (ajoutez id, title et version"
        " entre deux lignes «\u00a0---\u00a0» en haut du fichier)"
    )
