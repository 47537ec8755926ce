"""Builders: vocabulary, ids, and every built statement passes strict validation."""

from __future__ import annotations

import datetime as dt

import pytest

from xapi import iter_problems
from xapi.statements import (
    VERBS,
    Choice,
    LearnerSession,
    Question,
    Score,
    format_duration,
)

SESSION = LearnerSession(
    "https://formation.example.fr/xapi/",
    {"account": {"homePage": "https://idp.example.fr", "name": "learner-42"}},
    "d3 dmp",
    module_title="Le DMP",
    course_id="ehealth-2025",
    registration="ec531277-b57b-4c15-8d91-d292c5b2b8f7",
)
QUESTION = Question(
    "q1",
    "choice",
    "Qui peut consulter le DMP ?",
    ["a[,]c"],
    choices=[
        Choice("a", "Le patient"),
        Choice("b", "Tout le monde"),
        Choice("c", "Le médecin"),
    ],
)


def test_ids_follow_the_contract() -> None:
    assert SESSION.module_iri == "https://formation.example.fr/xapi/modules/d3%20dmp"
    assert SESSION.page_iri("intro") == SESSION.module_iri + "/pages/intro"
    assert SESSION.question_iri("q/1") == SESSION.module_iri + "/questions/q%2F1"


@pytest.mark.parametrize(
    ("built", "verb"),
    [
        (SESSION.initialized(), "initialized"),
        (SESSION.experienced("intro", title="Introduction"), "experienced"),
        (
            SESSION.answered(QUESTION, "a[,]c", success=True, score=Score(1, 0, 1), duration=12.5),
            "answered",
        ),
        (SESSION.completed(duration=dt.timedelta(minutes=20)), "completed"),
        (SESSION.passed(Score(8, 0, 10), duration=1200), "passed"),
        (SESSION.failed(Score(3, 0, 10)), "failed"),
        (SESSION.suspended(), "suspended"),
        (SESSION.resumed(), "resumed"),
        (SESSION.terminated(duration=1800), "terminated"),
    ],
)
def test_built_statements_are_valid(built: dict[str, object], verb: str) -> None:
    assert built["verb"]["id"] == VERBS[verb] == f"http://adlnet.gov/expapi/verbs/{verb}"  # type: ignore[index]
    assert list(iter_problems(built)) == []
    assert list(iter_problems(built, "2.0.0")) == []
    context = built["context"]
    assert context["registration"] == SESSION.registration  # type: ignore[index]
    grouping = context["contextActivities"]["grouping"][0]["id"]  # type: ignore[index]
    assert grouping == "https://formation.example.fr/xapi/courses/ehealth-2025"


def test_answered_carries_the_interaction() -> None:
    built = SESSION.answered(QUESTION, "a[,]c", success=True, score=Score(1, 0, 1))
    definition = built["object"]["definition"]
    assert built["object"]["id"] == SESSION.question_iri("q1")
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == ["a[,]c"]
    assert [c["id"] for c in definition["choices"]] == ["a", "b", "c"]
    assert built["result"] == {
        "response": "a[,]c",
        "success": True,
        "score": {"scaled": 1.0, "raw": 1, "min": 0, "max": 1},
    }
    assert built["context"]["contextActivities"]["parent"][0]["id"] == SESSION.module_iri


def test_passed_and_failed_carry_score_and_success() -> None:
    assert SESSION.passed(Score(8, 0, 10))["result"]["score"]["scaled"] == 0.8
    assert SESSION.failed(Score(3, 0, 10))["result"]["success"] is False


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "PT0S"),
        (12.5, "PT12.5S"),
        (60, "PT1M"),
        (3725.004, "PT1H2M5S"),
        (0.011, "PT0.01S"),
    ],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_bad_score_and_duration_are_refused() -> None:
    with pytest.raises(ValueError):
        Score(11, 0, 10)
    with pytest.raises(ValueError):
        format_duration(-1)


def test_answered_carries_competency_and_domain_for_lrs_queries() -> None:
    session = LearnerSession(
        "https://formation.example.fr/xapi/",
        SESSION.actor,
        "d1",
        domain="D1",
        course_id="socle",
    )
    question = Question("q1", "true-false", "Vrai ?", ["true"], competency="D1.2")
    built = session.answered(question, "true", success=True)
    grouping = [a["id"] for a in built["context"]["contextActivities"]["grouping"]]
    assert grouping == [
        "https://formation.example.fr/xapi/courses/socle",
        "https://formation.example.fr/xapi/competencies/D1.2",
        "https://formation.example.fr/xapi/domains/D1",
    ]
    objective = built["context"]["contextActivities"]["grouping"][1]["definition"]["type"]
    assert objective == "http://adlnet.gov/expapi/activities/objective"
    assert list(iter_problems(built)) == []
    # Only answers belong to a competency: the module's own statements stay as they were.
    assert [a["id"] for a in session.completed()["context"]["contextActivities"]["grouping"]] == [
        "https://formation.example.fr/xapi/courses/socle"
    ]
    # Without course, competency or domain: no empty grouping.
    bare = LearnerSession("https://x.example/xapi", SESSION.actor, "m").answered(QUESTION, "a")
    assert "grouping" not in bare["context"]["contextActivities"]
