"""Fixtures for cmi5/xapi packages in Chromium: the real test LRS, the test LMS in front of it,
the runtime-demo module built for both targets and the five modules of ``modules/`` built as
one cmi5 course, all served from their own origin.

Imported by ``tests/browser/test_cmi5.py``, which takes the browser, the request guard and the
console-error guard from the browser tests' conftest: one Chromium per test session.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ehealth_content import Module, load_module
from tests.browser.static_server import serve
from tests.cmi5.lms import TestLMS
from tests.cmi5.scenarios import BASE_IRI, Packages, build_site
from tests.support.lrs import LRSUnavailableError, RunningLRS, running_lrs

__all__ = ["BASE_IRI", "COURSE_DIR", "Packages", "course_modules", "lms", "lrs_server", "no_outage_left", "packages"]

COURSE_DIR = Path(__file__).resolve().parents[2] / "modules"


def course_modules() -> list[Module]:
    """The five modules of the repository, in course order."""
    found = []
    for source in sorted(COURSE_DIR.glob("*/module.md")):
        loaded, diagnostics = load_module(source)
        assert loaded is not None, diagnostics
        found.append(loaded)
    return found


@pytest.fixture(scope="session")
def lrs_server() -> Iterator[RunningLRS]:
    try:
        with running_lrs() as server:
            yield server
    except LRSUnavailableError as exc:
        # Fail, never skip: CI must run these (npm ci --prefix tests/harness).
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def lms(lrs_server: RunningLRS) -> Iterator[TestLMS]:
    with TestLMS(lrs_server.endpoint) as server:
        yield server


@pytest.fixture(autouse=True)
def no_outage_left(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "lms" in request.fixturenames:
        request.getfixturevalue("lms").outage = None
        request.getfixturevalue("lms").refuse_verbs = set()


@pytest.fixture(scope="session")
def packages(module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Packages]:
    root = tmp_path_factory.mktemp("xapi-site")
    work = tmp_path_factory.mktemp("xapi-builds")
    au_id, course = build_site(root, work, module, course_modules())
    with serve(root) as base_url:
        yield Packages(base_url, au_id, tuple(course))
