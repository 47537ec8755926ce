"""Moodle question-bank exports, read back the way Moodle's importers read them."""

from __future__ import annotations

import base64
import dataclasses
import math
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import Module, load_module, load_text
from ehealth_content.export import ExportNote, gift, gift_escape, moodle_xml
from ehealth_content.export._moodle import format_fraction, format_number
from ehealth_content.model import NumericQuestion

from .gift_reader import GiftQuestion, read_gift

HERE = Path(__file__).parent
MODULES = sorted((HERE.parents[1] / "modules").glob("*/module.md"))
# Moodle's question_bank::fraction_options_full(), with the negatives multichoice also allows.
GRADES = [
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
]
TITLE = "$course$/Every type: a//b {tests}"
D11 = TITLE + "/D1.1 Qualifier une donnée de santé (RGPD, CNIL)"
D12 = (
    TITLE + "/D1.2 Appliquer le cadre juridique : secret professionnel, partage au sein de "
    "l'équipe de soins, droits du patient"
)


def _load(path: Path) -> Module:
    module, diagnostics = load_module(path)
    assert module is not None, diagnostics
    return module


FIXTURE = HERE / "fixtures" / "every-type.md"


@pytest.fixture(scope="module")
def every_type() -> Module:
    return _load(FIXTURE)


@pytest.fixture(scope="module")
def xml(every_type: Module) -> tuple[etree._Element, bytes, list[ExportNote]]:
    data, notes = moodle_xml([every_type])
    return etree.fromstring(data), data, notes


def _questions(root: etree._Element, *, key_by_module: bool = False) -> dict[str, tuple[str, etree._Element]]:
    """Question name → (category in force, element), the way Moodle's import walks the file.

    Modules may share question ids: with ``key_by_module`` the key is ``module id/name``.
    """
    found: dict[str, tuple[str, etree._Element]] = {}
    category = ""
    for question in root.iterfind("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text")
            continue
        name = question.findtext("name/text")
        if key_by_module:
            name = f"{question.findtext('tags/tag/text')}/{name}"
        assert name not in found, f"{name} exported twice"
        found[name] = (category, question)
    return found


def _fractions(question: etree._Element) -> list[float]:
    return [float(a.get("fraction")) / 100 for a in question.iterfind("answer")]


def _in_grade_list(fraction: float) -> bool:
    # qformat_default::match_grade_options with 'error': within 0.00001 of a listed grade.
    return any(abs(abs(fraction) - grade) < 0.00001 for grade in GRADES)


# ----- Moodle XML ---------------------------------------------------------------------------


