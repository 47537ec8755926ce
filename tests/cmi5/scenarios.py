"""cmi5 conformance scenarios: a learner's sessions in Chromium, judged by the test LMS (every
request, as ADL's player judges it) and then read back from the real LRS (order and context of
every session's statements).

``tests/browser/test_cmi5.py`` runs each scenario once; ``benchmarks/cmi5_conformance.py`` runs
each of them 20 times or more. A scenario returns its violations as sentences, never raises for
a conformance problem: an empty list is a conformant run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped, unused-ignore]
from playwright.sync_api import Browser, BrowserContext, Page

from ehealth_content import Module
from packager import XapiOptions, build_course, build_package
from tests.browser.driver import Sco, right_response, wrong_response
from tests.cmi5.lms import ABANDONED, ADL, SESSION, Launch, TestLMS, template_problems

__all__ = [
    "BASE_IRI",
    "CHROMIUM_ARGS",
    "SCENARIOS",
    "Packages",
    "Runner",
    "build_site",
    "readback",
]

# Not the default: shows the option reaches the ids.
BASE_IRI = "https://formation.example.org/xapi"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Upper bound for a session's last statement to reach the LMS once the learner is done: loopback.
DRAIN = 15.0


@dataclass(frozen=True)
class Packages:
    base_url: str
    au_id: str
    """The module's AU id in cmi5.xml (= activity id in tincan.xml)."""
    course: tuple[tuple[str, str], ...] = ()
    """The five-module course: (AU id, path under base_url) in course order, when it was built."""

    def index(self, target: str) -> str:
        return f"{self.base_url}pkg/{target}/index.html"

    @property
    def return_url(self) -> str:
        return f"{self.base_url}returned.html"


def build_site(
    root: Path, work: Path, module: Module, course: Sequence[Module] = ()
) -> tuple[str, list[tuple[str, str]]]:
    """Unzip the module's cmi5 and xapi packages under ``root/pkg/<target>/`` (and the course
    under ``root/course/``); returns the module's AU id and the course's (AU id, path) list."""
    for target in ("cmi5", "xapi"):
        result = build_package(module, target, work / target, xapi=XapiOptions(base_iri=BASE_IRI))
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(root / "pkg" / target)
    (root / "returned.html").write_text(
        '<!DOCTYPE html><html lang="fr"><title>LMS</title><link rel="icon" href="data:,"><p id="lms-home">Retour à la plateforme</p></html>',
        encoding="utf-8",
    )
    # Chromium asks every origin for its icon; a 404 would read as a console error.
    (root / "favicon.ico").write_bytes(b"")
    entries: list[tuple[str, str]] = []
    if course:
        (work / "course").mkdir()
        result = build_course(
            course, "parcours", "Parcours eSanté", work / "course", xapi=XapiOptions(base_iri=BASE_IRI)
        )
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(root / "course")
        tree = etree.parse(str(root / "course" / "cmi5.xml"))
        for au in tree.iter("{*}au"):
            url = au.find("{*}url")
            assert url is not None and url.text
            entries.append((au.get("id"), "course/" + url.text))
    return f"{BASE_IRI}/modules/{module.id}", entries


# --- reading back ---------------------------------------------------------------------------


def _verb(statement: dict[str, Any]) -> str:
    return str(statement["verb"]["id"]).removeprefix(ADL)


