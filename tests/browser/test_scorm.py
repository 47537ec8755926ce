"""SCORM 1.2 and 2004 packages in a real Chromium, under scorm-again, driven by their markup."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from ehealth_content import Module
from ehealth_content.scoring import module_score, question_points, shown_questions

from .conftest import Guard, Site
from .driver import Sco, as_scoring_response, right_response, wrong_response
from .lms_checks import last_values, problems

pytestmark = pytest.mark.browser

VERSIONS = {"scorm12": "12", "scorm2004": "2004"}


@pytest.fixture(params=sorted(VERSIONS))
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def launch(page: Page, site: Site, target: str, preload: dict[str, str] | None = None) -> Sco:
    page.goto(site.wrapper_url)
    page.evaluate(
        "options => window.launch(options)",
        {"version": VERSIONS[target], "url": site.package_url(target), "preload": preload},
    )
    return Sco.in_wrapper(page)


def calls(page: Page) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = page.evaluate("window.lmsLog.calls")
    return result


def check(log: list[dict[str, Any]], target: str, sco: Sco) -> None:
    found = problems(log, VERSIONS[target], sco.data)
    assert not found, "\n".join(found)


def expected_score(module: Module, sco: Sco, shown: list[str], responses: dict[str, Any]) -> float:
    drawn = {p.name: tuple(q for q in p.question_ids if q in shown) for p in module.pools}
    questions = shown_questions(module, drawn)
    assert {q.id for q in questions} == set(shown), "the runtime shows what Python would"
    earned = {
        q.id: question_points(q, as_scoring_response(sco.questions[q.id], responses[q.id]))
        for q in questions
        if q.id in responses
    }
    return module_score(questions, earned)


def outcome(values: dict[str, str], target: str) -> dict[str, str]:
    if target == "scorm12":
        return {
            "status": values["cmi.core.lesson_status"],
            "raw": values["cmi.core.score.raw"],
            "exit": values["cmi.core.exit"],
        }
    return {
        "status": f"{values['cmi.completion_status']}/{values['cmi.success_status']}",
        "raw": values["cmi.score.raw"],
        "scaled": values["cmi.score.scaled"],
        "exit": values["cmi.exit"],
    }


def test_right_answers_pass(guarded: tuple[Page, Guard], site: Site, target: str) -> None:
    page, _ = guarded
    sco = launch(page, site, target)
    assert sco.current_page == sco.data["pages"][0]
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    sco.run(responses)
    log = calls(page)
    check(log, target, sco)
    values = last_values(log, VERSIONS[target])
    assert ("cmi.core.session_time" if target == "scorm12" else "cmi.session_time") in values
    got = outcome(values, target)
    if target == "scorm12":
        assert got == {"status": "passed", "raw": "100", "exit": ""}
    else:
        assert got == {"status": "completed/passed", "raw": "100", "scaled": "1", "exit": "normal"}
    results = sco.locator("#ehealth-results")
    assert results.is_visible() and "100" in results.inner_text()
    states = {qid: sco.form(qid).get_attribute("data-state") for qid in sco.questions}
    assert states["q-avis"] == "neutral"
    assert {s for qid, s in states.items() if s and qid != "q-avis"} == {"correct"}


def test_wrong_answers_fail(guarded: tuple[Page, Guard], site: Site, target: str, module: Module) -> None:
    page, _ = guarded
    sco = launch(page, site, target)
    responses = {qid: wrong_response(q) for qid, q in sco.questions.items()}
    shown = sco.run(responses)
    log = calls(page)
    check(log, target, sco)
    got = outcome(last_values(log, VERSIONS[target]), target)
    assert got["status"] == ("failed" if target == "scorm12" else "completed/failed")
    assert float(got["raw"]) == expected_score(module, sco, shown, responses) == 0
    results_written = [c["args"][1] for c in log if c["args"] and c["args"][0].endswith(".result")]
    assert set(results_written) == {"wrong" if target == "scorm12" else "incorrect", "neutral"}


def test_partly_right_scores_like_python(guarded: tuple[Page, Guard], site: Site, target: str, module: Module) -> None:
    page, _ = guarded
    sco = launch(page, site, target)
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    responses |= {
        "q-multiple": ["a"],  # partial scoring: 3 of 4 choices agree
        "q-texte": "  la   cnil ",  # normalised match
        "q-nombre": "72,0",
        "q-assoc": {"a": "1", "b": "3", "c": "2"},  # one of three matched
        "q-ordre": ["b", "a", "c", "d"],  # all or nothing
    }
    # Enough wrong answers to stay under the pass mark, whatever types the demo module gains.
    for qid in ("q-cas-1", "q-cas-2", "q-cas-3", "q-zone", "q-menu-long"):
        responses[qid] = wrong_response(sco.questions[qid])
    shown = sco.run(responses)
    log = calls(page)
    check(log, target, sco)
    expected = expected_score(module, sco, shown, responses)
    assert 0 < expected < module.mastery_score
    got = outcome(last_values(log, VERSIONS[target]), target)
    assert float(got["raw"]) == expected
    assert got["status"] == ("failed" if target == "scorm12" else "completed/failed")
    assert sco.form("q-multiple").get_attribute("data-state") == "partial"
    assert sco.form("q-texte").get_attribute("data-state") == "correct"


def test_interrupted_run_resumes_where_it_stopped(guarded: tuple[Page, Guard], site: Site, target: str) -> None:
    page, _ = guarded
    sco = launch(page, site, target)
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    answered = sco.run(responses, stop_after_page=2)
    sco.nav("next")  # see the draw on page 3, answer nothing there, come back
    drawn = sco.shown_on_page()
    sco.nav("prev")
    assert sco.current_page == "regles"
    page.evaluate("window.closeSco()")
    first = calls(page)
    check(first, target, sco)
    values = last_values(first, VERSIONS[target])
    if target == "scorm12":
        assert values["cmi.core.exit"] == "suspend" and values["cmi.core.lesson_status"] == "incomplete"
        preload = {
            "cmi.suspend_data": values["cmi.suspend_data"],
            "cmi.core.lesson_location": values["cmi.core.lesson_location"],
            "cmi.core.lesson_status": "incomplete",
            "cmi.core.entry": "resume",
        }
    else:
        assert values["cmi.exit"] == "suspend" and values["cmi.completion_status"] == "incomplete"
        preload = {
            "cmi.suspend_data": values["cmi.suspend_data"],
            "cmi.location": values["cmi.location"],
            "cmi.completion_status": "incomplete",
            "cmi.entry": "resume",
        }

    sco = launch(page, site, target, preload)
    assert sco.current_page == "regles"
    for qid in answered:
        assert sco.form(qid).get_attribute("data-state") == "correct", qid
        assert sco.form(qid).locator('button[type="submit"]').is_disabled()
    assert sco.form("q-texte").locator("input").input_value() == responses["q-texte"]
    sco.nav("prev")
    assert sco.form("q-single").locator('input[value="b"]').is_checked()
    sco.nav("next")
    sco.nav("next")
    assert sco.shown_on_page() == drawn
    sco.run(responses)
    second = calls(page)
    check(second, target, sco)
    got = outcome(last_values(second, VERSIONS[target]), target)
    assert got["status"] == ("passed" if target == "scorm12" else "completed/passed")
    assert got["raw"] == "100"
    submitted = [c["args"][1] for c in second if c["args"] and c["args"][0].endswith(".id")]
    assert not set(submitted) & set(answered), "answers of the first session are not submitted again"


def test_attempts_feedback_and_explanation(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    sco = launch(page, site, "scorm12")
    form = sco.form("q-single")
    form.locator('button[type="submit"]').click()
    assert form.get_attribute("data-state") is None, "an empty submission uses no attempt"
    assert sco.status_text("q-single").strip()
    assert sco.answer("q-single", "c") == "incorrect"
    status = sco.status_text("q-single")
    assert "Non, relisez" in status and "autorité de contrôle" in status and "1" in status
    assert "Article 33" not in status
    assert form.locator('input[value="b"]').is_enabled()
    assert sco.answer("q-single", "a") == "incorrect"
    assert "Article 33" in sco.status_text("q-single"), "explanation after the last attempt"
    assert "Réponse attendue\u00a0: La CNIL" in sco.status_text("q-single"), "the right answer, in words"
    assert form.locator('input[value="b"]').is_disabled()
    assert form.locator('button[type="submit"]').is_disabled()
    results = [c["args"][1] for c in calls(page) if c["args"] and c["args"][0].endswith(".result")]
    assert results == ["wrong", "wrong"]
    commits = sum(c["fn"] == "LMSCommit" for c in calls(page))
    assert commits >= 3, "a commit at launch and after each submission"
