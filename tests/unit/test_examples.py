"""The format document's whole-module examples load without diagnostics (test_docs.py checks
every other example block)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from ehealth_content import load_module, load_text

ROOT = Path(__file__).parents[2]
FORMAT_DOC = ROOT / "docs" / "authoring-format.fr.md"
# The document's first example, kept as a fixture so that the other suites can load it as a file.
EXAMPLE_COPY = ROOT / "tests" / "fixtures" / "valid" / "format-example.md"


def examples() -> list[str]:
    return re.findall(r"````markdown\n(.*?)````", FORMAT_DOC.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("text", examples())
def test_format_document_example_has_no_diagnostic(text: str) -> None:
    # A fixed day: the examples' review_by dates must not turn into warnings as time passes.
    module, diagnostics = load_text(text, today=datetime.date(2026, 1, 1))
    assert diagnostics == []
    assert module is not None and module.questions


def test_the_copied_example_is_the_documents() -> None:
    assert EXAMPLE_COPY.read_text(encoding="utf-8") in examples()


def test_valid_fixtures_have_no_diagnostic() -> None:
    for path in sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.md")):
        assert load_module(path)[1] == [], path
