"""One page per question type, in French and in English (docs/types/fr/, docs/types/en/).

Each page holds one complete example module (the first ``markdown`` fence that starts with a
front matter): it must load without a single diagnostic and use the type the page documents.
Pages may exist before their type is registered (a branch documents it first): their examples
are checked once the type is part of ``ehealth_content.question_types``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from ehealth_content import QUESTION_TYPES, load_text, model
from tests.unit.test_docs import TODAY, with_media

DOCS = Path(__file__).parents[2] / "docs"
TYPES = DOCS / "types"
LANGUAGES = ("fr", "en")
FORMAT = {"fr": DOCS / "authoring-format.fr.md", "en": DOCS / "authoring-format.en.md"}
# Pages that document a container of questions rather than a question type.
CONTAINERS = {"case": "::: case"}
# Files a complete example names outside a Markdown link: a long menu's list, a hotspot's image
# (an SVG whose size the loader reads from its width and height).
_LIST_FILE = re.compile(r"^\s*options\s*:\s*(\S+\.txt)\s*$", re.M)
_LIST = "Acétylcystéine\nFlumazénil\nMorphine\nNaloxone\nParacétamol\n"
_IMAGE = re.compile(r"^\s*image\s*:\s*(\S+\.svg)\s*$", re.M)
_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>\n'


def pages() -> list[Path]:
    return sorted(page for language in LANGUAGES for page in (TYPES / language).glob("*.md"))


def complete_example(page: Path) -> str | None:
    for token in MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8")):
        if token.type == "fence" and token.info.strip() == "markdown" and token.content.startswith("---"):
            return token.content
    return None


def test_every_registered_type_has_a_page_in_both_languages() -> None:
    for language in LANGUAGES:
        documented = {page.stem for page in (TYPES / language).glob("*.md")}
        assert set(QUESTION_TYPES) - documented == set(), language


def test_both_languages_document_the_same_types() -> None:
    fr, en = ({page.stem for page in (TYPES / language).glob("*.md")} for language in LANGUAGES)
    assert fr == en


@pytest.mark.parametrize("page", pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_complete_example_loads_clean_and_uses_the_type(page: Path, tmp_path: Path) -> None:
    example = complete_example(page)
    assert example is not None, f"{page} has no complete example (a markdown fence starting with ---)"
    kind = page.stem
    if kind in CONTAINERS:
        if not hasattr(model, "Case"):
            pytest.skip(f"'{kind}' is not part of the loader on this branch yet")
        assert CONTAINERS[kind] in example
    elif kind not in QUESTION_TYPES:
        pytest.skip(f"'{kind}' is not a registered question type on this branch yet")
    module_path = with_media(example, tmp_path)
    for pattern, content in ((_LIST_FILE, _LIST), (_IMAGE, _SVG)):
        for name in pattern.findall(example):
            (tmp_path / name).write_text(content, encoding="utf-8")
    module, diagnostics = load_text(example, module_path, today=TODAY)
    assert [f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics] == []
    assert module is not None
    if kind in QUESTION_TYPES:
        assert kind in {question.type for p in module.pages for question in p.questions}


@pytest.mark.parametrize("page", pages(), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_page_is_linked_from_the_index_and_the_format_document(page: Path) -> None:
    relative = page.relative_to(DOCS).as_posix()
    assert f"]({relative})" in (DOCS / "README.md").read_text(encoding="utf-8")
    assert f"]({relative})" in FORMAT[page.parent.name].read_text(encoding="utf-8")


def test_a_broken_example_would_be_caught(tmp_path: Path) -> None:
    # The example finder must see the page's module, and a wrong key in it must show.
    page = tmp_path / "single.md"
    page.write_text(
        "# single\n\n````markdown\n---\nid: m\ntitle: T\nversion: 1.0.0\n---\n\n# P\n\n"
        "```quiz\nid: q\ntype: single\nprompt: P\nchoise: []\n```\n````\n",
        encoding="utf-8",
    )
    example = complete_example(page)
    assert example is not None
    assert {d.code for d in load_text(example, tmp_path / "module.md", today=TODAY)[1]} >= {"E405"}
