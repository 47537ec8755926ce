"""The institution's theme: logo, accent colour and font stack, set once in ``ehealth.toml``.

``ehealth.toml`` sits in the module folder or in the folder that holds the modules (the first
found wins); its ``[theme]`` table has ``logo`` (a file path relative to the TOML file),
``accent`` and optionally ``accent_dark`` (``#rrggbb``), and ``font`` (a stack of installed font
names: nothing is downloaded). The accent is checked at build time against the player's
backgrounds in both colour schemes (WCAG 2.1 AA: 4.5:1 for text); without ``accent_dark`` the
dark scheme uses the accent lightened just enough.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ehealth_content import Diagnostic
from ehealth_content.diagnostics import diagnostic
from ehealth_content.i18n import Message, t

from .errors import ThemeError

__all__ = [
    "BACKGROUNDS",
    "THEME_FILE",
    "Theme",
    "ThemeError",
    "contrast_ratio",
    "find_theme_file",
    "lighten_until",
    "load_theme",
]

THEME_FILE = "ehealth.toml"
MIN_TEXT_CONTRAST = 4.5
# The backgrounds the accent is read on (page and tinted boxes), per scheme: ehealth.css.
BACKGROUNDS = {"light": ("#ffffff", "#f3f5f8"), "dark": ("#15181d", "#1f242c")}
_HEX = re.compile(r"#[0-9a-fA-F]{6}")
# Family names and generic families only: no url(), no semicolon, nothing that ends the rule.
_FONT_STACK = re.compile(r"""[\w \-"',.]{1,200}""")
_LOGO_TYPES = {".png": "png", ".svg": "svg", ".jpg": "jpg", ".jpeg": "jpg", ".webp": "webp"}
_MAX_LOGO_BYTES = 200_000


@dataclass(frozen=True, slots=True)
class Theme:
    accent: str | None = None
    accent_dark: str | None = None
    font: str | None = None
    logo_source: Path | None = None

    @property
    def logo(self) -> str | None:
        """The logo's name inside the package."""
        if self.logo_source is None:
            return None
        return "theme/logo." + _LOGO_TYPES[self.logo_source.suffix.lower()]

    @property
    def css(self) -> str:
        """Custom properties over ehealth.css's defaults; only validated values go in."""
        light = []
        if self.accent:
            light.append(f"--accent:{self.accent}")
        if self.font:
            light.append(f"--font:{self.font}")
        rules = [":root{" + ";".join(light) + "}"] if light else []
        if self.accent_dark:
            rules.append("@media (prefers-color-scheme:dark){:root{--accent:" + self.accent_dark + "}}")
        return "".join(rules)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _worst(colour: str, scheme: str) -> float:
    return min(contrast_ratio(colour, background) for background in BACKGROUNDS[scheme])


