"""``multiple``: any number of right choices (check boxes), all or nothing, partial credit, or
the EDN discordance rule; optionally stating how many answers are expected (QRP)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .._answers import Response
from .._fields import describe
from .._reader import Reader
from ..i18n import Message, t
from ..model import MultipleChoiceQuestion, Question
from ._choices import (
    choices_data,
    choices_shape,
    decode_checked,
    encode_checked,
    every_choice,
    multichoice_xml,
    read_choices,
    read_choices_shape,
)
from ._formats import gift_feedback, gift_html, gift_weight, grade, grade_at_least
from ._spec import (
    Answer,
    Markup,
    Parts,
    QuestionType,
    StoredResponse,
    Unfit,
    Warn,
    XmlWriter,
)

__all__ = ["EDN_CREDIT", "MULTIPLE", "SCORING_RULES", "MultipleType", "choice_fractions", "discordances"]

SCORING_RULES = ("all-or-nothing", "partial", "edn")
"""The values of ``scoring`` (per question, or for the module in the front matter)."""
# A question has at most 26 choices (SCORM 1.2 names each by one character).
_MAX_EXPECT = 26
EDN_CREDIT = (1.0, 0.5, 0.2)
"""The EDN rule: credit for 0, 1 and 2 discordances; 3 or more earn nothing."""


def choice_fractions(question: MultipleChoiceQuestion) -> list[float] | None:
    """Moodle fractions (-1 … 1) of each choice, or None when Moodle's list cannot split 100 %."""
    right = sum(c.correct for c in question.choices)
    wrong = len(question.choices) - right
    share = grade(1 / right)
    if share is None:
        return None
    if question.scoring in ("partial", "edn"):
        # EDN's discordance rule has no Moodle equivalent: per-choice credit is the nearest.
        penalty = grade_at_least(1 / wrong) if wrong else 0.0
    else:
        penalty = 1.0
    return [share if c.correct else -penalty for c in question.choices]


def _as_ids(response: Response) -> frozenset[str]:
    if isinstance(response, str) or not isinstance(response, Iterable):
        return frozenset()
    return frozenset(str(item) for item in response)


def discordances(question: MultipleChoiceQuestion, checked: frozenset[str]) -> int:
    """Choices checked that should not be, plus choices left unchecked that should be."""
    return sum((c.id in checked) != c.correct for c in question.choices)


class MultipleType(QuestionType[MultipleChoiceQuestion]):
    name = "multiple"
    model = MultipleChoiceQuestion
    interaction = "choice"
    keys = ("choices", "scoring", "expect")
    required = ("choices",)
    answer_changed = t("the right choices changed: saved answers will be scored against the new ones")
    moodle_type = "multichoice"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        choices = read_choices(data, reader)
        scoring = reader.fields.one_of(data, (), "scoring", SCORING_RULES)
        expect = _expect(data, reader)
        if choices is None or expect is None:
            return None
        right = sum(c.correct for c in choices)
        if not right:
            at = reader.fields.at(("choices",))
            reader.fields.report.error("E409", t("a 'multiple' question needs at least one correct choice"), at=at)
            return None
        if isinstance(expect, int) and not isinstance(expect, bool) and expect != right:
            reader.fields.report.error(
                "E409",
                t("'expect: {expect}' but the right choices are {right}", expect=expect, right=right),
                at=reader.fields.at(("expect",)),
                hint=t("'expect' is the number of right choices; 'expect: true' states it without repeating it"),
            )
            return None
        stated = right if expect is True or (expect == "module" and reader.ctx.expect) else None
        if isinstance(expect, int) and not isinstance(expect, bool):
            stated = expect
        rule = scoring or reader.ctx.scoring or "all-or-nothing"
        return MultipleChoiceQuestion(choices=choices, scoring=rule, expect=stated, **common)  # type: ignore[arg-type]

    def fraction(self, question: MultipleChoiceQuestion, response: Response) -> float:
        checked = _as_ids(response)
        if question.scoring == "edn":
            missed = discordances(question, checked)
            return EDN_CREDIT[missed] if missed < len(EDN_CREDIT) else 0.0
        agreeing = sum((c.id in checked) == c.correct for c in question.choices)
        if question.scoring == "partial":
            return agreeing / len(question.choices)
        return 1.0 if agreeing == len(question.choices) else 0.0

    def data(self, question: MultipleChoiceQuestion) -> dict[str, Any]:
        data: dict[str, Any] = {"scoring": question.scoring, "choices": choices_data(question)}
        if question.expect is not None:
            data["expect"] = question.expect
        return data

    # RESPONSE: a bit mask of the checked positions (_choices.encode_checked).
    def encode(self, question: MultipleChoiceQuestion, response: StoredResponse) -> str:
        return encode_checked(question.id, question.choices, response)

    def decode(self, question: MultipleChoiceQuestion, text: str) -> StoredResponse | Unfit:
        return decode_checked(question.choices, text)

    def longest(self, question: MultipleChoiceQuestion) -> StoredResponse:
        return every_choice(question.choices)

    def shape(self, question: MultipleChoiceQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return choices_shape(question, texts)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return read_choices_shape(entry, markup)

    def unsupported(self, question: MultipleChoiceQuestion) -> Message | None:
        if choice_fractions(question) is None:
            right = sum(c.correct for c in question.choices)
            return t("left out: Moodle's grade list cannot split 100% evenly among {count} right choices", count=right)
        return None

    def moodle_xml(self, xml: XmlWriter, element: Any, question: MultipleChoiceQuestion) -> None:
        # The exporters left out the questions Moodle cannot grade (unsupported).
        multichoice_xml(xml, element, question, choice_fractions(question) or [], single=False)

    def moodle_caveats(self, question: MultipleChoiceQuestion) -> tuple[Message, ...]:
        caveats = []
        if question.scoring == "edn":
            caveats.append(
                t(
                    "scoring: edn (EDN discordance rule) has no Moodle equivalent: exported with per-choice "
                    "fractions (each right choice its share, each wrong one a penalty), so scores differ"
                )
            )
        if question.expect is not None:
            caveats.append(
                t(
                    "expect: {expect} is not enforced by Moodle: the learner may submit another number of choices",
                    expect=question.expect,
                )
            )
        return tuple(caveats)

    def gift(self, question: MultipleChoiceQuestion, head: str, general: str, warn: Warn) -> str | None:
        # No "=" at all: that is how GIFT tells a multiple-response question.
        fractions = choice_fractions(question) or []
        lines = [
            f"\t~{gift_weight(f, gift_html(c.text))}{gift_html(c.text)}{gift_feedback(c.feedback)}"
            for c, f in zip(question.choices, fractions, strict=False)
        ]
        return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


def _expect(data: dict[str, Any], reader: Reader) -> int | bool | str | None:
    """``expect`` as written (a count, or true/false), "module" when absent; None when invalid."""
    value = data.get("expect")
    if value is None:
        return "module"
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and 1 <= value <= _MAX_EXPECT:
        return value
    reader.fields.invalid(
        ("expect",),
        t(
            "'expect' must be the number of right choices (1 to {most}) or true/false, not {value}",
            most=_MAX_EXPECT,
            value=describe(value),
        ),
    )
    return None


MULTIPLE = MultipleType()
