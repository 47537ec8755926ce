"""QRP with the EDN rule and numeric answers with units, as a learner meets them under
scorm-again (SCORM 1.2 and 2004, Moodle's mastery override on): the count and unit checks that
refuse a submission without using an attempt, the "right number, wrong unit" feedback, partial
credit by discordances, the values written to the LMS, and axe-core on the new markup."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from ehealth_content import load_module

from . import moodle
from .conftest import HERE, Guard, Site, _unpack
from .lms_checks import last_values
from .test_accessibility import axe_violations
from .test_moodle import VERSIONS, assert_clean, close, launch, lms_status

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def items(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    module, diagnostics = load_module(HERE / "fixtures" / "items-a" / "module.md")
    assert module is not None, diagnostics
    work = tmp_path_factory.mktemp("items-a")
    urls = {}
    for target in (*VERSIONS, "web"):
        _unpack(module, target, site.root / "pkg" / f"items-a-{target}", work / target)
        urls[target] = site.package_url(f"items-a-{target}")
    return urls


@pytest.fixture(params=sorted(VERSIONS))
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def submit(sco: object, qid: str) -> None:
    sco.form(qid).locator('button[type="submit"]').click()  # type: ignore[attr-defined]


def test_partly_right_wrong_unit_then_right(guarded: tuple[Page, Guard], items: dict[str, str], target: str) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, items[target], target, moodle.first_launch(version, 50), True)
    form = sco.form("q-qrp")
    assert "2 réponses attendues" in form.inner_text()
    # Three boxes for two expected answers: refused, said, no attempt used.
    sco.fill("q-qrp", ["a", "b", "c"])
    submit(sco, "q-qrp")
    assert form.get_attribute("data-state") is None
    assert "Réponses attendues\u00a0: 2\u202f; vous en avez coché 3." in sco.status_text("q-qrp")
    # b checked and c left out: two discordances (with the count enforced, one swap is always
    # two), EDN gives a fifth.
    assert sco.answer("q-qrp", ["a", "b"]) == "partial"
    sco.nav("next")

    debit = sco.form("q-debit")
    assert "Nombre et unité\u00a0: mL/h, L/h, gouttes/min" in debit.inner_text()
    for typed, said in [
        ("125", "Précisez l'unité (mL/h, L/h, gouttes/min)."),
        ("cent", "«\u00a0cent\u00a0» n'est pas un nombre"),
        ("125 mL/hr", "Unité inconnue\u00a0: «\u00a0mL/hr\u00a0»"),
    ]:
        sco.fill("q-debit", typed)
        submit(sco, "q-debit")
        assert debit.get_attribute("data-state") is None, typed
        assert said in sco.status_text("q-debit"), typed
    assert sco.answer("q-debit", "125 L/h") == "incorrect"
    assert "Bon nombre, mauvaise unité." in sco.status_text("q-debit")
    assert "Tentatives restantes\u00a0: 1" in sco.status_text("q-debit"), "input errors used no attempt"
    assert sco.answer("q-debit", "0,125 L/h") == "correct"
    assert sco.answer("q-dose", "12,4 ml") == "correct"
    sco.nav("next")
    tcs = sco.form("q-tcs")
    assert "Si vous pensiez à" in tcs.inner_text() and "cette hypothèse devient" in tcs.inner_text()
    assert sco.answer("q-tcs", "1") == "partial"  # 4 experts of the modal 8: half the points
    menu = sco.form("q-menu")
    sco.fill("q-menu", "Morphine")
    submit(sco, "q-menu")
    assert menu.get_attribute("data-state") is None
    assert "«\u00a0Morphine\u00a0» n'est pas dans la liste" in sco.status_text("q-menu")
    assert sco.answer("q-menu", "Flumazénil") == "incorrect"
    assert sco.answer("q-menu", "NALOXONE") == "correct", "case and accents aside"
    sco.nav("finish")
    log, stored = close(page)
    assert_clean(log, version, sco)
    values = last_values(log, version)
    response = "learner_response" if version == "2004" else "student_response"
    said = {values[f"cmi.interactions.{i}.id"]: values.get(f"cmi.interactions.{i}.{response}") for i in range(7)}
    # Responses are said in the answer's unit.
    kinds = [values[f"cmi.interactions.{i}.type"] for i in range(7)]
    assert kinds == ["choice", "numeric", "numeric", "numeric", "likert", "fill-in", "fill-in"]
    assert said["q-menu"] == "NALOXONE"
    assert said["q-tcs"] == "1" and values["cmi.interactions.4.correct_responses.0.pattern"] == "2"
    assert said["q-debit"] == "125" and said["q-dose"] == "12.4"
    # 125 L/h is said as 125000 mL/h, which Moodle's 2004 decimals (5 integer digits) cannot hold.
    first = [values.get(f"cmi.interactions.{i}.{response}") for i in range(4)][1]
    assert first == ("125000" if version == "12" else None)
    # (0.2 + 1 + 1 + 0.5 + 1) / 5 points.
    assert lms_status(version, stored) == ("passed" if version == "12" else "completed/passed", "74")


# Each scale point's mark after the last attempt: [value, icon, words] (None: no mark).
_TCS_MARKS = """f => [...f.querySelectorAll('input[type="radio"]')].map(i => {
    const m = i.getAttribute("aria-describedby") && f.ownerDocument.getElementById(i.getAttribute("aria-describedby"));
    return [i.value, m ? getComputedStyle(m, "::before").content : null, m ? m.textContent.trim() : null];
})"""


def test_tcs_last_attempt_marks_the_answer_and_the_panel(guarded: tuple[Page, Guard], items: dict[str, str]) -> None:
    """Panel [4, 8, 1, 0, 0]: after the last attempt the learner's point and every point the
    panel chose say, in words and with an icon, how many experts chose it and its credit; the
    points no expert chose and the learner left say nothing."""
    page, _ = guarded
    sco = launch(page, items["scorm2004"], "scorm2004", moodle.first_launch("2004", 50), True)
    while sco.current_page != "tcs":
        sco.nav("next")
    assert sco.answer("q-tcs", "1") == "partial"
    nbsp = "\u00a0"
    assert sco.form("q-tcs").evaluate(_TCS_MARKS) == [
        ["1", '"◐" / ""', f"Votre réponse{nbsp}: 4 experts sur 13, 50{nbsp}% des points"],
        ["2", '"→" / ""', f"8 experts sur 13, 100{nbsp}% des points"],
        ["3", '"◐" / ""', f"1 expert sur 13, 13{nbsp}% des points"],
        ["4", None, None],
        ["5", None, None],
    ]
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert axe_violations(sco.frame) == [], f"TCS marked, {scheme}"  # type: ignore[arg-type]


def test_resume_keeps_the_unit_and_axe_finds_nothing(guarded: tuple[Page, Guard], items: dict[str, str]) -> None:
    page, _ = guarded
    page.goto(items["web"])
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert axe_violations(page) == []
    page.locator('button[data-nav="next"]').click()
    page.locator('form[data-question-id="q-dose"] input').fill("2 mL")
    page.locator('form[data-question-id="q-dose"] button[type="submit"]').click()
    assert page.locator('form[data-question-id="q-dose"]').get_attribute("data-state") == "incorrect"
    assert axe_violations(page) == [], "feedback shown"
    page.locator('button[data-nav="next"]').click()
    page.locator('form[data-question-id="q-tcs"] input[value="4"]').check()
    page.locator('form[data-question-id="q-tcs"] button[type="submit"]').click()
    assert page.locator('form[data-question-id="q-tcs"]').get_attribute("data-state") == "incorrect"
    assert "Réponse attendue : −1 affaiblie" in page.locator('form[data-question-id="q-tcs"]').inner_text()
    assert axe_violations(page) == [], "TCS with its feedback"
    page.locator('button[data-nav="prev"]').click()
    page.reload()
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert page.locator('form[data-question-id="q-dose"] input').input_value() == "2 mL"
    assert page.locator('form[data-question-id="q-dose"]').get_attribute("data-state") == "incorrect"


def test_tcs_and_longmenu_with_the_keyboard_alone(guarded: tuple[Page, Guard], items: dict[str, str]) -> None:
    page, _ = guarded
    page.goto(items["web"])
    page.wait_for_selector("main.ehealth-running", state="attached")
    for _ in range(2):
        page.locator('button[data-nav="next"]').focus()
        page.keyboard.press("Enter")
    # The first radio of the scale, then arrows move along it (native radio group).
    page.locator('form[data-question-id="q-tcs"] input[value="1"]').focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.value") == "2"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    assert page.locator('form[data-question-id="q-tcs"]').get_attribute("data-state") == "correct"
    assert page.locator('form[data-question-id="q-tcs"]').evaluate(_TCS_MARKS)[1] == [
        "2",
        '"✓" / ""',
        "Votre réponse\u00a0: 8 experts sur 13, 100\u00a0% des points",
    ]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q-menu--input"
    page.keyboard.type("naloxone")
    page.keyboard.press("Enter")  # a text field submits its form
    assert page.locator('form[data-question-id="q-menu"]').get_attribute("data-state") == "correct"
    assert axe_violations(page) == []
