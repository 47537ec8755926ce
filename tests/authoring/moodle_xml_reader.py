"""A Moodle XML reader for the tests, following the steps of Moodle's importer, question by question.

Moodle's XML question format has no schema (XSD); what defines it is the "Moodle XML format" page
of Moodle's documentation and the importer, ``qformat_xml`` (question/format/xml/format.php), with
``qformat_default::importprocess`` (question/format.php) around it and each plugin's
``import_from_xml``. This reader mirrors, for the types our export writes:

- ``import_headers``: ``name/text``, ``questiontext`` (its ``format`` attribute and ``text``),
  ``generalfeedback``, ``defaultgrade`` (1 when absent), ``penalty``, ``idnumber``, ``tags/tag/text``
  and the question's own ``file`` children (name, ``encoding="base64"``);
- ``import_answer``: ``@fraction`` ÷ 100, ``text``, ``feedback/text``; ``importprocess`` refuses a
  question whose fractions are not all within 0.00001 of ``question_bank::fraction_options_full()``
  (Moodle's grade list below, matchgrades "error", the importer's default);
- ``import_multichoice`` (``single`` "true"/"false", default true; ``shuffleanswers``),
  ``import_truefalse`` (answers "true" and "false", one worth 100 %, the other 0: otherwise
  Moodle warns and guesses), ``import_shortanswer`` (``usecase``), ``import_numerical`` (each
  answer a number or ``*`` with its ``tolerance``; ``units/unit`` with ``multiplier`` and
  ``unit_name``, ``unitgradingtype``, ``unitpenalty``, ``showunits``, ``unitsleft``),
  ``import_match`` (``subquestion/text`` and ``subquestion/answer/text``; an empty text is an
  extra wrong answer);
- ``qtype_ordering::import_from_xml`` (question/type/ordering/questiontype.php): ``layouttype``,
  ``selecttype``, ``selectcount``, ``gradingtype``, ``showgrading`` (an unknown word silently
  becomes the default, so it is refused here), ``numberingstyle`` when present; the right order
  is the answers' order in the file (``@fraction`` is reset to 1 and then to that order), so a
  file whose fractions tell another order is refused as misread;
- ``qtype_ddmarker::import_from_xml`` (question/type/ddmarker/questiontype.php, Moodle 4.x):
  ``shuffleanswers`` and ``showmisplaced`` are true when the element is present at all, whatever
  it holds; ``drag`` (``no``, ``text``, ``noofdrags``, 1 when absent; ``infinite`` present means
  unlimited); ``drop`` (``no``, ``shape``, ``coords``, ``choice``); the background image is the
  question's own ``file``. Coordinates are checked as ``qtype_ddmarker_shape_*`` of shapes.php
  reads them: rectangle ``x,y;w,h``, circle ``x,y;r``, polygon ``x1,y1;x2,y2;…`` (three points at
  least, no point repeated in a row), whole non-negative numbers only.

For numerical units, the answers are in the first unit, whose multiplier is 1 (the edit form
fixes it); a response "v unit" is read as v ÷ multiplier of that unit.

Sources read (moodle/moodle on GitHub): question/format/xml/format.php (import_question, which
takes "matching" and "match"; import_headers; import_truefalse; import_shortanswer;
import_numerical; import_match), question/type/ordering/questiontype.php,
question/type/ddmarker/questiontype.php and shapes.php. The grade-list check of
``importprocess``, ``import_multichoice`` and the multichoice fraction rules (one answer at 100 %
for a single answer, positive fractions adding up to 100 % for several) are mirrored as documented
in Moodle's "Moodle XML format" and multiple-choice pages.

What Moodle would refuse or misread raises :class:`MoodleImportError`. Not mirrored: file areas
other than the question's own and the texts' (files beside a ``text`` are only counted), hints,
the HTML cleaning Moodle applies when it shows a text, the other question types.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from lxml import etree  # type: ignore[import-untyped, unused-ignore]

__all__ = ["GRADES", "MoodleImportError", "MoodleQuestion", "read_moodle_xml"]

# question_bank::fraction_options_full(): the positive list, 0, and the negatives.
_POSITIVE: tuple[float, ...] = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25)
_POSITIVE += (0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05)
GRADES = (*_POSITIVE, 0.0, *(-g for g in _POSITIVE))
_MATCH = 0.00001  # match_grade_options() in "error" mode
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_WHOLE = re.compile(r"^[0-9]+$")
_TYPES = {"multichoice", "truefalse", "shortanswer", "numerical", "matching", "match", "ordering", "ddmarker"}
_ORDERING = {
    "layouttype": {"VERTICAL", "HORIZONTAL"},
    "selecttype": {"ALL", "RANDOM", "CONTIGUOUS"},
    "gradingtype": {
        "ALL_OR_NOTHING",
        "ABSOLUTE_POSITION",
        "RELATIVE_NEXT_EXCLUDE_LAST",
        "RELATIVE_NEXT_INCLUDE_LAST",
        "RELATIVE_ONE_PREVIOUS_AND_NEXT",
        "RELATIVE_ALL_PREVIOUS_AND_NEXT",
        "LONGEST_ORDERED_SUBSET",
        "LONGEST_CONTIGUOUS_SUBSET",
        "RELATIVE_TO_CORRECT",
    },
    "showgrading": {"SHOW", "HIDE"},
    "numberingstyle": {"none", "abc", "ABCD", "123", "iii", "IIII"},
}


class MoodleImportError(ValueError):
    """What Moodle's importer would refuse, or read otherwise than the exporter meant."""


