"""One question's response in the saved state (docs/architecture.md §3, the RESPONSE table).

Responses come in the form :mod:`ehealth_content.scoring` takes. Decoding gives the same form
back, except where the state keeps only a verdict (text typed wrong, long numbers): then a
:class:`Judged` value. A response that does not fit the question decodes to ``_UNFIT`` so the
record is dropped: state written by an older module version must never break a newer one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, TypeAlias

from ehealth_content import (
    Choice,
    LikertQuestion,
    MatchingQuestion,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ehealth_content.scoring import Response, normalize_text, result_state

from ._digits import from_digits, to_digits

__all__ = ["UNFIT", "Judged", "StoredResponse", "Unfit", "decode_response", "encode_response", "longest_response"]


@dataclass(frozen=True, slots=True)
class Judged:
    """A response the state keeps only as its verdict (what was typed is not kept)."""

    right: bool
    """Whether the response was right when it was submitted."""


# Decoding gives str, bool, frozenset (multiple), tuple (ordering), dict (matching) or Judged.
StoredResponse: TypeAlias = Response | Judged


class Unfit:
    """The response does not fit the current question: drop the record."""


UNFIT: Final = Unfit()

# What a numeric record may keep as typed: short, unambiguous, free of the separators , ~ .
_KEPT_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_MAX_KEPT_NUMBER = 4


def _letter(index: int) -> str:
    return chr(ord("a") + index)


def encode_response(question: Question, response: StoredResponse) -> str:
    """The RESPONSE part of a record (0 to 5 characters).

    TypeError for a response of the wrong shape, ValueError for a value the question lacks.
    """
    if response is None:
        return ""
    match question:
        case SingleChoiceQuestion():
            return to_digits(_choice_position(question.choices, response))
        case MultipleChoiceQuestion():
            if isinstance(response, (str, bool, float, Judged)) or not isinstance(response, Collection):
                raise TypeError(f"question {question.id}: a multiple response is a set of choice ids")
            mask = sum(1 << _choice_position(question.choices, c) for c in response)
            return to_digits(mask)
        case TrueFalseQuestion():
            if not isinstance(response, bool):
                raise TypeError(f"question {question.id}: a truefalse response is True or False")
            return "1" if response else "0"
        case LikertQuestion():
            position = int(str(response)) - 1
            if not 0 <= position < len(question.scale):
                raise ValueError(f"question {question.id}: no scale point {response!r}")
            return to_digits(position)
        case TextQuestion():
            return _encode_text(question, response)
        case NumericQuestion():
            return _encode_numeric(question, response)
        case MatchingQuestion():
            if not isinstance(response, Mapping):
                raise TypeError(f"question {question.id}: a matching response maps left ids to right ids")
            value = 0
            for index in range(len(question.pairs)):
                right = response.get(_letter(index))
                chosen = int(right) if right else 0
                if not 0 <= chosen <= len(question.right_sides):
                    raise ValueError(f"question {question.id}: no right side {right!r}")
                value += chosen * 10**index
            return to_digits(value)
        case OrderingQuestion():
            return to_digits(_lehmer(question, response))


def _choice_position(choices: Sequence[Choice], response: object) -> int:
    for position, choice in enumerate(choices):
        if choice.id == response:
            return position
    raise ValueError(f"no choice {response!r}")


def _encode_text(question: TextQuestion, response: StoredResponse) -> str:
    if isinstance(response, Judged):
        if response.right:
            raise ValueError(f"question {question.id}: a right text answer is kept by position, not as a verdict")
        return "x"
    if not isinstance(response, str):
        raise TypeError(f"question {question.id}: a text response is a string")
    for position, answer in enumerate(question.answers):
        if (response == answer) if question.match == "exact" else (normalize_text(response) == normalize_text(answer)):
            return "=" + to_digits(position)
    return "x"


def _encode_numeric(question: NumericQuestion, response: StoredResponse) -> str:
    if isinstance(response, Judged):
        return "=" if response.right else "x"
    if isinstance(response, bool) or not isinstance(response, (str, float, int)):
        raise TypeError(f"question {question.id}: a numeric response is the typed string or a number")
    typed = _SPACES.sub("", response if isinstance(response, str) else repr(float(response)))
    typed = typed.replace(",", ".")
    if len(typed) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(typed):
        return "n" + typed
    return "=" if result_state(question, response) == "correct" else "x"


def _lehmer(question: OrderingQuestion, response: StoredResponse) -> int:
    ids = [_letter(i) for i in range(len(question.items))]
    if isinstance(response, (str, Judged)) or not isinstance(response, Sequence):
        raise TypeError(f"question {question.id}: an ordering response is a sequence of item ids")
    if sorted(map(str, response)) != ids:
        raise ValueError(f"question {question.id}: an ordering response lists every item id once")
    order = [ids.index(str(item)) for item in response]
    value = 0
    for i, item in enumerate(order):
        smaller_after = sum(later < item for later in order[i + 1:])
        value += smaller_after * math.factorial(len(order) - 1 - i)
    return value


def decode_response(question: Question, text: str) -> StoredResponse | Unfit:
    """The response a RESPONSE string stands for, or UNFIT when it cannot be this question's."""
    if text == "":
        return None
    try:
        return _decode(question, text)
    except ValueError:
        return UNFIT


