"""Every page of every module in ``modules/`` meets WCAG 2.1 A/AA as axe-core checks it, with and
without feedback shown; and a whole real module can be completed with the keyboard alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

import packager
from ehealth_content import check

from .conftest import REPO, Guard, missing
from .driver import Sco, right_response, wrong_response
from .static_server import serve

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "harness" / "node_modules" / "axe-core" / "axe.min.js"
MODULES = sorted(p.name for p in (REPO / "modules").iterdir() if (p / "module.md").is_file())
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The module the keyboard walkthrough completes: every question type is in it.
KEYBOARD_MODULE = "d3-communication"


@pytest.fixture(scope="module")
def modules_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every module of ``modules/`` built for the web target, served over http.

    Over http rather than from disk: axe-core reads the stylesheets, which Chromium refuses to
    file:// pages.
    """
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    root = tmp_path_factory.mktemp("modules-site")
    for name in MODULES:
        result = packager.build_package(check(REPO / "modules" / name / "module.md"), "web", root / "build")
        shutil.move(result.path, root / name)
    with serve(root) as base_url:
        yield base_url


def axe_violations(page: Page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # Hidden pages are skipped by axe anyway; excluding them up front halves each run, while
    # page-level rules (title, language, landmarks, unique ids) still see the whole document.
    return list(
        page.evaluate(
            """async (tags) => (await axe.run({exclude: [["section[data-page-id][hidden]"]]},
                                          {runOnly: tags, resultTypes: ["violations"]}))
            .violations.map(v => v.id + " (" + v.help + "): " + v.nodes.map(n => n.target.join(" ")).join(", "))""",
            WCAG_21_AA,
        )
    )


# Sets a form's native controls to a response and submits it with its own submit button, in
# one round trip: Playwright actions per control would make this test several minutes long.
_SUBMIT = """([qid, type, response]) => {
    const form = document.querySelector(`form[data-question-id="${CSS.escape(qid)}"]`);
    for (const c of form.querySelectorAll("input, select")) {
        if (type === "text" || type === "numeric") c.value = response;
        else if (type === "multiple" || type === "kfp") c.checked = response.includes(c.value);
        else if (type === "matching") c.value = response[c.name];
        else if (type === "ordering") c.value = String(response.indexOf(c.name) + 1);
        else if (type === "hotspot") {
            if (c.type !== "range") continue;  // the runtime derives the point from the sliders
            c.value = response.split(",")[c.name === "x" ? 0 : 1];
            c.dispatchEvent(new Event("input", {bubbles: true}));
        }
        else c.checked = c.value === String(response);
    }
    form.requestSubmit(form.querySelector('button[type="submit"]'));
    return form.getAttribute("data-state");
}"""


def open_module(page: Page, base_url: str, name: str) -> Sco:
    page.goto(f"{base_url}{name}/index.html")
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


@pytest.mark.parametrize("name", MODULES)
def test_every_page_meets_wcag_21_aa(guarded: tuple[Page, Guard], modules_site: str, name: str) -> None:
    """One axe run per page, with every other question submitted: the same screen holds untouched
    controls, both verdict colours, "attempts left" lines and explanations."""
    page, _ = guarded
    sco = open_module(page, modules_site, name)
    found: dict[str, list[str]] = {}
    submitted = 0
    for page_id in sco.data["pages"]:
        assert sco.current_page == page_id
        shown = sco.shown_on_page()
        for qid in shown[::2]:
            q = sco.questions[qid]
            response = wrong_response(q) if submitted % 2 else right_response(q)
            state = page.evaluate(_SUBMIT, [qid, q["type"], response])
            assert state in ("correct", "incorrect", "partial", "neutral"), f"{qid} not submitted"
            submitted += 1
        assert sco.locator(f'section[data-page-id="{page_id}"] .feedback:not(:empty)').count() == len(shown[::2])
        found[page_id] = axe_violations(page)
        if page_id != sco.data["pages"][-1]:
            sco.nav("next")
    assert submitted >= 10, "feedback was on screen for many questions"
    sco.nav("finish")
    assert sco.locator("#ehealth-results").is_visible()
    found["results"] = axe_violations(page)
    assert {where: v for where, v in found.items() if v} == {}


def _active(page: Page) -> dict[str, Any]:
    """What has the focus, read from the page (reading is not acting: no click, no .click())."""
    return dict(
        page.evaluate("""() => {
        const el = document.activeElement;
        const form = el.closest("form[data-question-id]");
        return {tag: el.tagName.toLowerCase(), type: el.type || "", value: el.value || "", name: el.name || "",
                checked: !!el.checked, nav: el.getAttribute("data-nav"), id: el.id,
                qid: form ? form.getAttribute("data-question-id") : null,
                options: el.tagName === "SELECT" ? Array.from(el.options).map(o => o.value) : []};
    }""")
    )


def _wanted_select_value(q: dict[str, Any], name: str) -> str:
    response = right_response(q)
    if q["type"] == "matching":
        return str(response[name])
    return str(response.index(name) + 1)  # ordering: the rank of this item


def _keyboard_answer(page: Page, q: dict[str, Any], focus: dict[str, Any]) -> None:
    """Set the control that has the focus to the right answer, with keys only."""
    response = right_response(q)
    keyboard = page.keyboard
    if focus["type"] == "radio":
        wanted = "true" if response is True else "false" if response is False else str(response)
        keyboard.press("Space")  # tabbing into an unchecked group focuses its first radio
        for _ in range(30):
            if _active(page)["value"] == wanted:
                break
            keyboard.press("ArrowDown")  # moves through the group, wrapping, and checks
        assert _active(page)["value"] == wanted and _active(page)["checked"]
    elif focus["type"] == "checkbox":
        if (focus["value"] in response) != focus["checked"]:
            keyboard.press("Space")
    elif focus["type"] == "range":  # a hotspot's slider: arrows move it one unit at a time
        wanted = int(str(response).split(",")[0 if focus["name"] == "x" else 1])
        steps = wanted - int(focus["value"])
        for _ in range(abs(steps)):
            keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
        assert int(_active(page)["value"]) == wanted
    elif focus["tag"] == "input":
        keyboard.type(str(response))
    elif focus["tag"] == "select":
        wanted = _wanted_select_value(q, focus["name"])
        steps = focus["options"].index(wanted) - focus["options"].index(focus["value"])
        for _ in range(abs(steps)):
            keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert _active(page)["value"] == wanted


def test_a_real_module_completes_with_the_keyboard_alone(guarded: tuple[Page, Guard], modules_site: str) -> None:
    page, _ = guarded
    sco = open_module(page, modules_site, KEYBOARD_MODULE)
    pages = sco.data["pages"]
    submitted: list[str] = []
    checked_shift_tab = False
    for _ in range(3000):
        page.keyboard.press("Tab")
        focus = _active(page)
        qid = focus["qid"]
        if qid is not None and focus["type"] == "submit":
            if not checked_shift_tab:
                page.keyboard.press("Shift+Tab")  # back to the form's last control, then forward again
                assert _active(page)["qid"] == qid and _active(page)["type"] != "submit"
                page.keyboard.press("Tab")
                checked_shift_tab = True
            page.keyboard.press("Enter")
            state = sco.form(qid).get_attribute("data-state")
            assert state in ("correct", "neutral"), f"{qid}: {state} after the keyboard's right answer"
            submitted.append(qid)
        elif qid is not None:
            _keyboard_answer(page, sco.questions[qid], focus)
        elif focus["nav"] == "next":
            before = pages.index(sco.current_page)
            page.keyboard.press("Enter")
            assert pages.index(sco.current_page) == before + 1
            assert _active(page)["id"] == f"title-{sco.current_page}", "focus moves to the new page's title"
        elif focus["nav"] == "finish":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"never reached the finish button; answered {submitted}")
    assert sco.current_page == pages[-1]
    assert _active(page)["id"] == "ehealth-results", "focus moves to the results"
    shown = [q for q in sco.data["questions"] if sco.form(q["id"]).get_attribute("class") != "question not-drawn"]
    assert sorted(submitted) == sorted(q["id"] for q in shown)
    results = sco.locator("#ehealth-results").inner_text()
    assert "Score\u00a0: 100\u00a0%" in results and "Module réussi\u202f!" in results


def test_the_check_sees_a_violation_when_there_is_one(guarded: tuple[Page, Guard], modules_site: str) -> None:
    """Guards the guard: a zero above means axe ran on the visible page, not on nothing."""
    page, _ = guarded
    sco = open_module(page, modules_site, MODULES[0])
    page.evaluate(
        """(id) => {
        const faint = document.createElement("p");
        faint.textContent = "Texte trop pâle";
        faint.style.color = "#c8c8c8";
        document.querySelector(`section[data-page-id="${id}"]`).append(faint);
    }""",
        sco.current_page,
    )
    assert [v.split(" ")[0] for v in axe_violations(page)] == ["color-contrast"]