def readback(
    lms: TestLMS, registration: str, sessions: Sequence[Launch], may_abandon: Sequence[Launch] = ()
) -> list[str]:
    """What the LRS holds for ``registration``, session by session: initialized first and once,
    terminated last and once (or, for ``may_abandon``, the LMS's abandoned instead), every
    context matching its session's template."""
    held = lms.lrs_statements(registration)
    found: list[str] = []
    for launch in sessions:
        mine = [s for s in held if ((s.get("context") or {}).get("extensions") or {}).get(SESSION) == launch.session_id]
        au = [s for s in mine if s["verb"]["id"] not in (ADL + "launched", ABANDONED)]
        abandoned = any(s["verb"]["id"] == ABANDONED for s in mine)
        verbs = [_verb(s) for s in au]
        where = f"session {launch.session_id[:8]}"
        if not verbs or verbs[0] != "initialized" or verbs.count("initialized") != 1:
            found.append(f"read back 9.3.0.0-4: {where}: {verbs[:3]}… does not start with one initialized")
        if "terminated" in verbs:
            if verbs.count("terminated") != 1 or verbs[-1] != "terminated":
                found.append(f"read back 9.3.0.0-5: {where}: terminated is not last and once: …{verbs[-3:]}")
            if abandoned:
                found.append(f"read back: {where}: both terminated and abandoned")
        elif not (abandoned and launch in may_abandon):
            found.append(f"read back 9.3.8.0-1: {where}: no terminated{' (abandoned)' if abandoned else ''}")
        for s in au:
            context = s.get("context") or {}
            found += [
                f"read back {p}" for p in template_problems(f"{where} {_verb(s)}", context, launch.context_template)
            ]
            if context.get("registration") != registration:
                found.append(f"read back 9.6.1.0-1: {where}: {_verb(s)} under another registration")
    # Nothing under this registration belongs to no session of it (a replay under a new token).
    known = {launch.session_id for launch in sessions}
    strays = [s for s in held if ((s.get("context") or {}).get("extensions") or {}).get(SESSION) not in known]
    found += [f"read back: {_verb(s)} {s['id']} belongs to no session of the scenario" for s in strays]
    return found


def progress(statements: list[dict[str, Any]]) -> list[str]:
    """Verbs without page visits and answers."""
    return [v for v in map(_verb, statements) if v not in ("experienced", "answered", "launched", ABANDONED)]


# --- the runner -----------------------------------------------------------------------------


@dataclass
class Tab:
    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)


@dataclass
class Runner:
    """What every scenario needs: a browser, the LMS, the served packages."""

    browser: Browser
    lms: TestLMS
    site: Packages
    violations: list[str] = field(default_factory=list)

    def tab(self, context: BrowserContext | None = None) -> Tab:
        context = context or self.browser.new_context(viewport={"width": 1000, "height": 800})
        page = context.new_page()
        tab = Tab(context, page)
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
        return tab

    def start(self, tab: Tab, launch: Launch) -> Sco:
        tab.page.goto(launch.url)
        tab.page.wait_for_selector("main.ehealth-running", state="attached")
        return Sco(tab.page)

    def wait_terminated(self, page: Page, launch: Launch) -> None:
        deadline = time.monotonic() + DRAIN
        while not launch.terminated and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # not time.sleep: Playwright's handlers run while it waits
        self.lms.settle(quiet=0.1)  # the LMS marks terminated before it forwards it to the LRS

    def wait_idle(self, page: Page) -> None:
        """Until the runtime has nothing on its way (statements or state), at most DRAIN."""
        deadline = time.monotonic() + DRAIN
        while (
            page.evaluate(
                "window.ehealth && window.ehealth.lms && window.ehealth.lms.pending ? window.ehealth.lms.pending() : 0"
            )
            and time.monotonic() < deadline
        ):
            page.wait_for_timeout(50)

    def close_page(self, tab: Tab) -> None:
        """Close the tab as a learner does (pagehide runs), and wait until what the page handed
        to the browser on its way out has reached the LMS."""
        # The LMS's own tab stays open, as when a learner closes the module's window.
        if len(tab.context.pages) == 1:
            tab.context.new_page().goto(self.site.return_url)
        # run_before_unload makes close() return before the page is gone: wait for that.
        with tab.page.expect_event("close"):
            tab.page.close(run_before_unload=True)
        self.lms.settle()

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            self.violations.append(f"expected: {message}")

    def console(self, tab: Tab, allowed: str | None = None) -> None:
        for error in tab.errors:
            if allowed is None or not re.search(allowed, error):
                self.violations.append(f"console: {error}")

    def finish(self, sessions: Sequence[Launch], may_abandon: Sequence[Launch] = ()) -> list[str]:
        self.lms.settle()
        for launch in sessions:
            self.violations += [f"LMS {p}" for p in launch.problems]
        self.violations += readback(self.lms, sessions[0].registration, sessions, may_abandon)
        found, self.violations = self.violations, []
        return found


