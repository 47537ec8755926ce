"""A case (dossier progressif) in Chromium: steps shown one after the other under scorm-again
(SCORM 1.2 and 2004, Moodle's mastery override on), a case left at step 2 and resumed there,
the keyboard alone, axe-core, and a cmi5 run reporting to the LRS.

The module (fixtures/case/module.md) has a case of three steps: two questions in step 1 (one
with two attempts), two in step 2, one in step 3.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from ehealth_content import Module, load_module
from ehealth_content.scoring import module_score, question_points
from tests.cmi5 import fixtures
from tests.cmi5.lms import ADL, TestLMS
from tests.cmi5.scenarios import build_site

from . import moodle
from .conftest import HERE, SCORM_AGAIN, Guard, _unpack, missing
from .driver import Sco, as_scoring_response, right_response, wrong_response
from .lms_checks import VERSIONS as CALLS
from .lms_checks import problems
from .static_server import serve
from .test_accessibility import AXE, _active, _keyboard_answer, axe_violations

pytestmark = pytest.mark.browser

CASE_MODULE = HERE / "fixtures" / "case" / "module.md"
VERSIONS = {"scorm12": "12", "scorm2004": "2004"}
STEPS = (("chute-geste", "chute-dmp"), ("chute-messagerie", "chute-delai"), ("chute-suivi",))
NEXT_STEP = "L'étape suivante du cas est affichée ci-dessous."

lrs_server = fixtures.lrs_server
lms = fixtures.lms


def fixture_module(path: Path) -> Module:
    """A fixture module that must load cleanly (its diagnostics say why if it does not)."""
    loaded, diagnostics = load_module(path)
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture(scope="module")
def case_module() -> Module:
    return fixture_module(CASE_MODULE)


@contextlib.contextmanager
def module_site(module: Module, root: Path, work: Path) -> Iterator[str]:
    """``module`` for SCORM 1.2, 2004 and the web, with the LMS wrapper, served over http:
    ``wrapper.html`` and ``pkg/<target>/index.html`` under the base URL it yields."""
    if not (SCORM_AGAIN / "scorm12.js").exists():
        missing("scorm-again is not installed: npm ci --prefix tests/harness")
    for name in ("wrapper.html", "wrapper.js"):
        shutil.copy(HERE / "lms" / name, root / name)
    (root / "scorm-again").symlink_to(SCORM_AGAIN, target_is_directory=True)
    for target in ("scorm12", "scorm2004", "web"):
        _unpack(module, target, root / "pkg" / target, work)
    with serve(root) as base_url:
        yield base_url


@dataclass
class Cmi5Run:
    """A module launched by the test LMS: the running module, and what the LRS received."""

    sco: Sco
    au_id: str
    launch: Any
    lms: TestLMS

    def statements(self) -> list[dict[str, Any]]:
        """The session's statements but ``launched``, once ``terminated`` has arrived (or after 15 s)."""
        held: list[dict[str, Any]] = []
        for _ in range(75):
            held = [s for s in self.lms.lrs_statements(self.launch.registration) if s["verb"]["id"] != ADL + "launched"]
            if held and held[-1]["verb"]["id"] == ADL + "terminated":
                break
            self.sco.page.wait_for_timeout(200)
        return held


@contextlib.contextmanager
def cmi5_launch(
    page: Page, lms: TestLMS, module: Module, tmp_path_factory: pytest.TempPathFactory, name: str
) -> Iterator[Cmi5Run]:
    """``module`` built as a cmi5 course, served, launched by the test LMS (mastery 0.7), until
    the block ends."""
    root = tmp_path_factory.mktemp(f"{name}-xapi-site")
    au_id, _course = build_site(root, tmp_path_factory.mktemp(f"{name}-xapi-builds"), module)
    with serve(root) as base_url:
        launch_ = lms.launch_cmi5(au_id, f"{base_url}pkg/cmi5/index.html", mastery=0.7)
        page.goto(launch_.url)
        page.wait_for_selector("main.ehealth-running", state="attached")
        yield Cmi5Run(Sco(page), au_id, launch_, lms)


