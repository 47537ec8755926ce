"""Moodle XML question-bank export (question/format/xml), built with lxml.

The element names and values are those Moodle's own importer reads (``qformat_xml``);
``ordering`` uses the ordering question type, part of Moodle since 4.4 (plugin
``qtype_ordering`` before). Mapping choices: see :mod:`._moodle`. Local images travel
inside the file, as Moodle's own export writes them: see :mod:`._pluginfile`.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ..model import (
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    RichText,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ._moodle import (
    Category,
    ExportNote,
    choice_fractions,
    clean_text,
    format_fraction,
    format_number,
    idnumber,
    iter_exported,
    note,
    numeric_answer,
    short_answers,
    tags,
)
from ._pluginfile import embed_images

__all__ = ["moodle_xml"]

def moodle_xml(modules: Iterable[Module]) -> tuple[bytes, list[ExportNote]]:
    """The Moodle XML of ``modules``' questions, and what could not be carried over."""
    notes: list[ExportNote] = []
    root = etree.Element("quiz")
    for module in modules:
        for category, questions in iter_exported(module, notes, embeds_images=True):
            _category(root, category)
            for question in questions:
                _embed_images(_question(root, module, question), module, question, notes)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data, notes


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = clean_text(text)
    return element


def _text(parent: etree._Element, value: str, *, cdata: bool = False) -> etree._Element:
    element = _sub(parent, "text")
    _set_text(element, value, cdata=cdata)
    return element


def _set_text(element: etree._Element, value: str, *, cdata: bool) -> None:
    value = clean_text(value)
    # A CDATA section cannot hold "]]>"; lxml then escapes the text itself, which reads the same.
    element.text = etree.CDATA(value) if cdata and value and "]]>" not in value else value


def _html(parent: etree._Element, tag: str, value: RichText | str | None, **attributes: str) -> etree._Element:
    element = _sub(parent, tag, format="html", **attributes)
    html = value.html if isinstance(value, RichText) else (value or "")
    _text(element, html, cdata=True)
    return element


def _category(root: etree._Element, category: Category) -> None:
    question = _sub(root, "question", type="category")
    _text(_sub(question, "category"), category.path)
    _text(_sub(question, "info", format="plain_text"), category.info)
    _sub(question, "idnumber")


def _question(root: etree._Element, module: Module, question: Question) -> etree._Element:
    kind = {
        "single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
        "text": "shortanswer", "numeric": "numerical", "matching": "matching", "ordering": "ordering",
    }[question.type]
    element = _sub(root, "question", type=kind)
    _text(_sub(element, "name"), question.id)
    _html(element, "questiontext", question.prompt)
    _html(element, "generalfeedback", question.explanation)
    _sub(element, "defaultgrade", format_number(question.points))
    _sub(element, "penalty", "0")
    _sub(element, "hidden", "0")
    _sub(element, "idnumber", idnumber(module, question))
    match question:
        case SingleChoiceQuestion() | MultipleChoiceQuestion():
            _multichoice(element, question)
        case TrueFalseQuestion():
            _truefalse(element, question)
        case TextQuestion():
            _shortanswer(element, question)
        case NumericQuestion():
            _numerical(element, question)
        case MatchingQuestion():
            _matching(element, question)
        case OrderingQuestion():
            _ordering(element, question)
    holder = _sub(element, "tags")
    for tag in tags(module, question):
        _text(_sub(holder, "tag"), tag)
    return element


def _embed_images(element: etree._Element, module: Module, question: Question, notes: list[ExportNote]) -> None:
    """Every HTML text of the question gets its local images as files beside its ``<text>``."""
    missing: list[str] = []
    for holder in element.iter():
        text = holder.find("text") if holder.get("format") == "html" else None
        if text is None or not text.text or "<img" not in text.text.lower():
            continue
        embedded = embed_images(text.text, module)
        missing += embedded.missing
        if not embedded.files:
            continue
        _set_text(text, embedded.html, cdata=True)
        anchor = text
        for file in embedded.files:
            # Moodle writes a text's files right after its <text>.
            attached = etree.Element("file", name=file.name, path="/", encoding="base64")
            attached.text = base64.b64encode(file.content).decode("ascii")
            anchor.addnext(attached)
            anchor = attached
    for src in dict.fromkeys(missing):
        notes.append(note(module, question, f"image '{src}' is not embedded (not a file of the module folder): "
                          "add it in Moodle"))


