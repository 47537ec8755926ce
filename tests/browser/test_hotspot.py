"""Hotspot questions (zone à pointer) in Chromium: clicks scaled from the displayed image,
right, wrong and partly right runs under scorm-again (SCORM 1.2 and 2004, Moodle's mastery
override on), a resumed point, the two sliders with the keyboard alone, axe-core, and a cmi5
run reporting to the LRS.

fixtures/hotspot/module.md: ``zone-ins`` (2 points, 2 attempts, a rectangle and a triangle on
a 400 × 200 image) and ``zone-bouton`` (1 point, a circle).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from ehealth_content import Module
from tests.cmi5 import fixtures
from tests.cmi5.lms import ADL, TestLMS

from . import moodle
from .conftest import HERE, Guard, missing
from .driver import Sco
from .lms_checks import problems
from .test_accessibility import AXE, _active, axe_violations
from .test_case import VERSIONS, close, cmi5_launch, fixture_module, launch, module_site, stored_status, written
from .test_case import target as case_target

pytestmark = pytest.mark.browser

HOTSPOT_MODULE = HERE / "fixtures" / "hotspot" / "module.md"

lrs_server = fixtures.lrs_server
target = case_target  # the case tests' fixture: one run per SCORM version
lms = fixtures.lms


@pytest.fixture(scope="module")
def hotspot_module() -> Module:
    return fixture_module(HOTSPOT_MODULE)


@pytest.fixture(scope="module")
def hotspot_site(hotspot_module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with module_site(hotspot_module, tmp_path_factory.mktemp("hs-site"), tmp_path_factory.mktemp("hs-builds")) as url:
        yield url


# zone-ins (two tries), zone-bouton → states, raw score (points 2 and 1).
RUNS = {
    "right": ((["70,35"], ["370,30"]), ("correct", "correct"), "100"),
    "second-try": ((["200,100", "340,170"], ["370,30"]), ("correct", "correct"), "100"),
    "partly-right": ((["70,35"], ["300,100"]), ("correct", "incorrect"), "66.67"),
    "wrong": ((["0,199", "399,0"], ["10,10"]), ("incorrect", "incorrect"), "0"),
}


@pytest.mark.parametrize("how", sorted(RUNS))
def test_a_click_scores_where_it_lands_on_the_image(
    guarded: tuple[Page, Guard], hotspot_site: str, target: str, how: str
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    (first, second), states, raw = RUNS[how]
    sco = launch(page, hotspot_site, target, moodle.first_launch(version, 70))
    # Shown narrower than its 400 pixels: the click is scaled back to the image's own pixels.
    sco.frame.evaluate("document.querySelector('.hotspot-frame img').style.width = '300px'")
    for point in first:
        state = sco.answer("zone-ins", point)
    assert state == states[0]
    assert sco.form("zone-ins").locator('input[name="point"]').input_value() == first[-1]
    if how == "wrong":
        assert sco.form("zone-ins").locator(".hotspot-zones rect").count() == 1, "missed: the zones are outlined"
        assert "la zone entourée sur l'image" in sco.status_text("zone-ins")
    else:
        assert sco.form("zone-ins").locator(".hotspot-zones").count() == 0
    sco.nav("next")
    assert sco.answer("zone-bouton", second[0]) == states[1]
    sco.nav("finish")
    log, stored = close(page)
    found = problems(log, version, sco.data)
    assert not found, "\n".join(found)
    passed = raw == "100"
    status = ("passed" if passed else "failed") if version == "12" else f"completed/{'passed' if passed else 'failed'}"
    assert stored_status(version, stored) == (status, raw)
    assert set(written(log, version, ".type")) == {"fill-in"}
    response_key = ".student_response" if version == "12" else ".learner_response"
    assert written(log, version, response_key) == [*first, *second]
    assert written(log, version, ".pattern") == [], "a region has no fill-in pattern"


def test_a_click_is_read_in_the_image_s_pixels_at_any_displayed_size(
    guarded: tuple[Page, Guard], hotspot_site: str
) -> None:
    page, _ = guarded
    sco = launch(page, hotspot_site, "scorm12", moodle.first_launch("12", 70))
    form = sco.form("zone-ins")
    image = form.locator(".hotspot-frame img")
    for width in ("400px", "250px"):
        sco.frame.evaluate(f"document.querySelector('.hotspot-frame img').style.width = '{width}'")
        box = image.bounding_box()
        assert box is not None
        image.click(position={"x": 340 * box["width"] / 400, "y": 170 * box["height"] / 200})
        x, y = (int(v) for v in form.locator('input[name="point"]').input_value().split(","))
        assert abs(x - 340) <= 2 and abs(y - 170) <= 2, (width, x, y)
        assert form.locator('input[name="x"]').input_value() == str(x), "the sliders follow the click"
        marker = form.locator(".hotspot-marker").bounding_box()
        box = image.bounding_box()  # again: the click scrolled the image into view
        assert marker is not None and box is not None
        centre = (marker["x"] + marker["width"] / 2 - box["x"], marker["y"] + marker["height"] / 2 - box["y"])
        assert abs(centre[0] - x * box["width"] / 400) <= 2 and abs(centre[1] - y * box["height"] / 200) <= 2


def test_submitting_without_a_point_uses_no_attempt_and_a_point_resumes(
    guarded: tuple[Page, Guard], hotspot_site: str, target: str
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, hotspot_site, target, moodle.first_launch(version, 70))
    form = sco.form("zone-ins")
    assert form.locator(".hotspot-marker").is_hidden()
    form.locator('button[type="submit"]').click()
    assert form.get_attribute("data-state") is None
    assert "Placez le point sur l'image" in sco.status_text("zone-ins")
    assert sco.answer("zone-ins", "200,100") == "incorrect"
    assert form.locator(".hotspot-marker").is_visible()
    log, stored = close(page)
    assert not problems(log, version, sco.data)

    sco = launch(page, hotspot_site, target, moodle.next_launch(version, stored))
    form = sco.form("zone-ins")
    assert form.locator('input[name="point"]').input_value() == "200,100"
    assert form.locator('input[name="x"]').input_value() == "200"
    assert form.locator('input[name="y"]').input_value() == "100"
    marker = form.locator(".hotspot-marker")
    assert marker.is_visible() and marker.get_attribute("style") == "left: 50%; top: 50%;"
    assert sco.answer("zone-ins", "340,170") == "correct", "the second attempt is still there"


def _slide_to(page: Page, wanted: int) -> None:
    """Move the focused native slider to ``wanted`` with keys only (Home, PageUp, arrows)."""
    page.keyboard.press("Home")
    for _ in range(2000):
        value = int(_active(page)["value"])
        if value == wanted:
            return
        page.keyboard.press("ArrowRight" if value < wanted else "ArrowLeft")
    pytest.fail(f"the slider never reached {wanted}")


def test_the_sliders_answer_with_the_keyboard_alone_and_the_page_meets_wcag(
    guarded: tuple[Page, Guard], hotspot_site: str
) -> None:
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    page, _ = guarded
    page.goto(f"{hotspot_site}pkg/web/index.html")
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    violations = {"start": axe_violations(page)}
    wanted = {"zone-ins": {"x": 70, "y": 35}, "zone-bouton": {"x": 370, "y": 30}}
    submitted: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focus = _active(page)
        qid = focus["qid"]
        if qid is not None and focus["type"] == "range":
            _slide_to(page, wanted[qid][focus["name"]])
        elif qid is not None and focus["type"] == "submit":
            page.keyboard.press("Enter")
            assert sco.form(qid).get_attribute("data-state") == "correct", qid
            submitted.append(qid)
            violations[qid] = axe_violations(page)
        elif focus["nav"] == "next":
            page.keyboard.press("Enter")
        elif focus["nav"] == "finish":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"never reached the finish button; answered {submitted}")
    assert submitted == ["zone-ins", "zone-bouton"]
    assert "Score\u00a0: 100\u00a0%" in sco.locator("#ehealth-results").inner_text()
    # A missed question's outlined zones are checked too.
    # A new learner on this browser: the state saved when the module page went is wiped.
    page.goto(f"{hotspot_site}wrapper.html")
    page.evaluate("localStorage.clear()")
    page.goto(f"{hotspot_site}pkg/web/index.html")
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    sco.answer("zone-ins", "0,199")
    sco.answer("zone-ins", "399,0")
    assert sco.form("zone-ins").locator(".hotspot-zones").count() == 1
    violations["missed"] = axe_violations(page)
    assert {where: found for where, found in violations.items() if found} == {}


@pytest.mark.lrs
def test_hotspot_points_reach_the_lrs(
    guarded: tuple[Page, Guard], lms: TestLMS, hotspot_module: Module, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page, _ = guarded
    with cmi5_launch(page, lms, hotspot_module, tmp_path_factory, "hs") as run:
        sco = run.sco
        sco.run({"zone-ins": "340,170", "zone-bouton": "10,10"})
        held = run.statements()
    assert run.launch.problems == []
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in held if s["verb"]["id"] == ADL + "answered"}
    assert answered["zone-ins"]["object"]["definition"]["interactionType"] == "fill-in"
    assert answered["zone-ins"]["result"]["response"] == "340,170" and answered["zone-ins"]["result"]["success"]
    assert answered["zone-bouton"]["result"]["response"] == "10,10" and not answered["zone-bouton"]["result"]["success"]
    judged = [s["verb"]["id"].removeprefix(ADL) for s in held if s["verb"]["id"].endswith(("passed", "failed"))]
    assert judged == ["failed"], "2 of 3 points is under the pass mark of 70"
