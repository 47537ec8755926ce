"""The player as a learner sees it, at 360 × 800 and 1280 × 900, light and dark, with and without an
institution's theme: every state passes axe-core (WCAG 2.1 A/AA) and keeps its layout (nothing
wider than the screen, the header stays on top, the drawer fits the phone).

The same states are the screenshots of ``docs/gallery/`` (see its README). They are rewritten
only with ``EHEALTH_UPDATE_GALLERY=1``, and then only when the pixels changed, so that a test
run never churns the repository.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page

import packager
from ehealth_content import check
from ehealth_content.question_types import TYPES

from .conftest import HERE, REPO, Guard, missing
from .driver import Sco, right_response, wrong_response
from .static_server import serve
from .test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.browser

GALLERY = REPO / "docs" / "gallery"
UPDATE = os.environ.get("EHEALTH_UPDATE_GALLERY") == "1"
MODULE_DIR = HERE / "fixtures" / "gallery"
# One page per registered question type, its id the type's name, and a page "case" (a dossier
# progressif): iterating the registry, a new type without its page and pictures fails here.
TYPES_DIR = HERE / "fixtures" / "gallery-types"
KINDS = [*TYPES, "case"]
VIEWPORTS = {"phone": {"width": 360, "height": 800}, "desktop": {"width": 1280, "height": 900}}
THEME_TOML = """[theme]
logo = "logo.svg"
accent = "#6a1b9a"
font = "Georgia, 'Times New Roman', serif"
"""
LOGO_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 32"><rect width="32" height="32" rx="8" fill="#6a1b9a"/>'
    '<path d="M10 16h12M16 10v12" stroke="#fff" stroke-width="4"/>'
    '<text x="40" y="22" font-family="sans-serif" font-size="16" fill="#6a1b9a">CHU</text></svg>'
)


@pytest.fixture(scope="module")
def gallery_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The gallery module built twice for the web target: as is, and under a theme."""
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    root = tmp_path_factory.mktemp("gallery-site")
    themed = tmp_path_factory.mktemp("themed") / "galerie"
    shutil.copytree(MODULE_DIR, themed)
    (themed / "ehealth.toml").write_text(THEME_TOML, encoding="utf-8")
    (themed / "logo.svg").write_text(LOGO_SVG, encoding="utf-8")
    for name, folder in (("plain", MODULE_DIR), ("themed", themed)):
        result = packager.build_package(check(folder / "module.md"), "web", root / "build" / name)
        shutil.move(result.path, root / name)
    with serve(root) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def types_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The module with a page per question type, built for the web target and served."""
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    root = tmp_path_factory.mktemp("types-site")
    result = packager.build_package(check(TYPES_DIR / "module.md"), "web", root / "build")
    shutil.move(result.path, root / "types")
    with serve(root) as base_url:
        yield base_url


def _open(page: Page, url: str, viewport: str, scheme: str) -> Sco:
    page.set_viewport_size(VIEWPORTS[viewport])
    page.emulate_media(color_scheme="dark" if scheme == "dark" else "light", reduced_motion="reduce")
    page.goto(url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def _layout_holds(page: Page, viewport: str) -> None:
    width = VIEWPORTS[viewport]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "nothing is wider than the screen"
    top = page.evaluate("document.querySelector('.module-header').getBoundingClientRect().top")
    assert top == 0, "the header stays at the top of the screen"


def _shoot(page: Page, name: str, part: Locator | None = None) -> None:
    """The screen, or only ``part`` of the page where that shows enough (a smaller picture)."""
    if not UPDATE:
        return
    GALLERY.mkdir(parents=True, exist_ok=True)
    path = GALLERY / f"{name}.png"
    png = _smaller(page.screenshot(animations="disabled", caret="hide") if part is None else _part(page, part))
    if not path.is_file() or path.read_bytes() != png:
        path.write_bytes(png)


def _part(page: Page, part: Locator) -> bytes:
    """``part`` with a margin around it, whole however tall, without the sticky header over it
    (a static header keeps its place in the flow, so nothing moves)."""
    style = page.add_style_tag(content=".module-header { position: static !important; }")
    try:
        box = part.evaluate(
            """e => { const r = e.getBoundingClientRect();
                      return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; }"""
        )
        pad = 8
        width = page.evaluate("document.documentElement.clientWidth")
        x = max(0, box["x"] - pad)
        clip = {
            "x": x,
            "y": max(0, box["y"] - pad),
            "width": min(width - x, box["width"] + 2 * pad),
            "height": box["height"] + 2 * pad,
        }
        return page.screenshot(full_page=True, clip=clip, animations="disabled", caret="hide")
    finally:
        style.evaluate("s => s.remove()")


def _smaller(png: bytes) -> bytes:
    """128 colours, no dithering: a third of the size and no visible change for flat UI (needs
    Pillow, optional: without it the gallery keeps Chromium's own PNG)."""
    try:
        from PIL import Image
    except ImportError:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, "PNG", optimize=True
    )
    return out.getvalue()