@dataclass
class Answer:
    text: str
    fraction: float
    feedback: str = ""
    tolerance: float | None = None


@dataclass
class MoodleQuestion:
    type: str
    name: str
    category: str
    questiontext: str
    questiontext_format: str
    generalfeedback: str
    defaultgrade: float
    penalty: float
    idnumber: str
    tags: list[str]
    files: dict[str, bytes] = field(default_factory=dict)
    answers: list[Answer] = field(default_factory=list)
    single: bool = True
    shuffleanswers: bool = False
    usecase: bool = False
    units: list[tuple[str, float]] = field(default_factory=list)
    unitgradingtype: int = 0
    unitpenalty: float = 0.0
    showunits: int = 3
    subquestions: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)
    items: list[str] = field(default_factory=list)
    drags: list[tuple[int, str, int]] = field(default_factory=list)
    """(no, label, noofdrags; 0 for unlimited)"""
    drops: list[tuple[int, str, list[tuple[int, int]], int]] = field(default_factory=list)
    """(no, shape, points, choice); a circle is its centre and (radius, radius)"""


def _path(element: etree._Element, *tags: str) -> etree._Element | None:
    found: etree._Element | None = element
    for tag in tags:
        found = found.find(tag) if found is not None else None
    return found


def _text(element: etree._Element, *tags: str, default: str = "") -> str:
    found = _path(element, *tags)
    return default if found is None or found.text is None else str(found.text)


def _number(value: str, what: str, name: str) -> float:
    if not _NUMBER.match(value.strip()):
        raise MoodleImportError(f"{name}: {what} {value!r} is not a number")
    return float(value)


def _fraction(answer: etree._Element, name: str, *, listed: bool = True) -> float:
    raw = answer.get("fraction")
    if raw is None:
        raise MoodleImportError(f"{name}: an answer has no fraction")
    value = _number(raw, "fraction", name) / 100
    if listed and not any(abs(value - g) < _MATCH for g in GRADES):
        raise MoodleImportError(f"{name}: fraction {raw}% is not in Moodle's grade list (importprocess refuses it)")
    return value


def _answers(question: etree._Element, name: str) -> list[Answer]:
    found = []
    for answer in question.findall("answer"):
        found.append(Answer(_text(answer, "text"), _fraction(answer, name), _text(answer, "feedback", "text")))
    if not found:
        raise MoodleImportError(f"{name}: no answer")
    return found


