"""``longmenu``: an answer picked from a list file of the module, accent- and case-insensitive,
the list written once in the page however many questions use it, and its size in a package."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

import packager
from ehealth_content import LongMenuQuestion, load_module
from ehealth_content.export import gift, moodle_xml
from ehealth_content.scoring import question_points

QUIZ = "```quiz\nid: {id}\ntype: longmenu\nprompt: Antidote ?\noptions: liste.txt\nanswers: [Naloxone]\n```\n"


def drug_like_names(count: int) -> list[str]:
    """``count`` distinct names shaped like drug names (deterministic), for size measurements."""
    rng = random.Random(15)
    syllables = [
        "pa",
        "ra",
        "cé",
        "ta",
        "mol",
        "flu",
        "ox",
        "ine",
        "zo",
        "lam",
        "pri",
        "dil",
        "tra",
        "ma",
        "dol",
        "cil",
    ]
    names: set[str] = set()
    while len(names) < count:
        names.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 5))).capitalize())
    return sorted(names)


def module_with(folder: Path, entries: list[str], questions: int) -> Path:
    (folder / "liste.txt").write_text("\n".join(entries) + "\n", encoding="utf-8")
    quizzes = "\n".join(QUIZ.format(id=f"q{i}") for i in range(questions))
    path = folder / "module.md"
    path.write_text(f"---\nid: m\ntitle: M\nversion: 1.0.0\n---\n\n# Page\n\n{quizzes}", encoding="utf-8")
    return path


def test_accents_and_case_are_ignored_and_the_list_spells_the_answer(tmp_path: Path) -> None:
    module, diagnostics = load_module(module_with(tmp_path, ["Naloxone", "Paracétamol"], 1))
    assert module is not None and diagnostics == []
    question = module.questions[0]
    assert isinstance(question, LongMenuQuestion)
    assert [question_points(question, typed) for typed in ("naloxone", " NALOXONE ", "Paracétamol", "nalox")] == [
        1.0,
        1.0,
        0.0,
        0.0,
    ]


def test_a_5000_entry_list_is_written_once_and_stays_small(tmp_path: Path) -> None:
    entries = drug_like_names(5000) + ["Naloxone"]
    sizes = {}
    for questions in (1, 3):
        folder = tmp_path / str(questions)
        folder.mkdir()
        module, diagnostics = load_module(module_with(folder, entries, questions))
        assert module is not None, diagnostics
        built = packager.build_package(module, "scorm12", tmp_path / f"out{questions}")
        with zipfile.ZipFile(built.path) as archive:
            html = archive.read("index.html").decode("utf-8")
        assert html.count("<datalist") == 1 and html.count('list="ehealth-list-') == questions
        sizes[questions] = built.path.stat().st_size
    # Measured: 5,000 entries add about 18 kB to the zip (138 kB to index.html), once.
    assert sizes[3] - sizes[1] < 2_000
    assert sizes[1] < 120_000


def test_moodle_gets_a_short_answer_and_a_warning(tmp_path: Path) -> None:
    module, _ = load_module(module_with(tmp_path, ["Naloxone", "Paracétamol"], 1))
    assert module is not None
    xml, notes = moodle_xml([module])
    assert b'type="shortanswer"' in xml and b"Naloxone" in xml
    assert any("has no list" in str(n) for n in notes)
    text, _ = gift([module])
    assert "=Naloxone" in text


@pytest.mark.parametrize("lines", [["Naloxone"] * 2, ["Naloxone", "NALOXONE"], []])
def test_duplicates_and_empty_lists_are_errors(tmp_path: Path, lines: list[str]) -> None:
    module, diagnostics = load_module(module_with(tmp_path, lines, 1))
    assert module is None
    assert "E453" in {d.code for d in diagnostics}
