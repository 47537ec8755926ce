"""A small GIFT reader for the tests, following the steps of Moodle's importer.

It mirrors ``qformat_gift::readquestion`` (question/format/gift/format.php): questions are
blocks separated by blank lines; lines starting with ``//`` are dropped; escapes are swapped
for placeholders before any splitting and restored in each piece; the answer section runs
from the first ``{`` to the first ``}``; the type is told from the answer text the way Moodle
tells it. Ordering questions are read the way ``qtype_ordering::import_from_gift`` reads them.
The comment lines of a question's block give its id number and tags, as
``qformat_gift::extract_idnumber_and_tags_from_comment`` finds them: the first ``[id:…]`` and
every ``[tag:…]``, ``\\]`` standing for ``]``, no control character inside (nor ``<``, ``>``
or a backquote in a tag), values trimmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PLACEHOLDERS = (
    ("\\:", "&&058;"),
    ("\\#", "&&035;"),
    ("\\=", "&&061;"),
    ("\\{", "&&123;"),
    ("\\}", "&&125;"),
    ("\\~", "&&126;"),
    ("\\n", "&&010"),
)
_RESTORE = (
    ("&&058;", ":"),
    ("&&035;", "#"),
    ("&&061;", "="),
    ("&&123;", "{"),
    ("&&125;", "}"),
    ("&&126;", "~"),
    ("&&010", "\n"),
)
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")
# Moodle's patterns, with PCRE's [:cntrl:] (no /u flag: bytes 0-31 and 127) spelt out.
_PHP_TRIM = " \t\n\r\0\x0b"
_ID = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
_TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f]|)+)\]")
_ORDERING = re.compile(
    r"^([^{]*)\s*\{>\s*(\d+)\s*(ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*"
    r"(HORIZONTAL|VERTICAL)?\s*(ALL_OR_NOTHING|ABSOLUTE_POSITION)?\s*(SHOW|HIDE)?\s*(.*?)\s*\}\s*$",
    re.S,
)


@dataclass
class GiftQuestion:
    category: str
    name: str
    qtype: str
    text: str
    text_format: str
    general_feedback: str = ""
    answers: list[tuple[float, str, str]] = field(default_factory=list)
    """(fraction, answer, feedback) as Moodle would store them."""
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    tolerances: list[float] = field(default_factory=list)
    ordering_items: list[str] = field(default_factory=list)
    truefalse: tuple[bool, str, str] | None = None
    """(right answer, feedback when true, feedback when false)."""
    idnumber: str = ""
    tags: list[str] = field(default_factory=list)


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _PLACEHOLDERS:
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, character in _RESTORE:
        text = text.replace(placeholder, character)
    return text


def _with_format(text: str, default: str = "moodle") -> tuple[str, str]:
    text_format = default
    if text.startswith("[") and "]" in text:
        name = text[1 : text.index("]")]
        if name in ("html", "moodle", "plain", "markdown"):
            text_format, text = name, text[text.index("]") + 1 :]
    return _post(text).strip(), text_format


def _comment(answer: str, default: str) -> tuple[str, str]:
    bits = answer.split("#", 1)
    return _with_format(bits[0].strip(), default)[0], (
        _with_format(bits[1].strip(), default)[0] if len(bits) > 1 else ""
    )


def _weight(answer: str) -> tuple[float, str]:
    body = answer[1:]
    end = body.index("%")
    return float(body[:end]) / 100, body[end + 1 :]


def read_gift(source: str) -> list[GiftQuestion]:
    """Every question of a GIFT file, with the category in force when it was read."""
    questions: list[GiftQuestion] = []
    category = ""
    for block in re.split(r"\n\s*\n", source):
        lines = block.split("\n")
        comments = "".join(line.strip() + "\n" for line in lines if line.strip().startswith("//"))
        raw_lines = [" " if line.strip().startswith("//") else line for line in lines]
        text = "\n".join(raw_lines).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        question = _question(text, "\n".join(raw_lines).strip(), category)
        question.idnumber, question.tags = idnumber_and_tags(comments)
        questions.append(question)
    return questions


def idnumber_and_tags(comments: str) -> tuple[str, list[str]]:
    """The id number ('' if none) and tags that Moodle finds in a block's comment lines."""
    found = _ID.search(comments)
    idnumber = found.group(1).strip(_PHP_TRIM).replace("\\]", "]") if found else ""
    return idnumber, [tag.strip(_PHP_TRIM).replace("\\]", "]") for tag in _TAG.findall(comments)]


