"""Key-feature problems (``kfp``) in Chromium: right, wrong and partly right answers under
scorm-again (SCORM 1.2 and 2004, Moodle's mastery override on), the limit on the number of
actions, the keyboard alone, axe-core, and a cmi5 run reporting to the LRS.

fixtures/kfp/module.md: ``kfp-douleur`` (3 key features of 5 actions, 3 at most, a dangerous
action scores 0) and ``kfp-sortie`` (2 of 4, a dangerous action takes one share).
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
from .driver import Sco, right_response
from .lms_checks import problems
from .test_accessibility import AXE, _active, _keyboard_answer, axe_violations
from .test_case import (
    VERSIONS,
    close,
    cmi5_launch,
    fixture_module,
    interaction_ids,
    launch,
    module_site,
    stored_status,
    written,
)
from .test_case import target as case_target

pytestmark = pytest.mark.browser

KFP_MODULE = HERE / "fixtures" / "kfp" / "module.md"

lrs_server = fixtures.lrs_server
target = case_target  # the case tests' fixture: one run per SCORM version
lms = fixtures.lms


@pytest.fixture(scope="module")
def kfp_module() -> Module:
    return fixture_module(KFP_MODULE)


@pytest.fixture(scope="module")
def kfp_site(kfp_module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with module_site(kfp_module, tmp_path_factory.mktemp("kfp-site"), tmp_path_factory.mktemp("kfp-builds")) as url:
        yield url


# (kfp-douleur, kfp-sortie) → states, LMS raw score. Points: 3 and 1.
RUNS = {
    "right": ((["a", "b", "e"], ["a", "c"]), ("correct", "correct"), "100"),
    # A dangerous action with every key feature: 0 under danger zero; one share off under penalty.
    "dangerous": ((["a", "b", "c"], ["a", "b", "c"]), ("incorrect", "partial"), "12.5"),
    "partly-right": ((["a", "d"], ["c", "d"]), ("partial", "partial"), "37.5"),
    "wrong": ((["d"], ["d"]), ("incorrect", "incorrect"), "0"),
}


@pytest.mark.parametrize("how", sorted(RUNS))
def test_kfp_scores_key_features_found_and_dangers_chosen(
    guarded: tuple[Page, Guard], kfp_site: str, target: str, how: str
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    responses, states, raw = RUNS[how]
    sco = launch(page, kfp_site, target, moodle.first_launch(version, 70))
    assert sco.answer("kfp-douleur", responses[0]) == states[0]
    if how == "dangerous":
        assert "malaise au volant" in sco.status_text("kfp-douleur"), "the dangerous action's own feedback"
    sco.nav("next")
    assert sco.answer("kfp-sortie", responses[1]) == states[1]
    sco.nav("finish")
    log, stored = close(page)
    found = problems(log, version, sco.data)
    assert not found, "\n".join(found)
    passed = how == "right"
    status = ("passed" if passed else "failed") if version == "12" else f"completed/{'passed' if passed else 'failed'}"
    assert stored_status(version, stored) == (status, raw)
    assert written(log, version, ".type") == ["choice", "choice"]
    sep = "," if version == "12" else "[,]"
    assert written(log, version, ".pattern") == [sep.join("abe"), sep.join("ac")]
    response_key = ".student_response" if version == "12" else ".learner_response"
    assert written(log, version, response_key) == [sep.join(r) for r in responses]


def test_more_actions_than_allowed_are_not_submitted(guarded: tuple[Page, Guard], kfp_site: str) -> None:
    page, _ = guarded
    sco = launch(page, kfp_site, "scorm2004", moodle.first_launch("2004", 70))
    form = sco.form("kfp-douleur")
    assert "Choisissez au plus 3 actions." in form.inner_text()
    sco.fill("kfp-douleur", ["a", "b", "d", "e"])
    form.locator('button[type="submit"]').click()
    assert form.get_attribute("data-state") is None
    assert "4 actions" in sco.status_text("kfp-douleur") and "3 au plus" in sco.status_text("kfp-douleur")
    assert form.locator('input[value="d"]').is_enabled(), "no attempt used"
    assert sco.answer("kfp-douleur", ["a", "b", "e"]) == "correct"
    log, _ = close(page)
    assert interaction_ids(log, "2004") == ["kfp-douleur"]


def test_kfp_completes_with_the_keyboard_alone_and_meets_wcag(guarded: tuple[Page, Guard], kfp_site: str) -> None:
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    page, _ = guarded
    page.goto(f"{kfp_site}pkg/web/index.html")
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    violations = {"start": axe_violations(page)}
    submitted: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focus = _active(page)
        qid = focus["qid"]
        if qid is not None and focus["type"] == "submit":
            page.keyboard.press("Enter")
            assert sco.form(qid).get_attribute("data-state") == "correct", qid
            submitted.append(qid)
            violations[qid] = axe_violations(page)
        elif qid is not None:
            _keyboard_answer(page, sco.questions[qid], focus)
        elif focus["nav"] == "next":
            page.keyboard.press("Enter")
        elif focus["nav"] == "finish":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"never reached the finish button; answered {submitted}")
    assert submitted == ["kfp-douleur", "kfp-sortie"]
    assert "Score\u00a0: 100\u00a0%" in sco.locator("#ehealth-results").inner_text()
    assert {where: found for where, found in violations.items() if found} == {}


@pytest.mark.lrs
def test_kfp_answers_reach_the_lrs_with_the_actions_the_learner_saw(
    guarded: tuple[Page, Guard], lms: TestLMS, kfp_module: Module, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page, _ = guarded
    with cmi5_launch(page, lms, kfp_module, tmp_path_factory, "kfp") as run:
        sco = run.sco
        sco.run({qid: right_response(q) for qid, q in sco.questions.items()} | {"kfp-sortie": ["a", "b"]})
        held = run.statements()
    assert run.launch.problems == []
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in held if s["verb"]["id"] == ADL + "answered"}
    assert set(answered) == {"kfp-douleur", "kfp-sortie"}
    first = answered["kfp-douleur"]
    definition = first["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert [c["id"] for c in definition["choices"]] == list("abcde")
    assert "venir au cabinet en voiture" in next(iter(definition["choices"][2]["description"].values()))
    assert definition["correctResponsesPattern"] == ["a[,]b[,]e"]
    assert first["result"]["success"] is True and first["result"]["response"] == "a[,]b[,]e"
    second = answered["kfp-sortie"]["result"]
    assert second["success"] is False and second["response"] == "a[,]b"
