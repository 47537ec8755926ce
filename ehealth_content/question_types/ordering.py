"""``ordering``: items to put in order; all or nothing."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from .._answers import Response
from .._digits import to_digits
from .._reader import Reader
from ..i18n import t
from ..model import OrderingQuestion, Question
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
    letter,
    state_number,
)

__all__ = ["ORDERING", "OrderingType"]

# Saved state packs an ordering as a permutation number in four characters (10! < 64**4).
_MAX_ORDERING_ITEMS = 10


class OrderingType(QuestionType[OrderingQuestion]):
    name = "ordering"
    model = OrderingQuestion
    interaction = "sequencing"
    keys = ("items",)
    required = ("items",)
    # Part of Moodle since 4.4 (plugin qtype_ordering before).
    moodle_type = "ordering"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        items = reader.rich_list(data, "items", 2, _MAX_ORDERING_ITEMS)
        return None if items is None else OrderingQuestion(items=items, **common)

    def fraction(self, question: OrderingQuestion, response: Response) -> float:
        expected = [letter(i) for i in range(len(question.items))]
        if isinstance(response, str) or not isinstance(response, Sequence):
            return 0.0
        return 1.0 if [str(item) for item in response] == expected else 0.0

    def data(self, question: OrderingQuestion) -> dict[str, Any]:
        return {"items": len(question.items)}

    # RESPONSE: the order's rank among all orders (Lehmer code), up to four digits.
    def encode(self, question: OrderingQuestion, response: StoredResponse) -> str:
        ids = [letter(i) for i in range(len(question.items))]
        if isinstance(response, (str, Judged)) or not isinstance(response, Sequence):
            raise TypeError(f"question {question.id}: an ordering response is a sequence of item ids")
        if sorted(map(str, response)) != ids:
            raise ValueError(f"question {question.id}: an ordering response lists every item id once")
        order = [ids.index(str(item)) for item in response]
        value = 0
        for i, item in enumerate(order):
            smaller_after = sum(later < item for later in order[i + 1 :])
            value += smaller_after * math.factorial(len(order) - 1 - i)
        return to_digits(value)

    def decode(self, question: OrderingQuestion, text: str) -> StoredResponse | Unfit:
        value = state_number(text, 4)
        count = len(question.items)
        if value >= math.factorial(count):
            return UNFIT
        left = list(range(count))
        order = []
        for i in range(count):
            index, value = divmod(value, math.factorial(count - 1 - i))
            order.append(left.pop(index))
        return tuple(letter(i) for i in order)

    def longest(self, question: OrderingQuestion) -> StoredResponse:
        return tuple(letter(i) for i in reversed(range(len(question.items))))

    def shape(self, question: OrderingQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (("items", texts(question.items)),), ()

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return (("items", markup.labels(entry["id"], [letter(i) for i in range(markup.count(entry, "items"))])),), ()

    def moodle_xml(self, xml: XmlWriter, element: Any, question: OrderingQuestion) -> None:
        xml.sub(element, "layouttype", "VERTICAL")
        xml.sub(element, "selecttype", "ALL")
        xml.sub(element, "selectcount", str(len(question.items)))
        # Our ordering is all or nothing (fraction above).
        xml.sub(element, "gradingtype", "ALL_OR_NOTHING")
        xml.sub(element, "showgrading", "SHOW")
        xml.sub(element, "numberingstyle", "none")
        xml.combined_feedback(element, question)
        for position, item in enumerate(question.items, 1):
            answer = xml.sub(element, "answer", fraction=str(position), format="html")
            xml.text(answer, item.html, cdata=True)

    def gift(self, question: OrderingQuestion, head: str, general: str, warn: Warn) -> str | None:
        # qtype_ordering reads the raw lines: items are plain text, one a line, not unescaped, and
        # the question text must not hold a "{" before the "{>" that opens the items.
        items = [" ".join(item.plain.split()) for item in question.items]
        if "{" in head or any(not i or "{" in i or "}" in i or i.startswith("//") for i in items):
            warn(t("left out of GIFT: braces or '//' in an ordering question; use moodle-xml"), True)
            return None
        if question.explanation is not None or question.feedback != type(question.feedback)():
            warn(t("GIFT ordering questions carry no feedback"), False)
        return head + f"{{>{len(items)} ALL VERTICAL ALL_OR_NOTHING SHOW\n" + "\n".join(items) + "\n}"


ORDERING = OrderingType()
