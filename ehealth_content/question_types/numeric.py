"""``numeric``: a typed number, right within a tolerance or a range; with units (``answer: 125
mL/h``, ``units: [mL/h, L/h]``), a number and its unit, converted to the answer's unit, where
the right number with a wrong unit is wrong."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .._answers import EPSILON, Response, parse_decimal
from .._fields import Fields
from .._reader import Reader
from ..i18n import Message, t
from ..model import NumericQuestion, Question
from ._formats import format_number, gift_feedback
from ._spec import (
    UNFIT,
    Answer,
    Judged,
    Markup,
    Parts,
    QuestionType,
    StoredResponse,
    Unfit,
    Warn,
    XmlWriter,
    json_number,
)
from ._units import DIMENSION_NAMES, Unit, convert, parse_unit, read_quantity

__all__ = ["NUMERIC", "NumericType", "numeric_answer", "numeric_value", "wrong_unit"]

_PERCENT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*")
_MAX_PERCENT = 1000
# What a record may keep as typed: short, unambiguous, free of the separators , ~ .
_KEPT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_KEPT_NUMBER = 4
_NUMBER_PART = re.compile(r"[+-]?[0-9., \t\u00a0\u202f]*")
_MAX_FIGURES = 15
_MAX_DROP_FACTOR = 1000
_MAX_UNITS = 9


def numeric_answer(question: NumericQuestion) -> tuple[str, str]:
    """Moodle's (answer, absolute tolerance): a range becomes its middle ± half its width."""
    if question.answer is not None:
        return format_number(question.answer), format_number(question.maximum - question.answer)
    middle = (question.minimum + question.maximum) / 2
    return format_number(middle), format_number((question.maximum - question.minimum) / 2)


def _range(value: Any, fields: Fields) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        fields.invalid(("range",), t("'range' must be [min, max]"))
        return None
    low = fields.number(value[0], ("range", 0), t("the range's minimum"))
    high = fields.number(value[1], ("range", 1), t("the range's maximum"))
    if low is None or high is None:
        return None
    if low > high:
        fields.invalid(
            ("range",), t("the range's minimum {low} is above its maximum {high}", low=value[0], high=value[1])
        )
        return None
    return low, high


def _tolerance(
    value: Any, answer: float | None, reference: Unit | None, drop_factor: int | None, fields: Fields
) -> float | None:
    if value is None:
        return 0.0
    if isinstance(value, str):
        percent = _PERCENT.fullmatch(value)
        if percent is None:
            quantity = read_quantity(value, drop_factor) if reference is not None else None
            if quantity is not None and quantity.unit is not None and quantity.number is not None:
                if quantity.unit.dimension != reference.dimension:  # type: ignore[union-attr]
                    fields.report.error(
                        "E451",
                        t(
                            "the tolerance's unit {unit} does not measure what the answer's {answer_unit} does",
                            unit=quantity.unit.name,
                            answer_unit=reference.name,  # type: ignore[union-attr]
                        ),
                        at=fields.at(("tolerance",)),
                    )
                    return None
                if quantity.number < 0:
                    fields.invalid(("tolerance",), t("'tolerance' cannot be negative ({value})", value=value))
                    return None
                return convert(quantity.number, quantity.unit, reference)  # type: ignore[arg-type]
            fields.invalid(
                ("tolerance",),
                t("tolerance '{value}' must be a number or a percentage such as \"2%\"", value=value[:40])
                if reference is None
                else t(
                    'tolerance \'{value}\' must be a number, a percentage such as "2%" or a quantity such as "5 mL/h"',
                    value=value[:40],
                ),
            )
            return None
        share = float(percent.group(1).replace(",", "."))
        if share > _MAX_PERCENT:
            fields.invalid(("tolerance",), t("tolerance is too large: at most {limit}%", limit=_MAX_PERCENT))
            return None
        return abs(answer or 0.0) * share / 100
    number = fields.number(value, ("tolerance",), t("'tolerance'"))
    if number is not None and number < 0:
        fields.invalid(("tolerance",), t("'tolerance' cannot be negative ({value})", value=value))
        return None
    return number


def _figures_tolerance(answer: float, figures: int, has_tolerance: bool, fields: Fields) -> float | None:
    """Half a unit of the last significant figure: ``figures: 2`` with 2.5 accepts 2.45 to 2.55."""
    if has_tolerance:
        fields.invalid(("figures",), t("'figures' and 'tolerance' cannot go together: 'figures' sets the tolerance"))
        return None
    if answer == 0:
        fields.invalid(("figures",), t("'figures' needs an answer other than 0"))
        return None
    exponent = math.floor(math.log10(abs(answer))) - figures + 1
    return 0.5 * 10.0**exponent