def _state(page: Page, viewport: str, name: str | None) -> None:
    """One state: no axe violation, layout intact, and its screenshot when asked for."""
    assert axe_violations(page) == []
    _layout_holds(page, viewport)
    if name:
        _shoot(page, name)


def _finish(page: Page, sco: Sco, right: bool) -> None:
    for page_id in sco.data["pages"]:
        while sco.current_page != page_id:
            sco.nav("next")
        for qid in sco.shown_on_page():
            q = sco.questions[qid]
            for _ in range(q["attempts"]):
                if not sco.form(qid).locator('button[type="submit"]').is_enabled():
                    break
                sco.answer(qid, right_response(q) if right else wrong_response(q))
        if sco.shown_on_page():
            assert axe_violations(page) == [], f"{page_id} with its feedback shown"
    sco.nav("finish")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ehealth-results'")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_state_meets_wcag_and_keeps_its_layout(
    guarded: tuple[Page, Guard], gallery_site: str, viewport: str, scheme: str
) -> None:
    page, _ = guarded
    prefix = f"{viewport}-" + ("" if scheme == "light" else "dark-")
    sco = _open(page, f"{gallery_site}plain/index.html", viewport, scheme)
    assert page.locator(".cover").is_visible()
    assert page.locator("[data-start]").inner_text() == "Commencer"
    _state(page, viewport, prefix + "cover" if scheme == "light" else None)
    # The module's sources, a disclosure at the bottom of the cover: open, still AA.
    sources = page.locator(".cover-sources")
    sources.locator("summary").click()
    assert sources.locator("li").count() == 3 and sources.locator("a").first.is_visible()
    _state(page, viewport, None)
    if viewport == "phone" and scheme == "light":
        _shoot(page, "phone-cover-sources", sources)
    sources.locator("summary").click()

    page.locator("[data-start]").click()
    assert page.evaluate("document.activeElement.id") == "title-pourquoi"
    assert page.locator(".callout").count() == 4
    _state(page, viewport, prefix + "content")

    if viewport == "phone":
        toggle = page.locator(".menu-toggle")
        assert toggle.is_visible() and not page.locator("#ehealth-menu a").first.is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.evaluate("document.activeElement.getAttribute('aria-current')") == "page"
        box = page.locator("#ehealth-menu").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
        _state(page, viewport, prefix + "menu" if scheme == "light" else None)
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.className") == "menu-toggle"
    else:
        assert page.locator("#ehealth-menu a").first.is_visible(), "the menu is a sidebar on a desktop"
        assert page.locator(".menu-toggle").is_hidden()

    _finish(page, sco, right=True)
    results = page.locator("#ehealth-results")
    assert "Module réussi" in results.inner_text() and "Score\u00a0: 100\u00a0%" in results.inner_text()
    _state(page, viewport, prefix + "results-pass" if scheme == "light" else None)

    # A fresh attempt: leave the player (it saves on pagehide), then forget what it saved.
    page.goto(f"{gallery_site}plain/runtime/ehealth.css")
    page.evaluate("localStorage.clear()")
    sco = _open(page, f"{gallery_site}plain/index.html", viewport, scheme)
    _finish(page, sco, right=False)
    text = results.inner_text()
    assert "Module non réussi" in text and "Questions à revoir" in text and "Score par compétence" in text
    links = results.locator("a[data-question]").all_inner_texts()
    assert links and all(re.fullmatch(r"Question \d+ — \S.*", link) for link in links), (
        f"each question to review reads 'Question n — its prompt': {links}"
    )
    _state(page, viewport, prefix + "results-fail")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_institution_theme_stays_accessible(
    guarded: tuple[Page, Guard], gallery_site: str, viewport: str, scheme: str
) -> None:
    page, _ = guarded
    _open(page, f"{gallery_site}themed/index.html", viewport, scheme)
    accent = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()")
    if scheme == "light":
        assert accent == "#6a1b9a"
    else:
        assert accent != "#6a1b9a", "the dark scheme gets a lighter accent"
    assert "Georgia" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.locator("img.logo").evaluate("img => img.complete && img.naturalWidth > 0")
    _state(
        page, viewport, f"{viewport}-theme" + ("-dark" if scheme == "dark" else "") if viewport == "desktop" else None
    )
    page.locator("[data-start]").click()
    _state(page, viewport, None)


