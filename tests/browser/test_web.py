"""The web target from disk, the SCORM fallback without an LMS, and the page as a learner meets it:
keyboard only, a 360 px phone, print, reduced motion and axe-core's WCAG 2.1 AA rules."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from .conftest import REPO, Guard, Site
from .driver import Sco, right_response

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "harness" / "node_modules" / "axe-core" / "axe.min.js"


def open_web(page: Page, site: Site) -> Sco:
    page.goto(site.web_index.as_uri())
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def test_web_target_from_disk_keeps_progress_in_local_storage(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    sco = open_web(page, site)
    assert sco.locator(".lms-notice").inner_text() == "", "the web target needs no LMS notice"
    assert sco.answer("q-single", "b") == "correct"
    sco.nav("next")
    assert sco.answer("q-vf", False) == "incorrect"
    page.reload()
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    assert sco.current_page == "regles"
    assert sco.form("q-vf").get_attribute("data-state") == "incorrect"
    assert sco.form("q-vf").locator('input[value="false"]').is_checked()
    sco.nav("prev")
    assert sco.form("q-single").get_attribute("data-state") == "correct"
    saved = page.evaluate("localStorage.getItem('ehealth:runtime-demo:state')")
    assert saved.startswith("E2~")


def test_scorm_package_without_lms_runs_as_web(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    page.goto(site.package_url("scorm2004"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    assert "navigateur" in sco.locator(".lms-notice").inner_text()
    assert sco.answer("q-single", "b") == "correct"
    assert page.evaluate("localStorage.getItem('ehealth:runtime-demo:state')").startswith("E2~")


def test_keyboard_only(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    sco = open_web(page, site)
    sco.form("q-single").locator('input[value="a"]').focus()
    page.keyboard.press("ArrowDown")  # radio group: moves to and selects "b"
    assert sco.form("q-single").locator('input[value="b"]').is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    page.keyboard.press("Enter")
    assert sco.form("q-single").get_attribute("data-state") == "correct"
    sco.locator('button[data-nav="next"]').focus()
    page.keyboard.press("Enter")
    assert sco.current_page == "regles"
    assert page.evaluate("document.activeElement.id") == "title-regles", "focus follows the page"


def test_phone_width_print_and_accessibility(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(reduced_motion="reduce")
    page.goto(site.package_url("web"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    data = sco.data
    for page_id in data["pages"]:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{page_id}: no sideways scroll"
        for qid in sco.shown_on_page():
            sco.answer(qid, right_response(sco.questions[qid]))
        if page_id != data["pages"][-1]:
            sco.nav("next")
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        """async () => (await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}))
            .violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))"""
    )
    assert violations == []
    page.emulate_media(media="print")
    for page_id in data["pages"]:
        assert sco.locator(f'section[data-page-id="{page_id}"]').is_visible(), f"{page_id} printed"
    assert not sco.locator('button[data-nav="next"]').is_visible()


def test_matching_right_sides_are_not_listed_in_the_answer_order(guarded: tuple[Page, Guard], site: Site) -> None:
    """Left side a matches the first right side, b the second…: listed in that order, the menus
    would give the answer away. The runtime shuffles them (one order for the whole question),
    never leaving the source order, and the values (what is saved and scored) stay the same."""
    page, _ = guarded
    sco = open_web(page, site)
    form = sco.form("q-assoc")
    orders = [
        [form.locator("select").nth(i).locator("option").nth(k).get_attribute("value") for k in range(1, 5)]
        for i in range(3)
    ]
    assert orders[0] == orders[1] == orders[2], "one order for every left side"
    assert sorted(orders[0]) == ["1", "2", "3", "4"]
    assert orders[0] != ["1", "2", "3", "4"], "never the order that gives the answer"
    assert form.locator("select").nth(0).locator("option").nth(0).get_attribute("value") == "", "placeholder first"
    while "q-assoc" not in sco.shown_on_page():
        sco.nav("next")
    assert sco.answer("q-assoc", right_response(sco.questions["q-assoc"])) == "correct"
