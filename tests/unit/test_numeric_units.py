"""``numeric`` with units: the table the runtime mirrors, conversions, "right number, wrong
unit", figures, and the Moodle exports."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import NumericQuestion, load_text
from ehealth_content.export import gift, moodle_xml
from ehealth_content.question_types._units import UNIT_ATOMS, parse_unit, read_quantity
from ehealth_content.question_types.numeric import numeric_value, wrong_unit
from ehealth_content.scoring import question_points

RUNTIME = Path(__file__).parents[2] / "packager" / "runtime" / "ehealth.js"

FLOW = """---
id: m
title: M
version: 1.0.0
---

# Page

```quiz
id: debit
type: numeric
prompt: Débit ?
answer: 125 mL/h
tolerance: 2%
units: [mL/h, L/h, gouttes/min]
drop_factor: 20
```
"""


def flow() -> NumericQuestion:
    module, diagnostics = load_text(FLOW)
    assert module is not None and diagnostics == [], diagnostics
    question = module.questions[0]
    assert isinstance(question, NumericQuestion)
    return question


def test_the_runtime_has_the_same_unit_table() -> None:
    source = RUNTIME.read_text(encoding="utf-8")
    table = re.search(r"var UNIT_ATOMS = (\{.*?\n  \});", source, re.S)
    assert table is not None
    assert json.loads(table.group(1)) == {alias: list(atom) for alias, atom in UNIT_ATOMS.items()}


@pytest.mark.parametrize(
    ("typed", "name"),
    [("mL/h", "mL/h"), ("ml / heure", "mL/h"), ("ML par H", "mL/h"), ("mcg/kg/min", "µg/kg/min"), ("cc", "mL")],
)
def test_units_are_read_whatever_the_case_spaces_and_spelling(typed: str, name: str) -> None:
    unit = parse_unit(typed)
    assert unit is not None and unit.name == name


def test_typed_quantities() -> None:
    assert read_quantity("2,5 mL").kind == "number"
    assert read_quantity("1 000 mL").number == 1000
    assert read_quantity("2,5").kind == "no-unit"
    assert read_quantity("abc").kind == "not-a-number"
    assert read_quantity("2,5 mL/hr").kind == "unknown-unit"


@pytest.mark.parametrize(
    ("typed", "value", "points", "wrong"),
    [
        ("125 mL/h", 125, 1, False),
        ("0,125 L/h", 125, 1, False),
        ("41,67 gouttes/min", 125.01, 1, False),  # 20 drops per mL
        ("125 L/h", None, 0, True),  # accepted unit, wrong magnitude
        ("125 mg", None, 0, True),  # another dimension
        ("125", None, 0, False),  # the player asks for the unit first
        ("130 mL/h", 130, 0, False),
    ],
)
def test_conversions_and_the_right_number_with_a_wrong_unit(
    typed: str, value: float | None, points: float, wrong: bool
) -> None:
    question = flow()
    got = numeric_value(question, typed)
    if typed == "125 L/h":
        assert got == pytest.approx(125000)
    elif value is None:
        assert got is None
    else:
        assert got == pytest.approx(value)
    assert question_points(question, typed) == points
    assert wrong_unit(question, typed) is wrong


def test_figures_set_half_a_unit_of_the_last_figure() -> None:
    source = FLOW.replace(
        "answer: 125 mL/h\ntolerance: 2%\nunits: [mL/h, L/h, gouttes/min]\ndrop_factor: 20",
        "answer: 2.5 mL\nfigures: 2",
    )
    module, diagnostics = load_text(source)
    assert module is not None, diagnostics
    question = module.questions[0]
    assert isinstance(question, NumericQuestion)
    assert (question.minimum, question.maximum) == pytest.approx((2.45, 2.55))
    assert question_points(question, "2,46 mL") == 1.0
    assert question_points(question, "2,4 mL") == 0.0


def test_moodle_xml_grades_the_units_and_gift_warns() -> None:
    module, _ = load_text(FLOW)
    assert module is not None
    xml, notes = moodle_xml([module])
    question = etree.fromstring(xml).find("question[@type='numerical']")
    units = [(u.findtext("unit_name"), u.findtext("multiplier")) for u in question.iter("unit")]
    assert units == [("mL/h", "1"), ("L/h", "0.001"), ("gouttes/min", "0.3333333333")]
    assert question.findtext("unitgradingtype") == "1" and question.findtext("unitpenalty") == "1.0000000"
    assert question.findtext("showunits") == "0"
    assert any("matches units as written" in str(n) for n in notes)
    text, notes = gift([module])
    assert "{#\n\t=125:2.5" in text
    assert any("carry no unit" in str(n) for n in notes)
