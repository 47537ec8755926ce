"""cmi5 and xapi packages in Chromium, launched by the test LMS, reporting to the real LRS.

Every statement is checked twice: by the LMS as it arrives (cmi5 rules, xapi.validation) and
here, from what the LRS finally holds (order, count by id, results).
"""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.cmi5 import fixtures
from tests.cmi5.fixtures import Packages
from tests.cmi5.lms import ADL, Launch, TestLMS
from tests.cmi5.scenarios import SCENARIOS, Runner
from xapi.validation import iter_problems

from .conftest import Guard
from .driver import Sco, right_response, wrong_response

pytestmark = [pytest.mark.browser, pytest.mark.lrs]

# The cmi5 fixtures (LRS, LMS, packages) live in tests/cmi5 beside the test LMS.
lrs_server = fixtures.lrs_server
lms = fixtures.lms
packages = fixtures.packages
no_outage_left = fixtures.no_outage_left

# Deadline for the outbox to drain after a click: the LMS is on loopback.
DRAIN = 15.0


def start(page: Page, launch: Launch) -> Sco:
    page.goto(launch.url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def au_statements(page: Page, lms: TestLMS, launch: Launch) -> list[dict[str, Any]]:
    """The AU's statements in the LRS (not the LMS's launched), once terminated arrived."""
    deadline = time.monotonic() + DRAIN
    while True:
        held = [s for s in lms.lrs_statements(launch.registration) if s["verb"]["id"] != ADL + "launched"]
        if (held and held[-1]["verb"]["id"] == ADL + "terminated") or time.monotonic() > deadline:
            return held
        # Not time.sleep: the request guard's route handler runs only while Playwright waits.
        page.wait_for_timeout(200)


def by_verb(statements: list[dict[str, Any]], verb: str) -> list[dict[str, Any]]:
    return [s for s in statements if s["verb"]["id"] == ADL + verb]


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [s["verb"]["id"].removeprefix(ADL) for s in statements]


def progress(statements: list[dict[str, Any]]) -> list[str]:
    """Verbs without the page visits, to compare with the expected sequence."""
    return [v for v in verbs(statements) if v != "experienced"]


def check_sequence(held: list[dict[str, Any]], sco: Sco, shown: list[str], judged: str | None) -> None:
    """initialized, answered × shown questions, completed and the judgement right after the
    last scored answer (an unscored question may follow), terminated last."""
    sequence = progress(held)
    assert sequence.count("answered") == len(shown), sequence
    ends = ["completed", judged] if judged else []
    assert [v for v in sequence if v != "answered"] == ["initialized", *ends, "terminated"], sequence
    scored = [s for s in held if s["verb"]["id"] == ADL + "answered" and "success" in s["result"]]
    if judged:
        last_scored = held.index(scored[-1])
        assert progress(held[last_scored + 1 :])[:2] == ends


# What each question type's definition carries (package contract, xAPI 1.0.3 §2.4.4.1.1).
COMPONENTS = {
    "single": {"choices"},
    "multiple": {"choices"},
    "ordering": {"choices"},
    "likert": {"scale"},
    "matching": {"source", "target"},
    "truefalse": set(),
    "text": set(),
    "numeric": set(),
    "tcs": {"scale"},
    "longmenu": set(),
    "kfp": {"choices"},
    "hotspot": set(),
}


def check_interactions(sco: Sco, answered: list[dict[str, Any]]) -> None:
    """Every answered statement carries the components its type needs, with the texts the
    learner saw, valid for xAPI 1.0.3 and 2.0.0."""
    assert {sco.questions[s["object"]["id"].rsplit("/", 1)[1]]["type"] for s in answered} == set(COMPONENTS)
    for s in answered:
        for version in ("1.0.3", "2.0.0"):
            assert list(iter_problems(s, version)) == []
        q = sco.questions[s["object"]["id"].rsplit("/", 1)[1]]
        definition = s["object"]["definition"]
        present = {k for k in ("choices", "scale", "source", "target", "steps") if k in definition}
        assert present == COMPONENTS[q["type"]], (q["id"], present)
        texts = {key: [next(iter(c["description"].values())) for c in definition[key]] for key in present}
        form = sco.form(q["id"])
        match q["type"]:
            case "single" | "multiple" | "kfp":
                assert [c["id"] for c in definition["choices"]] == [c["id"] for c in q["choices"]]
                labels = [form.locator(f'label[for="{q["id"]}--{c["id"]}"]').inner_text() for c in q["choices"]]
                assert texts["choices"] == labels
            case "likert":
                assert [c["id"] for c in definition["scale"]] == [str(i + 1) for i in range(q["scale"])]
                assert texts["scale"][0] == form.locator(f'label[for="{q["id"]}--1"]').inner_text()
            case "tcs":
                assert [c["id"] for c in definition["scale"]] == ["1", "2", "3", "4", "5"]
                assert texts["scale"][0] == form.locator(f'label[for="{q["id"]}--1"]').inner_text()
            case "ordering":
                assert [c["id"] for c in definition["choices"]] == [chr(97 + i) for i in range(q["items"])]
                assert texts["choices"][0] == form.locator(f'label[for="{q["id"]}--a"]').inner_text()
            case "matching":
                assert len(definition["source"]) == q["lefts"] and len(definition["target"]) == q["rights"]
                assert texts["target"][0] == form.locator('select[name="a"] option[value="1"]').inner_text()


def test_right_answers_pass(guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages) -> None:
    page, _ = guarded
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7, return_url=packages.return_url)
    sco = start(page, launch)
    shown = sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    held = au_statements(page, lms, launch)
    check_sequence(held, sco, shown, judged="passed")
    assert launch.problems == []
    assert launch.fetched == 1
    passed = next(s for s in held if s["verb"]["id"] == ADL + "passed")
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.7
    answered = [s for s in held if s["verb"]["id"] == ADL + "answered"]
    assert {s["object"]["id"] for s in answered} == {f"{packages.au_id}/questions/{q}" for q in shown}
    check_interactions(sco, answered)
    # The exit button takes the learner back to the LMS.
    sco.nav("exit")
    page.wait_for_url(packages.return_url)


