"""``likert``: a point on a scale; never scored, and not exported to Moodle."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._answers import Response
from .._digits import to_digits
from .._reader import Reader
from ..i18n import t
from ..model import LikertQuestion, Question
from ._spec import UNFIT, Answer, Markup, Parts, QuestionType, StoredResponse, Unfit, state_number

__all__ = ["LIKERT", "LikertType"]

# SCORM 1.2 identifies scale points by one character.
_MAX_SCALE = 9


class LikertType(QuestionType[LikertQuestion]):
    name = "likert"
    model = LikertQuestion
    interaction = "likert"
    keys = ("scale",)
    required = ("scale",)
    scored = False
    moodle_missing = t("likert questions are left out: a Moodle quiz has no survey item")

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        scale = reader.rich_list(data, "scale", 2, _MAX_SCALE)
        return None if scale is None else LikertQuestion(scale=scale, **common)

    def fraction(self, question: LikertQuestion, response: Response) -> float:
        return 0.0

    def data(self, question: LikertQuestion) -> dict[str, Any]:
        return {"scale": len(question.scale)}

    # RESPONSE: the scale point's position, one digit.
    def encode(self, question: LikertQuestion, response: StoredResponse) -> str:
        position = int(str(response)) - 1
        if not 0 <= position < len(question.scale):
            raise ValueError(f"question {question.id}: no scale point {response!r}")
        return to_digits(position)

    def decode(self, question: LikertQuestion, text: str) -> StoredResponse | Unfit:
        position = state_number(text, 1)
        return str(position + 1) if position < len(question.scale) else UNFIT

    def longest(self, question: LikertQuestion) -> StoredResponse:
        return str(len(question.scale))

    def shape(self, question: LikertQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (("scale points", texts(question.scale)),), ()

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        points = [str(i) for i in range(1, markup.count(entry, "scale") + 1)]
        return (("scale points", markup.labels(entry["id"], points)),), ()


LIKERT = LikertType()
