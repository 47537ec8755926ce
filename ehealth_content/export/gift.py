"""GIFT export: the same questions as the Moodle XML export, in Moodle's text format.

GIFT carries less than Moodle XML: no points, no correct/partial/incorrect feedback, no
shuffle setting and no case-sensitive short answers; the file's header says so. Every text
goes in as ``[html]`` with GIFT's special characters escaped the way Moodle's own exporter
escapes them (``qformat_gift::repchar``), so that Moodle's importer reads back exactly our
HTML. Category switches are ``$CATEGORY:`` blocks, as Moodle writes them.

Each question opens with the comment line Moodle's importer reads id numbers and tags from
(``extract_idnumber_and_tags_from_comment``): ``// [id:module:question] [tag:module]
[tag:D1.1] [tag:pool-name]``, with ``]`` written ``\\]``. Comments are not unescaped otherwise,
and a tag may hold spaces. What GIFT cannot carry at all (images, numeric units, case-sensitive
answers) becomes a warning at the question's source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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

__all__ = ["gift", "gift_escape"]

_HEADER = """\
// Moodle GIFT question bank exported by ehealth (ehealth export gift).
// GIFT cannot carry points, correct/partial/incorrect feedback, shuffle settings, images,
// numeric units or case-sensitive short answers: use 'ehealth export moodle-xml' to keep them.
// Ordering questions need Moodle 4.4 or later (or the qtype_ordering plugin).
"""
# GIFT's reserved characters, escaped as qformat_gift::repchar does; the backslash goes first.
_ESCAPES = (("\\", "\\\\"), ("~", "\\~"), ("=", "\\="), ("#", "\\#"), ("{", "\\{"), ("}", "\\}"),
            (":", "\\:"), ("\r", ""), ("\n", "\\n"))
# Control characters would end an [id:…] or [tag:…] token in Moodle's reader.
_COMMENT_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def gift_escape(text: str) -> str:
    """``text`` with GIFT's ``\\ ~ = # { } :`` escaped and new lines written ``\\n``."""
    for raw, escaped in _ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _html(value: RichText | None) -> str:
    return gift_escape(value.html.strip()) if value is not None else ""


def _feedback(value: RichText | None) -> str:
    return f"#{_html(value)}" if value is not None else ""


def gift(modules: Iterable[Module]) -> tuple[str, list[ExportNote]]:
    """The GIFT text of ``modules``' questions, and what could not be carried over."""
    notes: list[ExportNote] = []
    blocks: list[str] = [_HEADER.rstrip("\n")]
    for module in modules:
        for category, questions in iter_exported(module, notes, embeds_images=False):
            # Moodle takes the rest of the line as the path, without unescaping it.
            blocks.append(f"$CATEGORY: {' '.join(category.path.split())}")
            for question in questions:
                body = _question(question, module, notes)
                if body is not None:
                    blocks.append(f"{_id_and_tags(module, question)}\n{body}")
    return clean_text("\n\n".join(blocks) + "\n"), notes


def _comment_value(text: str) -> str:
    # Inside [id:…] and [tag:…] only "]" is escaped (as "\\]"); a control character (never in
    # our ids, and tags lose them) would end the token, so none goes in.
    return _COMMENT_CONTROL.sub("", text).replace("]", "\\]")


def _id_and_tags(module: Module, question: Question) -> str:
    """``// [id:…] [tag:…]…``: the comment line Moodle reads a question's id number and tags from."""
    number = idnumber(module, question)
    bits = [f"[id:{_comment_value(number)}]"] if number is not None else []
    bits += [f"[tag:{_comment_value(tag)}]" for tag in tags(module, question)]
    # Moodle reads the comment lines of the question's own block (no blank line before it).
    return "// " + " ".join(bits)


