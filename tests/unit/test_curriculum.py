"""The curriculum in modules/: clean sources covering the whole framework."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from ehealth_content import Case, Module, find_module_files, load_module
from ehealth_content.coverage import coverage

MODULES = Path(__file__).parents[2] / "modules"


@pytest.fixture(scope="module")
def modules() -> list[Module]:
    loaded = []
    for path in find_module_files([MODULES]):
        # A fixed date: the modules' review_by must not break CI on the day it passes;
        # `ehealth check` run by people uses today's date and warns then.
        module, diagnostics = load_module(path, today=datetime.date(2026, 11, 29))
        assert diagnostics == [], "\n".join(map(str, diagnostics))
        assert module is not None
        loaded.append(module)
    return loaded


def test_five_modules_one_per_domain(modules: list[Module]) -> None:
    assert sorted(m.domain or "" for m in modules) == ["D1", "D2", "D3", "D4", "D5"]


def test_each_module_meets_the_curriculum_bar(modules: list[Module]) -> None:
    for module in modules:
        scored = module.scored_questions
        assert len(module.pages) >= 8, module.id
        assert len(scored) >= 30, module.id
        assert len({q.type for q in scored}) >= 5, module.id
        assert module.pools and all(len(p.question_ids) > p.pick for p in module.pools), module.id
        assert all(q.explanation is not None for q in scored), module.id
        assert module.references, module.id
        assert module.lang == "fr"


def test_coverage_of_the_framework(modules: list[Module]) -> None:
    result = coverage(modules)
    assert result.hours == 28
    assert sum(d.module_minutes for d in result.domains) == 28 * 60
    assert all(d.modules for d in result.domains)
    assert result.uncovered == ()
    assert result.scored_questions >= 150


REVIEW = MODULES / "REVIEW.md"
REVIEW_ROW = re.compile(
    r"^\| `(?P<id>[a-z0-9-]+)` \| (?P<competency>D\d\.\d) \| (?P<kind>cas|notion|rappel) \| (?P<decision>[^|]+) \| (?P<why>[^|]+) \|$"
)
RECALL_SHARE = 0.10


def review_rows() -> dict[str, list[re.Match[str]]]:
    """The review record's rows, by module id (the `## module-id` heading above them)."""
    rows: dict[str, list[re.Match[str]]] = {}
    current = None
    for line in REVIEW.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            rows[current] = []
        elif (match := REVIEW_ROW.match(line)) is not None:
            assert current is not None, f"review row before any module heading: {line}"
            rows[current].append(match)
    return rows


def test_every_scored_question_is_in_the_review_record_with_its_competency(modules: list[Module]) -> None:
    rows = review_rows()
    assert sorted(rows) == sorted(m.id for m in modules)
    for module in modules:
        reviewed = {r["id"]: r["competency"] for r in rows[module.id]}
        assert len(reviewed) == len(rows[module.id]), f"{module.id}: a question is reviewed twice"
        scored = {q.id: q.competency for q in module.scored_questions}
        assert reviewed == scored, (
            f"{module.id}: review record out of date; missing {sorted(scored.keys() - reviewed.keys())},"
            f" stale {sorted(reviewed.keys() - scored.keys())},"
            f" retagged {sorted(k for k in scored.keys() & reviewed.keys() if scored[k] != reviewed[k])}"
        )
        assert all(r["decision"].strip() and len(r["why"].strip()) > 20 for r in rows[module.id])


def test_recall_items_are_at_most_a_tenth_of_each_module(modules: list[Module]) -> None:
    for module in modules:
        recall = [r["id"] for r in review_rows()[module.id] if r["kind"] == "rappel"]
        assert len(recall) <= RECALL_SHARE * len(module.scored_questions), (module.id, recall)


def test_coverage_reads_the_review_record_and_keeps_recall_under_a_tenth(modules: list[Module]) -> None:
    from ehealth_content.cli_check import review_record_for
    from ehealth_content.coverage import RECALL_AIM

    result = coverage(modules, review=review_record_for(modules))
    assert result.reviewed and all(m.unreviewed == 0 for m in result.modules)
    for module in result.modules:
        assert module.recall_share <= RECALL_AIM, (module.id, module.kinds)
        assert module.kinds.recall == len([r for r in review_rows()[module.id] if r["kind"] == "rappel"])


def test_each_module_reaches_its_domain_hours_in_estimated_learner_time(modules: list[Module]) -> None:
    from ehealth_content.coverage import HOURS_AIM

    result = coverage(modules)
    assert [(d.domain.id, round(d.time_ratio, 2)) for d in result.domains if d.time_ratio < HOURS_AIM] == []


def test_each_module_teaches_through_cases_a_tcs_set_and_its_own_diagrams(modules: list[Module]) -> None:
    for module in modules:
        cases = [b for page in module.pages for b in page.blocks if isinstance(b, Case)]
        assert len(cases) >= 3, f"{module.id}: fewer than 3 dossiers progressifs"
        assert sum(q.type == "tcs" for page in module.pages for q in page.questions) >= 8, f"{module.id}: no TCS set"
        diagrams = list((MODULES / module.id).glob("*.svg"))
        assert diagrams, f"{module.id}: no diagram made for it"


def test_every_new_item_went_through_the_second_reading() -> None:
    undecided = [r["id"] for rows in review_rows().values() for r in rows if r["decision"].strip() == "nouvelle"]
    assert undecided == []


def test_every_source_says_when_the_module_was_checked_against_it(modules: list[Module]) -> None:
    unchecked = [(m.id, r.title[:60]) for m in modules for r in m.references if r.checked is None]
    assert unchecked == []


RELEASED = Path(__file__).parents[1] / "fixtures" / "released" / "modules.json"


def test_questions_learners_may_have_answered_keep_their_id_type_and_pool(modules: list[Module]) -> None:
    """Learners midway through the last released version (``released/modules.json``, the 2.1.x
    modules in use) keep their saved answers and pool draws only if each of its questions keeps
    its id, its type and its pool: rewrite a question under its id rather than replace it."""
    released = json.loads(RELEASED.read_text(encoding="utf-8"))
    lost = []
    for module in modules:
        now = {q.id: {"type": q.type, "pool": q.pool} for q in module.questions}
        for qid, shape in released[module.id]["questions"].items():
            if now.get(qid) != shape:
                lost.append((module.id, qid, shape, now.get(qid)))
    assert lost == []
