"""SCORM packages as Moodle grades them: its default "mastery score overrides status", the review
mode it opens a finished attempt in, and its value formats (tests/browser/moodle.py says what
Moodle does between launches; lms_checks.moodle_problems what values it refuses).

Every scenario runs with scorm-again's mastery override on (Moodle's default) and off.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page

from ehealth_content import load_module, load_text
from packager.cli import build_command

from . import moodle
from .conftest import HERE, Guard, Site, _unpack
from .driver import Sco, right_response, wrong_response
from .lms_checks import VERSIONS as CALLS
from .lms_checks import last_values, problems

pytestmark = pytest.mark.browser

VERSIONS = {"scorm12": "12", "scorm2004": "2004"}
CALLS_MODE = {"12": "cmi.core.lesson_mode", "2004": "cmi.mode"}
SCORES = {"12": ("cmi.core.score.raw",), "2004": ("cmi.score.raw", "cmi.score.scaled")}


@pytest.fixture(params=sorted(VERSIONS))
def target(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=[True, False], ids=["override-on", "override-off"])
def override(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


def launch(page: Page, url: str, target: str, preload: dict[str, str], override: bool) -> Sco:
    page.goto(url.split("pkg/")[0] + "wrapper.html")
    page.evaluate(
        "options => window.launch(options)",
        {"version": VERSIONS[target], "url": url, "preload": preload, "masteryOverride": override},
    )
    return Sco.in_wrapper(page)


def close(page: Page) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The learner leaves: the package's calls, and what the LMS keeps of the attempt."""
    page.evaluate("window.closeSco()")
    return page.evaluate("window.lmsLog.calls"), page.evaluate("window.lmsStored()")


def lms_status(version: str, stored: dict[str, Any]) -> tuple[str, str]:
    if version == "12":
        return str(stored["core"]["lesson_status"]), str(stored["core"]["score"]["raw"])
    return f"{stored['completion_status']}/{stored['success_status']}", str(stored["score"]["raw"])


def writes(log: list[dict[str, Any]], version: str) -> list[tuple[str, str]]:
    return [(c["args"][0], c["args"][1]) for c in log if c["fn"] == CALLS[version]["set"]]


def assert_clean(log: list[dict[str, Any]], version: str, sco: Sco) -> None:
    found = problems(log, version, sco.data)
    assert not found, "\n".join(found)


