"""The curriculum in modules/: clean sources covering the whole framework."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ehealth_content import Module, find_module_files, load_module
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
        assert module.references and all(r.date for r in module.references), module.id
        assert module.lang == "fr"


def test_coverage_of_the_framework(modules: list[Module]) -> None:
    result = coverage(modules)
    assert result.hours == 28
    assert sum(d.module_minutes for d in result.domains) == 28 * 60
    assert all(d.modules for d in result.domains)
    assert result.uncovered == ()
    assert result.scored_questions >= 150