def _answer(value: Any, drop_factor: int | None, fields: Fields) -> tuple[float | None, Unit | None]:
    """The answer, and its unit when written with one (``125 mL/h``)."""
    if not isinstance(value, str):
        return fields.number(value, ("answer",), t("'answer'")), None
    quantity = read_quantity(value, drop_factor)
    if quantity.kind == "unknown-unit":
        _unknown_unit(quantity.unit_text, ("answer",), fields)
        return None, None
    if quantity.kind != "number" or quantity.unit is None or quantity.number is None:
        fields.invalid(
            ("answer",),
            t(
                "'answer' must be a number (2.5) or a number and its unit (\"125 mL/h\"), not '{value}'",
                value=value[:40],
            ),
        )
        return None, None
    checked = fields.number(quantity.number, ("answer",), t("'answer'"))
    return checked, quantity.unit


def _unknown_unit(text: str, path: tuple[str | int, ...], fields: Fields) -> None:
    fields.report.error(
        "E450",
        t("unknown unit '{unit}'", unit=text[:40]),
        at=fields.at(path),
        hint=t(
            "known units: µg, mg, g, kg, µL, mL, L, s, min, h, j, gouttes, UI, mmol, their ratios such as mL/h, "
            "mg/kg or gouttes/min, and %"
        ),
    )


def _dimension_text(unit: Unit) -> str:
    """``volume per time`` for mL/h; ``a ratio`` for mg/kg."""
    up = [DIMENSION_NAMES[d] for d, e in unit.dimension if e > 0]
    down = [DIMENSION_NAMES[d] for d, e in unit.dimension if e < 0]
    return " per ".join([" ".join(up) or ("a ratio" if not down else "1"), *down])


def _units(
    data: dict[str, Any], unit: str | None, answer_unit: Unit | None, drop_factor: int | None, fields: Fields
) -> list[Unit] | None:
    """The accepted units, the answer's first; empty when the learner types no unit."""
    listed = data.get("units")
    if answer_unit is None and listed is None:
        return []
    reference = answer_unit
    if reference is None:
        if unit is None:
            fields.report.error(
                "E403",
                t("'units' needs the answer's unit: write it in 'answer' (\"125 mL/h\") or in 'unit'"),
                at=fields.key_at(("units",)),
            )
            return None
        reference = parse_unit(unit, drop_factor)
        if reference is None:
            _unknown_unit(unit, ("unit",), fields)
            return None
    elif unit is not None and (parse_unit(unit, drop_factor) or reference).name != reference.name:
        fields.invalid(
            ("unit",),
            t(
                "'unit: {unit}' differs from the answer's unit {answer_unit}: leave 'unit' out",
                unit=unit,
                answer_unit=reference.name,
            ),
        )
        return None
    accepted = [reference]
    if listed is None:
        return accepted
    if not isinstance(listed, list) or not 1 <= len(listed) <= _MAX_UNITS:
        fields.invalid(
            ("units",), t("'units' must be a list of 1 to {most} units, such as [mL/h, L/h]", most=_MAX_UNITS)
        )
        return None
    ok = True
    for index, item in enumerate(listed):
        path: tuple[str | int, ...] = ("units", index)
        found = parse_unit(str(item), drop_factor) if isinstance(item, (str, int)) else None
        if found is None:
            _unknown_unit(str(item), path, fields)
            ok = False
        elif found.dimension != reference.dimension:
            drops = any(d == "drop" for d, _ in found.dimension + reference.dimension)
            fields.report.error(
                "E451",
                t(
                    "unit {unit} measures {measures}, not {expected} as the answer's {answer_unit} does",
                    unit=found.name,
                    measures=_dimension_text(found),
                    expected=_dimension_text(reference),
                    answer_unit=reference.name,
                ),
                at=fields.at(path),
                hint=t("give the drop factor in drops per mL, e.g. drop_factor: 20")
                if drops and not drop_factor
                else None,
            )
            ok = False
        elif found.name not in (u.name for u in accepted):
            accepted.append(found)
    return accepted if ok else None


def _as_number(response: Response) -> float | None:
    if isinstance(response, bool):
        return None
    if isinstance(response, (int, float)):
        return float(response)
    if isinstance(response, str):
        return parse_decimal(response)
    return None


