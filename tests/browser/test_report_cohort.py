"""A cohort of simulated learners takes the report's fixture module in Chromium (cmi5 and xapi
packages, the test LMS, the real test LRS); ``ehealth report`` then reads that LRS, and every
figure it gives is checked against the answers the simulation gave. The HTML report passes
axe-core (WCAG 2.1 A/AA) and fits a phone's width.
"""

from __future__ import annotations

import csv
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from ehealth_content import Module, load_module
from ehealth_content.cli import cli
from packager import XapiOptions, build_package
from tests.cmi5 import fixtures
from tests.cmi5.fixtures import BASE_IRI
from tests.cmi5.lms import ADL, Launch, TestLMS
from tests.report import cohort
from xapi.report import pseudonym

from .conftest import Guard
from .driver import Sco
from .static_server import serve
from .test_accessibility import AXE, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.lrs]

lrs_server = fixtures.lrs_server
lms = fixtures.lms
no_outage_left = fixtures.no_outage_left

DRAIN = 15.0
# What each simulated learner answers, as the driver writes responses; the planted question's
# key says 'a' while the module's teaching says 'b', which the two strong learners choose.
PLAN: list[tuple[str, dict[str, Any]]] = [
    ("cmi5", {"q-cnil": "b", "q-secret": True, "q-ins": "b", "q-planted": "b"}),
    ("xapi", {"q-cnil": "b", "q-secret": True, "q-ins": "b", "q-planted": "b"}),
    ("cmi5", {"q-cnil": "b", "q-secret": False, "q-ins": "a", "q-planted": "a"}),
    ("xapi", {"q-cnil": "a", "q-secret": False, "q-ins": "c", "q-planted": "a"}),
]
KEY = {"q-cnil": "b", "q-secret": True, "q-ins": "b", "q-planted": "a"}
COMPETENCY = {"q-cnil": "D1.1", "q-secret": "D1.1", "q-ins": "D1.2", "q-planted": "D1.2"}


@dataclass(frozen=True)
class Cohort:
    au_id: str
    base_url: str

    def index(self, target: str) -> str:
        return f"{self.base_url}pkg/{target}/index.html"


@pytest.fixture(scope="module")
def report_module() -> Module:
    loaded, diagnostics = load_module(cohort.MODULE)
    assert loaded is not None, diagnostics
    return loaded


@pytest.fixture(scope="module")
def cohort_site(report_module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cohort]:
    root = tmp_path_factory.mktemp("report-site")
    for target in ("cmi5", "xapi"):
        result = build_package(
            report_module, target, tmp_path_factory.mktemp(target), xapi=XapiOptions(base_iri=BASE_IRI)
        )
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(root / "pkg" / target)
    with serve(root) as base_url:
        yield Cohort(f"{BASE_IRI}/modules/{report_module.id}", base_url)