def test_categories_one_per_module_then_per_competency(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    root = xml[0]
    paths = [q.findtext("category/text") for q in root.iterfind("question[@type='category']")]
    assert paths == [TITLE, D11, D12]
    questions = _questions(root)
    assert questions["text-normalized"][0] == TITLE  # no competency: the module's category
    assert questions["single-special"][0] == D11
    assert questions["tf-false"][0] == D12
    info = root.find("question[@type='category']/info/text").text
    assert info == "every-type 1.2.0. Pools — tirage: pick 1 of 2 (tag pool-tirage)"


def test_common_fields(xml: tuple[etree._Element, bytes, list[ExportNote]], every_type: Module) -> None:
    root, data, _ = xml
    question = _questions(root)["single-special"][1]
    assert question.get("type") == "multichoice"
    assert question.findtext("name/text") == "single-special"
    assert question.findtext("idnumber") == "every-type:single-special"
    assert question.findtext("defaultgrade") == "2"
    assert question.findtext("penalty") == "0"
    assert question.findtext("shuffleanswers") == "true"
    assert question.find("questiontext").get("format") == "html"
    source = every_type.questions[0]
    assert question.findtext("questiontext/text") == source.prompt.html
    assert question.findtext("generalfeedback/text") == source.explanation.html  # type: ignore[union-attr]
    assert question.findtext("correctfeedback/text") == "<p>Bien.</p>\n"
    assert question.findtext("incorrectfeedback/text") == "<p>Pas bien.</p>\n"
    assert [t.text for t in question.iterfind("tags/tag/text")] == ["every-type", "D1.1"]
    # HTML travels in CDATA sections, as Moodle writes it.
    assert b"<text><![CDATA[<p>Which is right: <code>a = b</code> ~ {c} # d?</p>" in data


def test_cdata_terminator_inside_a_text_stays_readable(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["pool-a"][1]
    assert question.findtext("questiontext/text") == "<p>Vrai ? ]]&gt; fin</p>\n"
    assert [t.text for t in question.iterfind("tags/tag/text")] == ["every-type", "pool-tirage"]


def test_single_choice(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["single-special"][1]
    assert question.findtext("single") == "true"
    assert _fractions(question) == [1.0, 0.0, 0.0]
    answers = question.findall("answer")
    assert answers[0].findtext("text") == "x = 1 {y} ~z #w"
    assert answers[0].findtext("feedback/text") == "<p>Yes: x = 1.</p>\n"
    assert answers[1].findtext("text") == "un <strong>mauvais</strong> choix"
    assert answers[2].findtext("feedback/text") == ""


def test_multiple_partial_fractions_sum_to_100_and_all_boxes_earn_0(
    xml: tuple[etree._Element, bytes, list[ExportNote]],
) -> None:
    question = _questions(xml[0])["multi-partial"][1]
    assert question.findtext("single") == "false"
    fractions = _fractions(question)
    assert fractions == pytest.approx([0.3333333, -0.5, 0.3333333, -0.5, 0.3333333], abs=1e-9)
    # qtype_multichoice::save_question_options: positive fractions, rounded to 2 places, sum to 1.
    assert round(sum(f for f in fractions if f > 0), 2) == 1.0
    assert max(0.0, sum(fractions)) == 0.0
    assert question.findtext("partiallycorrectfeedback/text") == "<p>En partie.</p>\n"
    assert question.find("shownumcorrect") is not None


def test_multiple_all_or_nothing_zeroes_on_any_wrong_box(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    fractions = _fractions(_questions(xml[0])["multi-strict"][1])
    assert fractions == [0.5, 0.5, -1.0]
    assert max(0.0, fractions[0] + fractions[1] + fractions[2]) == 0.0


def test_truefalse_feedback_sits_on_the_right_answers(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["tf-false"][1]
    assert question.get("type") == "truefalse"
    answers = {a.findtext("text"): a for a in question.iterfind("answer")}
    assert answers["false"].get("fraction") == "100"
    assert answers["true"].get("fraction") == "0"
    assert answers["false"].findtext("feedback/text") == "<p>Exact : il est bleu.</p>\n"
    assert answers["true"].findtext("feedback/text") == "<p>Non.</p>\n"


def test_shortanswer_normalized_adds_accent_free_variants(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["text-normalized"][1]
    assert question.get("type") == "shortanswer"
    assert question.findtext("usecase") == "0"
    answers = [(a.get("fraction"), a.findtext("text")) for a in question.iterfind("answer")]
    assert answers == [
        ("100", "Mon espace santé"),
        ("100", "Mon espace sante"),
        ("100", "DMP\\*"),  # a literal asterisk, not Moodle's wildcard
        ("100", "dossier médical partagé"),
        ("100", "dossier medical partage"),
        ("0", "*"),  # the catch-all that carries the 'incorrect' feedback
    ]
    assert question.findall("answer")[-1].findtext("feedback/text") == "<p>Raté.</p>\n"


def test_shortanswer_exact_is_case_sensitive(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["text-exact"][1]
    assert question.findtext("usecase") == "1"
    assert [a.findtext("text") for a in question.iterfind("answer")] == ["AbC"]


def test_numerical_tolerance_and_range(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    questions = _questions(xml[0])
    tolerance = questions["num-tolerance"][1]
    assert tolerance.get("type") == "numerical"
    assert tolerance.findtext("answer/text") == "-2.5"
    assert tolerance.findtext("answer/tolerance") == "0.1"
    assert tolerance.findtext("units/unit/unit_name") == "mmol/L"
    assert tolerance.findtext("units/unit/multiplier") == "1"
    assert (tolerance.findtext("showunits"), tolerance.findtext("unitgradingtype")) == ("0", "0")
    ranged = questions["num-range"][1]
    # [0.1, 0.3] is 0.2 ± 0.1, without the binary noise of 0.3 - 0.2.
    assert (ranged.findtext("answer/text"), ranged.findtext("answer/tolerance")) == ("0.2", "0.1")
    assert ranged.find("units") is None and ranged.findtext("showunits") == "3"


def test_matching_with_a_distractor(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["match-distractor"][1]
    assert question.get("type") == "matching"
    subquestions = [(s.findtext("text"), s.findtext("answer/text")) for s in question.iterfind("subquestion")]
    assert subquestions == [("RGPD {UE}", "Données = personnelles"), ("CSP", "Santé : publique"), ("", "Route")]
    assert all(s.get("format") == "html" for s in question.iterfind("subquestion"))


def test_ordering_uses_the_ordering_question_type(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    question = _questions(xml[0])["order-three"][1]
    assert question.get("type") == "ordering"
    assert question.findtext("gradingtype") == "ALL_OR_NOTHING"
    assert question.findtext("selecttype") == "ALL"
    assert question.findtext("selectcount") == "3"
    assert [(a.get("fraction"), a.findtext("text")) for a in question.iterfind("answer")] == [
        ("1", "Un"),
        ("2", "Deux"),
        ("3", "Trois"),
    ]


def test_likert_is_left_out_with_a_note(xml: tuple[etree._Element, bytes, list[ExportNote]]) -> None:
    root, _, notes = xml
    assert "likert-skip" not in _questions(root)
    # At the question's source line, like the loader's warnings.
    assert [str(n) for n in notes] == [
        f"{FIXTURE}:124:1: warning: every-type/likert-skip: likert questions are left out: "
        "a Moodle quiz has no survey item"
    ]
    assert notes[0].left_out


def test_every_real_module_exports_with_listed_grades() -> None:
    modules = [_load(p) for p in MODULES]
    assert len(modules) >= 5
    data, notes = moodle_xml(modules)
    root = etree.fromstring(data)
    questions = _questions(root, key_by_module=True)
    expected = {f"{m.id}/{q.id}" for m in modules for q in m.questions if q.type != "likert"}
    assert set(questions) == expected
    # Notes: likert left out, each question of a dossier progressif exported on its own, and
    # what Moodle holds only approximately: a TCS panel's credits on its grade list, hotspot zones.
    types = {f"{m.id}/{q.id}": q.type for m in modules for q in m.questions}
    noted = {f"{n.module_id}/{n.question_id}" for n in notes}
    likert = {key for key, kind in types.items() if kind == "likert"}
    in_cases = {f"{m.id}/{q.id}" for m in modules for page in m.pages for case in page.cases for q in case.questions}
    assert likert | in_cases <= noted
    assert {types[key] for key in noted - likert - in_cases} <= {"tcs", "hotspot"}
    idnumbers = [q.findtext("idnumber") for _, q in questions.values()]
    assert len(set(idnumbers)) == len(idnumbers)
    for name, (_, question) in questions.items():
        if question.get("type") != "multichoice":
            continue
        fractions = _fractions(question)
        assert all(_in_grade_list(f) for f in fractions), name
        if question.findtext("single") == "true" and types[name] != "tcs":
            assert fractions.count(1.0) == 1, name
        elif question.findtext("single") == "true":  # a panel may split evenly between two points
            assert fractions.count(1.0) >= 1, name
        else:
            assert round(sum(f for f in fractions if f > 0), 2) == 1.0, name
    for module in modules:
        assert root.find(f"question[@type='category']/category[text='$course$/{module.title}']") is not None


def test_same_input_same_bytes(every_type: Module) -> None:
    assert moodle_xml([every_type])[0] == moodle_xml([every_type])[0]


@pytest.mark.parametrize(
    ("fraction", "text"),
    [(1 / 3, "33.33333"), (-1.0, "-100"), (0.0, "0"), (1 / 7, "14.28571"), (0.125, "12.5"), (1 / 6, "16.66667")],
)
def test_fraction_text(fraction: float, text: str) -> None:
    assert format_fraction(fraction) == text


@pytest.mark.parametrize(
    ("value", "text"), [(72.0, "72"), (0.1 + 0.2, "0.3"), (1e-7, "0.0000001"), (-0.0, "0"), (1500000.0, "1500000")]
)
def test_number_text_has_no_exponent(value: float, text: str) -> None:
    assert format_number(value) == text


# ----- GIFT ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gift_read(every_type: Module) -> tuple[dict[str, GiftQuestion], list[ExportNote]]:
    text, notes = gift([every_type])
    return {q.name: q for q in read_gift(text)}, notes


def test_gift_escape() -> None:
    assert gift_escape("a\\b ~ = # { } : c\nd\r") == "a\\\\b \\~ \\= \\# \\{ \\} \\: c\\nd"


def test_gift_categories(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions = gift_read[0]
    assert questions["text-normalized"].category == TITLE
    assert questions["single-special"].category == D11
    assert questions["tf-false"].category == D12
    assert "likert-skip" not in questions


def test_gift_special_characters_round_trip(
    gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]], every_type: Module
) -> None:
    question = gift_read[0]["single-special"]
    source = every_type.questions[0]
    assert question.qtype == "multichoice-single"
    assert question.text_format == "html"
    assert question.text == source.prompt.html.strip()
    assert question.general_feedback == "<p>Explication : voir {ici}.</p>"
    assert question.answers == [
        (1.0, "x = 1 {y} ~z #w", "<p>Yes: x = 1.</p>"),
        (0.0, "un <strong>mauvais</strong> choix", "<p>Non.</p>"),
        (0.0, "autre : choix", ""),
    ]


def test_gift_multiple_percentages(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions = gift_read[0]
    partial = questions["multi-partial"]
    assert partial.qtype == "multichoice-multi"
    assert [a[0] for a in partial.answers] == pytest.approx([0.3333333, -0.5, 0.3333333, -0.5, 0.3333333], abs=1e-9)
    assert math.isclose(sum(a[0] for a in partial.answers if a[0] > 0), 1.0, abs_tol=0.005)
    assert [a[0] for a in questions["multi-strict"].answers] == [0.5, 0.5, -1.0]


def test_gift_truefalse(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions = gift_read[0]
    assert questions["tf-false"].truefalse == (False, "<p>Non.</p>", "<p>Exact : il est bleu.</p>")
    assert questions["pool-a"].truefalse == (True, "", "")
    assert questions["pool-b"].text == "<p>Premier paragraphe.</p>\n<p>Second paragraphe.</p>"


def test_gift_shortanswer(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions, notes = gift_read
    normalized = questions["text-normalized"]
    assert normalized.qtype == "shortanswer"
    assert [(f, a) for f, a, _ in normalized.answers] == [
        (1.0, "Mon espace santé"),
        (1.0, "Mon espace sante"),
        (1.0, "DMP\\*"),
        (1.0, "dossier médical partagé"),
        (1.0, "dossier medical partage"),
        (0.0, "*"),
    ]
    assert normalized.answers[-1][2] == "<p>Raté.</p>"
    assert (
        f"{FIXTURE}:80:1: warning: every-type/text-exact: GIFT short answers ignore case: 'match: exact' is lost"
        in map(str, notes)
    )


def test_gift_numerical(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions = gift_read[0]
    tolerance, ranged = questions["num-tolerance"], questions["num-range"]
    assert tolerance.qtype == ranged.qtype == "numerical"
    assert (tolerance.answers[0][1], tolerance.tolerances[0]) == ("-2.5", 0.1)
    assert math.isclose(float(ranged.answers[0][1]), 0.2) and math.isclose(ranged.tolerances[0], 0.1)


def test_gift_matching(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    question = gift_read[0]["match-distractor"]
    assert question.qtype == "match"
    assert question.subquestions == [
        ("RGPD {UE}", "Données = personnelles"),
        ("CSP", "Santé : publique"),
        ("", "Route"),
    ]


def test_gift_ordering(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    question = gift_read[0]["order-three"]
    assert question.qtype == "ordering"
    assert question.ordering_items == ["Un", "Deux", "Trois"]


def test_gift_carries_id_numbers_and_tags_as_moodle_reads_them(
    gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]], xml: tuple[etree._Element, bytes, list[ExportNote]]
) -> None:
    questions = gift_read[0]
    assert (questions["single-special"].idnumber, questions["single-special"].tags) == (
        "every-type:single-special",
        ["every-type", "D1.1"],
    )
    # The pool tag is what lets a Moodle quiz draw "1 random question tagged pool-tirage".
    assert (questions["pool-a"].idnumber, questions["pool-a"].tags) == (
        "every-type:pool-a",
        ["every-type", "pool-tirage"],
    )
    assert questions["text-normalized"].tags == ["every-type"]
    # Exactly what the Moodle XML export gives each question.
    for name, (_, element) in _questions(xml[0]).items():
        assert questions[name].idnumber == element.findtext("idnumber"), name
        assert questions[name].tags == [t.text for t in element.iterfind("tags/tag/text")], name


def test_gift_warns_once_per_numeric_unit(gift_read: tuple[dict[str, GiftQuestion], list[ExportNote]]) -> None:
    questions, notes = gift_read
    assert questions["num-tolerance"].qtype == "numerical"
    lost = [str(n) for n in notes if "unit" in n.message]
    assert lost == [
        f"{FIXTURE}:88:1: warning: every-type/num-tolerance: GIFT numerical questions carry no unit: "
        "'mmol/L' is lost; add it in Moodle or use moodle-xml"
    ]


ODD_POOL = """\
---
id: odd
title: Odd
version: 1.0.0
pools:
  "a ]b  <c> `d`": {pick: 1}
---

# P

```quiz
id: q1
type: truefalse
prompt: Vrai ?
answer: true
pool: "a ]b  <c> `d`"
```

```quiz
id: q2
type: truefalse
prompt: Faux ?
answer: false
pool: "a ]b  <c> `d`"
```
"""


def test_tags_take_the_form_moodle_stores(tmp_path: Path) -> None:
    module, diagnostics = load_text(ODD_POOL, tmp_path / "module.md")
    assert module is not None, diagnostics
    # clean_param(PARAM_TAG): no < > ` or control characters, spaces folded; "]" survives.
    expected = ["odd", "pool-a ]b c d"]
    text, notes = gift([module])
    assert "[tag:pool-a \\]b c d]" in text
    assert [q.tags for q in read_gift(text)] == [expected, expected]
    root = etree.fromstring(moodle_xml([module])[0])
    assert [[t.text for t in q.iterfind("tags/tag/text")] for q in root.iterfind("question[@type='truefalse']")] == [
        expected,
        expected,
    ]
    assert [str(n) for n in notes] == [
        f"{tmp_path / 'module.md'}:11:1: warning: odd/q1: the tag 'pool-a ]b  <c> `d`' becomes 'pool-a ]b c d' "
        "in Moodle (at most 50 characters, no control characters, '<', '>' or '`')"
    ]


def test_gift_every_real_module() -> None:
    modules = [_load(p) for p in MODULES]
    text, notes = gift(modules)
    questions = read_gift(text)
    left_out = {(n.module_id, n.question_id) for n in notes if n.left_out}
    expected = [(m, q) for m in modules for q in m.questions if (m.id, q.id) not in left_out]
    # Left out: likert (not scored) and hotspot (GIFT has no drag-and-drop markers).
    assert all(q.type in ("likert", "hotspot") for m in modules for q in m.questions if (m.id, q.id) in left_out)
    # The file lists the questions by category; each must come back under its module's title.
    assert sorted((q.category.split("/")[1], q.name) for q in questions) == sorted(
        (m.title.replace("/", "//"), q.id) for m, q in expected
    )
    kinds = {
        "single": "multichoice",
        "multiple": "multichoice",
        "truefalse": "truefalse",
        "text": "shortanswer",
        "numeric": "numerical",
        "matching": "match",
        "ordering": "ordering",
        "tcs": "multichoice",
        "kfp": "multichoice",
        "longmenu": "shortanswer",
    }
    by_key = {(m.title, q.id): q for m, q in expected}
    for question in questions:
        source = by_key[(question.category.split("/")[1], question.name)]
        assert question.qtype.split("-")[0] == kinds[source.type], question.name
        # A question of a case carries the steps read so far before its own prompt.
        if source.type == "tcs":  # the situation, then the hypothesis and the new information
            assert source.prompt.html.strip() in question.text, question.name
        else:
            assert question.text.endswith(source.prompt.html.strip()), question.name
    # Every question keeps its id number and tags, so a quiz can draw from a pool by tag.
    by_id = {f"{m.id}:{q.id}": (m, q) for m, q in expected}
    assert sorted(q.idnumber for q in questions) == sorted(by_id)
    for question in questions:
        module, source = by_id[question.idnumber]
        assert question.tags == [
            t for t in (module.id, source.competency, source.pool and f"pool-{source.pool}") if t
        ], question.idnumber
    # Each numeric question with a unit says it loses it, once.
    with_units = sorted(f"{m.id}/{q.id}" for m, q in expected if isinstance(q, NumericQuestion) and q.unit)
    assert len(with_units) >= 3
    assert sorted(f"{n.module_id}/{n.question_id}" for n in notes if "carry no unit" in n.message) == with_units


PERCENT_AND_IMAGE = """\
---
id: img
title: Img
version: 1.0.0
---

# P

```quiz
id: with-image
type: multiple
prompt: |
  Regardez ![un schéma](pic.png)
choices: ["[x] %10% des cas", "[ ] %20% des cas", "[x] 30 %"]
```

```quiz
id: single-pct
type: single
prompt: Combien ?
choices: ["[ ] %20% des cas", "[x] la moitié"]
```

```quiz
id: pct
type: text
prompt: Taux ?
answers: ["%5%"]
```
"""


def test_texts_starting_with_percent_are_not_read_as_weights(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n")
    module, diagnostics = load_text(PERCENT_AND_IMAGE, tmp_path / "module.md")
    assert module is not None, diagnostics
    text, notes = gift([module])
    questions = {q.name: q for q in read_gift(text)}
    assert questions["with-image"].answers == [(0.5, "%10% des cas", ""), (-1.0, "%20% des cas", ""), (0.5, "30 %", "")]
    assert questions["single-pct"].answers == [(0.0, "%20% des cas", ""), (1.0, "la moitié", "")]
    assert questions["pct"].answers == [(1.0, "%5%", "")]
    # GIFT cannot carry the image: say so rather than ship a silent broken link.
    assert [str(n) for n in notes] == [
        f"{tmp_path / 'module.md'}:9:1: warning: img/with-image: images are not embedded: add them in Moodle"
    ]
    # Moodle XML carries it inside the file.
    assert moodle_xml([module])[1] == []


IMAGES = """\
---
id: pics
title: Pics
version: 1.0.0
---

# P

```quiz
id: pictured
type: single
prompt: |
  Regardez ![le schéma](media/mon%20schéma.png) et ![l'autre](other/mon%20schéma.png)
choices:
  - text: "![la courbe](media/courbe.png)"
    correct: true
    feedback: "Oui : ![la courbe](media/courbe.png)"
  - "[ ] Non"
explanation: "Voir ![le schéma](media/mon%20schéma.png) encore."
```
"""


def _embedded(holder: etree._Element) -> dict[str, bytes]:
    """The files Moodle's import_text_with_files takes from an element: name → bytes."""
    files: dict[str, bytes] = {}
    for file in holder.iterfind("file"):
        assert (file.get("path"), file.get("encoding")) == ("/", "base64")
        files[file.get("name")] = base64.b64decode(file.text, validate=True)
    return files


def _references(text: str) -> list[str]:
    """The file names a text's @@PLUGINFILE@@ addresses point at (URL-decoded, as Moodle serves them)."""
    return [unquote(name) for name in re.findall(r'src="@@PLUGINFILE@@/([^"]+)"', text)]


def test_moodle_xml_embeds_images_beside_each_text(tmp_path: Path) -> None:
    schema, other, curve = b"\x89PNG schema", b"\x89PNG other", b"\x89PNG curve"
    (tmp_path / "media").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "media" / "mon schéma.png").write_bytes(schema)
    (tmp_path / "other" / "mon schéma.png").write_bytes(other)
    (tmp_path / "media" / "courbe.png").write_bytes(curve)
    module, diagnostics = load_text(IMAGES, tmp_path / "module.md")
    assert module is not None, diagnostics
    data, notes = moodle_xml([module])
    assert notes == []
    question = etree.fromstring(data).find("question[@type='multichoice']")
    prompt = question.find("questiontext")
    # Two images of one name from two folders: the text's file area is flat, so one is renamed.
    assert _embedded(prompt) == {"mon schéma.png": schema, "2-mon schéma.png": other}
    assert _references(prompt.findtext("text")) == ["mon schéma.png", "2-mon schéma.png"]
    assert "@@PLUGINFILE@@/mon%20sch%C3%A9ma.png" in prompt.findtext("text")
    assert 'alt="le schéma"' in prompt.findtext("text")
    # Each text carries its own copy, as Moodle keeps one file area per text.
    general = question.find("generalfeedback")
    assert _embedded(general) == {"mon schéma.png": schema}
    assert _references(general.findtext("text")) == ["mon schéma.png"]
    answer = question.find("answer")
    assert _embedded(answer) == {"courbe.png": curve}
    assert _references(answer.findtext("text")) == ["courbe.png"]
    assert _embedded(answer.find("feedback")) == {"courbe.png": curve}
    assert _references(answer.findtext("feedback/text")) == ["courbe.png"]
    # Texts without images carry no file; no relative address is left behind.
    assert question.find("answer[2]/file") is None and question.find("correctfeedback/file") is None
    assert b'src="media/' not in data and b'src="other/' not in data


def test_an_image_outside_the_module_assets_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    module, diagnostics = load_text(PERCENT_AND_IMAGE, tmp_path / "module.md")
    assert module is not None, diagnostics
    (tmp_path / "pic.png").unlink()  # removed between loading and exporting
    data, notes = moodle_xml([module])
    assert [str(n) for n in notes] == [
        f"{tmp_path / 'module.md'}:9:1: warning: img/with-image: image 'pic.png' is not embedded "
        "(not a file of the module folder): add it in Moodle"
    ]
    assert b'src="pic.png"' in data and b"<file " not in data


def test_control_characters_never_reach_the_export(tmp_path: Path) -> None:
    # The loader refuses such a title (E311); the exporters still never pass one on, for a model
    # built by code rather than loaded.
    source = PERCENT_AND_IMAGE.replace("title: Img", 'title: "Img \\e]0;pwned\\a \\e[2J"')
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    refused, diagnostics = load_text(source, tmp_path / "module.md")
    assert refused is None and [d.code for d in diagnostics] == ["E311"]
    clean, diagnostics = load_text(PERCENT_AND_IMAGE, tmp_path / "module.md")
    assert clean is not None, diagnostics
    module = dataclasses.replace(clean, title="Img \x1b]0;pwned\x07 \x1b[2J")
    data = moodle_xml([module])[0]
    assert b"\x1b" not in data and b"\x07" not in data
    assert etree.fromstring(data).findtext("question/category/text") == "$course$/Img \ufffd]0;pwned\ufffd \ufffd[2J"
    text = gift([module])[0]
    assert "\x1b" not in text and "\x07" not in text


# ----- cases (dossiers progressifs) ---------------------------------------------------------

CASE = HERE.parents[1] / "tests" / "browser" / "fixtures" / "case" / "module.md"
CASE_QUESTIONS = ["chute-geste", "chute-dmp", "chute-messagerie", "chute-delai", "chute-suivi"]


def test_case_questions_go_on_their_own_after_the_steps_read_so_far() -> None:
    data, notes = moodle_xml([_load(CASE)])
    questions = _questions(etree.fromstring(data))
    assert list(questions) == CASE_QUESTIONS
    warned = [n.question_id for n in notes if "case 'chute'" in n.message and "one after the other" in n.message]
    assert warned == CASE_QUESTIONS and not any(n.left_out for n in notes)
    first = questions["chute-geste"][1].findtext("questiontext/text")
    assert first.startswith("<h3>L&#x27;appel</h3>") and "retrouvée au sol" in first
    assert "Le scanner est normal" not in first, "a later step is not shown before an earlier question"
    assert first.rstrip().endswith("<p>Quel est le premier geste de l'aide à domicile ?</p>")
    second_step = questions["chute-messagerie"][1].findtext("questiontext/text")
    assert second_step.index("retrouvée au sol") < second_step.index("Le scanner est normal")
    assert second_step.index("<h3>Aux urgences</h3>") < second_step.index("Par quels moyens")
    assert "Mme D. rentre chez elle" not in second_step
    image = questions["chute-messagerie"][1].find("questiontext/file")
    assert image is not None and image.get("name") == "chambre.png", "the step's image travels with it"


def test_case_questions_in_gift_carry_the_steps_and_say_the_image_is_missing() -> None:
    text, notes = gift([_load(CASE)])
    questions = {q.name: q for q in read_gift(text)}
    assert list(questions) == CASE_QUESTIONS
    assert "Le scanner est normal" in questions["chute-suivi"].text
    assert questions["chute-suivi"].text.rstrip().endswith("les voie ?</p>")
    images = {n.question_id for n in notes if "images are not embedded" in n.message}
    assert images == set(CASE_QUESTIONS), "every question shows step 1's image"


# ----- kfp ----------------------------------------------------------------------------------

KFP_MODULE = """---
id: k
title: K
version: 1.0.0
---

# Page

```quiz
id: kf-zero
type: kfp
prompt: Que faites-vous ? (2 au plus)
select: 2
actions: ["[x] A", "[!] B", "[ ] C", "[x] D"]
```

```quiz
id: kf-penalty
type: kfp
danger: penalty
prompt: Que faites-vous ?
actions: ["[x] A", "[!] B", "[ ] C", "[x] D"]
```

```quiz
id: kf-eleven
type: kfp
prompt: Onze éléments clés.
actions: ["[x] A", "[x] B", "[x] C", "[x] D", "[x] E", "[x] F", "[x] G", "[x] H", "[x] I", "[x] J", "[x] K"]
```
"""


def test_kfp_goes_to_moodle_as_multiple_answers_whose_dangers_cost_what_they_cost_here(tmp_path: Path) -> None:
    module, diagnostics = load_text(KFP_MODULE, tmp_path / "module.md")
    assert module is not None, diagnostics
    data, notes = moodle_xml([module])
    questions = _questions(etree.fromstring(data))
    zero = questions["kf-zero"][1]
    assert zero.get("type") == "multichoice" and zero.findtext("single") == "false"
    assert _fractions(zero) == [0.5, -1.0, 0.0, 0.5]
    assert _fractions(questions["kf-penalty"][1]) == [0.5, -0.5, 0.0, 0.5]
    assert all(_in_grade_list(f) for q in ("kf-zero", "kf-penalty") for f in _fractions(questions[q][1]))
    assert "kf-eleven" not in questions, "100/11 % is not in Moodle's grade list"
    said = {(n.question_id, n.left_out) for n in notes}
    assert said == {("kf-zero", False), ("kf-penalty", False), ("kf-eleven", True)}
    assert any("more than 2 actions" in n.message for n in notes if n.question_id == "kf-zero")
    text, _ = gift([module])
    read = {q.name: q for q in read_gift(text)}
    assert [a[0] for a in read["kf-zero"].answers] == [0.5, -1.0, 0.0, 0.5]
