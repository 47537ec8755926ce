"""No script an author slips into a module runs in the learner's browser.

The hostile corpus's modules that build (tests/fixtures/hostile: ``allowed``, with every
attack the sanitiser must defang and the media a package may carry, and
``raw-html-script-urls``, and text that looks like markup everywhere a module puts text) are built
for the web and SCORM 1.2 targets and opened in Chromium.
Each attack, if it ran, would set ``top.__pwned`` or request ``/__pwned``; a sentinel set up
in every document before its own scripts reports both. Every local link is clicked, every page
and question shown; the sentinel must stay silent. A canary page proves the sentinel hears a
script that does run.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

from ehealth_content import load_module
from ehealth_content.urls import classify_url

from .conftest import REPO, Guard
from .static_server import serve

pytestmark = pytest.mark.browser

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
MODULES = ("allowed", "raw-html-script-urls", "text-that-looks-like-markup")
TARGETS = ("web", "scorm12")
# Runs first in every document: a script setting top.__pwned, or asking for /__pwned, is heard.
SENTINEL = """
(() => {
  try {
    Object.defineProperty(window, '__pwned', {
      configurable: false,
      get() { return undefined; },
      set(value) { window.__pwnedHit && window.__pwnedHit(String(location.href)); },
    });
  } catch (e) {}
})();
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import packager

    root = tmp_path_factory.mktemp("hostile-site")
    work = tmp_path_factory.mktemp("hostile-builds")
    for name in MODULES:
        module, diagnostics = load_module(HOSTILE / f"{name}.md")
        assert module is not None, diagnostics
        for target in TARGETS:
            result = packager.build_package(module, target, work / f"{name}-{target}")
            dest = root / name / target
            if result.path.is_dir():
                shutil.copytree(result.path, dest)
            else:
                with zipfile.ZipFile(result.path) as archive:
                    archive.extractall(dest)
    (root / "canary.html").write_text(
        "<!doctype html><title>canary</title><script>top.__pwned = 1;</script>", encoding="utf-8"
    )
    with serve(root) as base_url:
        yield base_url


class Sentinel:
    def __init__(self, context: BrowserContext) -> None:
        self.hits: list[str] = []
        context.expose_binding("__pwnedHit", lambda source, where: self.hits.append(f"top.__pwned set in {where}"))
        context.add_init_script(SENTINEL)
        context.on(
            "request", lambda request: self.hits.append(f"request {request.url}") if "__pwned" in request.url else None
        )


def _sentinel(page: Page) -> Sentinel:
    return Sentinel(page.context)


def test_the_sentinel_hears_a_script_that_runs(guarded: tuple[Page, Guard], hostile_site: str) -> None:
    page, _ = guarded
    sentinel = _sentinel(page)
    page.goto(hostile_site + "canary.html")
    page.wait_for_load_state("load")
    assert sentinel.hits and "canary.html" in sentinel.hits[0]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name", MODULES)
def test_no_authored_script_runs(guarded: tuple[Page, Guard], hostile_site: str, name: str, target: str) -> None:
    page, _ = guarded
    sentinel = _sentinel(page)
    index = f"{hostile_site}{name}/{target}/index.html"
    page.goto(index)
    page.wait_for_selector("main.ehealth-running", state="attached")
    page_ids = page.eval_on_selector_all("section[data-page-id]", "s => s.map(e => e.dataset.pageId)")
    clicked = 0
    for number, page_id in enumerate(page_ids):
        if number:
            page.goto(index)
            page.wait_for_selector("main.ehealth-running", state="attached")
            for _ in range(number):
                page.locator('button[data-nav="next"]').click()
        section = page.locator(f'section[data-page-id="{page_id}"]')
        section.wait_for(state="visible")
        links = section.locator("a")
        for i in range(links.count()):
            link = links.nth(i)
            href = link.get_attribute("href")
            target_attribute = link.get_attribute("target")
            assert target_attribute in (None, "_blank"), target_attribute
            if href is not None:
                assert classify_url(href) in ("local", "fragment", "remote"), href
            if href is None or classify_url(href) == "remote" or not link.is_visible():
                # No href: defanged, a click does nothing (clicked all the same). Remote links
                # are the learner's choice and would leave this machine.
                if href is None and link.is_visible():
                    link.click()
                continue
            link.hover()
            if target_attribute == "_blank":
                with page.context.expect_page() as opened:
                    link.click()
                opened.value.wait_for_load_state("load")
                opened.value.close()
            else:
                link.click()
                page.wait_for_load_state("load")
                page.go_back()
                page.wait_for_selector("main.ehealth-running", state="attached")
                for _ in range(number):
                    page.locator('button[data-nav="next"]').click()
            clicked += 1
        # Hover and press what a learner could: defanged handlers stay silent.
        for selector in ("summary", "button:not([data-nav])", "img", "div", "b"):
            elements = section.locator(selector)
            for i in range(elements.count()):
                if elements.nth(i).is_visible():
                    elements.nth(i).hover()
    assert sentinel.hits == []
    if name == "allowed":
        assert clicked >= 4, "the local links to allowed media were not all followed"
    assert page.evaluate("window.__pwned") is None


URL_CASES = [
    "media/schema.png",
    "#suite",
    "https://x.example/a.png",
    "HTTPS://x.example/a.png",
    "ht\ttps://x.example/a.png",
    "h\nttp://x.example/a.png",
    "  \x01https://x.example/a.png\x00 ",
    "//x.example/a.png",
    "\\\\x.example/a.png",
    "/\\x.example/a.png",
    "\\/x.example/a.png",
    "https:\\\\x.example\\a.png",
    "%68ttps://x.example/a.png",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x1bjavascript:alert(1)",
    "data:text/html,x",
    "DATA:image/svg+xml,x",
    "file:///etc/passwd",
    "mailto:a@example.org",
    "http:x.example/a.png",
    "https:x.example/a.png",
]


def test_urls_are_classified_as_chromium_parses_them(guarded: tuple[Page, Guard]) -> None:
    page, _ = guarded
    base = "http://127.0.0.1:9/pkg/index.html"
    parsed = page.evaluate(
        "([urls, base]) => urls.map(u => { const x = new URL(u, base); return [x.protocol, x.host]; })",
        [URL_CASES, base],
    )
    for raw, (protocol, host) in zip(URL_CASES, parsed, strict=True):
        kind = classify_url(raw)
        if protocol in ("http:", "https:", "ftp:") and host != "127.0.0.1:9":
            assert kind == "remote", (raw, protocol, host, kind)
        elif protocol in ("http:", "https:"):
            # Same origin. Only "http:x" on an http page reads as a relative path; the check
            # calls any written scheme remote, since the package may be served over https.
            assert kind == ("remote" if raw.startswith("http:") else "local") or kind == "fragment", (raw, kind)
        else:
            assert (
                kind == {"javascript:": "script", "data:": "data", "file:": "file", "mailto:": "contact"}[protocol]
            ), (raw, protocol, kind)