def _combined_feedback(element: etree._Element, question: Question) -> None:
    _html(element, "correctfeedback", question.feedback.correct)
    _html(element, "partiallycorrectfeedback", question.feedback.partial)
    _html(element, "incorrectfeedback", question.feedback.incorrect)
    _sub(element, "shownumcorrect")


def _answer(element: etree._Element, fraction: str, text: RichText | str, feedback: RichText | None,
            *, text_format: str = "html") -> etree._Element:
    answer = _sub(element, "answer", fraction=fraction, format=text_format)
    if isinstance(text, RichText):
        _text(answer, text.html, cdata=True)
    else:
        _text(answer, text)
    _html(answer, "feedback", feedback)
    return answer


def _multichoice(element: etree._Element, question: SingleChoiceQuestion | MultipleChoiceQuestion) -> None:
    single = isinstance(question, SingleChoiceQuestion)
    if isinstance(question, MultipleChoiceQuestion):
        # iter_exported left out the questions Moodle cannot grade.
        fractions = choice_fractions(question) or []
    else:
        fractions = [1.0 if c.correct else 0.0 for c in question.choices]
    _sub(element, "single", "true" if single else "false")
    _sub(element, "shuffleanswers", "true" if question.shuffle else "false")
    _sub(element, "answernumbering", "abc")
    _sub(element, "showstandardinstruction", "0")
    _combined_feedback(element, question)
    for choice, fraction in zip(question.choices, fractions):
        _answer(element, format_fraction(fraction), choice.text, choice.feedback)


def _truefalse(element: etree._Element, question: TrueFalseQuestion) -> None:
    # Moodle keeps feedback per answer: "correct" goes on the right one.
    for value in (True, False):
        right = value == question.answer
        _answer(element, "100" if right else "0", "true" if value else "false",
                question.feedback.correct if right else question.feedback.incorrect,
                text_format="moodle_auto_format")


def _shortanswer(element: etree._Element, question: TextQuestion) -> None:
    _sub(element, "usecase", "1" if question.match == "exact" else "0")
    for answer in short_answers(question):
        _answer(element, "100", answer, question.feedback.correct, text_format="moodle_auto_format")
    if question.feedback.incorrect is not None:
        # "*" is Moodle's catch-all answer: the way to show feedback for any wrong response.
        _answer(element, "0", "*", question.feedback.incorrect, text_format="moodle_auto_format")


def _numerical(element: etree._Element, question: NumericQuestion) -> None:
    value, tolerance = numeric_answer(question)
    answer = _answer(element, "100", value, question.feedback.correct, text_format="moodle_auto_format")
    _sub(answer, "tolerance", tolerance)
    if question.feedback.incorrect is not None:
        other = _answer(element, "0", "*", question.feedback.incorrect, text_format="moodle_auto_format")
        _sub(other, "tolerance", "0")
    if question.unit:
        unit = _sub(_sub(element, "units"), "unit")
        _sub(unit, "multiplier", "1")
        _sub(unit, "unit_name", question.unit)
    # Units optional and ungraded (our unit is only displayed): showunits 0, unitgradingtype 0.
    _sub(element, "unitgradingtype", "0")
    _sub(element, "unitpenalty", "0.1000000")
    _sub(element, "showunits", "0" if question.unit else "3")
    _sub(element, "unitsleft", "0")


def _matching(element: etree._Element, question: MatchingQuestion) -> None:
    _sub(element, "shuffleanswers", "true" if question.shuffle else "false")
    _combined_feedback(element, question)
    for pair in question.pairs:
        sub = _sub(element, "subquestion", format="html")
        _text(sub, pair.left.html, cdata=True)
        # Right sides are options of a drop-down list in Moodle: plain text only.
        _text(_sub(sub, "answer"), pair.right.plain)
    for distractor in question.distractors:
        # An empty left side is how Moodle spells "an extra wrong answer".
        sub = _sub(element, "subquestion", format="html")
        _text(sub, "")
        _text(_sub(sub, "answer"), distractor.plain)


def _ordering(element: etree._Element, question: OrderingQuestion) -> None:
    _sub(element, "layouttype", "VERTICAL")
    _sub(element, "selecttype", "ALL")
    _sub(element, "selectcount", str(len(question.items)))
    # Our ordering is all or nothing (ehealth_content.scoring).
    _sub(element, "gradingtype", "ALL_OR_NOTHING")
    _sub(element, "showgrading", "SHOW")
    _sub(element, "numberingstyle", "none")
    _combined_feedback(element, question)
    for position, item in enumerate(question.items, 1):
        answer = _sub(element, "answer", fraction=str(position), format="html")
        _text(answer, item.html, cdata=True)
