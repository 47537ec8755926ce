"""``ehealth new``: the generated module compiles cleanly and shows every feature of the format."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from ehealth_content import QUESTION_TYPES, Diagnostic, load_module
from ehealth_content.model import MatchingQuestion, MultipleChoiceQuestion, NumericQuestion, SingleChoiceQuestion
from ehealth_content.scaffold import (
    PLACEHOLDERS,
    InvalidModuleId,
    ModuleFolderExists,
    companion_files,
    create_module,
    module_source,
    one_year_later,
)

DAY = datetime.date(2026, 3, 14)


def placeholder_warnings_only(diagnostics: list[Diagnostic], lang: str) -> bool:
    """Nothing but one W002 per placeholder of the template: the module builds as it is."""
    return sorted(d.message.rsplit("' is text", 1)[0][1:] for d in diagnostics if d.code == "W002") == sorted(
        PLACEHOLDERS[lang]
    ) and all(d.code == "W002" and d.severity == "warning" for d in diagnostics)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_generated_module_has_only_the_placeholder_warnings(tmp_path: Path, lang: str) -> None:
    path = create_module("mon-module", tmp_path, lang=lang, today=DAY)
    module, diagnostics = load_module(path, today=DAY)
    assert placeholder_warnings_only(diagnostics, lang), diagnostics
    assert module is not None
    assert (module.id, module.version, module.lang) == ("mon-module", "0.1.0", lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_generated_module_passes_with_the_real_date(tmp_path: Path, lang: str) -> None:
    # The date comes from today: the review_by warning must not fire on the day it is made.
    module, diagnostics = load_module(create_module("m", tmp_path, lang=lang))
    assert module is not None and placeholder_warnings_only(diagnostics, lang)
    assert module.review_by == one_year_later(datetime.date.today())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_feature_is_shown(tmp_path: Path, lang: str) -> None:
    module, _ = load_module(create_module("m", tmp_path, lang=lang, today=DAY), today=DAY)
    assert module is not None
    questions = module.questions
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    assert any(isinstance(q, SingleChoiceQuestion) and any(c.feedback for c in q.choices) for q in questions)
    assert any(isinstance(q, MultipleChoiceQuestion) and q.scoring == "partial" for q in questions)
    numeric = [q for q in questions if isinstance(q, NumericQuestion)]
    assert {q.answer is None for q in numeric} == {True, False}, "one with tolerance, one with a range"
    assert any(isinstance(q, MatchingQuestion) and q.distractors for q in questions)
    [pool] = module.pools
    assert pool.pick == 1 and len(pool.question_ids) == 2
    html = "".join(b.html for p in module.pages for b in p.blocks if hasattr(b, "html"))
    for kind in ("note", "tip", "warning", "important"):
        assert f"callout-{kind}" in html
    assert "<table" in html
    # Comments are for the designer only: nothing of them reaches the page.
    assert "[//]" not in html and "Les lignes comme celle-ci" not in html


def test_front_matter_dates_follow_today() -> None:
    source = module_source("m", "fr", today=DAY)
    assert "date: 2026-03-14" in source
    assert "review_by: 2027-03-14" in source
    for key in (
        "id",
        "title",
        "version",
        "lang",
        "description",
        "duration",
        "domain",
        "competencies",
        "mastery_score",
        "pools",
        "authors",
        "references",
        "review_by",
        "license",
    ):
        assert f"\n{key}:" in source


def test_comments_speak_the_module_language() -> None:
    assert "Identifiant stable du module" in module_source("m", "fr")
    assert "Stable module id" in module_source("m", "en")
    assert "Stable module id" not in module_source("m", "fr")


def test_one_year_later_on_29_february() -> None:
    assert one_year_later(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
    assert one_year_later(datetime.date(2025, 1, 31)) == datetime.date(2026, 1, 31)


@pytest.mark.parametrize("name", ["Bad", "-x", "a_b", "x" * 65, "", "é", "a b", "../x"])
def test_invalid_ids_are_refused(name: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidModuleId):
        create_module(name, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "module.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ModuleFolderExists):
        create_module("m", tmp_path)
    assert (tmp_path / "m" / "module.md").read_text(encoding="utf-8") == "mine"


def test_public_names_are_listed() -> None:
    import ehealth_content.cli_authoring
    import ehealth_content.export
    import ehealth_content.scaffold
    import packager.cli_compat
    import packager.compat

    for module in (
        ehealth_content.scaffold,
        packager.compat,
        ehealth_content.export,
        ehealth_content.cli_authoring,
        packager.cli_compat,
    ):
        public = {
            name
            for name, value in vars(module).items()
            if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
        }
        assert public <= set(module.__all__), module.__name__
        assert all(hasattr(module, name) for name in module.__all__)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_placeholder_is_one_line_of_its_template_and_is_warned_at_its_place(tmp_path: Path, lang: str) -> None:
    path = create_module("m", tmp_path, lang=lang, today=DAY)
    lines = path.read_text(encoding="utf-8").split("\n")
    _, diagnostics = load_module(path, today=DAY)
    for placeholder in PLACEHOLDERS[lang]:
        [at] = [d for d in diagnostics if f"'{placeholder}'" in d.message]
        assert lines[at.line - 1][at.column - 1 :].startswith(placeholder)


def test_replacing_the_placeholders_silences_them(tmp_path: Path) -> None:
    source = module_source("m", "fr", today=DAY)
    for number, placeholder in enumerate(PLACEHOLDERS["fr"]):
        source = source.replace(placeholder, f"Texte de l'auteur {number}")
    path = tmp_path / "module.md"
    path.write_text(source, encoding="utf-8")
    for name, text in companion_files().items():  # the longmenu's list and the hotspot's picture, as `new` writes them
        (tmp_path / name).write_text(text, encoding="utf-8")
    module, diagnostics = load_module(path, today=DAY)
    assert module is not None and diagnostics == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_progressive_case_is_shown(tmp_path: Path, lang: str) -> None:
    module, _ = load_module(create_module("m", tmp_path, lang=lang, today=DAY), today=DAY)
    assert module is not None
    cases = [case for page in module.pages for case in page.cases]
    assert len(cases) == 1 and len(cases[0].steps) >= 2
    assert all(step.questions for step in cases[0].steps)
