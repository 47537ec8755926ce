"""Item statistics against values computed by hand on the fixed cohort of ``cohort.py``, the
planted wrong key flagged at its source line, and the progress figures per learner and cohort."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from xapi.report import Settings, Store, Tables, Thresholds, item_flags, read_roster, read_sources
from xapi.report.analysis import analyse

from . import cohort

KEY = b"k" * 32


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Tables:
    work = tmp_path_factory.mktemp("items")
    roster = work / "roster.csv"
    roster.write_text(cohort.ROSTER, encoding="utf-8")
    modules, problems = read_sources([cohort.MODULE])
    assert problems == []
    with Store.open(None, KEY) as store:
        store.ingest_file(cohort.write_statements(work / "statements.json"))
        return analyse(
            store.db, modules, read_roster(roster, KEY), Settings(as_of=cohort.AS_OF, target_hours=2, identify=True)
        )


def item(tables: Tables, question: str) -> dict[str, object]:
    return next(i for i in tables["items"].dicts() if i["question"] == question)


def test_facility_is_the_share_right_at_the_first_try(tables: Tables) -> None:
    assert item(tables, "q-cnil")["facility"] == round(4 / 6, 4)
    assert item(tables, "q-secret")["facility"] == round(4 / 6, 4)
    assert item(tables, "q-ins")["facility"] == round(2 / 6, 4)
    assert item(tables, "q-planted")["facility"] == 0.5
    assert {i["answers"] for i in tables["items"].dicts()} == {6}


def test_discrimination_is_the_point_biserial_against_the_rest_of_the_module(tables: Tables) -> None:
    # q-planted: x = 0,0,0,1,1,1; rest of the module (3 other items) = 1, 1, 2/3, 1/3, 1/3, 0.
    # Σ(x-x̄)(r-r̄) = -1, Σ(x-x̄)² = 3/2, Σ(r-r̄)² = 66/81.
    assert item(tables, "q-planted")["discrimination"] == round(-1 / math.sqrt(1.5 * 66 / 81), 4)
    # q-ins: x = 1,1,0,0,0,0; rest of the module = 2/3 five times, then 1/3.
    x = [1, 1, 0, 0, 0, 0]
    rest = [2 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3]
    mx, mr = sum(x) / 6, sum(rest) / 6
    cov = sum((a - mx) * (b - mr) for a, b in zip(x, rest, strict=True))
    expected = cov / math.sqrt(sum((a - mx) ** 2 for a in x) * sum((b - mr) ** 2 for b in rest))
    assert item(tables, "q-ins")["discrimination"] == round(expected, 4) == 0.3162
    assert item(tables, "q-cnil")["discrimination"] == 0


def test_choice_shares_by_score_group(tables: Tables) -> None:
    planted = {c["choice"]: c for c in tables["item_choices"].dicts() if c["question"] == "q-planted"}
    assert [planted[c]["share"] for c in "abc"] == [0.5, 0.5, 0.0]
    # The top third is etu-1 and etu-2 (3 of 4 right): both chose b, against the key a.
    assert planted["b"]["share_high"] == 1.0 and planted["a"]["share_high"] == 0.0
    assert planted["a"]["correct"] is True and planted["b"]["correct"] is False
    secret = {c["choice"]: c["share"] for c in tables["item_choices"].dicts() if c["question"] == "q-secret"}
    assert secret == {"true": round(4 / 6, 4), "false": round(2 / 6, 4)}


def test_the_planted_wrong_key_is_flagged_at_its_source_line(tables: Tables) -> None:
    flags = item_flags(tables["items"].dicts(), tables["item_choices"].dicts(), Thresholds(min_answers=5))
    found = {(d.code, q) for d, _, q in flags}
    assert found == {("R104", "q-cnil"), ("R103", "q-planted"), ("R104", "q-planted"), ("R105", "q-planted")}
    lines = cohort.MODULE.read_text(encoding="utf-8").splitlines()
    planted = next(d for d, _, q in flags if d.code == "R105")
    assert Path(planted.file) == cohort.MODULE
    assert lines[planted.line - 1] == "```quiz" and lines[planted.line] == "id: q-planted"
    assert "'b' (100%) over the key 'a' (0%)" in planted.message
    # Below the minimum of answers, nothing is flagged: six learners prove little.
    assert item_flags(tables["items"].dicts(), tables["item_choices"].dicts()) == []


def test_learner_figures(tables: Tables) -> None:
    learners = {r["learner"]: r for r in tables["learners"].dicts()}
    assert set(learners) == {f"etu-{n}" for n in range(1, 8)}
    assert [learners[f"etu-{n}"]["status"] for n in range(1, 8)] == [
        "done",
        "done",
        "done",
        "done",
        "stuck",
        "in-progress",
        "not-started",
    ]
    assert learners["etu-1"]["hours_done"] == 2 and learners["etu-5"]["hours_done"] == 0
    assert learners["etu-3"]["modules_completed"] == 1 and learners["etu-3"]["modules_passed"] == 0
    assert learners["etu-1"]["time_spent_h"] == 0.5
    modules = {r["learner"]: r for r in tables["learner_modules"].dicts()}
    assert modules["etu-1"]["score"] == 0.75 and modules["etu-4"]["score"] == 0.5
    assert modules["etu-6"]["score"] is None and modules["etu-6"]["completed"] is False
    competencies = {(r["learner"], r["competency"]): r for r in tables["learner_competencies"].dicts()}
    assert competencies[("etu-1", "D1.1")]["score"] == 1 and competencies[("etu-1", "D1.1")]["mastered"]
    assert competencies[("etu-4", "D1.1")]["score"] == 0.5 and not competencies[("etu-4", "D1.1")]["mastered"]
    # Two answers of (20 + learner's index) seconds each.
    assert competencies[("etu-4", "D1.2")]["time_spent_h"] == round(2 * 23 / 3600, 4)


def test_cohort_figures(tables: Tables) -> None:
    cohorts = {(c["programme"], c["university"]): c for c in tables["cohorts"].dicts()}
    ifsi, medicine = cohorts[("IFSI", "Lyon")], cohorts[("Médecine", "Lille")]
    assert (ifsi["learners"], ifsi["done"], ifsi["hours_median"]) == (4, 4, 2)
    assert (medicine["learners"], medicine["not_started"], medicine["stuck"], medicine["in_progress"]) == (3, 1, 1, 1)
    modules = {c["programme"]: c for c in tables["cohort_modules"].dicts()}
    assert (modules["IFSI"]["attempted"], modules["IFSI"]["completed"], modules["IFSI"]["passed"]) == (4, 4, 2)
    # Scores 3/4, 3/4, 2/4, 2/4 (passed and failed statements).
    assert (modules["IFSI"]["score_q1"], modules["IFSI"]["score_median"]) == (0.5, 0.625)
    assert (modules["Médecine"]["attempted"], modules["Médecine"]["completed"]) == (2, 0)
    mastery = {(c["programme"], c["competency"]): c for c in tables["cohort_competencies"].dicts()}
    # D1.1: etu-1..3 answered both right, etu-4 one of two (below 70 %).
    assert (mastery[("IFSI", "D1.1")]["mastered"], mastery[("IFSI", "D1.1")]["mastered_share"]) == (3, 0.75)
    assert mastery[("IFSI", "D1.2")]["mastered"] == 0
