"""Issue 15, acceptance: the Moodle XML export of the new types round-trips through the format's
documented schema (Moodle's importer, mirrored by moodle_xml_reader.py).

The `ehealth new` scaffold (every type, a case among them) and the five modules of modules/
are exported, read back as qformat_xml reads them, and each question is compared with what the
model says: type, name, id number, text, answers and grades, units, zones. Types Moodle lacks
are left out, each with a warning.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest

from ehealth_content import Module, load_module
from ehealth_content.export import ExportNote, moodle_xml
from ehealth_content.model import (
    HotspotQuestion,
    KeyFeatureQuestion,
    LongMenuQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ScriptConcordanceQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ehealth_content.question_types import type_of
from ehealth_content.question_types._units import convert, parse_unit
from ehealth_content.question_types.kfp import kfp_fractions
from ehealth_content.scaffold import companion_files, module_source

from .moodle_xml_reader import GRADES, MoodleImportError, MoodleQuestion, read_moodle_xml

HERE = Path(__file__).parent
MODULES = sorted((HERE.parents[1] / "modules").glob("*/module.md"))
TODAY = datetime.date(2026, 11, 29)
_SRC = re.compile(r'\ssrc="[^"]*"')
_CLOSE = 1e-6


def _scaffold(folder: Path) -> Module:
    (folder / "module.md").write_text(module_source("exemple", "fr", today=TODAY), encoding="utf-8")
    for name, text in companion_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    module, diagnostics = load_module(folder / "module.md", today=TODAY)
    assert module is not None, [str(d) for d in diagnostics]
    return module


def _load(path: Path) -> Module:
    module, diagnostics = load_module(path, today=TODAY)
    assert module is not None, [str(d) for d in diagnostics]
    return module


def _same_html(found: str, expected: str) -> bool:
    # Local images are embedded: their src becomes @@PLUGINFILE@@/name.
    return _SRC.sub("", found) == _SRC.sub("", expected)


def _steps_before(module: Module, question: Question) -> list[str] | None:
    """The titles of a case's steps up to the question's own, or None outside a case."""
    for page in module.pages:
        for case in page.cases:
            titles: list[str] = []
            for step in case.steps:
                titles.append(step.title)
                if any(getattr(block, "id", None) == question.id for block in step.blocks):
                    return titles
    return None


def _listed(fraction: float) -> float:
    # The grade a share becomes in Moodle: the nearest of the list (what a TCS credit is rounded to).
    return min(GRADES, key=lambda g: abs(g - fraction))


def _check_text(module: Module, question: Question, found: MoodleQuestion) -> None:
    assert found.questiontext_format == "html"
    steps = _steps_before(module, question)
    if isinstance(question, ScriptConcordanceQuestion):
        assert found.questiontext.startswith(question.prompt.html)
        assert question.hypothesis.html in found.questiontext
        assert question.information.html in found.questiontext
    elif steps is not None:
        # A case question: the steps read so far, each by its title, then its own prompt.
        assert _SRC.sub("", found.questiontext).endswith(_SRC.sub("", question.prompt.html))
        positions = [found.questiontext.find(f">{html.escape(title)}<") for title in steps]
        assert -1 not in positions and positions == sorted(positions), (steps, found.questiontext[:300])
    else:
        assert _same_html(found.questiontext, question.prompt.html)
    assert _same_html(found.generalfeedback, question.explanation.html if question.explanation else "")


def _accepted(found: MoodleQuestion) -> set[str]:
    # "\*" is a literal asterisk in a Moodle short answer; usecase 0 compares without case.
    texts = {a.text.replace("\\*", "*") for a in found.answers if abs(a.fraction - 1) < _CLOSE}
    return texts if found.usecase else {t.casefold() for t in texts}


def _check_answers(module: Module, question: Question, found: MoodleQuestion) -> None:
    pairs = [(a.text, a.fraction) for a in found.answers]
    if isinstance(question, SingleChoiceQuestion):
        assert found.single
        assert pairs == [(c.text.html, 1.0 if c.correct else 0.0) for c in question.choices]
    elif isinstance(question, MultipleChoiceQuestion):
        assert not found.single
        right = sum(c.correct for c in question.choices)
        wrong = len(question.choices) - right
        penalty = -1.0 if question.scoring == "all-or-nothing" else -1 / wrong
        assert [a.text for a in found.answers] == [c.text.html for c in question.choices]
        expected = [1 / right if c.correct else penalty for c in question.choices]
        assert all(abs(a.fraction - e) < _CLOSE for a, e in zip(found.answers, expected, strict=True)), pairs
    elif isinstance(question, KeyFeatureQuestion):
        assert not found.single
        assert [a.text for a in found.answers] == [c.text.html for c in question.choices]
        fractions = kfp_fractions(question)
        assert fractions is not None
        assert all(abs(a.fraction - f) < _CLOSE for a, f in zip(found.answers, fractions, strict=True)), pairs
        keys = [a.fraction for a, c in zip(found.answers, question.choices, strict=True) if c.correct]
        assert abs(sum(keys) - 1) < 0.0001 and all(
            a.fraction < 0 for a, c in zip(found.answers, question.choices, strict=True) if c.id in question.dangerous
        )
    elif isinstance(question, ScriptConcordanceQuestion):
        assert found.single
        assert [a.text.split(" ", 1)[0] for a in found.answers] == ["-2", "-1", "0", "+1", "+2"]
        assert [a.text.split(" ", 1)[1] for a in found.answers] == [label.plain for label in question.labels]
        expected = [_listed(c) for c in question.credits]
        assert all(abs(a.fraction - e) < _CLOSE for a, e in zip(found.answers, expected, strict=True)), pairs
    elif isinstance(question, TrueFalseQuestion):
        truth = next(a for a in found.answers if a.text == "true")
        assert (truth.fraction == 1.0) is question.answer
    elif isinstance(question, LongMenuQuestion):
        assert not found.usecase
        assert {a.casefold() for a in question.answers} <= _accepted(found)
    elif isinstance(question, TextQuestion):
        assert found.usecase is (question.match == "exact")
        exact = question.match == "exact"
        assert {a if exact else a.casefold() for a in question.answers} <= _accepted(found)
    elif isinstance(question, NumericQuestion):
        _check_numeric(question, found)
    elif isinstance(question, MatchingQuestion):
        pairs_expected = [(p.left.html, p.right.plain) for p in question.pairs]
        assert found.subquestions == pairs_expected + [("", d.plain) for d in question.distractors]
    elif isinstance(question, OrderingQuestion):
        assert found.items == [item.html for item in question.items]
        assert found.options["gradingtype"] == "ALL_OR_NOTHING"
    elif isinstance(question, HotspotQuestion):
        _check_hotspot(module, question, found)
    else:
        raise AssertionError(f"{question.id}: no round-trip check for {question.type}")


def _check_numeric(question: NumericQuestion, found: MoodleQuestion) -> None:
    (right,) = [a for a in found.answers if a.fraction == 1.0]
    value, tolerance = float(right.text), right.tolerance or 0.0
    assert value - tolerance == pytest.approx(question.minimum)
    assert value + tolerance == pytest.approx(question.maximum)
    assert all(a.text == "*" for a in found.answers if a.fraction != 1.0)
    if question.units:
        reference = parse_unit(question.unit or "", question.drop_factor)
        assert reference is not None
        assert [name for name, _ in found.units] == list(question.units)
        for name, multiplier in found.units:
            other = parse_unit(name, question.drop_factor)
            assert other is not None
            # Moodle reads "v unit" as v / multiplier in the first unit: 1 reference = multiplier units.
            assert multiplier == pytest.approx(convert(1.0, reference, other), rel=1e-9)
        assert found.unitgradingtype == 1 and found.unitpenalty == 1.0
    elif question.unit:
        assert found.units == [(question.unit, 1.0)] and found.unitgradingtype == 0
    else:
        assert found.units == [] and found.showunits == 3


def _check_hotspot(module: Module, question: HotspotQuestion, found: MoodleQuestion) -> None:
    (zone,) = question.zones
    assert not found.shuffleanswers, "Moodle shuffles when <shuffleanswers> is present at all"
    assert [(no, count) for no, _, count in found.drags] == [(1, 1)]
    ((no, shape, points, choice),) = found.drops
    assert (no, choice) == (1, 1)
    assert shape == {"rect": "rectangle", "circle": "circle", "polygon": "polygon"}[zone.shape]
    values = [round(v) for v in zone.values]
    if zone.shape == "circle":
        assert points == [(values[0], values[1]), (values[2], values[2])]
    else:
        assert [v for point in points for v in point] == values
    name = Path(question.image).name
    assert list(found.files) == [name]
    assert found.files[name] == (module.source_path.parent / question.image).read_bytes()


def _round_trip(module: Module) -> tuple[list[MoodleQuestion], list[ExportNote]]:
    data, notes = moodle_xml([module])
    return read_moodle_xml(data), notes


def _check_module(module: Module) -> set[str]:
    """Every question checked; the types seen."""
    found, notes = _round_trip(module)
    by_name = {q.name: q for q in found}
    assert len(by_name) == len(found), "question names are unique within a module"
    left_out = {n.question_id for n in notes if n.left_out}
    assert set(by_name) == {q.id for q in module.questions} - left_out
    for question in module.questions:
        spec = type_of(question)
        if spec.moodle_type is None:
            assert question.id in left_out, f"{question.id}: a {question.type} question left out without a warning"
        if question.id in left_out:
            continue
        got = by_name[question.id]
        assert got.type == spec.moodle_type
        assert got.idnumber == f"{module.id}:{question.id}"
        assert got.defaultgrade == question.points and got.penalty == 0
        assert got.category.startswith("$course$/")
        _check_text(module, question, got)
        _check_answers(module, question, got)
    return {q.type for q in module.questions if q.id not in left_out}


def test_the_scaffold_round_trips_with_every_type_moodle_has(tmp_path: Path) -> None:
    module = _scaffold(tmp_path)
    seen = _check_module(module)
    assert seen >= {"single", "multiple", "truefalse", "text", "numeric", "matching", "ordering"}
    assert seen >= {"tcs", "longmenu", "kfp", "hotspot"}
    assert any(_steps_before(module, q) for q in module.questions), "the scaffold's case is exported"


def test_the_scaffold_warns_for_what_it_leaves_out_or_rounds(tmp_path: Path) -> None:
    module = _scaffold(tmp_path)
    _, notes = _round_trip(module)
    likert = [q.id for q in module.questions if q.type == "likert"]
    assert likert and all(any(n.left_out and n.question_id == q for n in notes) for q in likert)
    for question in module.questions:
        if isinstance(question, ScriptConcordanceQuestion) and any(
            abs(_listed(c) - c) > _CLOSE for c in question.credits
        ):
            assert any(n.question_id == question.id and "grade list" in n.message for n in notes)


@pytest.mark.parametrize("path", MODULES, ids=[p.parent.name for p in MODULES])
def test_each_module_round_trips(path: Path) -> None:
    _check_module(_load(path))


def test_there_are_five_modules() -> None:
    assert len(MODULES) == 5


# ----- the reader refuses what Moodle refuses or misreads --------------------------------------

_HEAD = "<name><text>q</text></name><questiontext format='html'><text>Q</text></questiontext>"


def _one(body: str, kind: str) -> MoodleQuestion:
    (question,) = read_moodle_xml(f"<quiz><question type='{kind}'>{_HEAD}{body}</question></quiz>".encode())
    return question


_DRAG = "<file name='a.png' encoding='base64'>AA==</file><drag><no>1</no><text>+</text></drag>"


@pytest.mark.parametrize(
    ("kind", "body", "why"),
    [
        ("multichoice", "<single>true</single><answer fraction='37'><text>a</text></answer>", "grade list"),
        ("multichoice", "<single>false</single><answer fraction='50'><text>a</text></answer>", "add up"),
        ("truefalse", "<answer fraction='100'><text>vrai</text></answer>", "truefalse"),
        ("numerical", "<answer fraction='100'><text>douze</text></answer>", "not a number"),
        (
            "numerical",
            "<answer fraction='100'><text>1</text></answer><units><unit><multiplier>0.001</multiplier>"
            "<unit_name>g</unit_name></unit></units>",
            "base unit",
        ),
        ("ordering", "<layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype>", "gradingtype"),
        (
            "ordering",
            "<layouttype>VERTICAL</layouttype><selecttype>ALL</selecttype><selectcount>2</selectcount>"
            "<gradingtype>ALL_OR_NOTHING</gradingtype><showgrading>SHOW</showgrading>"
            "<answer fraction='2'><text>b</text></answer><answer fraction='1'><text>a</text></answer>",
            "file's order",
        ),
        ("ddmarker", _DRAG + "<drop><no>1</no><shape>rectangle</shape><coords>10,10;0,5</coords></drop>", "empty"),
        ("ddmarker", _DRAG + "<drop><no>1</no><shape>polygon</shape><coords>1,1;5,5</coords></drop>", "three"),
        ("ddmarker", _DRAG + "<drop><no>1</no><shape>circle</shape><coords>1.5,1;5</coords></drop>", "whole"),
        ("ddmarker", _DRAG + "<drop><no>1</no><shape>rect</shape><coords>1,1;5,5</coords></drop>", "shape"),
        ("essay", "", "not one this reader knows"),
    ],
)
def test_the_reader_refuses_what_moodle_would(kind: str, body: str, why: str) -> None:
    with pytest.raises(MoodleImportError, match=why):
        _one(body, kind)


def test_the_reader_reads_ddmarker_shuffleanswers_as_moodle_does() -> None:
    drop = "<drop><no>1</no><shape>circle</shape><coords>10,10;5</coords><choice>1</choice></drop>"
    assert _one(_DRAG + "<shuffleanswers>0</shuffleanswers>" + drop, "ddmarker").shuffleanswers
    assert not _one(_DRAG + drop, "ddmarker").shuffleanswers