def test_wrong_answers_fail(guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages) -> None:
    page, _ = guarded
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7)
    sco = start(page, launch)
    shown = sco.run({qid: wrong_response(q) for qid, q in sco.questions.items()})
    held = au_statements(page, lms, launch)
    # failed waits for the end of the session (attempts left could still raise the score).
    sequence = progress(held)
    assert sequence.count("answered") == len(shown)
    assert [v for v in sequence if v != "answered"] == ["initialized", "completed", "failed", "terminated"]
    failed = by_verb(held, "failed")[0]
    assert failed["result"]["success"] is False and failed["result"]["score"]["scaled"] == 0
    assert launch.problems == []
    # No returnURL in this launch: nothing to go back to, no exit button.
    assert sco.locator('[data-nav="exit"]').is_hidden()


def test_network_cut_loses_nothing_and_duplicates_nothing(browser: Any, lms: TestLMS, packages: Packages) -> None:
    # Chromium reports every failed request in the console: this test tolerates those, and
    # only those, for the LMS's endpoint.
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    try:
        launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7)
        sco = start(page, launch)
        responses = {qid: right_response(q) for qid, q in sco.questions.items()}
        shown = sco.run(responses, stop_after_page=1)
        # The LRS stores, but the answers never come back; then the LMS is unreachable.
        lms.outage = "lost-answer"
        sco.nav("next")
        shown += sco.run(responses, stop_after_page=2)
        lms.outage = "refuse"
        sco.nav("next")
        assert page.evaluate("window.ehealth.lms.pending()") > 0, "statements wait in localStorage"
        lms.outage = None
        shown += sco.run(responses)
        held = au_statements(page, lms, launch)
    finally:
        context.close()
    assert lms.failed_requests > 0
    ids = [s["id"] for s in held]
    assert len(ids) == len(set(ids)), "the LRS holds a statement twice"
    assert ids == [s["id"] for s in launch.statements], "the LRS holds them in the order they were made"
    check_sequence(held, sco, shown, judged="passed")
    assert launch.problems == []
    assert all("Failed to load resource" in e for e in errors), errors


def test_a_refused_statement_is_set_aside_and_the_rest_goes_on(browser: Any, lms: TestLMS, packages: Packages) -> None:
    """403 is the LMS's last word on a statement: it is kept aside with the answer, and the
    statements after it are delivered, in order, while the learner is still there."""
    runner = Runner(browser, lms, packages)
    tab = runner.tab()
    lms.refuse_verbs = {"experienced"}
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7, audio="off")
    sco = start(tab.page, launch)
    assert tab.page.evaluate("window.ehealth.lms.audio") == "off", "learner preference: audio off"
    shown = sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    held = au_statements(tab.page, lms, launch)
    check_sequence(held, sco, shown, judged="passed")
    assert by_verb(held, "experienced") == []
    aside = json.loads(tab.page.evaluate("localStorage.getItem('ehealth:undeliverable')"))
    assert {(s["verb"], s["status"]) for s in aside} == {("experienced", 403)}
    assert len(aside) == len(sco.data["pages"])
    assert launch.problems == []
    assert all("status of 403" in e for e in tab.errors), tab.errors
    tab.context.close()