def test_gallery_lists_every_image() -> None:
    """The README names each screenshot, and each named one exists."""
    readme = GALLERY / "README.md"
    if not readme.is_file():
        pytest.fail(
            "docs/gallery/README.md is missing: run EHEALTH_UPDATE_GALLERY=1 pytest tests/browser/test_gallery.py"
        )
    text = readme.read_text(encoding="utf-8")
    images = sorted(p.name for p in GALLERY.glob("*.png"))
    assert images, "no screenshot in docs/gallery"
    assert [name for name in images if f"({name})" not in text] == []
    total = sum(p.stat().st_size for p in GALLERY.glob("*.png"))
    assert total < 2_500_000, f"the gallery weighs {total} bytes"


def _states(kind: str) -> tuple[str, ...]:
    """What the gallery shows of a type: before, after a wrong answer while an attempt is left
    (unless the type has no wrong answer), and after the last attempt."""
    return ("before", "last") if kind in TYPES and not TYPES[kind].scored else ("before", "wrong", "last")


# A learner's slip rather than the driver's first point outside the zones (the image's corner):
# the name field, just below the INS one.
HOTSPOT_SLIP = "130,123"


def _answer_wrong(sco: Sco, qid: str) -> str:
    q = sco.questions[qid]
    if not TYPES[q["type"]].scored:
        return sco.answer(qid, right_response(q))
    return sco.answer(qid, HOTSPOT_SLIP if q["type"] == "hotspot" else wrong_response(q))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_question_type_before_and_after_answers(
    guarded: tuple[Page, Guard], types_site: str, viewport: str, scheme: str, kind: str
) -> None:
    page, _ = guarded
    sco = _open(page, f"{types_site}types/index.html", viewport, scheme)
    page.locator("[data-start]").click()
    assert kind in sco.data["pages"], f"fixtures/gallery-types/module.md has no page {{#{kind}}}"
    while sco.current_page != kind:
        sco.nav("next")
    section = sco.locator(f'section[data-page-id="{kind}"]')
    prefix = f"{viewport}-" + ("" if scheme == "light" else "dark-") + f"type-{kind}-"
    # Light pictures of every state; in the dark, the last state (colours of every verdict).
    shots = set(_states(kind)) if scheme == "light" else {"last"} if viewport == "phone" else set()

    def state(name: str) -> None:
        assert axe_violations(page) == [], f"{kind}, {name}"
        _layout_holds(page, viewport)
        box = section.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
        if name in shots:
            _shoot(page, prefix + name, section)

    state("before")
    shown = sco.shown_on_page()
    if kind == "case":
        first = shown[0]
        assert sco.locator(".case-step").nth(1).is_hidden(), "the next step waits for the answers"
        assert _answer_wrong(sco, first) == "incorrect"
        state("wrong")
        while sco.form(first).locator('button[type="submit"]').is_enabled():
            _answer_wrong(sco, first)
        assert sco.locator(".case-step").nth(1).is_visible(), "the last attempt opens the next step"
        state("last")
        return

    [qid] = shown
    q = sco.questions[qid]
    assert q["type"] == kind, f"page {{#{kind}}} holds a {q['type']} question"
    submit = sco.form(qid).locator('button[type="submit"]')
    if "wrong" in _states(kind):
        assert q["attempts"] >= 2, f"{qid}: give it two attempts, to show one wrong answer with one left"
        assert _answer_wrong(sco, qid) == "incorrect"
        assert submit.is_enabled(), "an attempt is left"
        state("wrong")
    while submit.is_enabled():
        _answer_wrong(sco, qid)
    assert sco.form(qid).get_attribute("data-state") in ("incorrect", "neutral")
    state("last")


def test_gallery_shows_every_question_type() -> None:
    """Every registered type (and a dossier progressif) has its pictures, at both sizes."""
    expected = [
        f"{viewport}-type-{kind}-{name}.png" for kind in KINDS for viewport in VIEWPORTS for name in _states(kind)
    ]
    assert [name for name in expected if not (GALLERY / name).is_file()] == [], (
        "run EHEALTH_UPDATE_GALLERY=1 pytest tests/browser/test_gallery.py"
    )
