"""The player's style sheet says "seen by screen readers only" once, under one class name, and
everything that writes such markup (runtime, templates, Python) uses that name."""

from __future__ import annotations

import re
from pathlib import Path

from packager.build import RUNTIME_DIR

REPO = Path(__file__).resolve().parents[2]
HIDDEN = "visually-hidden"
# Another name a screen-reader-only rule commonly goes by (Bootstrap's).
OTHER_NAMES = ("sr-only",)
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _top_level_rules(css: str) -> list[tuple[str, str]]:
    """(selector, declarations) of the rules outside any at-rule: those apply everywhere."""
    text = _COMMENT.sub("", css)
    rules: list[tuple[str, str]] = []
    depth = 0
    head = 0  # where the current top-level selector or at-rule prelude starts
    opened = 0
    for index, char in enumerate(text):
        if char == "{":
            if depth == 0:
                opened = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                prelude = text[head:opened].strip()
                if not prelude.startswith("@"):
                    rules.append((prelude, text[opened + 1 : index]))
                head = index + 1
    return rules


def _selectors(prelude: str) -> set[str]:
    return {part.strip() for part in prelude.split(",")}


def test_one_rule_hides_text_from_the_eye_only() -> None:
    rules = _top_level_rules((RUNTIME_DIR / "ehealth.css").read_text(encoding="utf-8"))
    assert len(rules) > 100, "the style sheet was read"
    hiders = [prelude for prelude, body in rules if "clip: rect(0 0 0 0)" in body]
    assert len(hiders) == 1, hiders
    # The page menu's "(seen)"/"(done)" words are spoken, not shown, by the same rule.
    assert _selectors(hiders[0]) == {f".{HIDDEN}", ".page-mark"}


def test_markup_writers_use_that_one_name() -> None:
    writers = [
        *RUNTIME_DIR.glob("*.js"),
        *(REPO / "packager" / "templates").glob("*.j2"),
        *(REPO / "packager").rglob("*.py"),
        *(REPO / "ehealth_content").rglob("*.py"),
        *(REPO / "xapi").rglob("*.py"),
    ]
    assert len(writers) > 20
    stray = [
        f"{path.relative_to(REPO)}: {name}"
        for path in writers
        for name in OTHER_NAMES
        if name in path.read_text(encoding="utf-8")
    ]
    assert stray == []
    assert f'"{HIDDEN}"' in (RUNTIME_DIR / "ehealth.js").read_text(encoding="utf-8")
    css = (RUNTIME_DIR / "ehealth.css").read_text(encoding="utf-8")
    assert [name for name in OTHER_NAMES if name in css] == []