def _points(shape: str, coords: str, name: str) -> list[tuple[int, int]]:
    """The coordinates as shapes.php reads them, or the error its form would show."""
    parts = re.sub(r"\s", "", coords).split(";")
    pairs = [p.split(",") for p in parts]
    if shape in ("rectangle", "circle") and len(parts) != 2:
        raise MoodleImportError(f"{name}: {shape} coords {coords!r}: one ';' expected")
    if shape == "polygon" and len(parts) < 3:
        raise MoodleImportError(f"{name}: polygon coords {coords!r}: at least three points")
    if shape == "circle":
        pairs = [pairs[0], [parts[1], parts[1]]]
    if any(len(p) != 2 or not all(_WHOLE.match(v) for v in p) for p in pairs):
        raise MoodleImportError(f"{name}: {shape} coords {coords!r}: whole positive numbers 'x,y' only")
    points = [(int(x), int(y)) for x, y in pairs]
    if shape == "polygon" and any(a == b for a, b in zip(points, points[1:], strict=False)):
        raise MoodleImportError(f"{name}: polygon coords {coords!r}: a point is repeated")
    if shape == "rectangle" and 0 in points[1]:
        raise MoodleImportError(f"{name}: rectangle coords {coords!r}: an empty rectangle")
    if shape == "circle" and points[1][0] == 0:
        raise MoodleImportError(f"{name}: circle coords {coords!r}: radius 0")
    return points


def _files(element: etree._Element, name: str) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for file in element.findall("file"):
        if file.get("encoding") != "base64" or not file.get("name"):
            raise MoodleImportError(f"{name}: a file needs a name and encoding='base64'")
        found[str(file.get("name"))] = base64.b64decode(file.text or "", validate=True)
    return found


def _headers(element: etree._Element, category: str) -> MoodleQuestion:
    name = _text(element, "name", "text").strip()
    if not name:
        raise MoodleImportError("a question without a name")
    holder = element.find("questiontext")
    if holder is None or holder.find("text") is None:
        raise MoodleImportError(f"{name}: no questiontext/text")
    grade = _text(element, "defaultgrade", default="1")
    return MoodleQuestion(
        type=str(element.get("type")),
        name=name,
        category=category,
        questiontext=_text(element, "questiontext", "text"),
        questiontext_format=holder.get("format", "moodle_auto_format"),
        generalfeedback=_text(element, "generalfeedback", "text"),
        defaultgrade=_number(grade, "defaultgrade", name),
        penalty=_number(_text(element, "penalty", default="0.3333333"), "penalty", name),
        idnumber=_text(element, "idnumber").strip(),
        tags=[str(t.text or "").strip() for t in element.findall("tags/tag/text")],
        files=_files(element, name),
    )


