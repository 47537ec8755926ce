"""``matching``: each left side matched with one right side (drop-down lists)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .._answers import Response
from .._digits import to_digits
from .._fields import describe
from .._reader import Reader
from .._yaml import Path
from ..i18n import t
from ..model import MatchingPair, MatchingQuestion, Question, RichText
from ._formats import gift_escape, gift_html
from ._spec import (
    UNFIT,
    Answer,
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

__all__ = ["MATCHING", "MatchingType"]

# SCORM 1.2 identifies right sides by one digit; saved state keeps one digit per left side.
_MAX_RIGHT_SIDES = 9


class MatchingType(QuestionType[MatchingQuestion]):
    name = "matching"
    model = MatchingQuestion
    interaction = "matching"
    keys = ("pairs", "distractors")
    required = ("pairs",)
    moodle_type = "matching"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        items = reader.list(data, "pairs", 2, _MAX_RIGHT_SIDES)
        distractors: tuple[RichText, ...] | None = ()
        if data.get("distractors") is not None:
            distractors = reader.rich_list(data, "distractors", 1, _MAX_RIGHT_SIDES)
        if items is None or distractors is None:
            return None
        pairs: list[MatchingPair] = []
        for index, item in enumerate(items):
            path: Path = ("pairs", index)
            if not isinstance(item, dict):
                fields.invalid(
                    path,
                    t("pair {number} must be {{left, right}}, not {value}", number=index + 1, value=describe(item)),
                )
                continue
            fields.check_keys(item, path, ("left", "right"), t("in a pair"))
            if not fields.require(item, path, ("left", "right"), t("in the pair")):
                continue
            left = reader.rich(item["left"], path + ("left",), inline=True)
            right = reader.rich(item["right"], path + ("right",), inline=True)
            if left is not None and right is not None:
                pairs.append(MatchingPair(left, right, reader.span(path)))
        if len(pairs) != len(items):
            return None
        if len(pairs) + len(distractors) > _MAX_RIGHT_SIDES:
            fields.invalid(
                ("distractors",), t("at most {limit} right sides in all (pairs + distractors)", limit=_MAX_RIGHT_SIDES)
            )
            return None
        return MatchingQuestion(pairs=tuple(pairs), distractors=distractors, **common)

    # Each correctly matched left side earns its share, as in Moodle.
    def fraction(self, question: MatchingQuestion, response: Response) -> float:
        if not isinstance(response, Mapping):
            return 0.0
        matched = sum(str(response.get(letter(i))) == str(i + 1) for i in range(len(question.pairs)))
        return matched / len(question.pairs)

    def data(self, question: MatchingQuestion) -> dict[str, Any]:
        return {"lefts": len(question.pairs), "rights": len(question.right_sides)}

    # RESPONSE: one decimal digit per left side (0: none picked), as a number in state digits.
    def encode(self, question: MatchingQuestion, response: StoredResponse) -> str:
        if not isinstance(response, Mapping):
            raise TypeError(f"question {question.id}: a matching response maps left ids to right ids")
        value = 0
        for index in range(len(question.pairs)):
            right = response.get(letter(index))
            chosen = int(right) if right else 0
            if not 0 <= chosen <= len(question.right_sides):
                raise ValueError(f"question {question.id}: no right side {right!r}")
            value += chosen * 10**index
        return to_digits(value)

    def decode(self, question: MatchingQuestion, text: str) -> StoredResponse | Unfit:
        value = state_number(text, 5)
        chosen: dict[str, str] = {}
        for index in range(len(question.pairs)):
            value, digit = divmod(value, 10)
            if digit > len(question.right_sides):
                return UNFIT
            if digit:
                chosen[letter(index)] = str(digit)
        return UNFIT if value else chosen

    def longest(self, question: MatchingQuestion) -> StoredResponse:
        top = str(len(question.right_sides))
        return {letter(i): top for i in range(len(question.pairs))}

    def shape(self, question: MatchingQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (("left sides", texts(p.left for p in question.pairs)), ("right sides", texts(question.right_sides))), ()

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        qid = entry["id"]
        lefts = markup.labels(qid, [letter(i) for i in range(markup.count(entry, "lefts"))])
        # Right sides are the options of every left side's list; the first list shows them.
        rights = markup.options(f"{qid}--a") or ("",) * markup.count(entry, "rights")
        return (("left sides", lefts), ("right sides", rights)), ()

    def moodle_xml(self, xml: XmlWriter, element: Any, question: MatchingQuestion) -> None:
        xml.sub(element, "shuffleanswers", "true" if question.shuffle else "false")
        xml.combined_feedback(element, question)
        for pair in question.pairs:
            sub = xml.sub(element, "subquestion", format="html")
            xml.text(sub, pair.left.html, cdata=True)
            # Right sides are options of a drop-down list in Moodle: plain text only.
            xml.text(xml.sub(sub, "answer"), pair.right.plain)
        for distractor in question.distractors:
            # An empty left side is how Moodle spells "an extra wrong answer".
            sub = xml.sub(element, "subquestion", format="html")
            xml.text(sub, "")
            xml.text(xml.sub(sub, "answer"), distractor.plain)

    def gift(self, question: MatchingQuestion, head: str, general: str, warn: Warn) -> str | None:
        if any("->" in pair.left.html for pair in question.pairs):
            warn(t("left out of GIFT: a left side contains '->'"), True)
            return None
        lines = [f"\t={gift_html(p.left)} -> {gift_escape(p.right.plain)}" for p in question.pairs]
        # An empty left side is an extra wrong answer, as Moodle's own GIFT export writes it.
        lines += [f"\t= -> {gift_escape(d.plain)}" for d in question.distractors]
        return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


MATCHING = MatchingType()
