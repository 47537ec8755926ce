"""An institution's theme (``ehealth.toml``'s ``[theme]``): read once, checked for contrast at
build time, and carried into every package without any outside request."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import packager
from ehealth_content import check
from packager.cli import build_command
from packager.theme import BACKGROUNDS, Theme, ThemeError, contrast_ratio, lighten_until, load_theme

from .conftest import SMALL

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def _module_with(tmp_path: Path, toml: str | None, *, beside_modules: bool = False) -> Path:
    folder = tmp_path / "modules" / "petit"
    shutil.copytree(SMALL.parent, folder, ignore=shutil.ignore_patterns("golden"))
    if toml is not None:
        (folder.parent if beside_modules else folder).joinpath("ehealth.toml").write_text(toml, encoding="utf-8")
    (folder.parent / "logo.svg").write_text(LOGO, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "a, b, ratio",
    [("#000000", "#ffffff", 21.0), ("#767676", "#ffffff", 4.54), ("#ffffff", "#ffffff", 1.0)],
)
def test_contrast_ratio(a: str, b: str, ratio: float) -> None:
    assert contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)


def test_no_file_is_the_players_own_look(tmp_path: Path) -> None:
    assert load_theme(_module_with(tmp_path, None)) == Theme()
    assert Theme().css == ""


def test_a_theme_beside_the_modules_applies_with_a_readable_dark_accent(tmp_path: Path) -> None:
    toml = '[theme]\nlogo = "logo.svg"\naccent = "#6A1B9A"\nfont = "Marianne, Arial, sans-serif"\n'
    theme = load_theme(_module_with(tmp_path, toml, beside_modules=True))
    assert theme.accent == "#6a1b9a" and theme.font == "Marianne, Arial, sans-serif"
    assert theme.accent_dark is not None
    assert all(contrast_ratio(theme.accent_dark, bg) >= 4.5 for bg in BACKGROUNDS["dark"])
    assert "--accent:#6a1b9a" in theme.css and f"--accent:{theme.accent_dark}" in theme.css
    assert theme.logo == "theme/logo.svg"


def test_the_package_carries_the_logo_and_the_style(tmp_path: Path) -> None:
    toml = '[theme]\nlogo = "../logo.svg"\naccent = "#6a1b9a"\nfont = "Georgia, \'Times New Roman\', serif"\n'
    folder = _module_with(tmp_path, toml)
    with pytest.raises(ThemeError):  # ../ leaves the folder of ehealth.toml
        load_theme(folder)
    (folder / "ehealth.toml").write_text(toml.replace("../logo.svg", "logo.svg"), encoding="utf-8")
    shutil.copy(folder.parent / "logo.svg", folder / "logo.svg")
    result = packager.build_package(check(folder / "module.md"), "scorm12", tmp_path / "dist")
    with zipfile.ZipFile(result.path) as archive:
        html = archive.read("index.html").decode("utf-8")
        assert archive.read("theme/logo.svg").decode("utf-8") == LOGO
    assert '<img class="logo" src="theme/logo.svg" alt="">' in html
    assert "--font:Georgia, 'Times New Roman', serif" in html, "the stack reaches the page unescaped"


@pytest.mark.parametrize(
    "line, message",
    [
        ('accent = "#7fb2ea"', "contrast of"),
        ('accent_dark = "#0b5cad"', "dark scheme"),
        ('accent = "blue"', "#rrggbb"),
        ('font = "x;}</style><script>"', "installed font names"),
        ('logo = "absent.png"', "no such file"),
        ('logo = "module.md"', "PNG, SVG"),
    ],
)
def test_a_bad_theme_is_a_diagnostic_at_its_line(tmp_path: Path, line: str, message: str) -> None:
    folder = _module_with(tmp_path, f"# the institution's look\n[theme]\n{line}\n")
    with pytest.raises(ThemeError) as caught:
        load_theme(folder)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("P106", 3, 1)
    assert diagnostic.file == str(folder / "ehealth.toml") and message in diagnostic.message


def test_the_cli_reports_it_and_exits_1(tmp_path: Path) -> None:
    folder = _module_with(tmp_path, '[theme]\naccent = "#cccccc"\n')
    result = CliRunner().invoke(build_command, [str(folder), "--out", str(tmp_path / "dist"), "--lang", "en"])
    assert result.exit_code == 1
    assert f"{folder / 'ehealth.toml'}:2:1: error P106: theme.accent #cccccc has a contrast of" in result.output
    assert "Traceback" not in result.output and "internal error" not in result.output


def test_broken_toml_is_a_diagnostic(tmp_path: Path) -> None:
    with pytest.raises(ThemeError) as caught:
        load_theme(_module_with(tmp_path, "[theme\naccent = 1\n"))
    assert caught.value.diagnostics[0].line == 1


def test_lighten_until_reaches_the_ratio() -> None:
    light = lighten_until("#0b5cad")
    assert min(contrast_ratio(light, bg) for bg in BACKGROUNDS["dark"]) >= 4.5
