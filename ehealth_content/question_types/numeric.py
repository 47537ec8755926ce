"""``numeric``: a typed number, right within a tolerance or a range."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .._answers import EPSILON, Response, parse_decimal
from .._fields import Fields
from .._reader import Reader
from ..i18n import t
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

__all__ = ["NUMERIC", "NumericType", "numeric_answer"]

_PERCENT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*")
_MAX_PERCENT = 1000
# What a record may keep as typed: short, unambiguous, free of the separators , ~ .
_KEPT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_KEPT_NUMBER = 4


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


def _tolerance(value: Any, answer: float | None, fields: Fields) -> float | None:
    if value is None:
        return 0.0
    if isinstance(value, str):
        percent = _PERCENT.fullmatch(value)
        if percent is None:
            fields.invalid(
                ("tolerance",),
                t("tolerance '{value}' must be a number or a percentage such as \"2%\"", value=value[:40]),
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
    keys = ("answer", "tolerance", "range", "unit")
    answer_changed = t("the accepted values changed: long typed numbers are saved as a verdict only and keep it")
    moodle_type = "numerical"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        unit = fields.text(data, (), "unit")
        has_answer, has_range = data.get("answer") is not None, data.get("range") is not None
        if has_answer == has_range:
            fields.report.error(
                "E403" if not has_answer else "E407",
                t("a 'numeric' question needs either 'answer' (with an optional 'tolerance') or 'range: [min, max]'"),
                at=fields.at(()),
            )
            return None
        if has_range:
            if "tolerance" in data:
                fields.invalid(("tolerance",), t("'tolerance' goes with 'answer', not with 'range'"))
            bounds = _range(data["range"], fields)
            if bounds is None:
                return None
            return NumericQuestion(minimum=bounds[0], maximum=bounds[1], unit=unit, **common)
        answer = fields.number(data["answer"], ("answer",), t("'answer'"))
        tolerance = _tolerance(data.get("tolerance"), answer, fields)
        if answer is None or tolerance is None:
            return None
        return NumericQuestion(
            minimum=answer - tolerance, maximum=answer + tolerance, answer=answer, unit=unit, **common
        )

    def fraction(self, question: NumericQuestion, response: Response) -> float:
        value = _as_number(response)
        if value is None:
            return 0.0
        inside = question.minimum - EPSILON <= value <= question.maximum + EPSILON
        return 1.0 if inside else 0.0

    def data(self, question: NumericQuestion) -> dict[str, Any]:
        return {"min": json_number(question.minimum), "max": json_number(question.maximum)}

    # RESPONSE: "n" and a short number as typed, else only the verdict "=" (right) or "x".
    def encode(self, question: NumericQuestion, response: StoredResponse) -> str:
        if isinstance(response, Judged):
            return "=" if response.right else "x"
        if isinstance(response, bool) or not isinstance(response, (str, float, int)):
            raise TypeError(f"question {question.id}: a numeric response is the typed string or a number")
        typed = _SPACES.sub("", response if isinstance(response, str) else repr(float(response)))
        typed = typed.replace(",", ".")
        if len(typed) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(typed):
            return "n" + typed
        return "=" if self.fraction(question, response) >= 1.0 else "x"

    def decode(self, question: NumericQuestion, text: str) -> StoredResponse | Unfit:
        if text in ("=", "x"):
            return Judged(text == "=")
        kept = text[1:]
        ok = text[0] == "n" and len(kept) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(kept)
        return kept if ok else UNFIT

    def longest(self, question: NumericQuestion) -> StoredResponse:
        return "9.99"

    def shape(self, question: NumericQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (), (question.minimum, question.maximum)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return (), (float(entry["min"]), float(entry["max"]))

    def moodle_xml(self, xml: XmlWriter, element: Any, question: NumericQuestion) -> None:
        value, tolerance = numeric_answer(question)
        answer = xml.answer(element, "100", value, question.feedback.correct, text_format="moodle_auto_format")
        xml.sub(answer, "tolerance", tolerance)
        if question.feedback.incorrect is not None:
            other = xml.answer(element, "0", "*", question.feedback.incorrect, text_format="moodle_auto_format")
            xml.sub(other, "tolerance", "0")
        if question.unit:
            unit = xml.sub(xml.sub(element, "units"), "unit")
            xml.sub(unit, "multiplier", "1")
            xml.sub(unit, "unit_name", question.unit)
        # Units optional and ungraded (our unit is only displayed): showunits 0, unitgradingtype 0.
        xml.sub(element, "unitgradingtype", "0")
        xml.sub(element, "unitpenalty", "0.1000000")
        xml.sub(element, "showunits", "0" if question.unit else "3")
        xml.sub(element, "unitsleft", "0")

    def gift(self, question: NumericQuestion, head: str, general: str, warn: Warn) -> str | None:
        if question.unit:
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


NUMERIC = NumericType()