def _question(question: Question, module: Module, notes: list[ExportNote]) -> str | None:
    head = f"::{gift_escape(question.id)}::[html]{_html(question.prompt)}"
    general = f"\t####{_html(question.explanation)}\n" if question.explanation is not None else ""
    match question:
        case SingleChoiceQuestion():
            lines = [f"\t{'=' if c.correct else '~' + _weight(0, _html(c.text))}{_html(c.text)}{_feedback(c.feedback)}"
                     for c in question.choices]
            return head + "{\n" + "\n".join(lines) + "\n" + general + "}"
        case MultipleChoiceQuestion():
            # No "=" at all: that is how GIFT tells a multiple-response question.
            fractions = choice_fractions(question) or []
            lines = [f"\t~{_weight(f, _html(c.text))}{_html(c.text)}{_feedback(c.feedback)}"
                     for c, f in zip(question.choices, fractions)]
            return head + "{\n" + "\n".join(lines) + "\n" + general + "}"
        case TrueFalseQuestion():
            # GIFT: {TRUE#feedback if wrong#feedback if right}.
            wrong, right = _html(question.feedback.incorrect), _html(question.feedback.correct)
            answer = "TRUE" if question.answer else "FALSE"
            answer += f"#{wrong}#{right}" if right else (f"#{wrong}" if wrong else "")
            return head + "{" + answer + general.strip("\t\n") + "}"
        case TextQuestion():
            return _shortanswer(head, general, question, module, notes)
        case NumericQuestion():
            if question.unit:
                notes.append(note(module, question, f"GIFT numerical questions carry no unit: '{question.unit}' "
                                  "is lost; add it in Moodle or use moodle-xml"))
            return head + "{#\n" + _numerical(question) + general + "}"
        case MatchingQuestion():
            return _matching(head, general, question, module, notes)
        case OrderingQuestion():
            return _ordering(head, question, module, notes)
    return None  # pragma: no cover - iter_exported never passes a likert question


def _weight(fraction: float, text: str) -> str:
    # A text that starts with "%" would be read as a weight: then the weight is written out.
    return "" if fraction == 0 and not text.startswith("%") else f"%{format_fraction(fraction)}%"


def _shortanswer(head: str, general: str, question: TextQuestion, module: Module,
                 notes: list[ExportNote]) -> str | None:
    answers = short_answers(question)
    if any("->" in a for a in answers):
        # Moodle's GIFT reader takes "=" with "->" for a matching question.
        notes.append(note(module, question, "left out of GIFT: an accepted answer contains '->'", left_out=True))
        return None
    if question.match == "exact":
        notes.append(note(module, question, "GIFT short answers ignore case: 'match: exact' is lost"))
    lines = [f"\t={'%100%' if a.startswith('%') else ''}{gift_escape(a)}{_feedback(question.feedback.correct)}"
             for a in answers]
    if question.feedback.incorrect is not None:
        lines.append(f"\t=%0%*{_feedback(question.feedback.incorrect)}")
    return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


def _numerical(question: NumericQuestion) -> str:
    if question.answer is None:
        value = f"{format_number(question.minimum)}..{format_number(question.maximum)}"
    else:
        value = ":".join(numeric_answer(question))
    lines = [f"\t={value}{_feedback(question.feedback.correct)}"]
    if question.feedback.incorrect is not None:
        lines.append(f"\t~{_feedback(question.feedback.incorrect)}")
    return "\n".join(lines) + "\n"


def _matching(head: str, general: str, question: MatchingQuestion, module: Module,
              notes: list[ExportNote]) -> str | None:
    if any("->" in pair.left.html for pair in question.pairs):
        notes.append(note(module, question, "left out of GIFT: a left side contains '->'", left_out=True))
        return None
    lines = [f"\t={_html(p.left)} -> {gift_escape(p.right.plain)}" for p in question.pairs]
    # An empty left side is an extra wrong answer, as Moodle's own GIFT export writes it.
    lines += [f"\t= -> {gift_escape(d.plain)}" for d in question.distractors]
    return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


def _ordering(head: str, question: OrderingQuestion, module: Module, notes: list[ExportNote]) -> str | None:
    # qtype_ordering reads the raw lines: items are plain text, one a line, not unescaped, and
    # the question text must not hold a "{" before the "{>" that opens the items.
    items = [" ".join(item.plain.split()) for item in question.items]
    if "{" in head or any(not i or "{" in i or "}" in i or i.startswith("//") for i in items):
        notes.append(note(module, question, "left out of GIFT: braces or '//' in an ordering question; use moodle-xml",
                          left_out=True))
        return None
    if question.explanation is not None or question.feedback != type(question.feedback)():
        notes.append(note(module, question, "GIFT ordering questions carry no feedback"))
    return head + f"{{>{len(items)} ALL VERTICAL ALL_OR_NOTHING SHOW\n" + "\n".join(items) + "\n}"