def lighten_until(colour: str, scheme: str = "dark", ratio: float = MIN_TEXT_CONTRAST) -> str:
    """``colour`` mixed with white in small steps until it reads on ``scheme``'s backgrounds."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(21):
        t = step / 20
        mixed = "#" + "".join(f"{round(c + (255 - c) * t):02x}" for c in (r, g, b))
        if _worst(mixed, scheme) >= ratio:
            return mixed
    return "#ffffff"


def find_theme_file(module_dir: Path) -> Path | None:
    for folder in (module_dir, module_dir.parent):
        candidate = folder / THEME_FILE
        if candidate.is_file():
            return candidate
    return None


def _position(lines: list[str], key: str) -> tuple[int, int]:
    """Line and column of ``key = …`` in the file (tomllib gives no positions)."""
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*=")
    for number, line in enumerate(lines, start=1):
        match = pattern.match(line)
        if match:
            return number, len(match.group(1)) + 1
    return 1, 1


def load_theme(module_dir: Path) -> Theme:
    """The theme for a module in ``module_dir``: the default one when no file sets any."""
    path = find_theme_file(module_dir)
    if path is None:
        return Theme()
    try:
        text = path.read_text(encoding="utf-8")
        table = tomllib.loads(text).get("theme", {})
    except (OSError, UnicodeDecodeError) as exc:
        message = t("cannot read {file}: {problem}", file=THEME_FILE, problem=str(exc))
        raise ThemeError([diagnostic("P106", "error", message, str(path), 1, 1)]) from exc
    except tomllib.TOMLDecodeError as exc:
        line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
        raise ThemeError(
            [diagnostic("P106", "error", t("{file} is not valid TOML", file=THEME_FILE), str(path), line, column)]
        ) from exc
    lines = text.splitlines()
    problems: list[Diagnostic] = []

    def problem(key: str, message: Message, hint: Message | None = None) -> None:
        line, column = _position(lines, key)
        problems.append(diagnostic("P106", "error", message, str(path), line, column, hint=hint))

    if not isinstance(table, dict):
        problem("theme", t("[theme] must be a table"))
        raise ThemeError(problems)
    colours: dict[str, str | None] = {}
    for key, scheme in (("accent", "light"), ("accent_dark", "dark")):
        value = table.get(key)
        colours[key] = None
        if value is None:
            continue
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            problem(
                key, t("theme.{key} must be a colour written #rrggbb, not '{value}'", key=key, value=str(value)[:40])
            )
            continue
        ratio = _worst(value, scheme)
        if ratio < MIN_TEXT_CONTRAST:
            suggestion = lighten_until(value, scheme) if scheme == "dark" else _darken_until(value)
            problem(
                key,
                t(
                    "theme.{key} {value} has a contrast of {ratio}:1 on the backgrounds of the {scheme} scheme, "
                    "below the {least}:1 that text needs (WCAG 2.1 AA)",
                    key=key,
                    value=value,
                    ratio=round(ratio, 2),
                    scheme=t("light") if scheme == "light" else t("dark"),
                    least=MIN_TEXT_CONTRAST,
                ),
                hint=t("try {colour}", colour=suggestion),
            )
            continue
        colours[key] = value.lower()
    font = table.get("font")
    if font is not None and (not isinstance(font, str) or not _FONT_STACK.fullmatch(font)):
        problem("font", t('theme.font must be a list of installed font names, such as "Marianne, Arial, sans-serif"'))
        font = None
    logo = table.get("logo")
    logo_source: Path | None = None
    if logo is not None:
        logo_source = _logo(path, logo, lambda message: problem("logo", message))
    if problems:
        raise ThemeError(problems)
    accent_dark = colours["accent_dark"]
    if accent_dark is None and colours["accent"] is not None:
        accent_dark = lighten_until(colours["accent"])
    return Theme(accent=colours["accent"], accent_dark=accent_dark, font=font, logo_source=logo_source)


def _darken_until(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(21):
        t = 1 - step / 20
        mixed = "#" + "".join(f"{round(c * t):02x}" for c in (r, g, b))
        if _worst(mixed, "light") >= MIN_TEXT_CONTRAST:
            return mixed
    return "#000000"


def _logo(toml_path: Path, logo: object, say: Callable[[Message], None]) -> Path | None:
    if not isinstance(logo, str) or not logo.strip():
        say(t("theme.logo must be the path of an image file, relative to ehealth.toml"))
        return None
    source = (toml_path.parent / logo).resolve()
    if source.suffix.lower() not in _LOGO_TYPES:
        say(t("theme.logo '{logo}' must be a PNG, SVG, JPEG or WebP image", logo=logo))
        return None
    if not source.is_relative_to(toml_path.parent.resolve()):
        say(t("theme.logo '{logo}' is outside the folder of ehealth.toml", logo=logo))
        return None
    if not source.is_file():
        say(t("theme.logo '{logo}': no such file next to ehealth.toml", logo=logo))
        return None
    if source.stat().st_size > _MAX_LOGO_BYTES:
        say(
            t(
                "theme.logo '{logo}' is larger than {size} kB: learners download it on every page",
                logo=logo,
                size=_MAX_LOGO_BYTES // 1000,
            )
        )
        return None
    return source
