"""The documentation pages in docs/ say what the code does: every example loads without a
diagnostic, and the authoring format names every key, question type and diagnostic code.

Example blocks are fenced ``markdown`` (a whole module when it starts with ``---``, otherwise a
fragment of one) or ``quiz`` (one question). Other fences (``text``, ``sh``…) are not checked.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt

from ehealth_content import QUESTION_TYPES, framework, load_text
from ehealth_content.front_matter import KNOWN_KEYS
from ehealth_content.questions import COMMON_KEYS, TYPE_KEYS

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
AUTHORING = ("authoring-format.fr.md", "authoring-format.en.md")
# Examples carry review_by dates; checking them on a fixed day keeps this test from expiring.
TODAY = datetime.date(2026, 1, 1)
_WRAPPER = "---\nid: exemple\ntitle: Exemple\nversion: 1.0.0\n---\n\n"
# Markdown link and image targets, and a hotspot's ``image:`` key.
_LOCAL_TARGET = re.compile(r"\]\(([^)\s]+)|^image: (\S+)$", re.M)


def example_blocks() -> list[tuple[str, int, str, str]]:
    """(page, line, kind, text) of every markdown and quiz fence of every docs page."""
    found = []
    for page in sorted(DOCS.glob("*.md")):
        for token in MarkdownIt("commonmark").parse(page.read_text(encoding="utf-8")):
            kind = token.info.strip()
            if token.type == "fence" and kind in ("markdown", "quiz") and token.map:
                found.append((page.name, token.map[0] + 1, kind, token.content))
    return found


def as_module(kind: str, text: str) -> str:
    if kind == "quiz":
        return f"{_WRAPPER}# Page\n\n```quiz\n{text}```\n"
    if text.startswith("---"):
        return text
    return _WRAPPER + (text if text.startswith("# ") else "# Page\n\n" + text)


_FIRST_BYTES = {
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff\xe0",
    ".jpeg": b"\xff\xd8\xff\xe0",
    ".gif": b"GIF89a",
    ".pdf": b"%PDF-1.7\n",
    ".mp3": b"ID3\x04",
    ".mp4": b"\x00\x00\x00\x18ftypisom",
    ".vtt": b"WEBVTT\n",
    # A size, for hotspot examples, whose zones are checked against it.
    ".svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240"/>',
}


def with_media(module: str, folder: Path) -> Path:
    """The module's path in ``folder``, with a file for each local image or link it names.

    An example that shows an image names a file the reader would have beside the module: the
    format's rules about such files (E302, E303, E309) have their own tests. Each file starts
    as its kind does, since the loader reads the first bytes of what it copies.
    """
    for target in (link or image for link, image in _LOCAL_TARGET.findall(module)):
        parts = urlsplit(target)
        if parts.scheme or target.startswith("#") or not parts.path:
            continue
        media = folder / parts.path
        media.parent.mkdir(parents=True, exist_ok=True)
        media.write_bytes(_FIRST_BYTES.get(media.suffix.lower(), b"text\n"))
        if media.suffix.lower() in (".mp4", ".mp3"):
            media.with_suffix(".vtt").write_bytes(_FIRST_BYTES[".vtt"])  # captions are required (E312)
    # A longmenu's list file holds its accepted answers, among other entries.
    for name in re.findall(r"^options: (\S+)$", module, re.M):
        answers = re.search(r"^answers: \[(.*)\]$", module, re.M)
        entries = [a.strip() for a in answers.group(1).split(",")] if answers else []
        (folder / name).write_text("\n".join([*entries, "Autre entrée"]) + "\n", encoding="utf-8")
    return folder / "module.md"


BLOCKS = example_blocks()


def test_the_docs_have_examples_in_both_languages() -> None:
    pages = {page for page, *_ in BLOCKS}
    assert set(AUTHORING) <= pages
    for page in AUTHORING:
        kinds = {kind for name, _, kind, _ in BLOCKS if name == page}
        assert kinds == {"markdown", "quiz"}, page


def test_the_translation_keeps_every_section_and_example() -> None:
    def shape(page: str) -> tuple[list[str], list[str]]:
        text = (DOCS / page).read_text(encoding="utf-8")
        sections = re.findall(r"^(#{2,3} \d+(?:\.\d+)?)\b", text, re.M)
        return sections, [kind for name, _, kind, _ in BLOCKS if name == page]

    french, english = (shape(page) for page in AUTHORING)
    assert len(french[0]) >= 13 and french == english


@pytest.mark.parametrize(("page", "line", "kind", "text"), BLOCKS, ids=[f"{p}:{n}" for p, n, *_ in BLOCKS])
def test_every_example_loads_without_diagnostic(page: str, line: int, kind: str, text: str, tmp_path: Path) -> None:
    source = as_module(kind, text)
    module, diagnostics = load_text(source, with_media(source, tmp_path), today=TODAY)
    assert [f"{d.line}:{d.column} {d.code} {d.message}" for d in diagnostics] == []
    assert module is not None


def test_a_broken_example_would_be_caught(tmp_path: Path) -> None:
    # The wrapping must not hide mistakes: a quiz example with a misspelt key fails.
    source = as_module("quiz", "id: q\ntype: truefalse\nprompt: P\nanswr: true\n")
    diagnostics = load_text(source, with_media(source, tmp_path), today=TODAY)[1]
    assert {d.code for d in diagnostics} == {"E403", "E405"}


@pytest.mark.parametrize("page", AUTHORING)
def test_every_question_type_has_an_example(page: str) -> None:
    shown = set()
    for name, _, _kind, text in BLOCKS:
        if name == page:
            shown.update(re.findall(r"^type: (\w+)$", text, re.M))
    assert shown == set(QUESTION_TYPES)


def _code_spans(page: str) -> set[str]:
    return set(re.findall(r"`([^`\n]+)`", (DOCS / page).read_text(encoding="utf-8")))


@pytest.mark.parametrize("page", AUTHORING)
def test_every_key_is_documented(page: str) -> None:
    keys = set(KNOWN_KEYS) | set(COMMON_KEYS) | {key for keys in TYPE_KEYS.values() for key in keys}
    keys |= {"text", "correct", "feedback", "left", "right", "pick", "title", "url", "date"}
    assert keys - _code_spans(page) == set()


@pytest.mark.parametrize("page", AUTHORING)
def test_every_diagnostic_code_is_documented(page: str) -> None:
    emitted = set()
    for source in [*(ROOT / "ehealth_content").rglob("*.py"), ROOT / "packager" / "errors.py"]:
        emitted.update(re.findall(r"\b([EWPC]\d{3})\b", source.read_text(encoding="utf-8")))
    emitted.discard("P100")  # the base class of build refusals, never reported itself
    assert emitted - _code_spans(page) == set()


@pytest.mark.parametrize("page", AUTHORING)
def test_every_domain_and_competency_is_listed(page: str) -> None:
    ids = {d.id for d in framework.DOMAINS} | set(framework.COMPETENCIES)
    assert ids - _code_spans(page) == set()


def test_code_and_tests_point_at_pages_that_exist() -> None:
    # The specs once lived beside the checkout (../shared/specs), which a user's clone lacks.
    mentioned: dict[str, Path] = {}
    for folder in ("ehealth_content", "packager", "xapi", "tests", "benchmarks", "scripts"):
        for path in (ROOT / folder).rglob("*"):
            if (
                path.suffix not in (".py", ".js", ".j2", ".md", ".css")
                or "node_modules" in path.parts
                or path == Path(__file__)
            ):
                continue
            text = path.read_bytes().decode("utf-8", "replace")  # broken fixtures are not UTF-8
            assert "shared/specs" not in text and "ARCHITECTURE.md" not in text, path
            mentioned.update((name, path) for name in re.findall(r"\bdocs/([\w.-]+\.md)\b", text))
    assert mentioned, "no code mentions a docs page: the pattern is wrong"
    assert {name: str(path) for name, path in mentioned.items() if not (DOCS / name).is_file()} == {}


def _link_targets(text: str) -> list[str]:
    """The targets of the page's Markdown links, not those shown inside code (examples)."""
    targets = []
    for block in MarkdownIt("commonmark").parse(text):
        for token in block.children or []:
            if token.type == "link_open":
                targets.append(str(token.attrGet("href")))
    return targets


def test_links_from_the_readme_and_docs_lead_to_files_that_exist() -> None:
    # The README sends authors to docs pages by relative links: a renamed page must not leave
    # them at a dead end.
    pages = [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]
    broken = []
    for page in pages:
        for target in _link_targets(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme or not parts.path:
                continue
            if not (page.parent / parts.path).exists():
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert len(pages) > 20, "docs/ and README.md were not found"
    assert broken == []


def test_the_link_check_sees_a_dead_link() -> None:
    assert _link_targets("See [the guide](docs/nowhere.md) and `[code](not/a/link.md)`.") == ["docs/nowhere.md"]
