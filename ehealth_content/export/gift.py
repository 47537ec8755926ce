"""GIFT export: the same questions as the Moodle XML export, in Moodle's text format.

GIFT carries less than Moodle XML: no points, no correct/partial/incorrect feedback, no
shuffle setting and no case-sensitive short answers; the file's header says so. Every text
goes in as ``[html]`` with GIFT's special characters escaped the way Moodle's own exporter
escapes them (``qformat_gift::repchar``), so that Moodle's importer reads back exactly our
HTML. Category switches are ``$CATEGORY:`` blocks, as Moodle writes them.

Each question opens with the comment line Moodle's importer reads id numbers and tags from
(``extract_idnumber_and_tags_from_comment``): ``// [id:module:question] [tag:module]
[tag:D1.1] [tag:pool-name]``, with ``]`` written ``\\]``. Comments are not unescaped otherwise,
and a tag may hold spaces. Each type writes its own answers (its module of
:mod:`ehealth_content.question_types`). What GIFT cannot carry at all (images, numeric units, case-sensitive
answers) becomes a warning at the question's source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..i18n import Message
from ..model import Module, Question
from ..question_types import type_of
from ..question_types._formats import gift_escape, gift_html
from ._moodle import ExportNote, clean_text, idnumber, iter_exported, note, tags

__all__ = ["gift", "gift_escape"]

_HEADER = """\
// Moodle GIFT question bank exported by ehealth (ehealth export gift).
// GIFT cannot carry points, correct/partial/incorrect feedback, shuffle settings, images,
// numeric units or case-sensitive short answers: use 'ehealth export moodle-xml' to keep them.
// Ordering questions need Moodle 4.4 or later (or the qtype_ordering plugin).
"""
# Control characters would end an [id:…] or [tag:…] token in Moodle's reader.
_COMMENT_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    head = f"::{gift_escape(question.id)}::[html]{gift_html(question.prompt)}"
    general = f"\t####{gift_html(question.explanation)}\n" if question.explanation is not None else ""

    def warn(message: Message, left_out: bool) -> None:
        notes.append(note(module, question, message, left_out=left_out))

    # Each type writes its own answers (its module of ehealth_content.question_types).
    return type_of(question).gift(question, head, general, warn)
