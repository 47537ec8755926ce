"""One position convention: what a rule reports is what the author reads, 1-based."""

from __future__ import annotations

from typing import Any

import pytest

from ehealth_content import load_text
from ehealth_content._report import Reporter
from ehealth_content.i18n import t
from ehealth_content.model import Span


def test_a_span_is_reported_as_written() -> None:
    report = Reporter("m.md")
    report.error("E999", t("boom"), at=Span(3, 7), related=((Span(1), t("first here")),))
    (diagnostic,) = report.sorted
    assert (diagnostic.line, diagnostic.column) == (3, 7)
    assert (diagnostic.related[0].line, diagnostic.related[0].column) == (1, 1)


def test_bare_line_and_column_numbers_are_refused() -> None:
    # The old API took 0-based ints: a caller still written that way must fail, not shift by one.
    report: Any = Reporter("m.md")
    with pytest.raises(TypeError):
        report.error("E999", t("boom"), 0, 0)
    with pytest.raises(TypeError):
        report.warning("W999", t("boom"), 2)


def test_an_unknown_quiz_key_points_at_the_key_as_an_editor_numbers_it() -> None:
    source = "---\nid: m\ntitle: T\nversion: 1.0.0\n---\n# Page\n\n```quiz\nid: q\ntype: truefalse\nprompt: P\nanswer: true\n  \npromt: x\n```\n"
    _, diagnostics = load_text(source)
    (unknown,) = [d for d in diagnostics if d.code == "E405"]
    assert (unknown.line, unknown.column) == (14, 1)