class NumericType(QuestionType[NumericQuestion]):
    name = "numeric"
    model = NumericQuestion
    interaction = "numeric"
    keys = ("answer", "tolerance", "range", "unit", "units", "figures", "drop_factor")
    answer_changed = t("the accepted values changed: long typed numbers are saved as a verdict only and keep it")
    moodle_type = "numerical"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        unit = fields.text(data, (), "unit")
        drop_factor = fields.integer(data, (), "drop_factor", 1, _MAX_DROP_FACTOR)
        has_answer, has_range = data.get("answer") is not None, data.get("range") is not None
        if has_answer == has_range:
            fields.report.error(
                "E403" if not has_answer else "E407",
                t("a 'numeric' question needs either 'answer' (with an optional 'tolerance') or 'range: [min, max]'"),
                at=fields.at(()),
            )
            return None
        answer: float | None = None
        answer_unit: Unit | None = None
        if has_answer:
            answer, answer_unit = _answer(data["answer"], drop_factor, fields)
            if answer is None:
                return None
        units = _units(data, unit, answer_unit, drop_factor, fields)
        if units is None:
            return None
        reference = units[0] if units else None
        extra: dict[str, Any] = {"unit": reference.name if reference else unit}
        if reference is not None:
            extra["units"] = tuple(u.name for u in units)
            extra["drop_factor"] = drop_factor
        figures = fields.integer(data, (), "figures", 1, _MAX_FIGURES)
        if has_range:
            for key in ("tolerance", "figures"):
                if key in data:
                    fields.invalid((key,), t("'{key}' goes with 'answer', not with 'range'", key=key))
            bounds = _range(data["range"], fields)
            if bounds is None:
                return None
            return NumericQuestion(minimum=bounds[0], maximum=bounds[1], **extra, **common)
        assert answer is not None
        if figures is not None:
            tolerance = _figures_tolerance(answer, figures, "tolerance" in data, fields)
        else:
            tolerance = _tolerance(data.get("tolerance"), answer, reference, drop_factor, fields)
        if tolerance is None:
            return None
        return NumericQuestion(minimum=answer - tolerance, maximum=answer + tolerance, answer=answer, **extra, **common)

    def fraction(self, question: NumericQuestion, response: Response) -> float:
        value = numeric_value(question, response)
        if value is None:
            return 0.0
        inside = question.minimum - EPSILON <= value <= question.maximum + EPSILON
        return 1.0 if inside else 0.0

    def data(self, question: NumericQuestion) -> dict[str, Any]:
        data: dict[str, Any] = {"min": json_number(question.minimum), "max": json_number(question.maximum)}
        if question.units:
            data.update(unit=question.unit, units=list(question.units))
            if question.drop_factor is not None:
                data["dropFactor"] = question.drop_factor
        return data

    # RESPONSE: "n" and a short number as typed (with units: typed in the answer's unit), else
    # only the verdict "=" (right) or "x".
    def encode(self, question: NumericQuestion, response: StoredResponse) -> str:
        if isinstance(response, Judged):
            return "=" if response.right else "x"
        if isinstance(response, bool) or not isinstance(response, (str, float, int)):
            raise TypeError(f"question {question.id}: a numeric response is the typed string or a number")
        typed = response if isinstance(response, str) else repr(float(response))
        if question.units:
            quantity = read_quantity(typed, question.drop_factor)
            match = _NUMBER_PART.match(typed.strip())
            same_unit = quantity.unit is not None and quantity.unit.name == question.unit
            typed = match.group(0) if same_unit and match else ""
        typed = _SPACES.sub("", typed).replace(",", ".")
        if typed and len(typed) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(typed):
            return "n" + typed
        return "=" if self.fraction(question, response) >= 1.0 else "x"

    def decode(self, question: NumericQuestion, text: str) -> StoredResponse | Unfit:
        if text in ("=", "x"):
            return Judged(text == "=")
        kept = text[1:]
        ok = text[0] == "n" and len(kept) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(kept)
        if not ok:
            return UNFIT
        return f"{kept} {question.unit}" if question.units else kept

    def longest(self, question: NumericQuestion) -> StoredResponse:
        return f"9.99 {question.unit}" if question.units else "9.99"

    def shape(self, question: NumericQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        if question.units:
            return (), (question.minimum, question.maximum, question.units, question.drop_factor)
        return (), (question.minimum, question.maximum)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        if entry.get("units"):
            units = tuple(str(u) for u in entry["units"])
            drops = entry.get("dropFactor")
            return (), (float(entry["min"]), float(entry["max"]), units, None if drops is None else int(drops))
        return (), (float(entry["min"]), float(entry["max"]))

    def moodle_xml(self, xml: XmlWriter, element: Any, question: NumericQuestion) -> None:
        value, tolerance = numeric_answer(question)
        answer = xml.answer(element, "100", value, question.feedback.correct, text_format="moodle_auto_format")
        xml.sub(answer, "tolerance", tolerance)
        if question.feedback.incorrect is not None:
            other = xml.answer(element, "0", "*", question.feedback.incorrect, text_format="moodle_auto_format")
            xml.sub(other, "tolerance", "0")
        if question.units:
            # Units typed and graded: a wrong or missing unit loses the whole mark, as here.
            holder = xml.sub(element, "units")
            reference = _reference(question)
            for name in question.units:
                unit = xml.sub(holder, "unit")
                other = parse_unit(name, question.drop_factor)
                multiplier = convert(1.0, reference, other) if other is not None else 1.0
                xml.sub(unit, "multiplier", format_number(multiplier))
                xml.sub(unit, "unit_name", name)
            xml.sub(element, "unitgradingtype", "1")
            xml.sub(element, "unitpenalty", "1.0000000")
            xml.sub(element, "showunits", "0")
            xml.sub(element, "unitsleft", "0")
            return
        if question.unit:
            unit = xml.sub(xml.sub(element, "units"), "unit")
            xml.sub(unit, "multiplier", "1")
            xml.sub(unit, "unit_name", question.unit)
        # Units optional and ungraded (our unit is only displayed): showunits 0, unitgradingtype 0.
        xml.sub(element, "unitgradingtype", "0")
        xml.sub(element, "unitpenalty", "0.1000000")
        xml.sub(element, "showunits", "0" if question.unit else "3")
        xml.sub(element, "unitsleft", "0")

    def moodle_caveats(self, question: NumericQuestion) -> tuple[Message, ...]:
        if not question.units:
            return ()
        return (
            t(
                "Moodle matches units as written ({units}): other spellings the player "
                "accepts (ml/h, a decimal comma before the unit) may be marked wrong there",
                units=", ".join(question.units),
            ),
        )

    def gift(self, question: NumericQuestion, head: str, general: str, warn: Warn) -> str | None:
        if question.units:
            warn(
                t(
                    "GIFT numerical questions carry no unit: the number is expected in {unit}, "
                    "other units ({others}) and the unit check are lost; use moodle-xml",
                    unit=question.unit,
                    others=", ".join(question.units[1:]) or "-",
                ),
                False,
            )
        elif question.unit:
            warn(
                t(
                    "GIFT numerical questions carry no unit: '{unit}' is lost; add it in Moodle or use moodle-xml",
                    unit=question.unit,
                ),
                False,
            )
        if question.answer is None:
            value = f"{format_number(question.minimum)}..{format_number(question.maximum)}"
        else:
            value = ":".join(numeric_answer(question))
        lines = [f"\t={value}{gift_feedback(question.feedback.correct)}"]
        if question.feedback.incorrect is not None:
            lines.append(f"\t~{gift_feedback(question.feedback.incorrect)}")
        return head + "{#\n" + "\n".join(lines) + "\n" + general + "}"


def _reference(question: NumericQuestion) -> Unit:
    unit = parse_unit(question.unit or "", question.drop_factor)
    if unit is None:  # the builder checked it; a hand-made question may not be
        raise ValueError(f"question {question.id}: unknown unit {question.unit!r}")
    return unit


def numeric_value(question: NumericQuestion, response: Response) -> float | None:
    """The response as a number in the answer's unit; None when it is not a number, or (with
    units) lacks a unit or has one that is not accepted."""
    if not question.units:
        return _as_number(response)
    if not isinstance(response, str):
        return None
    quantity = read_quantity(response, question.drop_factor)
    if quantity.unit is None or quantity.number is None or quantity.unit.name not in question.units:
        return None
    return convert(quantity.number, quantity.unit, _reference(question))


def wrong_unit(question: NumericQuestion, response: Response) -> bool:
    """The number typed would be right in the answer's unit, but the unit typed makes it wrong."""
    if not question.units or not isinstance(response, str):
        return False
    quantity = read_quantity(response, question.drop_factor)
    if quantity.kind != "number" or quantity.number is None:
        return False
    right_number = question.minimum - EPSILON <= quantity.number <= question.maximum + EPSILON
    return right_number and NUMERIC.fraction(question, response) < 1.0


NUMERIC = NumericType()
