"""Fixtures for cmi5/xapi packages in Chromium: the real test LRS, the test LMS in front of it,
and the runtime-demo module built for both targets and served from its own origin.

Imported by ``tests/browser/test_cmi5.py``, which takes the browser, the request guard and the
console-error guard from the browser tests' conftest: one Chromium per test session.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from ehealth_content import Module
from packager import XapiOptions, build_package
from tests.browser.static_server import serve
from tests.cmi5.lms import TestLMS
from tests.support.lrs import LRSUnavailableError, RunningLRS, running_lrs

__all__ = ["BASE_IRI", "Packages", "lms", "lrs_server", "no_outage_left", "packages"]

# Not the default: shows the option reaches the ids.
BASE_IRI = "https://formation.example.org/xapi"


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


@dataclass(frozen=True)
class Packages:
    base_url: str
    au_id: str
    """The module's AU id in cmi5.xml (= activity id in tincan.xml)."""

    def index(self, target: str) -> str:
        return f"{self.base_url}pkg/{target}/index.html"

    @property
    def return_url(self) -> str:
        return f"{self.base_url}returned.html"


@pytest.fixture(scope="session")
def packages(module: Module, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Packages]:
    root = tmp_path_factory.mktemp("xapi-site")
    work = tmp_path_factory.mktemp("xapi-builds")
    for target in ("cmi5", "xapi"):
        result = build_package(module, target, work / target, xapi=XapiOptions(base_iri=BASE_IRI))
        with zipfile.ZipFile(result.path) as archive:
            archive.extractall(root / "pkg" / target)
    (root / "returned.html").write_text(
        "<!DOCTYPE html><html lang=\"fr\"><title>LMS</title><p id=\"lms-home\">Retour à la plateforme</p></html>",
        encoding="utf-8")
    with serve(root) as base_url:
        yield Packages(base_url, f"{BASE_IRI}/modules/{module.id}")
