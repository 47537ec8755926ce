"""``truefalse``: a statement the learner says is true or false."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._answers import Response
from .._reader import Reader
from ..i18n import t
from ..model import Question, TrueFalseQuestion
from ._formats import gift_html
from ._spec import UNFIT, Answer, Markup, Parts, QuestionType, StoredResponse, Unfit, Warn, XmlWriter

__all__ = ["TRUEFALSE", "TrueFalseType"]


class TrueFalseType(QuestionType[TrueFalseQuestion]):
    name = "truefalse"
    model = TrueFalseQuestion
    interaction = "true-false"
    keys = ("answer",)
    required = ("answer",)
    answer_changed = t("the right answer changed: saved answers will be scored against the new one")
    moodle_type = "truefalse"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        answer = reader.fields.boolean(data, (), "answer")
        return None if answer is None else TrueFalseQuestion(answer=answer, **common)

    def fraction(self, question: TrueFalseQuestion, response: Response) -> float:
        return 1.0 if response is question.answer else 0.0

    def data(self, question: TrueFalseQuestion) -> dict[str, Any]:
        return {"answer": question.answer}

    # RESPONSE: "1" or "0".
    def encode(self, question: TrueFalseQuestion, response: StoredResponse) -> str:
        if not isinstance(response, bool):
            raise TypeError(f"question {question.id}: a truefalse response is True or False")
        return "1" if response else "0"

    def decode(self, question: TrueFalseQuestion, text: str) -> StoredResponse | Unfit:
        return {"1": True, "0": False}.get(text, UNFIT)

    def longest(self, question: TrueFalseQuestion) -> StoredResponse:
        return True

    def shape(self, question: TrueFalseQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (), (question.answer,)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return (), (entry["answer"],)

    def moodle_xml(self, xml: XmlWriter, element: Any, question: TrueFalseQuestion) -> None:
        # Moodle keeps feedback per answer: "correct" goes on the right one.
        for value in (True, False):
            right = value == question.answer
            xml.answer(
                element,
                "100" if right else "0",
                "true" if value else "false",
                question.feedback.correct if right else question.feedback.incorrect,
                text_format="moodle_auto_format",
            )

    def gift(self, question: TrueFalseQuestion, head: str, general: str, warn: Warn) -> str | None:
        # GIFT: {TRUE#feedback if wrong#feedback if right}.
        wrong, right = gift_html(question.feedback.incorrect), gift_html(question.feedback.correct)
        answer = "TRUE" if question.answer else "FALSE"
        answer += f"#{wrong}#{right}" if right else (f"#{wrong}" if wrong else "")
        return head + "{" + answer + general.strip("\t\n") + "}"


TRUEFALSE = TrueFalseType()
