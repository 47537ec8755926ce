"""index.html keeps the markup contract, embeds the runtime's data, and speaks the module's language."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import lxml.html  # type: ignore[import-untyped, unused-ignore]
import pytest

from ehealth_content import Module, check, load_text
from packager import render_index_html
from packager.strings import CATALOGUES, ui_strings

REPO = Path(__file__).parents[2]
VECTOR_MODULE = REPO / "tests" / "vectors" / "module.md"


@pytest.fixture(scope="module")
def every_type() -> Module:
    return check(VECTOR_MODULE)


def _doc(module: Module, target: str = "scorm12") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_index_html(module, target))


def test_page_frame(every_type: Module) -> None:
    doc = _doc(every_type)
    assert doc.get("lang") == "fr"
    assert doc.xpath('//meta[@name="viewport"]/@content') == ["width=device-width, initial-scale=1"]
    main = doc.get_element_by_id("ehealth")
    assert (main.get("data-module-id"), main.get("data-target")) == ("vecteurs-de-score", "scorm12")
    assert [s.get("data-page-id") for s in doc.xpath("//section")] == [p.id for p in every_type.pages]
    # Readable without JavaScript: no page starts hidden.
    assert doc.xpath("//section[@hidden]") == []
    assert [b.get("data-nav") for b in doc.xpath("//nav//button")] == ["prev", "next", "finish"]
    assert doc.xpath("//script/@src") == ["runtime/ehealth.js"]
    assert doc.xpath('//link[@rel="stylesheet"]/@href') == ["runtime/ehealth.css"]


def test_one_h1_per_page_and_no_skipped_heading_level(every_type: Module) -> None:
    doc = _doc(every_type)
    for section in doc.xpath("//section"):
        levels = [int(h.tag[1]) for h in section.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6")]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_every_control_has_a_visible_label(every_type: Module) -> None:
    doc = _doc(every_type)
    controls = doc.xpath("//form//input[not(@type='hidden')]|//form//select")
    assert len(controls) > 30
    for control in controls:
        labels = doc.xpath(f'//label[@for="{control.get("id")}"]')
        assert len(labels) == 1 and labels[0].text_content().strip(), control.get("id")


@pytest.mark.parametrize(
    ("qid", "selector", "expected"),
    [
        ("unique", "input", [("radio", "a"), ("radio", "b"), ("radio", "c")]),
        ("unique-ids", "input", [("radio", "z"), ("radio", "7")]),
        ("multiple-tout", "input", [("checkbox", c) for c in "abcd"]),
        ("vrai-faux", "input", [("radio", "true"), ("radio", "false")]),
        ("avis", "input", [("radio", str(i)) for i in range(1, 5)]),
        ("texte", "input", [("text", None)]),
    ],
)
def test_native_controls_per_type(
    every_type: Module, qid: str, selector: str, expected: list[tuple[str, str | None]]
) -> None:
    form = _doc(every_type).xpath(f'//form[@data-question-id="{qid}"]')[0]
    assert [(i.get("type"), i.get("value")) for i in form.xpath(f".//{selector}")] == expected
    assert form.xpath('.//button[@type="submit"]') and form.xpath('.//*[@role="status"]')


def test_numeric_matching_and_ordering_controls(every_type: Module) -> None:
    doc = _doc(every_type)
    numeric = doc.get_element_by_id("nombre--input")
    assert numeric.get("inputmode") == "decimal"
    matching = doc.xpath('//form[@data-question-id="appariement"]//select')
    assert [s.get("name") for s in matching] == ["a", "b", "c"]
    assert [o.get("value") for o in matching[0].xpath("option")] == ["", "1", "2", "3", "4"]
    assert matching[0].xpath("option")[4].text == "Quatre"
    ordering = doc.xpath('//form[@data-question-id="ordre"]//select')
    assert [s.get("name") for s in ordering] == ["a", "b", "c", "d"]
    assert [o.get("value") for o in ordering[0].xpath("option")] == ["", "1", "2", "3", "4"]


def test_feedback_and_explanation_templates(small_module: Module) -> None:
    form = _doc(small_module).xpath('//form[@data-question-id="choix"]')[0]
    assert [t.get("data-feedback") for t in form.xpath(".//template")] == ["correct"]


def test_embedded_data_matches_the_module(every_type: Module) -> None:
    doc = _doc(every_type, "scorm2004")
    data = json.loads(doc.get_element_by_id("ehealth-data").text)
    assert data["format"] == 1 and data["target"] == "scorm2004"
    assert data["module"] == {
        "id": "vecteurs-de-score",
        "version": "1.0.0",
        "title": "Vecteurs de score",
        "lang": "fr",
        "mastery": 60,
    }
    assert data["pages"] == ["choix", "saisie", "structure"]
    assert data["pools"] == [{"name": "lot", "pick": 2, "questions": ["lot-1", "lot-2", "lot-3"]}]
    by_id = {q["id"]: q for q in data["questions"]}
    assert by_id["unique"] == {
        "id": "unique",
        "key": by_id["unique"]["key"],
        "type": "single",
        "page": "choix",
        "points": 1,
        "attempts": 1,
        "pool": None,
        "shuffle": False,
        "description": "Une seule bonne réponse.",
        "choices": [{"id": "a", "correct": False}, {"id": "b", "correct": True}, {"id": "c", "correct": False}],
    }
    assert by_id["nombre-pourcent"]["min"] == 196 and by_id["nombre-pourcent"]["max"] == 204
    assert (by_id["appariement"]["lefts"], by_id["appariement"]["rights"]) == (3, 4)
    assert by_id["ordre"]["items"] == 4 and by_id["avis"]["scale"] == 4
    assert data["strings"]["submit"] == "Valider"


def test_embedded_json_cannot_close_its_script(tmp_path: Path) -> None:
    text = (
        "---\nid: m\ntitle: </script><b>x</b>\nversion: 1.0.0\n---\n\n# P\n\n"
        '```quiz\nid: q\ntype: text\nprompt: P\nanswers: ["</script>"]\n```\n'
    )
    module, diagnostics = load_text(text, tmp_path / "module.md")
    assert module is not None, diagnostics
    html = render_index_html(module, "web")
    assert html.count("</script>") == 2  # the two real script elements
    data = json.loads(lxml.html.document_fromstring(html).get_element_by_id("ehealth-data").text)
    assert data["module"]["title"] == "</script><b>x</b>"


def test_long_prompts_give_a_250_character_description(tmp_path: Path) -> None:
    prompt = "Très " * 80
    text = f"---\nid: m\ntitle: M\nversion: 1.0.0\n---\n\n# P\n\n```quiz\nid: q\ntype: truefalse\nprompt: {prompt}\nanswer: true\n```\n"
    module, _ = load_text(text, tmp_path / "module.md")
    assert module is not None
    data = json.loads(_doc(module).get_element_by_id("ehealth-data").text)
    description = data["questions"][0]["description"]
    assert len(description) <= 250 and description.endswith("…")


def test_english_module_gets_english_strings(tmp_path: Path) -> None:
    text = "---\nid: m\ntitle: M\nversion: 1.0.0\nlang: en-GB\n---\n\n# P\n\n```quiz\nid: q\ntype: truefalse\nprompt: P\nanswer: true\n```\n"
    module, _ = load_text(text, tmp_path / "module.md")
    assert module is not None
    doc = _doc(module)
    assert doc.get("lang") == "en-GB"
    assert [b.text for b in doc.xpath("//nav//button")] == ["Previous", "Next", "Finish"]
    assert [label.text for label in doc.xpath("//form//label")] == ["True", "False"]


def test_catalogues_have_the_same_keys_and_french_typography() -> None:
    assert set(CATALOGUES["fr"]) == set(CATALOGUES["en"])
    for key, text in CATALOGUES["fr"].items():
        # A non-breaking space (plain or narrow) before every : ; ? ! of French text.
        assert not re.search(r"[^\u00a0\u202f][:;?!]", text), key
    assert ui_strings("fr-CA") is CATALOGUES["fr"] and ui_strings("de") is CATALOGUES["en"]


def test_the_cover_gives_the_estimated_duration_when_the_front_matter_gives_none(tmp_path: Path) -> None:
    words = " ".join(["mot"] * 2800)  # 20 minutes of study text at 140 words a minute
    head = "---\nid: m\ntitle: M\nversion: 1.0.0\n{duration}---\n\n# P\n\n" + words + "\n"
    estimated, _ = load_text(head.format(duration=""), tmp_path / "module.md")
    declared, _ = load_text(head.format(duration="duration: 45 min\n"), tmp_path / "module.md")
    assert estimated is not None and declared is not None
    cover = _doc(estimated).find_class("cover")[0].text_content()
    assert "20\u00a0min" in cover or "20 min" in cover
    assert "45" in _doc(declared).find_class("cover")[0].text_content()


@pytest.mark.parametrize(
    ("lang", "questions", "expected"),
    [
        ("fr", 0, "1 page · 0 question notée"),
        ("fr", 1, "1 page · 1 question notée"),
        ("fr", 2, "1 page · 2 questions notées"),
        ("en", 0, "1 page · 0 graded questions"),
        ("en", 1, "1 page · 1 graded question"),
    ],
)
def test_the_cover_counts_pages_and_questions_in_the_right_number(
    tmp_path: Path, lang: str, questions: int, expected: str
) -> None:
    quiz = "\n```quiz\nid: q{n}\ntype: truefalse\nprompt: Vrai ?\nanswer: true\n```\n"
    text = f"---\nid: m\ntitle: M\nversion: 1.0.0\nlang: {lang}\n---\n\n# P\n\nTexte.\n" + "".join(
        quiz.format(n=n) for n in range(questions)
    )
    module, diagnostics = load_text(text, tmp_path / "module.md")
    assert module is not None, diagnostics
    cover = " ".join(_doc(module).find_class("cover")[0].text_content().split())
    assert expected in cover
