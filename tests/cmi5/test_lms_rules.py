"""The test LMS refuses what ADL's cmi5 player refuses: an AU written by hand in Python talks to
it (in front of the real test LRS) and breaks one rule at a time."""

from __future__ import annotations

import base64
import json
import urllib.parse
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.cmi5 import fixtures
from tests.cmi5.lms import ABANDONED, ADL, CATEGORY, SESSION, Launch, TestLMS

pytestmark = [pytest.mark.lrs]

lrs_server = fixtures.lrs_server
lms = fixtures.lms

AU_ID = "https://formation.example.org/xapi/modules/regles"
PACKAGE = "http://127.0.0.1:9/index.html"  # never opened: this AU is the test itself


@dataclass
class HandAU:
    """The requests an AU makes, one method each, with the launch's parameters."""

    client: httpx.Client
    launch: Launch
    endpoint: str
    fetch_url: str
    token: str = ""

    @classmethod
    def of(cls, client: httpx.Client, launch: Launch) -> HandAU:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch.url).query))
        return cls(client, launch, query["endpoint"], query["fetch"])

    def headers(self) -> dict[str, str]:
        return {"Authorization": "Basic " + self.token, "X-Experience-API-Version": "1.0.3"}

    def fetch(self) -> None:
        self.token = self.client.post(self.fetch_url).json()["auth-token"]

    def get(self, resource: str, **params: str) -> httpx.Response:
        return self.client.get(self.endpoint + resource, params=params, headers=self.headers())

    def launch_data(self) -> dict[str, Any]:
        answer = self.get(
            "activities/state",
            activityId=self.launch.activity_id,
            agent=json.dumps(self.launch.actor),
            registration=self.launch.registration,
            stateId="LMS.LaunchData",
        )
        data: dict[str, Any] = answer.json()
        return data

    def preferences(self) -> int:
        return self.get(
            "agents/profile", agent=json.dumps(self.launch.actor), profileId="cmi5LearnerPreferences"
        ).status_code

    def put_state(self) -> httpx.Response:
        return self.client.put(
            self.endpoint + "activities/state",
            params={
                "activityId": self.launch.activity_id,
                "agent": json.dumps(self.launch.actor),
                "registration": self.launch.registration,
                "stateId": "ehealth-state",
            },
            headers=self.headers(),
            content=b'{"format": 1}',
        )

    def statement(self, verb: str, *, template: bool = True, **extra: Any) -> dict[str, Any]:
        context: dict[str, Any] = {
            "registration": self.launch.registration,
            "contextActivities": {"category": [{"id": CATEGORY}]},
            "extensions": {SESSION: self.launch.session_id},
        }
        if template:
            context["contextActivities"]["grouping"] = [{"id": AU_ID}]
        s = {
            "id": str(uuid.uuid4()),
            "actor": self.launch.actor,
            "verb": {"id": ADL + verb},
            "object": {"id": self.launch.activity_id},
            "context": context,
            "timestamp": "2026-01-01T00:00:00.000Z",
        }
        if verb == "terminated":
            s["result"] = {"duration": "PT1S"}
        s.update(extra)
        return s

    def put(self, statement: dict[str, Any]) -> httpx.Response:
        return self.client.put(
            self.endpoint + "statements",
            params={"statementId": statement["id"]},
            headers=self.headers(),
            json=statement,
        )


@pytest.fixture
def au(lms: TestLMS) -> Iterator[HandAU]:
    launch = lms.launch_cmi5(AU_ID, PACKAGE)
    with httpx.Client(timeout=30) as client:
        yield HandAU.of(client, launch)


def test_statements_wait_for_the_learner_preferences(au: HandAU) -> None:
    au.fetch()
    au.launch_data()
    refused = au.put(au.statement("initialized"))
    assert refused.status_code == 401
    assert au.launch.problems[0].startswith("11.0.0.0-3")
    assert au.preferences() == 200
    assert au.put(au.statement("initialized")).status_code in (200, 204)


def test_a_missing_preferences_document_counts_as_read(lms: TestLMS) -> None:
    launch = lms.launch_cmi5(AU_ID, PACKAGE, preferences=False)
    with httpx.Client(timeout=30) as client:
        au = HandAU.of(client, launch)
        au.fetch()
        au.launch_data()
        assert au.preferences() == 404
        assert au.put(au.statement("initialized")).status_code in (200, 204)
    assert launch.problems == []


def test_every_statement_follows_the_context_template(au: HandAU) -> None:
    au.fetch()
    au.launch_data()
    au.preferences()
    assert au.put(au.statement("initialized", template=False)).status_code == 401
    assert any(p.startswith("10.2.1.0-6") for p in au.launch.problems)


def test_initialized_first_and_nothing_after_terminated(au: HandAU) -> None:
    au.fetch()
    au.launch_data()
    au.preferences()
    assert au.put(au.statement("terminated")).status_code == 401
    assert au.launch.problems[0].startswith("9.3.0.0-4")
    au.launch.problems.clear()
    assert au.put(au.statement("initialized")).status_code in (200, 204)
    assert au.put(au.statement("terminated")).status_code in (200, 204)
    # The token was for that session: a state write after terminated is refused too.
    assert au.put_state().status_code == 403
    assert au.put(au.statement("initialized")).status_code == 403
    assert [p.split(":")[0] for p in au.launch.problems] == ["8.1.2.0-2", "8.1.2.0-2"]


def test_a_new_session_abandons_the_open_one(lms: TestLMS, au: HandAU) -> None:
    au.fetch()
    au.launch_data()
    au.preferences()
    first = au.statement("initialized")
    assert au.put(first).status_code in (200, 204)
    second = lms.relaunch(au.launch, PACKAGE)
    assert au.launch.abandoned
    # Re-sending even an identical statement of the abandoned session is refused.
    assert au.put(first).status_code == 403
    assert au.launch.problems[0].startswith("9.3.6.0-2")
    held = lms.lrs_statements(au.launch.registration)
    assert [s["verb"]["id"] for s in held if s["verb"]["id"] == ABANDONED] == [ABANDONED]
    assert second.token != au.launch.token


def test_the_fetch_url_gives_one_token(au: HandAU) -> None:
    au.fetch()
    again = au.client.post(au.fetch_url).json()
    assert "auth-token" not in again
    assert au.launch.problems[0].startswith("8.2.1.0-2")
    assert base64.b64decode(au.token)  # a Basic credential, as cmi5 §8.2 gives it


def test_answered_needs_the_components_of_its_type(au: HandAU) -> None:
    au.fetch()
    au.launch_data()
    au.preferences()
    assert au.put(au.statement("initialized")).status_code in (200, 204)
    answered = au.statement("answered")
    answered["context"]["contextActivities"] = {"grouping": [{"id": AU_ID}], "parent": [{"id": au.launch.activity_id}]}
    answered["object"] = {
        "id": AU_ID + "/questions/q1",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "correctResponsesPattern": ["b"],
        },
    }
    answered["result"] = {"response": "b"}
    assert au.put(answered).status_code == 401
    assert au.launch.problems == [f"contract: answered {answered['id']}: choice without choices"]
    au.launch.problems.clear()
    answered["id"] = str(uuid.uuid4())
    answered["object"]["definition"]["choices"] = [
        {"id": "a", "description": {"fr": "Oui"}},
        {"id": "b", "description": {"fr": "Non"}},
    ]
    assert au.put(answered).status_code in (200, 204)
    assert au.launch.problems == []