def written(log: list[dict[str, Any]], version: str, suffix: str) -> list[str]:
    """The values the module set for the data elements ending in ``suffix``, in order."""
    setter = CALLS[version]["set"]
    return [c["args"][1] for c in log if c["fn"] == setter and c["args"][0].endswith(suffix)]


@pytest.fixture(scope="module")
def case_site(case_module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with module_site(case_module, tmp_path_factory.mktemp("case-site"), tmp_path_factory.mktemp("case-builds")) as url:
        yield url


@pytest.fixture(params=sorted(VERSIONS))
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def launch(page: Page, base_url: str, target: str, preload: dict[str, str]) -> Sco:
    page.goto(f"{base_url}wrapper.html")
    page.evaluate(
        "options => window.launch(options)",
        {
            "version": VERSIONS[target],
            "url": f"{base_url}pkg/{target}/index.html",
            "preload": preload,
            "masteryOverride": True,
        },
    )
    return Sco.in_wrapper(page)


def close(page: Page) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    page.evaluate("window.closeSco()")
    return page.evaluate("window.lmsLog.calls"), page.evaluate("window.lmsStored()")


def stored_status(version: str, stored: dict[str, Any]) -> tuple[str, str]:
    if version == "12":
        return str(stored["core"]["lesson_status"]), str(stored["core"]["score"]["raw"])
    return f"{stored['completion_status']}/{stored['success_status']}", str(stored["score"]["raw"])


def interaction_ids(log: list[dict[str, Any]], version: str) -> list[str]:
    setter = CALLS[version]["set"]
    return [c["args"][1] for c in log if c["fn"] == setter and c["args"][0].endswith(".id")]


def visible_steps(sco: Sco) -> list[int]:
    steps = sco.locator(".case-step")
    return [i + 1 for i in range(steps.count()) if steps.nth(i).is_visible()]


def play(sco: Sco, responses: dict[str, Any]) -> None:
    """Answer, on the case's page, every shown question that still takes an answer, again and
    again: each step shows only once the one before it is done."""
    for _ in range(20):
        pending = [
            qid
            for qid in sco.shown_on_page()
            if qid in responses and sco.form(qid).locator('button[type="submit"]').is_enabled()
        ]
        if not pending:
            return
        for qid in pending:
            sco.answer(qid, responses[qid])
    pytest.fail("the case never ran out of questions to answer")


def expected_score(module: Module, sco: Sco, responses: dict[str, Any]) -> float:
    earned = {
        q.id: question_points(q, as_scoring_response(sco.questions[q.id], responses[q.id])) for q in module.questions
    }
    return module_score(module.questions, earned)


def test_each_step_shows_once_the_one_before_is_done(guarded: tuple[Page, Guard], case_site: str, target: str) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, case_site, target, moodle.first_launch(version, 70))
    sco.nav("next")
    assert sco.current_page == "cas"
    assert visible_steps(sco) == [1]
    waiting = sco.locator(".case-waiting")
    assert waiting.is_visible()
    assert sco.locator(".case-step img").first.is_visible(), "a step's image is shown with it"

    assert sco.answer("chute-geste", "b") == "incorrect"
    assert sco.answer("chute-dmp", True) == "correct"
    assert visible_steps(sco) == [1], "one attempt of step 1 is left: step 2 waits"
    assert NEXT_STEP not in sco.status_text("chute-dmp")
    assert sco.answer("chute-geste", "a") == "correct"
    assert visible_steps(sco) == [1, 2]
    assert NEXT_STEP in sco.status_text("chute-geste"), "the live feedback says a step appeared"
    for qid in STEPS[0]:
        assert sco.form(qid).locator("input").first.is_disabled(), f"{qid} is read-only once step 2 shows"

    play(sco, {qid: right_response(sco.questions[qid]) for step in STEPS[1:] for qid in step})
    assert visible_steps(sco) == [1, 2, 3]
    assert not waiting.is_visible()
    sco.nav("finish")
    log, stored = close(page)
    found = problems(log, version, sco.data)
    assert not found, "\n".join(found)
    assert stored_status(version, stored) == ("passed" if version == "12" else "completed/passed", "100")
    ids = interaction_ids(log, version)
    assert ids == ["chute-geste", "chute-dmp", "chute-geste", "chute-messagerie", "chute-delai", "chute-suivi"]