# --- scenarios ------------------------------------------------------------------------------


def _judged(r: Runner, responses: Callable[[dict[str, Any]], Any], verdict: str) -> list[str]:
    tab = r.tab()
    launch = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mastery=0.7, return_url=r.site.return_url)
    sco = r.start(tab, launch)
    shown = sco.run({qid: responses(q) for qid, q in sco.questions.items()})
    r.wait_terminated(tab.page, launch)
    held = [s for s in r.lms.lrs_statements(launch.registration) if _verb(s) in CMI5_OR_ANSWERED]
    r.expect(progress(held) == ["initialized", "completed", verdict, "terminated"], f"{verdict}: {progress(held)}")
    r.expect(sum(_verb(s) == "answered" for s in held) == len(shown), "one answered per question shown")
    sco.nav("exit")
    tab.page.wait_for_url(r.site.return_url)
    r.console(tab)
    tab.context.close()
    return r.finish([launch])


CMI5_OR_ANSWERED = {"initialized", "completed", "passed", "failed", "terminated", "answered"}


def right_answers(r: Runner) -> list[str]:
    return _judged(r, right_response, "passed")


def wrong_answers(r: Runner) -> list[str]:
    return _judged(r, wrong_response, "failed")


def _resume(r: Runner, tab: Tab, first: Launch, *, may_abandon: bool) -> list[str]:
    """Relaunch ``first``'s AU in ``tab``, finish with right answers, judge both sessions."""
    r.lms.settle()
    again = r.lms.relaunch(first, r.site.index("cmi5"))
    sco = r.start(tab, again)
    r.expect(sco.data["pages"].index(sco.current_page) >= 1, "the new session resumes past the first page")
    sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    r.wait_terminated(tab.page, again)
    second = [
        s
        for s in r.lms.lrs_statements(first.registration)
        if ((s.get("context") or {}).get("extensions") or {}).get(SESSION) == again.session_id
    ]
    r.expect(
        progress(second) == ["initialized", "completed", "passed", "terminated"],
        f"the resumed session is judged: {progress(second)}",
    )
    r.console(tab)
    tab.context.close()
    return r.finish([first, again], [first] if may_abandon else [])


def closed_midway(r: Runner) -> list[str]:
    """The learner closes the tab on page 2 (nothing on its way), then comes back."""
    tab = r.tab()
    first = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mastery=0.7)
    sco = r.start(tab, first)
    sco.run({qid: right_response(q) for qid, q in sco.questions.items()}, stop_after_page=1)
    sco.nav("next")
    r.wait_idle(tab.page)
    r.console(tab)
    r.close_page(tab)
    return _resume(r, r.tab(tab.context), first, may_abandon=False)


def closed_in_flight(r: Runner) -> list[str]:
    """The tab is closed right after an answer, its statement and state still on their way:
    terminated may not overtake them, so the session ends with terminated or is abandoned."""
    tab = r.tab()
    first = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mastery=0.7)
    sco = r.start(tab, first)
    responses = {qid: right_response(q) for qid, q in sco.questions.items()}
    sco.run(responses, stop_after_page=1)
    sco.nav("next")
    qid = sco.shown_on_page()[0]
    sco.answer(qid, responses[qid])
    r.console(tab)
    r.close_page(tab)
    return _resume(r, r.tab(tab.context), first, may_abandon=True)