def _read(element: etree._Element, category: str) -> MoodleQuestion:
    kind = element.get("type")
    if kind not in _TYPES:
        raise MoodleImportError(f"question type {kind!r} is not one this reader knows")
    q = _headers(element, category)
    name = q.name
    if kind == "multichoice":
        q.single = _text(element, "single", default="true").strip() in ("true", "1")
        q.shuffleanswers = _text(element, "shuffleanswers", default="false").strip() in ("true", "1")
        q.answers = _answers(element, name)
        if q.single and max(a.fraction for a in q.answers) < 1 - _MATCH:
            raise MoodleImportError(f"{name}: a single-answer question needs one answer worth 100%")
        if not q.single and round(sum(a.fraction for a in q.answers if a.fraction > 0), 2) != 1:
            raise MoodleImportError(f"{name}: the positive fractions do not add up to 100% (fractionsaddwrong)")
    elif kind == "truefalse":
        q.answers = _answers(element, name)
        texts = sorted(a.text for a in q.answers)
        if texts != ["false", "true"] or sorted(a.fraction for a in q.answers) != [0.0, 1.0]:
            raise MoodleImportError(f"{name}: truefalse needs 'true' and 'false', one at 100% and one at 0%")
    elif kind == "shortanswer":
        q.usecase = _text(element, "usecase", default="0").strip() == "1"
        q.answers = _answers(element, name)
        if max(a.fraction for a in q.answers) < 1 - _MATCH:
            raise MoodleImportError(f"{name}: no answer worth 100%")
    elif kind == "numerical":
        q.answers = _answers(element, name)
        for answer, xml in zip(q.answers, element.findall("answer"), strict=True):
            if answer.text != "*":
                _number(answer.text, "answer", name)
            answer.tolerance = _number(_text(xml, "tolerance", default="0"), "tolerance", name)
        for unit in element.findall("units/unit"):
            unit_name = _text(unit, "unit_name").strip()
            multiplier = _number(_text(unit, "multiplier"), "multiplier", name)
            if not unit_name or multiplier <= 0:
                raise MoodleImportError(f"{name}: a unit needs a name and a positive multiplier")
            q.units.append((unit_name, multiplier))
        if len({u for u, _ in q.units}) != len(q.units):
            raise MoodleImportError(f"{name}: a unit is named twice")
        if q.units and q.units[0][1] != 1:
            raise MoodleImportError(f"{name}: the first unit is the base unit: its multiplier must be 1")
        q.unitgradingtype = int(_text(element, "unitgradingtype", default="0"))
        q.unitpenalty = _number(_text(element, "unitpenalty", default="0.1"), "unitpenalty", name)
        q.showunits = int(_text(element, "showunits", default="3"))
        if q.unitgradingtype and not q.units:
            raise MoodleImportError(f"{name}: units are graded but none is given")
    elif kind in ("matching", "match"):
        q.shuffleanswers = _text(element, "shuffleanswers", default="true").strip() in ("true", "1")
        for sub in element.findall("subquestion"):
            q.subquestions.append((_text(sub, "text"), _text(sub, "answer", "text")))
        if sum(1 for text, answer in q.subquestions if text.strip() and answer.strip()) < 2:
            raise MoodleImportError(f"{name}: a matching question needs two questions with their answers")
    elif kind == "ordering":
        for key, allowed in _ORDERING.items():
            value = _text(element, key).strip()
            if key == "numberingstyle" and element.find(key) is None:
                continue  # written by Moodle 4.4 and later only
            if value not in allowed:
                raise MoodleImportError(f"{name}: {key} {value!r} is not one of {sorted(allowed)}")
            q.options[key] = value
        answers = element.findall("answer")
        positions = [int(_number(a.get("fraction", ""), "position", name)) for a in answers]
        if positions != list(range(1, len(answers) + 1)):
            raise MoodleImportError(f"{name}: positions {positions}: Moodle takes the file's order, 1…{len(answers)}")
        q.items = [_text(a, "text") for a in answers]
        count = int(_text(element, "selectcount", default="0"))
        if q.options["selecttype"] == "ALL" and count != len(q.items):
            raise MoodleImportError(f"{name}: selectcount {count} with {len(q.items)} items")
    else:  # ddmarker
        q.shuffleanswers = element.find("shuffleanswers") is not None
        for drag in element.findall("drag"):
            infinite = drag.find("infinite") is not None
            count = 0 if infinite else int(_text(drag, "noofdrags", default="1"))
            q.drags.append((int(_text(drag, "no", default="0")), _text(drag, "text"), count))
        for drop in element.findall("drop"):
            shape = _text(drop, "shape").strip()
            if shape not in ("rectangle", "circle", "polygon"):
                raise MoodleImportError(f"{name}: drop shape {shape!r} is not one of ddmarker's")
            points = _points(shape, _text(drop, "coords"), name)
            q.drops.append(
                (int(_text(drop, "no", default="0")), shape, points, int(_text(drop, "choice", default="0")))
            )
        numbers = [no for no, _, _ in q.drags]
        if not q.drags or sorted(numbers) != list(range(1, len(numbers) + 1)) or any(not t for _, t, _ in q.drags):
            raise MoodleImportError(f"{name}: drags must be numbered 1…n, each with a label")
        if not q.drops or any(choice not in numbers for _, _, _, choice in q.drops):
            raise MoodleImportError(f"{name}: every drop names an existing drag")
        if not q.files:
            raise MoodleImportError(f"{name}: no background image (the question's own file)")
    return q


def read_moodle_xml(data: bytes) -> list[MoodleQuestion]:
    """The questions of a Moodle XML file, each with the category it goes to, as Moodle imports them."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise MoodleImportError(f"not well-formed XML: {exc}") from exc
    if root.tag != "quiz":
        raise MoodleImportError("the root element must be <quiz>")
    category = ""
    found: list[MoodleQuestion] = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        if element.tag != "question":
            raise MoodleImportError(f"unexpected <{element.tag}> in <quiz>")
        if element.get("type") == "category":
            category = _text(element, "category", "text")
            continue
        found.append(_read(element, category))
    return found