def _decode(question: Question, text: str) -> StoredResponse | Unfit:
    match question:
        case SingleChoiceQuestion():
            position = _number(text, 1)
            return question.choices[position].id if position < len(question.choices) else UNFIT
        case MultipleChoiceQuestion():
            mask = _number(text, 5)
            if mask >> len(question.choices):
                return UNFIT
            return frozenset(c.id for i, c in enumerate(question.choices) if mask >> i & 1)
        case TrueFalseQuestion():
            return {"1": True, "0": False}.get(text, UNFIT)
        case LikertQuestion():
            position = _number(text, 1)
            return str(position + 1) if position < len(question.scale) else UNFIT
        case TextQuestion():
            if text == "x":
                return Judged(False)
            if text[0] == "=" and len(text) == 2:
                position = _number(text[1:], 1)
                return question.answers[position] if position < len(question.answers) else UNFIT
            return UNFIT
        case NumericQuestion():
            if text in ("=", "x"):
                return Judged(text == "=")
            kept = text[1:]
            ok = text[0] == "n" and len(kept) <= _MAX_KEPT_NUMBER and _KEPT_NUMBER.fullmatch(kept)
            return kept if ok else UNFIT
        case MatchingQuestion():
            value = _number(text, 5)
            chosen: dict[str, str] = {}
            for index in range(len(question.pairs)):
                value, digit = divmod(value, 10)
                if digit > len(question.right_sides):
                    return UNFIT
                if digit:
                    chosen[_letter(index)] = str(digit)
            return UNFIT if value else chosen
        case OrderingQuestion():
            return _from_lehmer(question, _number(text, 4))


def _number(text: str, max_digits: int) -> int:
    if len(text) > max_digits:
        raise ValueError("too many digits")
    return from_digits(text)


def _from_lehmer(question: OrderingQuestion, value: int) -> tuple[str, ...] | Unfit:
    count = len(question.items)
    if value >= math.factorial(count):
        return UNFIT
    left = list(range(count))
    order = []
    for i in range(count):
        index, value = divmod(value, math.factorial(count - 1 - i))
        order.append(left.pop(index))
    return tuple(_letter(i) for i in order)


def longest_response(question: Question) -> StoredResponse:
    """A response whose record is as long as this question's records can be."""
    match question:
        case SingleChoiceQuestion():
            return question.choices[-1].id
        case MultipleChoiceQuestion():
            return frozenset(c.id for c in question.choices)
        case TrueFalseQuestion():
            return True
        case LikertQuestion():
            return str(len(question.scale))
        case TextQuestion():
            return question.answers[-1]
        case NumericQuestion():
            return "9.99"
        case MatchingQuestion():
            top = str(len(question.right_sides))
            return {_letter(i): top for i in range(len(question.pairs))}
        case OrderingQuestion():
            return tuple(_letter(i) for i in reversed(range(len(question.items))))
