"""What ``single`` and ``multiple`` share: a list of choices, each right or wrong."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import Any

from .._digits import to_digits
from .._fields import describe
from .._reader import Reader
from .._yaml import Path
from ..i18n import t
from ..model import Choice, MultipleChoiceQuestion, SingleChoiceQuestion
from ._formats import format_fraction
from ._spec import UNFIT, Answer, Judged, Markup, Parts, StoredResponse, Unfit, XmlWriter, state_number

__all__ = [
    "choice_position",
    "choices_data",
    "choices_shape",
    "decode_checked",
    "encode_checked",
    "every_choice",
    "multichoice_xml",
    "read_choices",
    "read_choices_shape",
]

_CHOICE_STRING = re.compile(r"\[([ xX])\]\s*(.*)", re.DOTALL)
_CHOICE_ID = re.compile(r"[a-z0-9]")
# SCORM 1.2 identifies choices by one character.
_MAX_CHOICES = 26


def read_choices(data: dict[str, Any], reader: Reader) -> tuple[Choice, ...] | None:
    items = reader.list(data, "choices", 2, _MAX_CHOICES)
    if items is None:
        return None
    fields = reader.fields
    choices: list[Choice] = []
    seen: dict[str, int] = {}
    ok = True
    for index, item in enumerate(items):
        path: Path = ("choices", index)
        choice_id, text, correct, feedback = chr(ord("a") + index), None, False, None
        if isinstance(item, str):
            match = _CHOICE_STRING.fullmatch(item.strip())
            if match is None or not match.group(2).strip():
                fields.invalid(
                    path,
                    t("choice {number} must start with '[x] ' (right) or '[ ] ' (wrong)", number=index + 1),
                    hint=t('write "[x] text" or "[ ] text" in double quotes, or {{text, correct}}'),
                )
                ok = False
                continue
            correct, text = match.group(1) != " ", reader.rich(match.group(2), path, inline=True)
        elif isinstance(item, dict):
            fields.check_keys(item, path, ("text", "correct", "feedback", "id"), t("in a choice"))
            if not fields.require(item, path, ("text",), t("in the choice")):
                ok = False
                continue
            text = reader.rich(item.get("text"), path + ("text",), inline=True)
            correct = bool(fields.boolean(item, path, "correct"))
            feedback = reader.rich(item.get("feedback"), path + ("feedback",), inline=False)
            if "id" in item:
                explicit = str(item["id"])
                if not _CHOICE_ID.fullmatch(explicit):
                    fields.invalid(
                        path + ("id",), t("choice id '{id}' must be one lowercase letter or digit", id=str(explicit))
                    )
                    ok = False
                choice_id = explicit
        else:
            fields.invalid(
                path,
                t("choice {number} must be a text or a mapping, not {value}", number=index + 1, value=describe(item)),
            )
            ok = False
            continue
        if choice_id in seen:
            fields.invalid(
                path,
                t(
                    "choice id '{id}' is used twice (first by choice {number})",
                    id=choice_id,
                    number=seen[choice_id] + 1,
                ),
            )
            ok = False
        seen[choice_id] = index
        if text is None:
            ok = False
            continue
        choices.append(Choice(choice_id, text, correct, feedback, reader.span(path)))
    return tuple(choices) if ok else None


def choice_position(choices: Sequence[Choice], response: object) -> int:
    for position, choice in enumerate(choices):
        if choice.id == response:
            return position
    raise ValueError(f"no choice {response!r}")


# RESPONSE of the types whose learner checks boxes (multiple, kfp): a bit mask of the checked
# positions, up to five digits.
def encode_checked(question_id: str, choices: Sequence[Choice], response: StoredResponse) -> str:
    if isinstance(response, (str, bool, float, Judged)) or not isinstance(response, Collection):
        raise TypeError(f"question {question_id}: the response is a set of choice ids")
    return to_digits(sum(1 << choice_position(choices, c) for c in response))


def decode_checked(choices: Sequence[Choice], text: str) -> StoredResponse | Unfit:
    mask = state_number(text, 5)
    if mask >> len(choices):
        return UNFIT
    return frozenset(c.id for i, c in enumerate(choices) if mask >> i & 1)


def every_choice(choices: Sequence[Choice]) -> StoredResponse:
    """The response with the longest record: every box checked."""
    return frozenset(c.id for c in choices)


def choices_data(question: SingleChoiceQuestion | MultipleChoiceQuestion) -> list[dict[str, Any]]:
    return [{"id": c.id, "correct": c.correct} for c in question.choices]


def choices_shape(
    question: SingleChoiceQuestion | MultipleChoiceQuestion, texts: Callable[[Any], tuple[str, ...]]
) -> tuple[Parts, Answer]:
    return (("choices", texts(c.text for c in question.choices)),), tuple(c.correct for c in question.choices)


def read_choices_shape(entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
    parts = (("choices", markup.labels(entry["id"], [c["id"] for c in entry["choices"]])),)
    return parts, tuple(bool(c["correct"]) for c in entry["choices"])


def multichoice_xml(
    xml: XmlWriter,
    element: Any,
    question: SingleChoiceQuestion | MultipleChoiceQuestion,
    fractions: list[float],
    *,
    single: bool,
) -> None:
    xml.sub(element, "single", "true" if single else "false")
    xml.sub(element, "shuffleanswers", "true" if question.shuffle else "false")
    xml.sub(element, "answernumbering", "abc")
    xml.sub(element, "showstandardinstruction", "0")
    xml.combined_feedback(element, question)
    for choice, fraction in zip(question.choices, fractions, strict=False):
        xml.answer(element, format_fraction(fraction), choice.text, choice.feedback)