@pytest.mark.parametrize("how", ["wrong", "partly-right"])
def test_a_case_scores_the_sum_of_its_questions(
    guarded: tuple[Page, Guard], case_site: str, target: str, case_module: Module, how: str
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, case_site, target, moodle.first_launch(version, 70))
    if how == "wrong":
        responses = {qid: wrong_response(q) for qid, q in sco.questions.items()}
    else:
        responses = {qid: right_response(q) for qid, q in sco.questions.items()}
        # 3 of 4 choices agree (1.5 of 2 points), two wrong: 3.5 of 6 points, under the pass mark
        responses |= {"chute-messagerie": ["a"], "chute-dmp": False, "chute-suivi": "b"}
    sco.nav("next")
    play(sco, responses)
    assert visible_steps(sco) == [1, 2, 3], "wrong answers also open the next step once no attempt is left"
    messagerie = sco.form("chute-messagerie").get_attribute("data-state")
    assert messagerie == ("incorrect" if how == "wrong" else "partial")
    sco.nav("finish")
    log, stored = close(page)
    found = problems(log, version, sco.data)
    assert not found, "\n".join(found)
    expected = expected_score(case_module, sco, responses)
    status, raw = stored_status(version, stored)
    assert float(raw) == expected
    if how == "wrong":
        assert expected == 0
    else:
        assert 0 < expected < 100
    assert status == ("failed" if version == "12" else "completed/failed")


def leave_at_step_2(page: Page, site: str, target: str) -> tuple[Sco, list[dict[str, Any]], dict[str, Any]]:
    """Step 1 right, one question of step 2 right, then the learner leaves: the module, its
    calls and what the LMS keeps."""
    sco = launch(page, site, target, moodle.first_launch(VERSIONS[target], 70))
    right = {qid: right_response(q) for qid, q in sco.questions.items()}
    sco.nav("next")
    for qid in STEPS[0]:
        sco.answer(qid, right[qid])
    sco.answer("chute-messagerie", right["chute-messagerie"])
    assert visible_steps(sco) == [1, 2]
    log, stored = close(page)
    return sco, log, stored


def test_a_case_left_at_step_2_resumes_at_step_2(guarded: tuple[Page, Guard], case_site: str, target: str) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco, first_log, stored = leave_at_step_2(page, case_site, target)
    right = {qid: right_response(q) for qid, q in sco.questions.items()}
    assert not problems(first_log, version, sco.data)
    state = stored["suspend_data"]
    assert len(state) <= 10 * len(sco.questions), "the case adds nothing to the saved state"

    sco = launch(page, case_site, target, moodle.next_launch(version, stored))
    assert sco.current_page == "cas"
    assert visible_steps(sco) == [1, 2], "back at step 2, step 1 shown above it"
    assert sco.locator(".case-waiting").is_visible()
    assert sco.form("chute-geste").locator('input[value="a"]').is_checked()
    for qid in (*STEPS[0], "chute-messagerie"):
        form = sco.form(qid)
        assert form.get_attribute("data-state") == "correct", qid
        assert form.locator("input").first.is_disabled() and form.locator('button[type="submit"]').is_disabled()
    assert sco.form("chute-delai").locator("input").is_enabled()
    sco.answer("chute-delai", right["chute-delai"])
    assert visible_steps(sco) == [1, 2, 3]
    sco.answer("chute-suivi", right["chute-suivi"])
    sco.nav("finish")
    second_log, stored = close(page)
    assert not problems(second_log, version, sco.data)
    assert stored_status(version, stored) == ("passed" if version == "12" else "completed/passed", "100")
    assert interaction_ids(second_log, version) == ["chute-delai", "chute-suivi"], "earlier answers are not sent again"