@contextlib.contextmanager
def _own_chromium(browser: Browser, profile: Path) -> Iterator[tuple[Browser, subprocess.Popen[bytes]]]:
    """A Chromium of our own on ``profile`` (so that it can be killed), driven over CDP."""
    process = subprocess.Popen(
        [
            str(CHROMIUM),
            "--headless=new",
            *CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert process.stderr is not None
        ws = None
        deadline = time.monotonic() + 30
        while ws is None and time.monotonic() < deadline:
            line = process.stderr.readline().decode(errors="replace")
            if not line and process.poll() is not None:
                break
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            ws = found.group(1) if found else None
        assert ws is not None, "chromium did not start"
        # Keep reading what it says, so that a full pipe never blocks it.
        threading.Thread(target=process.stderr.read, name="chromium-stderr", daemon=True).start()
        yield browser.browser_type.connect_over_cdp(ws), process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        if process.stderr is not None:
            process.stderr.close()


def crashed_midway(r: Runner) -> list[str]:
    """The browser is killed on page 2 (no pagehide); the learner relaunches from a new one."""
    with tempfile.TemporaryDirectory(prefix="cmi5-profile-") as profile:
        with _own_chromium(r.browser, Path(profile)) as (own, process):
            tab = r.tab(own.contexts[0])
            first = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mastery=0.7)
            sco = r.start(tab, first)
            sco.run({qid: right_response(q) for qid, q in sco.questions.items()}, stop_after_page=1)
            sco.nav("next")
            r.wait_idle(tab.page)
            r.console(tab)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        with _own_chromium(r.browser, Path(profile)) as (own, _):
            tab = r.tab(own.contexts[0])
            return _resume(r, tab, first, may_abandon=True)


def no_preferences(r: Runner) -> list[str]:
    """No cmi5LearnerPreferences document: the AU reads the 404 and goes on."""
    tab = r.tab()
    launch = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mastery=0.7, preferences=False)
    sco = r.start(tab, launch)
    sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    r.wait_terminated(tab.page, launch)
    r.expect(launch.prefs_read, "the preferences were asked for")
    held = r.lms.lrs_statements(launch.registration)
    r.expect(progress(held)[-3:] == ["completed", "passed", "terminated"], f"judged: {progress(held)}")
    # Chromium reports the normal 404 of the missing document: that one only is expected.
    r.console(tab, allowed=r"status of 404")
    tab.context.close()
    return r.finish([launch])


def review_and_browse(r: Runner) -> list[str]:
    """A Browse session (no judgement), then a Review session (read-only) of the same AU."""
    tab = r.tab()
    browse = r.lms.launch_cmi5(r.site.au_id, r.site.index("cmi5"), mode="Browse", mastery=0.7)
    sco = r.start(tab, browse)
    sco.run({qid: right_response(q) for qid, q in sco.questions.items()})
    r.wait_terminated(tab.page, browse)
    r.expect(
        not {"completed", "passed", "failed"} & set(progress(r.lms.lrs_statements(browse.registration))),
        "no judgement in Browse",
    )
    review = r.lms.relaunch(browse, r.site.index("cmi5"), mode="Review")
    sco = r.start(tab, review)
    first = sco.shown_on_page()[0]
    r.expect(sco.form(first).locator('button[type="submit"]').is_disabled(), "Review is read-only")
    sco.nav("next")
    r.wait_idle(tab.page)
    r.console(tab)
    r.close_page(tab)
    found = r.finish([browse, review])
    mine = [
        s
        for s in r.lms.lrs_statements(review.registration)
        if ((s.get("context") or {}).get("extensions") or {}).get(SESSION) == review.session_id
    ]
    if progress(mine) != ["initialized", "terminated"]:
        found.append(f"expected: Review sends initialized and terminated only: {progress(mine)}")
    tab.context.close()
    return found


def five_module_course(r: Runner) -> list[str]:
    """The five modules of one course under one registration, one after the other in one tab:
    each session's statements stay in that session."""
    assert r.site.course, "the course was not built"
    tab = r.tab()
    sessions: list[Launch] = []
    registration: str | None = None
    for au_id, path in r.site.course:
        launch = r.lms.launch_cmi5(au_id, r.site.base_url + path, registration=registration)
        registration = launch.registration
        sessions.append(launch)
        sco = r.start(tab, launch)
        sco.run({qid: right_response(sco.questions[qid]) for qid in sco.shown_on_page()})
        r.wait_terminated(tab.page, launch)
    r.console(tab)
    tab.context.close()
    return r.finish(sessions)


SCENARIOS: dict[str, Callable[[Runner], list[str]]] = {
    "right answers": right_answers,
    "wrong answers": wrong_answers,
    "page closed midway, relaunched": closed_midway,
    "page closed with requests in flight, relaunched": closed_in_flight,
    "browser killed midway, relaunched": crashed_midway,
    "no learner preferences": no_preferences,
    "Browse then Review": review_and_browse,
    "five-module course": five_module_course,
}
