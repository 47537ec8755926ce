"""cmi5 and xapi packages in Chromium, launched by the test LMS, reporting to the real LRS.

Every statement is checked twice: by the LMS as it arrives (cmi5 rules, xapi.validation) and
here, from what the LRS finally holds (order, count by id, results).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.driver import Sco, right_response, wrong_response

from .conftest import Guard, Packages
from .lms import ADL, Launch, TestLMS

pytestmark = [pytest.mark.browser, pytest.mark.lrs]

# Deadline for the outbox to drain after a click: the LMS is on loopback.
DRAIN = 15.0


def start(page: Page, launch: Launch) -> Sco:
    page.goto(launch.url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def au_statements(lms: TestLMS, launch: Launch, *, expect_last: str = "terminated") -> list[dict[str, Any]]:
    """The AU's statements in the LRS (not the LMS's launched), once ``expect_last`` arrived."""
    deadline = time.monotonic() + DRAIN
    while True:
        held = [s for s in lms.lrs_statements(launch.registration) if s["verb"]["id"] != ADL + "launched"]
        if (held and held[-1]["verb"]["id"] == ADL + expect_last) or time.monotonic() > deadline:
            return held
        time.sleep(0.2)


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
        assert progress(held[last_scored + 1:])[:2] == ends


def test_right_answers_pass(guarded: tuple[Page, Guard], lms: TestLMS, packages: Packages) -> None:
    page, _ = guarded
    launch = lms.launch_cmi5(packages.au_id, packages.index("cmi5"), mastery=0.7, return_url=packages.return_url)
    sco = start(page, launch)
    shown = sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    held = au_statements(lms, launch)
    check_sequence(held, sco, shown, judged="passed")
    assert launch.problems == []
    assert launch.fetched == 1
    passed = next(s for s in held if s["verb"]["id"] == ADL + "passed")
    assert passed["result"]["score"] == {"scaled": 1, "raw": 100, "min": 0, "max": 100}
    assert passed["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.7
    answered = [s for s in held if s["verb"]["id"] == ADL + "answered"]
    assert {s["object"]["id"] for s in answered} == {f"{packages.au_id}/questions/{q}" for q in shown}
    # The exit button takes the learner back to the LMS.
    sco.nav("exit")
    page.wait_for_url(packages.return_url)
