"""The style sheet packages ship (minified, packager/minify.py) is, as Chromium reads it, the
commented source: the same rules, selectors, values and at-rules, in the same order."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from packager.build import RUNTIME_DIR
from packager.minify import minified

from .conftest import Guard

pytestmark = pytest.mark.browser

# Every rule as the CSSOM serialises it: comments and layout whitespace are gone there.
RULES = """text => {
  const style = document.createElement("style");
  style.textContent = text;
  document.head.append(style);
  const rules = Array.from(style.sheet.cssRules, rule => rule.cssText);
  style.remove();
  return rules;
}"""
# Chromium keeps custom property values (and var() fallbacks) as written, where the minifier
# drops the space after a comma, which means nothing there; inside a string it would.
_AFTER_COMMA = re.compile(r'("(?:[^"\\]|\\.)*")|,\s+')


def _read(page: Page, css: bytes) -> list[str]:
    rules: list[str] = page.evaluate(RULES, css.decode("utf-8"))
    return [_AFTER_COMMA.sub(lambda m: m.group(1) or ",", rule) for rule in rules]


def test_the_shipped_style_sheet_reads_as_its_source(guarded: tuple[Page, Guard]) -> None:
    page, _ = guarded
    page.set_content("<!doctype html><title>css</title>")
    source = (RUNTIME_DIR / "ehealth.css").read_bytes()
    shipped = minified("runtime/ehealth.css", source)
    assert shipped != source
    rules = _read(page, source)
    assert len(rules) > 100, "the source was read"
    assert _read(page, shipped) == rules
