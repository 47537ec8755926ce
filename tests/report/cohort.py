"""A small, fixed cohort built with the project's statement builders, for the report's tests.

Six learners answer the four questions of ``fixtures/cohort/module.md`` once each; the first
answers, their verdicts against the module's key, and what each learner finished are written
here as data so that the tests can compute every expected figure by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

from xapi.statements import Choice, LearnerSession, Question, Score

__all__ = ["AS_OF", "BASE", "MODULE", "ANSWERS", "KEYS", "ROSTER", "statements", "write_statements"]

HERE = Path(__file__).parent
MODULE = HERE / "fixtures" / "cohort" / "module.md"
BASE = "https://formation.example.org/xapi"
AS_OF = dt.datetime(2026, 11, 30, tzinfo=dt.timezone.utc)

KEYS = {"q-cnil": "b", "q-secret": "true", "q-ins": "b", "q-planted": "a"}
COMPETENCY = {"q-cnil": "D1.1", "q-secret": "D1.1", "q-ins": "D1.2", "q-planted": "D1.2"}
KIND = {"q-cnil": "choice", "q-secret": "true-false", "q-ins": "choice", "q-planted": "choice"}

# learner -> responses (the planted question's key 'a' is wrong: strong learners answer 'b').
ANSWERS: dict[str, dict[str, str]] = {
    "etu-1": {"q-cnil": "b", "q-secret": "true", "q-ins": "b", "q-planted": "b"},
    "etu-2": {"q-cnil": "b", "q-secret": "true", "q-ins": "b", "q-planted": "b"},
    "etu-3": {"q-cnil": "b", "q-secret": "true", "q-ins": "a", "q-planted": "b"},
    "etu-4": {"q-cnil": "b", "q-secret": "false", "q-ins": "c", "q-planted": "a"},
    "etu-5": {"q-cnil": "a", "q-secret": "true", "q-ins": "a", "q-planted": "a"},
    "etu-6": {"q-cnil": "a", "q-secret": "false", "q-ins": "a", "q-planted": "a"},
}
# learner -> (completed, passed or failed or None, days before AS_OF of the last activity)
OUTCOME: dict[str, tuple[bool, str | None, int]] = {
    "etu-1": (True, "passed", 3),
    "etu-2": (True, "passed", 3),
    "etu-3": (True, "failed", 3),
    "etu-4": (True, "failed", 3),
    "etu-5": (False, None, 30),
    "etu-6": (False, None, 2),
}
ROSTER = (
    "learner,programme,university,year\n"
    "etu-1,IFSI,Lyon,2026\netu-2,IFSI,Lyon,2026\netu-3,IFSI,Lyon,2026\netu-4,IFSI,Lyon,2026\n"
    "etu-5,Médecine,Lille,2026\netu-6,Médecine,Lille,2026\netu-7,Médecine,Lille,2026\n"
)
SESSION_SECONDS = 1800.0


def statements() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for n, (learner, responses) in enumerate(ANSWERS.items()):
        completed, verdict, days = OUTCOME[learner]
        clock = AS_OF - dt.timedelta(days=days, hours=1)
        session = LearnerSession(
            BASE,
            {"account": {"homePage": "https://lms.example.org", "name": learner}},
            "report-demo",
            domain="D1",
            registration=str(uuid.uuid5(uuid.NAMESPACE_URL, f"registration/{learner}")),
        )

        def emit(statement: dict[str, Any]) -> None:
            nonlocal clock
            clock += dt.timedelta(seconds=10)
            statement["id"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{learner}/{len(out)}"))  # noqa: B023 - used in this iteration
            statement["timestamp"] = clock.isoformat().replace("+00:00", "Z")
            out.append(statement)

        emit(session.initialized())
        for qid, response in responses.items():
            question = Question(
                qid,
                KIND[qid],
                None,
                [KEYS[qid]],
                competency=COMPETENCY[qid],
                choices=[Choice(c, c) for c in "abc"] if KIND[qid] == "choice" else (),
            )
            emit(session.answered(question, response, success=response == KEYS[qid], duration=20.0 + n))
        right = sum(r == KEYS[q] for q, r in responses.items())
        if completed:
            emit(session.completed(duration=SESSION_SECONDS))
        if verdict == "passed":
            emit(session.passed(Score(right, 0, 4)))
        elif verdict == "failed":
            emit(session.failed(Score(right, 0, 4)))
        emit(session.terminated(duration=SESSION_SECONDS))
    return out


def write_statements(path: Path) -> Path:
    path.write_text(json.dumps(statements()), encoding="utf-8")
    return path
