"""Every broken source beside its expected diagnostics: the right codes at the right lines.

Each ``tests/fixtures/broken/NAME.md`` has a ``NAME.expected`` listing ``LINE:COL CODE`` per
diagnostic, all of which must come out of one run, and nothing else.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ehealth_content import load_module
from tests.support.expected import read_expected

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken"
CASES = sorted(p.stem for p in BROKEN.glob("*.md"))
TODAY = datetime.date(2026, 11, 29)


def expected(name: str) -> list[tuple[int, int, str]]:
    return read_expected(BROKEN / f"{name}.expected")


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES)
def test_broken_source_is_diagnosed_at_the_right_place(name: str) -> None:
    module, diagnostics = load_module(BROKEN / f"{name}.md", today=TODAY)
    found = sorted((d.line, d.column, d.code) for d in diagnostics)
    assert found == expected(name), "\n".join(str(d) for d in diagnostics)
    if any(d.severity == "error" for d in diagnostics):
        assert module is None
