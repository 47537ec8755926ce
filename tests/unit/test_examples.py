"""Every example of the format document loads without diagnostics."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ehealth_content import load_module, load_text

ROOT = Path(__file__).parents[2]
FORMAT_DOC = ROOT.parent / "shared" / "specs" / "authoring-format.md"
# A copy of the document's example, for clones that have no ../shared beside them.
EXAMPLE_COPY = ROOT / "tests" / "fixtures" / "valid" / "format-example.md"


def examples() -> list[str]:
    if not FORMAT_DOC.is_file():
        return [EXAMPLE_COPY.read_text(encoding="utf-8")]
    return re.findall(r"````markdown\n(.*?)````", FORMAT_DOC.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("text", examples())
def test_format_document_example_has_no_diagnostic(text: str) -> None:
    module, diagnostics = load_text(text)
    assert diagnostics == []
    assert module is not None and module.questions


def test_the_copied_example_is_the_documents() -> None:
    if not FORMAT_DOC.is_file():
        pytest.skip("../shared is not beside this clone: nothing to compare the copy with")
    assert EXAMPLE_COPY.read_text(encoding="utf-8") in examples()


def test_valid_fixtures_have_no_diagnostic() -> None:
    for path in sorted((ROOT / "tests" / "fixtures" / "valid").glob("*.md")):
        assert load_module(path)[1] == [], path
