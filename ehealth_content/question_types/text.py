"""``text``: a short typed answer, compared with the accepted ones."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from .._answers import Response, normalize_text, strip_accents
from .._digits import to_digits
from .._reader import Reader
from ..i18n import t
from ..model import Question, TextQuestion
from ._formats import gift_escape, gift_feedback
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
    state_number,
)

__all__ = ["TEXT", "TextType", "short_answers"]


def _matches(question: TextQuestion, typed: str) -> bool:
    if question.match == "exact":
        return typed in question.answers
    wanted = normalize_text(typed)
    return any(normalize_text(answer) == wanted for answer in question.answers)


def _without_accents(text: str) -> str:
    return unicodedata.normalize("NFC", strip_accents(text))


def short_answers(question: TextQuestion) -> list[str]:
    """Accepted answers as Moodle short-answer patterns, variants included, without duplicates."""
    found: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        key = text if question.match == "exact" else text.casefold()
        if text and key not in seen:
            seen.add(key)
            # "*" is Moodle's wildcard: a literal one is escaped.
            found.append(text.replace("*", "\\*"))

    for answer in question.answers:
        if question.match == "exact":
            add(answer)
            continue
        folded = " ".join(answer.split())
        add(folded)
        add(_without_accents(folded))
    return found


class TextType(QuestionType[TextQuestion]):
    name = "text"
    model = TextQuestion
    interaction = "fill-in"
    keys = ("answers", "match")
    required = ("answers",)
    answer_changed = t("the accepted answers changed: wrong typed answers are saved as a verdict only and keep it")
    moodle_type = "shortanswer"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        answers = reader.fields.text_list(data, (), "answers")
        match = reader.fields.one_of(data, (), "match", ("normalized", "exact"))
        if answers is None or len(answers) != len(data["answers"]):
            return None
        if not answers:
            reader.fields.invalid(("answers",), t("'answers' needs at least one accepted answer"))
            return None
        return TextQuestion(answers=tuple(answers), match=match or "normalized", **common)  # type: ignore[arg-type]

    def fraction(self, question: TextQuestion, response: Response) -> float:
        return 1.0 if isinstance(response, str) and _matches(question, response) else 0.0

    def data(self, question: TextQuestion) -> dict[str, Any]:
        return {"answers": list(question.answers), "match": question.match}

    # RESPONSE: "=" and the accepted answer's position, or "x" for any wrong answer (a verdict).
    def encode(self, question: TextQuestion, response: StoredResponse) -> str:
        if isinstance(response, Judged):
            if response.right:
                raise ValueError(f"question {question.id}: a right text answer is kept by position, not as a verdict")
            return "x"
        if not isinstance(response, str):
            raise TypeError(f"question {question.id}: a text response is a string")
        for position, answer in enumerate(question.answers):
            if (
                (response == answer)
                if question.match == "exact"
                else (normalize_text(response) == normalize_text(answer))
            ):
                return "=" + to_digits(position)
        return "x"

    def decode(self, question: TextQuestion, text: str) -> StoredResponse | Unfit:
        if text == "x":
            return Judged(False)
        if text[0] == "=" and len(text) == 2:
            position = state_number(text[1:], 1)
            return question.answers[position] if position < len(question.answers) else UNFIT
        return UNFIT

    def longest(self, question: TextQuestion) -> StoredResponse:
        return question.answers[-1]

    def shape(self, question: TextQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        return (), (tuple(question.answers), question.match)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        return (), (tuple(entry["answers"]), entry["match"])

    def moodle_xml(self, xml: XmlWriter, element: Any, question: TextQuestion) -> None:
        xml.sub(element, "usecase", "1" if question.match == "exact" else "0")
        for answer in short_answers(question):
            xml.answer(element, "100", answer, question.feedback.correct, text_format="moodle_auto_format")
        if question.feedback.incorrect is not None:
            # "*" is Moodle's catch-all answer: the way to show feedback for any wrong response.
            xml.answer(element, "0", "*", question.feedback.incorrect, text_format="moodle_auto_format")

    def gift(self, question: TextQuestion, head: str, general: str, warn: Warn) -> str | None:
        answers = short_answers(question)
        if any("->" in a for a in answers):
            # Moodle's GIFT reader takes "=" with "->" for a matching question.
            warn(t("left out of GIFT: an accepted answer contains '->'"), True)
            return None
        if question.match == "exact":
            warn(t("GIFT short answers ignore case: 'match: exact' is lost"), False)
        lines = [
            f"\t={'%100%' if a.startswith('%') else ''}{gift_escape(a)}{gift_feedback(question.feedback.correct)}"
            for a in answers
        ]
        if question.feedback.incorrect is not None:
            lines.append(f"\t=%0%*{gift_feedback(question.feedback.incorrect)}")
        return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


TEXT = TextType()
