"""Moodle XML question-bank export (question/format/xml), built with lxml.

The element names and values are those Moodle's own importer reads (``qformat_xml``);
Each type writes its own part of a ``<question>`` (its module of
:mod:`ehealth_content.question_types`); ``ordering`` uses the ordering question type, part of
Moodle since 4.4 (plugin ``qtype_ordering`` before). Mapping choices: see :mod:`._moodle`. Local images travel
inside the file, as Moodle's own export writes them: see :mod:`._pluginfile`.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ..i18n import t
from ..model import Module, Question, RichText
from ..question_types import type_of
from ._moodle import (
    Category,
    ExportNote,
    clean_text,
    format_number,
    idnumber,
    iter_exported,
    note,
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
    spec = type_of(question)
    if spec.moodle_type is None:
        # iter_exported leaves these out with a note; reaching here is a bug, not a lost question.
        raise ValueError(f"question {question.id}: {spec.name} questions do not go to Moodle")
    element = _sub(root, "question", type=spec.moodle_type)
    _text(_sub(element, "name"), question.id)
    _html(element, "questiontext", question.prompt)
    _html(element, "generalfeedback", question.explanation)
    _sub(element, "defaultgrade", format_number(question.points))
    _sub(element, "penalty", "0")
    _sub(element, "hidden", "0")
    _sub(element, "idnumber", idnumber(module, question))
    spec.moodle_xml(_WRITER, element, question)
    for src in spec.moodle_files(question):
        # The importer reads a question's own files from its direct <file> children.
        for file in embed_images(f'<img src="{html.escape(src)}">', module).files:
            attached = _sub(element, "file", name=file.name, path="/", encoding="base64")
            attached.text = base64.b64encode(file.content).decode("ascii")
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
        notes.append(
            note(
                module,
                question,
                t("image '{src}' is not embedded (not a file of the module folder): add it in Moodle", src=src),
            )
        )


def _combined_feedback(element: etree._Element, question: Question) -> None:
    _html(element, "correctfeedback", question.feedback.correct)
    _html(element, "partiallycorrectfeedback", question.feedback.partial)
    _html(element, "incorrectfeedback", question.feedback.incorrect)
    _sub(element, "shownumcorrect")


def _answer(
    element: etree._Element,
    fraction: str,
    text: RichText | str,
    feedback: RichText | None,
    *,
    text_format: str = "html",
) -> etree._Element:
    answer = _sub(element, "answer", fraction=fraction, format=text_format)
    if isinstance(text, RichText):
        _text(answer, text.html, cdata=True)
    else:
        _text(answer, text)
    _html(answer, "feedback", feedback)
    return answer


class _Writer:
    """The element helpers above, as the question types' Moodle XML parts call them."""

    sub = staticmethod(_sub)
    text = staticmethod(_text)
    html = staticmethod(_html)
    answer = staticmethod(_answer)
    combined_feedback = staticmethod(_combined_feedback)


_WRITER = _Writer()