def _question(text: str, raw: str, category: str) -> GiftQuestion:
    name = ""
    if text.startswith("::"):
        text = text[2:]
        end = text.index("::")
        name, text = _post(text[:end]), text[end + 2 :].strip()
    start, finish = text.index("{"), text.index("}")
    answer_text = text[start + 1 : finish].strip()
    question_text, text_format = _with_format(text[:start])
    general = ""
    if "####" in answer_text:
        cut = answer_text.rindex("####")
        general, answer_text = _with_format(answer_text[cut + 4 :], text_format)[0], answer_text[:cut].strip()
    found = GiftQuestion(category, name, "", question_text, text_format, general)
    ordering = _ORDERING.match(raw)
    if answer_text.startswith(">") and ordering:
        found.qtype = "ordering"
        found.ordering_items = [line.strip() for line in ordering.group(7).split("\n") if line.strip()]
    elif answer_text.startswith("#"):
        found.qtype = "numerical"
        _numerical(found, answer_text[1:], text_format)
    elif "~" in answer_text:
        found.qtype = "multichoice-single" if "=" in answer_text else "multichoice-multi"
        for answer in [a.strip() for a in answer_text.replace("=", "~=").split("~") if a.strip()]:
            if answer.startswith("="):
                fraction, answer = 1.0, answer[1:]
            elif _WEIGHT.match(answer):
                fraction, answer = _weight(answer)
            else:
                fraction = 0.0
            found.answers.append((fraction, *_comment(answer, text_format)))
    elif "=" in answer_text and "->" in answer_text:
        found.qtype = "match"
        for answer in [a.strip() for a in answer_text.split("=") if a.strip()]:
            marker = answer.index("->")
            found.subquestions.append(
                (_with_format(answer[:marker], text_format)[0], _post(answer[marker + 2 :]).strip())
            )
    elif answer_text.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        found.qtype = "truefalse"
        bits = (answer_text.split("#", 2) + ["", ""])[:3]
        right = bits[0].strip() in ("T", "TRUE")
        wrong_fb, right_fb = (_with_format(b.strip(), text_format)[0] for b in bits[1:])
        found.truefalse = (right, right_fb if right else wrong_fb, wrong_fb if right else right_fb)
    else:
        found.qtype = "shortanswer"
        for answer in [a.strip() for a in answer_text.split("=") if a.strip()]:
            fraction = 1.0
            if _WEIGHT.match(answer):
                fraction, answer = _weight(answer)
            parsed, feedback = _comment(answer, text_format)
            found.answers.append((fraction, parsed, feedback))
    return found


def _numerical(found: GiftQuestion, answer_text: str, text_format: str) -> None:
    wrong = ""
    if "~" in answer_text:
        wrong, answer_text = answer_text[answer_text.index("~") :], answer_text[: answer_text.index("~")]
    for answer in [a.strip() for a in answer_text.split("=") if a.strip()]:
        fraction = 1.0
        if _WEIGHT.match(answer):
            fraction, answer = _weight(answer)
        value, feedback = _comment(answer, text_format)
        if ".." in value[1:]:
            low, high = (float(v) for v in value.split("..", 1))
            middle, tolerance = (low + high) / 2, high - (low + high) / 2
        elif ":" in value[1:]:
            middle, tolerance = (float(v) for v in value.split(":", 1))
        else:
            middle, tolerance = float(value), 0.0
        found.answers.append((fraction, repr(middle), feedback))
        found.tolerances.append(tolerance)
    if wrong:
        found.answers.append((0.0, "*", _comment(wrong[1:], text_format)[1] if "#" in wrong else ""))
        found.tolerances.append(0.0)
