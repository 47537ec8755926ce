"""A module of a programme's own framework, in Chromium: its answers are grouped under
``<base>/frameworks/<id>/…`` by the runtime itself (docs/competency-framework.md).

The LRS is Playwright's route handler: it answers the package's requests in the browser, so
this test needs neither the test LRS nor the network.
"""

from __future__ import annotations

import json
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Route

import packager
from ehealth_content import check
from packager.cli import DEFAULT_BASE_IRI

from .conftest import Guard
from .driver import Sco, right_response
from .static_server import serve

pytestmark = pytest.mark.browser

MODULE = Path(__file__).parents[1] / "fixtures" / "frameworks" / "kine" / "k1-dossier" / "module.md"


@pytest.fixture(scope="module")
def package_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("kine-site")
    result = packager.build_package(check(MODULE), "xapi", tmp_path_factory.mktemp("kine-build"))
    with zipfile.ZipFile(result.path) as archive:
        archive.extractall(root / "pkg")
    with serve(root) as base_url:
        yield f"{base_url}pkg/index.html"


def test_answers_are_grouped_under_the_programmes_framework(guarded: tuple[Page, Guard], package_url: str) -> None:
    page, guard = guarded
    endpoint = urllib.parse.urljoin(package_url, "/lrs/")
    sent: list[dict[str, Any]] = []

    def lrs(route: Route) -> None:
        request = route.request
        if request.method == "POST" and "/statements" in request.url:
            body = json.loads(request.post_data or "[]")
            batch = body if isinstance(body, list) else [body]
            sent.extend(batch)
            route.fulfill(status=200, content_type="application/json", body=json.dumps([s["id"] for s in batch]))
        elif request.method == "GET":
            # The runtime lists the state ids first: none yet.
            route.fulfill(status=200, content_type="application/json", body="[]")
        else:
            route.fulfill(status=204, body="")

    page.route(endpoint + "**", lrs)
    actor = {"objectType": "Agent", "account": {"homePage": "http://127.0.0.1", "name": "kine-1"}}
    query = urllib.parse.urlencode(
        {
            "endpoint": endpoint,
            "auth": "Basic dGVzdDp0ZXN0",
            "actor": json.dumps(actor),
            "registration": "6f1b3f2e-8d7a-4c1e-9a51-2f0c6d3b9e11",
        }
    )
    page.goto(f"{package_url}?{query}")
    page.wait_for_selector("main.ehealth-running", state="attached")
    sco = Sco(page)
    assert sco.data["module"]["framework"] == "kine-numerique"
    question = sco.shown_on_page()[0]
    sco.answer(question, right_response(sco.questions[question]))
    answered: list[dict[str, Any]] = []
    for _ in range(50):
        answered = [s for s in sent if s["verb"]["id"].endswith("/answered")]
        if answered:
            break
        page.wait_for_timeout(200)  # not time.sleep: route handlers run while Playwright waits
    assert answered, [s["verb"]["id"] for s in sent]
    base = DEFAULT_BASE_IRI.rstrip("/")
    grouping = [a["id"] for a in answered[0]["context"]["contextActivities"]["grouping"]]
    competency = sco.questions[answered[0]["object"]["id"].rsplit("/", 1)[1]]["competency"]
    assert grouping[-2:] == [
        f"{base}/frameworks/kine-numerique/competencies/{competency}",
        f"{base}/frameworks/kine-numerique/domains/K1",
    ]
    assert guard.external == [] and guard.errors == []