# The case's next version: one more question in step 1. What these two tests see is what
# ``ehealth compat`` says of it (C203, tests/authoring/test_compat.py).
ADDED_TO_STEP_1 = """```quiz
id: chute-pouls
type: truefalse
prompt: L'aide à domicile peut prendre le pouls de Mme D. en attendant les secours.
answer: true
```

"""


@pytest.fixture(scope="module")
def case_site_v2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("case-v2") / "case"
    shutil.copytree(CASE_MODULE.parent, folder)
    source = (folder / "module.md").read_text(encoding="utf-8")
    (folder / "module.md").write_text(source.replace("## Aux urgences", ADDED_TO_STEP_1 + "## Aux urgences", 1))
    loaded, diagnostics = load_module(folder / "module.md")
    assert loaded is not None, diagnostics
    with module_site(loaded, tmp_path_factory.mktemp("case-v2-site"), tmp_path_factory.mktemp("case-v2-builds")) as url:
        yield url


def test_a_question_added_to_an_answered_step_keeps_the_answered_steps_shown_on_resume(
    guarded: tuple[Page, Guard], case_site: str, case_site_v2: str, target: str
) -> None:
    """Left at step 2 in the old version, resumed in the new one: step 1 is open again for its
    new question, step 2 stays shown with the answer given there (locked), and step 3, never
    reached, waits until steps 1 and 2 are done; no saved answer is lost."""
    page, _ = guarded
    version = VERSIONS[target]
    _, _, stored = leave_at_step_2(page, case_site, target)

    sco = launch(page, case_site_v2, target, moodle.next_launch(version, stored))
    assert sco.current_page == "cas"
    assert visible_steps(sco) == [1, 2], "step 2 holds an answer: it stays shown"
    assert sco.locator(".case-waiting").is_visible()
    for qid in (*STEPS[0], "chute-messagerie"):
        form = sco.form(qid)
        assert form.get_attribute("data-state") == "correct", f"{qid} kept"
        assert form.locator("input").first.is_disabled(), f"{qid} stays locked"
    assert sco.form("chute-pouls").locator("input").first.is_enabled(), "the new question takes an answer"
    assert sco.answer("chute-pouls", True) == "correct"
    assert visible_steps(sco) == [1, 2], "step 3 waits for step 2's last question"
    assert sco.answer("chute-delai", right_response(sco.questions["chute-delai"])) == "correct"
    assert visible_steps(sco) == [1, 2, 3]
    assert NEXT_STEP in sco.status_text("chute-delai")


REVIEWED = {"12": "cmi.core.lesson_mode", "2004": "cmi.mode"}
NOT_ANSWERED = "Non répondue lors de cette tentative."
NOT_REACHED = "La suite du cas n'a pas été atteinte lors de cette tentative."


def test_a_finished_case_reviewed_in_the_new_version_shows_every_answer(
    guarded: tuple[Page, Guard], case_site: str, case_site_v2: str, target: str
) -> None:
    """Finished in the old version and reopened for review (Moodle) in the new one: the new
    question cannot be answered there, so it says so, and every step after it is shown with
    the learner's answers; score kept; axe-core finds nothing in that state."""
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, case_site, target, moodle.first_launch(version, 70))
    sco.nav("next")
    play(sco, {qid: right_response(q) for qid, q in sco.questions.items()})
    assert visible_steps(sco) == [1, 2, 3]
    sco.nav("finish")
    _, stored = close(page)
    preload = moodle.next_launch(version, stored)
    assert preload[REVIEWED[version]] == "review"
    sco = launch(page, case_site_v2, target, preload)
    while sco.current_page != "cas":
        sco.nav("next")
    assert visible_steps(sco) == [1, 2, 3], "every step holding an answer is shown"
    assert not sco.locator(".case-waiting").is_visible()
    pouls = sco.form("chute-pouls")
    assert pouls.locator("input").first.is_disabled(), "review: nothing can be answered"
    assert sco.status_text("chute-pouls") == NOT_ANSWERED
    for qid in (qid for step in STEPS for qid in step):
        form = sco.form(qid)
        assert form.get_attribute("data-state") == "correct", qid
        assert form.locator("input").first.is_disabled(), qid
        assert NOT_ANSWERED not in sco.status_text(qid), qid
    assert axe_violations(sco.frame) == [], "the reviewed case"  # type: ignore[arg-type]
    _, reviewed = close(page)
    assert stored_status(version, reviewed) == ("passed" if version == "12" else "completed/passed", "100")