def take_module(page: Page, lms: TestLMS, site: Cohort, target: str, responses: dict[str, Any]) -> Launch:
    launch = (
        lms.launch_cmi5(site.au_id, site.index("cmi5"), mastery=0.7)
        if target == "cmi5"
        else lms.launch_xapi(site.index("xapi"), site.au_id)
    )
    page.goto(launch.url)
    page.wait_for_selector("main.ehealth-running", state="attached")
    Sco(page).run(responses)
    deadline = time.monotonic() + DRAIN
    while not any(s["verb"]["id"] == ADL + "terminated" for s in lms.lrs_statements(launch.registration)):
        assert time.monotonic() < deadline, "the session's statements did not reach the LRS"
        page.wait_for_timeout(200)
    return launch


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_report_figures_match_what_the_cohort_did(
    browser: Browser,
    guarded: tuple[Page, Guard],
    lms: TestLMS,
    lrs_server: Any,
    cohort_site: Cohort,
    tmp_path: Path,
) -> None:
    page, _ = guarded
    launches = [take_module(page, lms, cohort_site, target, responses) for target, responses in PLAN]
    names = [str(launch.actor["account"]["name"]) for launch in launches]
    for launch in launches:
        assert launch.problems == []
        answered = [s for s in lms.lrs_statements(launch.registration) if s["verb"]["id"] == ADL + "answered"]
        assert len(answered) == 4
        for s in answered:
            grouping = [a["id"] for a in s["context"]["contextActivities"]["grouping"]]
            question = s["object"]["id"].rsplit("/", 1)[1]
            assert grouping[-2:] == [f"{BASE_IRI}/competencies/{COMPETENCY[question]}", f"{BASE_IRI}/domains/D1"]

    roster = tmp_path / "roster.csv"
    roster.write_text(
        "learner,programme,university,year\n"
        + "".join(f"{name},{'IFSI' if i < 2 else 'Médecine'},Lyon,2026\n" for i, name in enumerate(names))
        + "absent-1,Médecine,Lyon,2026\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    store = tmp_path / "store.duckdb"
    run = CliRunner().invoke(
        cli,
        [
            "report",
            "--lrs",
            lrs_server.endpoint,
            "--user",
            "reporter",
            "--password",
            "x",
            "--store",
            str(store),
            "--modules",
            str(cohort.MODULE),
            "--roster",
            str(roster),
            "--out",
            str(out),
            "--min-answers",
            "4",
            "--retention-days",
            "0",
            "--lang",
            "en",
        ],
    )
    assert run.exit_code == 0, run.output
    key = (tmp_path / "store.duckdb.key").read_bytes()
    alias = {pseudonym(key, name): i for i, name in enumerate(names)}

    # Per learner: the verdicts the runtime gave for these responses, 2 h each (all completed).
    learners = {
        r["learner"]: r for r in read_csv(out / "learners.csv") if r["learner"] in alias or r["in_roster"] == "true"
    }
    assert set(alias) <= set(learners) and not any(name in (out / "learners.csv").read_text() for name in names)
    absent = [r for r in learners.values() if r["learner"] not in alias]
    assert [r["status"] for r in absent] == ["not-started"]
    right = [sum(responses[q] == KEY[q] for q in KEY) for _, responses in PLAN]
    modules = {r["learner"]: r for r in read_csv(out / "learner_modules.csv") if r["module"] == "report-demo"}
    terminated = {
        i: sum(
            _seconds(s["result"]["duration"])
            for s in lms.lrs_statements(launch.registration)
            if s["verb"]["id"] == ADL + "terminated"
        )
        for i, launch in enumerate(launches)
    }
    for learner, i in alias.items():
        row, module = learners[learner], modules[learner]
        assert float(row["hours_done"]) == 2.0 and row["modules_completed"] == "1"
        assert module["passed"] == ("true" if right[i] / 4 >= 0.7 else "false")
        assert float(module["score"]) == right[i] / 4
        assert float(module["time_spent_h"]) == pytest.approx(terminated[i] / 3600, abs=1e-4)
        assert row["programme"] == ("IFSI" if i < 2 else "Médecine")

    # Per learner and competency: share right of the competency's questions.
    for r in read_csv(out / "learner_competencies.csv"):
        if r["learner"] in alias:
            responses = PLAN[alias[r["learner"]]][1]
            mine = [q for q in KEY if COMPETENCY[q] == r["competency"]]
            expected = sum(responses[q] == KEY[q] for q in mine) / len(mine)
            assert float(r["score"]) == expected
            assert r["mastered"] == ("true" if expected >= 0.7 else "false")

    # Per cohort.
    cohorts = {r["programme"]: r for r in read_csv(out / "cohorts.csv") if r["university"] == "Lyon"}
    assert (cohorts["IFSI"]["learners"], cohorts["Médecine"]["learners"], cohorts["Médecine"]["not_started"]) == (
        "2",
        "3",
        "1",
    )
    mastery = {(r["programme"], r["competency"]): r for r in read_csv(out / "cohort_competencies.csv")}
    assert mastery[("IFSI", "D1.1")]["mastered"] == "2" and mastery[("Médecine", "D1.1")]["mastered"] == "0"

    # Per question: facility and choice shares from the responses given.
    items = {r["question"]: r for r in read_csv(out / "items.csv") if r["module"] == "report-demo"}
    for question in KEY:
        assert items[question]["answers"] == "4"
        assert float(items[question]["facility"]) == sum(r[question] == KEY[question] for _, r in PLAN) / 4
    shares = {
        (r["question"], r["choice"]): float(r["share"])
        for r in read_csv(out / "item_choices.csv")
        if r["module"] == "report-demo"
    }
    for question in ("q-cnil", "q-ins", "q-planted"):
        for choice in "abc":
            assert shares[(question, choice)] == sum(r[question] == choice for _, r in PLAN) / 4

    # The planted key is flagged at its line, like a compiler diagnostic.
    lines = cohort.MODULE.read_text(encoding="utf-8").splitlines()
    line = lines.index("id: q-planted")
    assert f"{cohort.MODULE}:{line}:1: warning R105: question 'q-planted'" in run.output
    assert f"{cohort.MODULE}:{line}:1: warning R103: question 'q-planted'" in run.output

    # The HTML: self-contained, accessible, readable on a phone.
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "") and "https://" not in html
    assert "<script" not in html
    if not AXE.is_file():
        pytest.fail("axe-core is not installed: npm ci --prefix tests/harness")
    with serve(out) as base_url:
        # The report forbids every script (CSP); axe is injected by the test only.
        phone = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True)
        try:
            view = phone.new_page()
            view.goto(base_url + "report.html")
            assert axe_violations(view) == []
            assert view.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
            assert view.locator("svg[role=img] title").count() >= 3
        finally:
            phone.close()


def _seconds(duration: str) -> float:
    import re

    found = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", duration)
    assert found, duration
    h, m, s = found.groups()
    return int(h or 0) * 3600 + int(m or 0) * 60 + float(s or 0)
