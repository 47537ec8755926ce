"""The shell around the pages: cover (and its sources), page menu, early "Terminer", resume, keyboard walkthrough.

Driven on the gallery module (tests/browser/fixtures/gallery): a cover page with call-outs, a
page of three questions tagged with two competencies, a closing page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

import packager
from ehealth_content import check

from .conftest import HERE, Guard
from .driver import Sco, right_response
from .static_server import serve
from .test_accessibility import _active, _keyboard_answer

pytestmark = pytest.mark.browser

MODULE = HERE / "fixtures" / "gallery" / "module.md"


@pytest.fixture(scope="module")
def shell_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("shell-site")
    result = packager.build_package(check(MODULE), "web", root / "build")
    result.path.rename(root / "galerie")
    with serve(root) as base_url:
        yield f"{base_url}galerie/index.html"


def _open(page: Page, url: str) -> Sco:
    page.goto(url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def _focus(page: Page) -> dict[str, Any]:
    found = _active(page)
    found.update(
        page.evaluate("""() => { const el = document.activeElement;
            return {link: el.getAttribute("data-page-link"), start: el.hasAttribute("data-start"),
                    text: el.textContent.trim()}; }""")
    )
    return found


def _tab_to(page: Page, wanted: dict[str, Any], limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = _focus(page)
        if all(focus.get(k) == v for k, v in wanted.items()):
            return
    pytest.fail(f"Tab never reached {wanted}")


def test_the_whole_module_with_the_keyboard_through_the_menu(guarded: tuple[Page, Guard], shell_url: str) -> None:
    """Cover → its button → the questions' page through the menu → the last page → results."""
    page, _ = guarded
    sco = _open(page, shell_url)
    _tab_to(page, {"start": True})
    assert _focus(page)["text"] == "Commencer"
    page.keyboard.press("Enter")
    assert _focus(page)["id"] == "title-pourquoi"

    _tab_to(page, {"link": "canal"})
    page.keyboard.press("Enter")
    assert sco.current_page == "canal" and _focus(page)["id"] == "title-canal"
    assert page.locator('#ehealth-menu a[data-page-link="canal"]').get_attribute("aria-current") == "page"

    for qid in sco.shown_on_page():
        q = sco.questions[qid]
        for _ in range(30):
            page.keyboard.press("Tab")
            focus = _focus(page)
            if focus["qid"] == qid and focus["type"] == "submit":
                page.keyboard.press("Enter")
                break
            if focus["qid"] == qid:
                _keyboard_answer(page, q, focus)
        assert sco.form(qid).get_attribute("data-state") == "correct", qid
    mark = page.locator('#ehealth-menu a[data-page-link="canal"]')
    assert mark.get_attribute("data-mark") == "done" and "(terminée)" in mark.inner_text()
    # Spoken, not shown (the menu's tick says it to the eye): the screen-reader-only rule.
    style = "e => [getComputedStyle(e).position, getComputedStyle(e).width, getComputedStyle(e).clip]"
    assert mark.locator(".page-mark").evaluate(style) == ["absolute", "1px", "rect(0px, 0px, 0px, 0px)"]

    _tab_to(page, {"link": "synthese"})
    page.keyboard.press("Enter")
    assert sco.current_page == "synthese"
    _tab_to(page, {"nav": "finish"})
    page.keyboard.press("Enter")
    assert _focus(page)["id"] == "ehealth-results"
    text = sco.locator("#ehealth-results").inner_text()
    assert "Module réussi" in text and "Score\u00a0: 100\u00a0%" in text
    assert page.locator("progress.progress-bar").evaluate("p => [p.value, p.max]") == [3, 3]


def test_finishing_early_lists_what_is_left_and_locks_nothing(guarded: tuple[Page, Guard], shell_url: str) -> None:
    page, _ = guarded
    sco = _open(page, shell_url)
    page.locator('#ehealth-menu a[data-page-link="synthese"]').click()
    sco.nav("finish")
    results = sco.locator("#ehealth-results")
    assert _focus(page)["id"] == "ehealth-results"
    assert "Pages non consultées" in results.inner_text() and "Questions sans réponse" in results.inner_text()
    assert results.locator('a[data-page-link="canal"]:not([data-question])').count() == 1
    assert results.locator("a[data-question]").count() == 3

    results.locator('a[data-question="erreur-envoi"]').click()
    assert sco.current_page == "canal"
    assert _focus(page)["qid"] == "erreur-envoi", "the link leads to the question itself"
    q = sco.questions["canal-bilan"]
    assert sco.answer("canal-bilan", right_response(q)) == "correct", "questions stay open after an early Terminer"

    page.locator('#ehealth-menu a[data-page-link="synthese"]').click()
    sco.nav("finish")
    assert results.locator("a[data-question]").count() == 2
    confirm = results.locator('button[data-nav="confirm-finish"]')
    assert confirm.inner_text() == "Terminer quand même"
    confirm.click()
    assert sco.form("sms-minimal").locator("input").first.is_disabled(), "finishing anyway ends the attempt"
    assert "nouvelle tentative" in results.inner_text()