def test_left_midway_resumes_and_ends_passed_with_100(
    guarded: tuple[Page, Guard], site: Site, target: str, override: bool
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    url = site.package_url(target)
    sco = launch(page, url, target, moodle.first_launch(version, 70), override)
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    sco.run(responses, stop_after_page=2)
    bookmark = sco.current_page
    log, stored = close(page)
    assert_clean(log, version, sco)
    assert not [w for w in writes(log, version) if w[0] in SCORES[version]], "no score before completion"
    status, raw = lms_status(version, stored)
    assert status == ("incomplete" if version == "12" else "incomplete/unknown"), "not failed by the override"
    assert raw == ""

    preload = moodle.next_launch(version, stored)
    assert preload[CALLS_MODE[version]] == "normal", "Moodle reopens the attempt to be continued"
    sco = launch(page, url, target, preload, override)
    assert sco.current_page == bookmark
    assert sco.locator(".mode-notice").count() == 0
    sco.run(responses)
    log, stored = close(page)
    assert_clean(log, version, sco)
    assert lms_status(version, stored) == ("passed" if version == "12" else "completed/passed", "100")
    raw_writes = [value for element, value in writes(log, version) if element == SCORES[version][0]]
    assert raw_writes and set(raw_writes) == {"100"}, "the gradebook only ever sees the final score"


def test_a_failed_run_is_failed_only_once_completed(
    guarded: tuple[Page, Guard], site: Site, target: str, override: bool
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, site.package_url(target), target, moodle.first_launch(version, 70), override)
    sco.run({qid: wrong_response(q) for qid, q in sco.questions.items()})
    log, stored = close(page)
    assert_clean(log, version, sco)
    assert lms_status(version, stored) == ("failed" if version == "12" else "completed/failed", "0")
    assert moodle.finished(version, stored)


@pytest.mark.parametrize("finished_mode", ["review", "normal"])
def test_a_finished_attempt_reopens_read_only_with_its_answers(
    guarded: tuple[Page, Guard], site: Site, target: str, finished_mode: str, override: bool
) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    url = site.package_url(target)
    sco = launch(page, url, target, moodle.first_launch(version, 70), override)
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    shown = sco.run(responses)
    _, stored = close(page)

    sco = launch(page, url, target, moodle.next_launch(version, stored, finished_mode), override)
    notice = sco.locator(".mode-notice")
    assert notice.is_visible()
    expected = "Mode révision" if finished_mode == "review" else "Cette tentative est terminée"
    assert expected in notice.inner_text()
    assert "100" in sco.locator("#ehealth-results").inner_text(), "the result of the attempt is shown"
    controls = sco.locator("form[data-question-id] input, form[data-question-id] select, form[data-question-id] button")
    assert controls.count() > 0
    assert all(controls.nth(i).is_disabled() for i in range(controls.count())), "nothing can be answered again"
    while sco.current_page != sco.data["pages"][0]:
        sco.nav("prev")
    for page_id in sco.data["pages"]:
        for qid in sco.shown_on_page():
            assert qid in shown
            assert sco.form(qid).get_attribute("data-state") in ("correct", "neutral"), qid
        if page_id != sco.data["pages"][-1]:
            sco.nav("next")
    assert sco.form("q-single").locator('input[value="b"]').count() == 1
    log, after = close(page)
    assert_clean(log, version, sco)
    assert writes(log, version) == [], "a finished attempt is not written to"
    assert not [c for c in log if c["fn"] == CALLS[version]["commit"]]
    assert lms_status(version, after) == lms_status(version, stored)


def test_browse_mode_grades_nothing_and_saves_nothing(guarded: tuple[Page, Guard], site: Site, target: str) -> None:
    page, _ = guarded
    version = VERSIONS[target]
    preload = moodle.first_launch(version, 70) | {CALLS_MODE[version]: "browse"}
    sco = launch(page, site.package_url(target), target, preload, True)
    assert "Mode découverte" in sco.locator(".mode-notice").inner_text()
    assert sco.answer("q-single", "b") == "correct", "questions still answer for practice"
    log, _ = close(page)
    assert_clean(log, version, sco)
    session = "cmi.core.session_time" if version == "12" else "cmi.session_time"
    assert [element for element, _ in writes(log, version)] == [session]


@pytest.fixture(scope="module")
def edges(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    module, diagnostics = load_module(HERE / "fixtures" / "moodle-edges" / "module.md")
    assert module is not None, diagnostics
    work = tmp_path_factory.mktemp("edges")
    urls = {}
    for target in VERSIONS:
        _unpack(module, target, site.root / "pkg" / f"edges-{target}", work / target)
        urls[target] = site.package_url(f"edges-{target}")
    return urls


def test_values_moodle_refuses_are_never_written(
    guarded: tuple[Page, Guard], edges: dict[str, str], target: str
) -> None:
    """A prompt starting with "{" or spanning two lines, a 6-digit answer, 150 points."""
    page, _ = guarded
    version = VERSIONS[target]
    sco = launch(page, edges[target], target, moodle.first_launch(version, 50), True)
    assert sco.answer("q-accolade", "b") == "correct"
    assert sco.answer("q-deux-lignes", True) == "correct"
    assert sco.answer("q-grand-nombre", "125000") == "correct"
    assert sco.answer("q-heures", "1234567") == "incorrect"
    sco.nav("finish")
    log, stored = close(page)
    assert_clean(log, version, sco)
    values = last_values(log, version)
    if version == "2004":
        descriptions = [v for k, v in values.items() if k.endswith(".description")]
        assert "Urgent} Quelle autorité reçoit les notifications de violation de données ?" in descriptions
        assert "Le secret médical s'impose à tout professionnel de santé." in descriptions
    results = [v for k, v in writes(log, version) if k.endswith(".result")]
    assert len(results) == 4, "every answer is recorded, even when its value cannot be"
    assert lms_status(version, stored)[0] in ("passed", "completed/passed")


def _pages_module(version: str, pages: list[tuple[str, str]]) -> str:
    body = "\n\n".join(f"# {title} {{#{pid}}}\n\nContenu de la page {title}." for pid, title in pages)
    quiz = "```quiz\nid: q-fin\ntype: truefalse\nprompt: Le module est fini.\nanswer: true\n```\n"
    return f"---\nid: pages-moved\ntitle: Pages déplacées\nversion: {version}\nlang: fr\n---\n\n{body}\n\n{quiz}"


@pytest.fixture(scope="module")
def updated(site: Site, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The same module before (pages a, b, c) and after a page ``n`` was inserted after ``a``."""
    work = tmp_path_factory.mktemp("updated")
    versions = {
        "2.1.0": [("a", "Alpha"), ("b", "Bêta"), ("c", "Gamma")],
        "2.2.0": [("a", "Alpha"), ("n", "Nouvelle"), ("b", "Bêta"), ("c", "Gamma")],
    }
    urls = {}
    for version, pages in versions.items():
        module, diagnostics = load_text(_pages_module(version, pages), work / version / "module.md")
        assert module is not None, diagnostics
        _unpack(module, "scorm2004", site.root / "pkg" / f"pages-{version}", work / version)
        urls[version] = site.package_url(f"pages-{version}")
    return urls


def test_pages_seen_survive_a_page_inserted_by_an_update(guarded: tuple[Page, Guard], updated: dict[str, str]) -> None:
    """Moodle keeps suspend_data when a new version of the package replaces the old one."""
    page, _ = guarded
    sco = launch(page, updated["2.1.0"], "scorm2004", moodle.first_launch("2004", 70), True)
    assert sco.current_page == "a"
    sco.nav("next")
    assert sco.current_page == "b"
    _, stored = close(page)

    sco = launch(page, updated["2.2.0"], "scorm2004", moodle.next_launch("2004", stored), True)
    assert sco.current_page == "b"
    marks = {
        pid: sco.locator(f'#ehealth-menu a[data-page-link="{pid}"]').get_attribute("data-mark")
        for pid in sco.data["pages"]
    }
    assert marks == {"a": "done", "n": "", "b": "done", "c": ""}, "the new page was never seen"
    assert sco.locator("progress.progress-bar").evaluate("bar => bar.value") == 2


def as_built_before_e2(package: Path) -> None:
    """Make ``package`` (a zip) what a build before format ``E2`` wrote: no ``stateFormat``."""
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    html = files["index.html"].decode("utf-8")
    assert html.count('"stateFormat":"E2",') == 1
    files["index.html"] = html.replace('"stateFormat":"E2",', "").encode("utf-8")
    with zipfile.ZipFile(package, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)


def test_pages_seen_in_an_e1_state_survive_an_update_built_with_previous(
    guarded: tuple[Page, Guard], site: Site, tmp_path: Path
) -> None:
    """A learner midway through a package that saves in E1 (pages a, b, c; a and b seen) resumes
    in a new version (a page n inserted after a) built with ``--previous`` the old package."""
    page, _ = guarded
    sources = {
        "2.1.0": [("a", "Alpha"), ("b", "Bêta"), ("c", "Gamma")],
        "2.2.0": [("a", "Alpha"), ("n", "Nouvelle"), ("b", "Bêta"), ("c", "Gamma")],
    }
    for version, pages in sources.items():
        (tmp_path / version).mkdir()
        (tmp_path / version / "module.md").write_text(_pages_module(version, pages), encoding="utf-8")
    old = CliRunner().invoke(
        build_command, [str(tmp_path / "2.1.0"), "--target", "scorm2004", "--out", str(tmp_path / "old")]
    )
    assert old.exit_code == 0, old.output
    old_zip = tmp_path / "old" / "pages-moved-2.1.0-scorm2004.zip"
    as_built_before_e2(old_zip)
    new = CliRunner().invoke(
        build_command,
        [str(tmp_path / "2.2.0"), "--target", "scorm2004", "--out", str(tmp_path / "new"), "--previous", str(old_zip)],
    )
    assert new.exit_code == 0, new.output
    with zipfile.ZipFile(tmp_path / "new" / "pages-moved-2.2.0-scorm2004.zip") as archive:
        archive.extractall(site.root / "pkg" / "pages-e1-update")

    # E1 (docs/architecture.md §3): MASK bit i is the old package's i-th page; "3" is a and b.
    resume = {
        "cmi.suspend_data": "E1~3~~",
        "cmi.location": "b",
        "cmi.completion_status": "incomplete",
        "cmi.success_status": "unknown",
        "cmi.scaled_passing_score": "0.7",
        "cmi.mode": "normal",
        "cmi.credit": "credit",
        "cmi.entry": "resume",
    }
    sco = launch(page, site.package_url("pages-e1-update"), "scorm2004", resume, True)
    assert sco.current_page == "b"
    marks = {
        pid: sco.locator(f'#ehealth-menu a[data-page-link="{pid}"]').get_attribute("data-mark")
        for pid in sco.data["pages"]
    }
    assert marks == {"a": "done", "n": "", "b": "done", "c": ""}, "a and b kept, the new page n never seen"
    assert sco.locator("progress.progress-bar").evaluate("bar => bar.value") == 2