def test_a_case_finished_at_step_2_is_reviewed_up_to_step_2(
    guarded: tuple[Page, Guard], case_site: str, target: str
) -> None:
    """Step 1 answered, then "Terminer" confirmed, and the attempt opened in review mode (Moodle
    relaunches only a completed attempt so; an LMS may offer it for any): step 2 shows with its
    questions not answered, and step 3, never reached in the attempt, stays hidden."""
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, case_site, target, moodle.first_launch(version, 70))
    sco.nav("next")
    for qid in STEPS[0]:
        sco.answer(qid, right_response(sco.questions[qid]))
    assert visible_steps(sco) == [1, 2]
    sco.nav("finish")
    sco.locator('button[data-nav="confirm-finish"]').click()
    _, stored = close(page)
    assert not moodle.finished(version, stored), "questions left: the attempt is not complete"
    preload = moodle.next_launch(version, stored) | {REVIEWED[version]: "review"}
    sco = launch(page, case_site, target, preload)
    while sco.current_page != "cas":
        sco.nav("next")
    assert visible_steps(sco) == [1, 2], "step 3 was not reached: it stays hidden"
    assert [sco.status_text(qid) for qid in STEPS[1]] == [NOT_ANSWERED, NOT_ANSWERED]
    waiting = sco.locator(".case-waiting")
    assert waiting.is_visible() and waiting.inner_text() == NOT_REACHED


def test_a_case_completes_with_the_keyboard_alone_and_meets_wcag(guarded: tuple[Page, Guard], case_site: str) -> None:
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    page, _ = guarded
    page.goto(f"{case_site}pkg/web/index.html")
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    violations: dict[str, list[str]] = {}
    submitted: list[str] = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focus = _active(page)
        qid = focus["qid"]
        if qid is not None and focus["type"] == "submit":
            page.keyboard.press("Enter")
            assert sco.form(qid).get_attribute("data-state") == "correct", qid
            submitted.append(qid)
            if qid == "chute-dmp":
                violations["step 2 shown, step 1 answered"] = axe_violations(page)
        elif qid is not None:
            _keyboard_answer(page, sco.questions[qid], focus)
        elif focus["nav"] == "next":
            page.keyboard.press("Enter")
            violations["step 1 only"] = axe_violations(page)
        elif focus["nav"] == "finish":
            page.keyboard.press("Enter")
            break
    else:
        pytest.fail(f"never reached the finish button; answered {submitted}")
    assert submitted == [qid for step in STEPS for qid in step], "steps reached in order, by Tab alone"
    assert "Score\u00a0: 100\u00a0%" in sco.locator("#ehealth-results").inner_text()
    violations["finished"] = axe_violations(page)
    assert {where: found for where, found in violations.items() if found} == {}


@pytest.mark.lrs
def test_a_case_reports_each_question_to_the_lrs(
    guarded: tuple[Page, Guard], lms: TestLMS, case_module: Module, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page, _ = guarded
    with cmi5_launch(page, lms, case_module, tmp_path_factory, "case") as run:
        sco = run.sco
        sco.nav("next")
        assert visible_steps(sco) == [1]
        play(sco, {qid: right_response(q) for qid, q in sco.questions.items()})
        assert visible_steps(sco) == [1, 2, 3]
        sco.nav("finish")
        held = run.statements()
    assert run.launch.problems == []
    answered = [s for s in held if s["verb"]["id"] == ADL + "answered"]
    assert [s["object"]["id"] for s in answered] == [f"{run.au_id}/questions/{q}" for step in STEPS for q in step]
    assert all(s["result"]["success"] for s in answered)
    passed = [s for s in held if s["verb"]["id"] == ADL + "passed"]
    assert len(passed) == 1 and passed[0]["result"]["score"]["scaled"] == 1