def test_the_cover_resumes_at_the_bookmark(guarded: tuple[Page, Guard], shell_url: str) -> None:
    page, _ = guarded
    sco = _open(page, shell_url)
    assert page.locator("[data-start]").inner_text() == "Commencer"
    sco.nav("next")
    sco.nav("next")
    sco = _open(page, shell_url)
    assert sco.current_page == "synthese", "a relaunch opens at the bookmark"
    assert page.locator(".cover").is_hidden()
    page.locator('#ehealth-menu a[data-page-link="pourquoi"]').click()
    start = page.locator("[data-start]")
    assert page.locator(".cover").is_visible() and start.inner_text() == "Reprendre"
    start.click()
    assert sco.current_page == "synthese"


def test_phone_drawer_takes_and_gives_back_the_focus(guarded: tuple[Page, Guard], shell_url: str) -> None:
    page, _ = guarded
    page.set_viewport_size({"width": 360, "height": 800})
    sco = _open(page, shell_url)
    toggle = page.locator(".menu-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert _focus(page)["link"] == "pourquoi"
    page.keyboard.press("Tab")
    assert _focus(page)["link"] == "canal"
    page.keyboard.press("Enter")
    assert sco.current_page == "canal" and toggle.get_attribute("aria-expanded") == "false"
    # Hidden (out of the tab order) once it has slid out.
    page.locator("#ehealth-menu a").first.wait_for(state="hidden", timeout=5000)
    toggle.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and _focus(page)["id"] == ""
    assert page.evaluate("document.activeElement === document.querySelector('.menu-toggle')")


def test_the_sources_open_and_their_links_are_reached_with_the_keyboard(
    guarded: tuple[Page, Guard], shell_url: str
) -> None:
    """After the cover's button, "Sources (3)" opens with Enter; Tab then goes through its links
    (new tab, no opener), and Space closes it. Nothing is loaded from outside (the guard)."""
    page, _ = guarded
    _open(page, shell_url)
    sources = page.locator(".cover-sources")
    _tab_to(page, {"start": True})
    page.keyboard.press("Tab")
    active = "() => [document.activeElement.tagName, document.activeElement.textContent.trim()]"
    assert page.evaluate(active) == ["SUMMARY", "Sources (3)"]
    assert not sources.evaluate("d => d.open") and not sources.locator("a").first.is_visible()
    page.keyboard.press("Enter")
    assert sources.evaluate("d => d.open")

    links = []
    for _ in range(2):
        page.keyboard.press("Tab")
        links.append(
            page.evaluate("""() => { const a = document.activeElement;
                return [a.tagName, a.getAttribute("href"), a.target, a.rel, a.textContent]; }""")
        )
    assert links == [
        [
            "A",
            "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006072665/",
            "_blank",
            "noopener noreferrer",
            "Code de la santé publique, article L1110-4 (secret & partage des informations) (nouvel onglet)",
        ],
        [
            "A",
            "https://esante.gouv.fr/",
            "_blank",
            "noopener noreferrer",
            "Agence du numérique en santé, «\u202fMSSanté\u202f»\u202f: l'espace de confiance (nouvel onglet)",
        ],
    ]
    # The plain-text source is read, not focused: the next Tab leaves the list.
    page.keyboard.press("Tab")
    assert not page.evaluate("document.querySelector('.cover-sources').contains(document.activeElement)")
    dates = sources.locator("li").first.locator("time").all_inner_texts()
    assert dates == ["29\u00a0novembre\u00a02026", "vérifiée le 3\u00a0décembre\u00a02026"]

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(active)[0] == "SUMMARY"
    page.keyboard.press("Space")
    assert not sources.evaluate("d => d.open")
