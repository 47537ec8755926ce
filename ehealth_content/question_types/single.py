"""``single``: one right choice among several (radio buttons)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._answers import Response
from .._digits import to_digits
from .._reader import Reader
from ..i18n import t
from ..model import Question, SingleChoiceQuestion
from ._choices import choice_position, choices_data, choices_shape, multichoice_xml, read_choices, read_choices_shape
from ._formats import gift_feedback, gift_html, gift_weight
from ._spec import UNFIT, Answer, Markup, Parts, QuestionType, StoredResponse, Unfit, Warn, XmlWriter, state_number

__all__ = ["SINGLE", "SingleType"]


class SingleType(QuestionType[SingleChoiceQuestion]):
    name = "single"
    model = SingleChoiceQuestion
    interaction = "choice"
    keys = ("choices",)
    required = ("choices",)
    answer_changed = t("the right choices changed: saved answers will be scored against the new ones")
    moodle_type = "multichoice"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        choices = read_choices(data, reader)
        if choices is None:
            return None
        right = sum(c.correct for c in choices)
        if right != 1:
            reader.fields.report.error(
                "E409",
                t("a 'single' question needs exactly one correct choice, not {count}", count=right),
                at=reader.fields.at(("choices",)),
                hint=t("use type: multiple for several right answers") if right > 1 else None,
            )
            return None
        return SingleChoiceQuestion(choices=choices, **common)

    def fraction(self, question: SingleChoiceQuestion, response: Response) -> float:
        right = next(c.id for c in question.choices if c.correct)
        return 1.0 if response == right else 0.0

    def data(self, question: SingleChoiceQuestion) -> dict[str, Any]:
        return {"choices": choices_data(question)}

    # RESPONSE: the chosen choice's position, one digit.
    def encode(self, question: SingleChoiceQuestion, response: StoredResponse) -> str:
        return to_digits(choice_position(question.choices, response))

    def decode(self, question: SingleChoiceQuestion, text: str) -> StoredResponse | Unfit:
        position = state_number(text, 1)
        return question.choices[position].id if position < len(question.choices) else UNFIT

    def longest(self, question: SingleChoiceQuestion) -> StoredResponse:
        return question.choices[-1].id

    def shape(self, question: SingleChoiceQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return choices_shape(question, texts)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return read_choices_shape(entry, markup)

    def moodle_xml(self, xml: XmlWriter, element: Any, question: SingleChoiceQuestion) -> None:
        fractions = [1.0 if c.correct else 0.0 for c in question.choices]
        multichoice_xml(xml, element, question, fractions, single=True)

    def gift(self, question: SingleChoiceQuestion, head: str, general: str, warn: Warn) -> str | None:
        lines = [
            f"\t{'=' if c.correct else '~' + gift_weight(0, gift_html(c.text))}{gift_html(c.text)}"
            f"{gift_feedback(c.feedback)}"
            for c in question.choices
        ]
        return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


SINGLE = SingleType()