def test_reload_keeps_the_token_and_a_new_session_resumes(browser: Any, lms: TestLMS, packages: Packages) -> None:
    # Not the guarded page: Playwright's request interception drops the keepalive requests of a
    # document that is being replaced, which a browser on its own sends.
    runner = Runner(browser, lms, packages)
    tab = runner.tab()
    page = tab.page
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7, language="en-GB,fr-FR")
    sco = start(page, launch)
    assert sco.locator('[data-nav="next"]').inner_text() == "Next", "learner preference: English words"
    drawn = 'form:not(.not-drawn) [data-meta="attempts"], form:not(.not-drawn) [data-meta="several"]'
    meta = sco.locator(drawn).all_inner_texts()
    assert meta and all(t.startswith(("Attempts left: ", "several answers possible")) for t in meta), meta
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    sco.run(responses, stop_after_page=1)
    sco.nav("next")
    page.reload()
    sco = Sco(page)
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert launch.fetched == 1, "the fetch URL is one-time: a reload reuses the session's token"
    assert sco.current_page == sco.data["pages"][1]
    # The reload's pagehide sent terminated if nothing else was on its way (the reloaded page is
    # then read-only); else this session goes on, and ends at the next pagehide once idle.
    page.wait_for_function("window.ehealth.lms.pending() === 0")
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    first = au_statements(page, lms, launch)
    assert progress(first).count("initialized") == 1 and progress(first)[-1] == "terminated"
    assert progress(first).count("terminated") == 1
    assert page.evaluate("Object.keys(localStorage).join(' ')").find(launch.token) < 0
    # A new session of the same registration resumes from the state document.
    again = lms.relaunch(launch, packages.index("cmi5"))
    sco = start(page, again)
    assert sco.current_page == sco.data["pages"][1]
    assert launch.problems == [] and again.problems == []
    assert tab.errors == []
    tab.context.close()


def test_xapi_target_reports_with_the_launch_auth(
    guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages
) -> None:
    page, _ = guarded
    launch = lms.launch_xapi(packages.index("xapi"), packages.au_id)
    sco = start(page, launch)
    shown = sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    held = au_statements(page, lms, launch)
    check_sequence(held, sco, shown, judged="passed")
    assert {s["object"]["id"] for s in by_verb(held, "passed")} == {packages.au_id}
    assert launch.problems == []


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_conformance_scenario(name: str, browser: Any, lms: TestLMS, packages: Packages) -> None:
    """Each scenario once (benchmarks/cmi5_conformance.py runs them 20 times): no request the
    LMS refuses, every session read back in order with its own context."""
    violations = SCENARIOS[name](Runner(browser, lms, packages))
    assert violations == [], "\n".join(violations)


HOSTILE = [
    "javascript:window.top.__pwned=1",
    " javascript:window.top.__pwned=2",
    "JaVaScRiPt:window.top.__pwned=3",
    "data:text/html,<script>window.top.__pwned=4</script>",
    "java\tscript:window.top.__pwned=5",
    "java\nscript:window.top.__pwned=6",
    "\n\tjavascript:window.top.__pwned=7",
]


def test_hostile_return_url_runs_nothing(guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages) -> None:
    """A returnURL that is not http(s) is ignored: no exit button, a notice, and nothing runs
    even when exit is called directly."""
    page, _ = guarded
    for hostile in HOSTILE:
        launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), return_url=hostile)
        sco = start(page, launch)
        assert page.evaluate("window.ehealth.lms.returnURL") is None, hostile
        while sco.locator('button[data-nav="next"]').is_enabled():
            sco.nav("next")
        sco.nav("finish")
        assert sco.locator('[data-nav="exit"]').is_hidden()
        page.evaluate("window.ehealth.lms.exit()")
        page.wait_for_timeout(300)  # a navigation would have started by now: none may
        assert page.url == launch.url
        assert page.evaluate("typeof window.__pwned") == "undefined", hostile
        assert "ignorée" in sco.locator(".lms-notice").inner_text()
        assert launch.problems == []


@pytest.mark.parametrize("param", ["endpoint", "fetch"])
def test_launch_urls_must_be_web_urls(
    guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages, param: str
) -> None:
    """An endpoint or fetch URL that is not http(s) is not used: the module runs unlaunched."""
    page, _ = guarded
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"))
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch.url).query))
    query[param] = "javascript:window.top.__pwned=1//" + query[param]
    page.goto(packages.index("cmi5") + "?" + urllib.parse.urlencode(query))
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert page.evaluate("window.ehealth.lms.kind") == "web"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert launch.fetched == 0


def test_xapi_target_ignores_a_script_endpoint(guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages) -> None:
    page, _ = guarded
    launch = lms.launch_xapi(packages.index("xapi"), packages.au_id)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch.url).query))
    query["endpoint"] = " JaVaScRiPt:window.top.__pwned=1//"
    page.goto(packages.index("xapi") + "?" + urllib.parse.urlencode(query))
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert page.evaluate("window.ehealth.lms.kind") == "web"
    assert page.evaluate("typeof window.__pwned") == "undefined"
