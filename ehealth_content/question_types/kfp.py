"""``kfp``: a key-feature problem. The learner picks at most ``select`` actions from a list;
credit is the share of key features found, and dangerous actions cost (``danger``).

Scoring (K key features, f found, d dangerous actions picked, more than ``select`` picked = 0):
``danger: zero`` (default) gives 0 as soon as d > 0, else f / K; ``danger: penalty`` gives
max(0, (f - d) / K). The zero rule is the "killer option" of key-feature examinations (Page,
Bordage & Allen 1995; Farmer & Page 2005, Med Educ 39:1188): a harmful decision is not made
up for by the right ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from .._answers import Response
from .._fields import describe
from .._reader import Reader
from .._yaml import Path
from ..i18n import Message, t
from ..model import Choice, KeyFeatureQuestion, Question
from ._choices import decode_checked, encode_checked, every_choice, read_choices_shape
from ._formats import format_fraction, gift_feedback, gift_html, gift_weight, grade
from ._spec import (
    Answer,
    Markup,
    Parts,
    QuestionType,
    StoredResponse,
    Unfit,
    Warn,
    XmlWriter,
    letter,
)

__all__ = ["KFP", "KeyFeatureType", "kfp_fractions"]

_ACTION_STRING = re.compile(r"\[([ xX!])\]\s*(.*)", re.DOTALL)
# Choice ids are one character (SCORM 1.2), as for single and multiple.
_MAX_ACTIONS = 26


def kfp_fractions(question: KeyFeatureQuestion) -> list[float] | None:
    """Moodle fractions of each action (key features share 100 %, a dangerous action takes it
    all under ``zero`` or one share under ``penalty``), or None when the share is not in
    Moodle's grade list."""
    keys = sum(c.correct for c in question.choices)
    share = grade(1 / keys)
    if share is None:
        return None
    harm = 1.0 if question.danger == "zero" else share
    return [share if c.correct else -harm if c.id in question.dangerous else 0.0 for c in question.choices]


def _as_ids(response: Response) -> frozenset[str]:
    if isinstance(response, str) or not isinstance(response, Iterable):
        return frozenset()
    return frozenset(str(item) for item in response)


class KeyFeatureType(QuestionType[KeyFeatureQuestion]):
    name = "kfp"
    model = KeyFeatureQuestion
    interaction = "choice"
    keys = ("actions", "select", "danger")
    required = ("actions",)
    answer_changed = t(
        "the key features or dangerous actions changed: saved answers will be scored against the new ones"
    )
    moodle_type = "multichoice"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        actions = _read_actions(data, reader)
        danger = fields.one_of(data, (), "danger", ("zero", "penalty"))
        select = fields.integer(data, (), "select", 1, _MAX_ACTIONS) if "select" in data else None
        if actions is None:
            return None
        choices, dangerous = actions
        keys = sum(c.correct for c in choices)
        if keys == 0:
            fields.report.error(
                "E409",
                t("a 'kfp' question needs at least one key feature: an action written '[x] …'"),
                at=fields.at(("actions",)),
            )
            return None
        if select is not None and not keys <= select <= len(choices):
            fields.invalid(
                ("select",),
                t(
                    "'select' must be between the number of key features ({keys}) and of actions ({actions}), not {select}",
                    keys=keys,
                    actions=len(choices),
                    select=select,
                ),
            )
            return None
        if "select" in data and select is None:
            return None
        return KeyFeatureQuestion(
            choices=choices,
            dangerous=dangerous,
            select=select or keys,
            danger=danger or "zero",  # type: ignore[arg-type]
            **common,
        )

    def fraction(self, question: KeyFeatureQuestion, response: Response) -> float:
        picked = _as_ids(response) & {c.id for c in question.choices}
        if not picked or len(picked) > question.select:
            return 0.0
        keys = sum(c.correct for c in question.choices)
        found = sum(c.correct and c.id in picked for c in question.choices)
        harmful = len(picked & set(question.dangerous))
        if harmful and question.danger == "zero":
            return 0.0
        return max(0.0, (found - harmful) / keys)

    def data(self, question: KeyFeatureQuestion) -> dict[str, Any]:
        return {
            "select": question.select,
            "danger": question.danger,
            "choices": [
                {"id": c.id, "correct": c.correct, "dangerous": c.id in question.dangerous} for c in question.choices
            ],
        }

    # RESPONSE: a bit mask of the picked positions, as multiple's (_choices.encode_checked).
    def encode(self, question: KeyFeatureQuestion, response: StoredResponse) -> str:
        return encode_checked(question.id, question.choices, response)

    def decode(self, question: KeyFeatureQuestion, text: str) -> StoredResponse | Unfit:
        return decode_checked(question.choices, text)

    def longest(self, question: KeyFeatureQuestion) -> StoredResponse:
        return every_choice(question.choices)

    def shape(self, question: KeyFeatureQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        parts: Parts = (("choices", texts(c.text for c in question.choices)),)
        return parts, _answer(
            question.select,
            question.danger,
            [(c.correct, c.id in question.dangerous) for c in question.choices],
        )

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        parts, _ = read_choices_shape(entry, markup)
        actions = [(bool(c["correct"]), bool(c.get("dangerous"))) for c in entry["choices"]]
        return parts, _answer(markup.count(entry, "select"), str(entry["danger"]), actions)

    def unsupported(self, question: KeyFeatureQuestion) -> Message | None:
        if kfp_fractions(question) is None:
            keys = sum(c.correct for c in question.choices)
            return t("left out: Moodle's grade list cannot split 100% evenly among {keys} key features", keys=keys)
        return None

    def moodle_xml(self, xml: XmlWriter, element: Any, question: KeyFeatureQuestion) -> None:
        xml.sub(element, "single", "false")
        xml.sub(element, "shuffleanswers", "true" if question.shuffle else "false")
        xml.sub(element, "answernumbering", "abc")
        xml.sub(element, "showstandardinstruction", "0")
        xml.combined_feedback(element, question)
        for choice, fraction in zip(question.choices, kfp_fractions(question) or [], strict=False):
            xml.answer(element, format_fraction(fraction), choice.text, choice.feedback)

    def moodle_caveats(self, question: KeyFeatureQuestion) -> tuple[Message, ...]:
        return (
            t(
                "Moodle does not stop a learner from checking more than {select} actions "
                "(a multiple-answer question): say the limit in the prompt",
                select=question.select,
            ),
        )

    def gift(self, question: KeyFeatureQuestion, head: str, general: str, warn: Warn) -> str | None:
        lines = [
            f"\t~{gift_weight(f, gift_html(c.text))}{gift_html(c.text)}{gift_feedback(c.feedback)}"
            for c, f in zip(question.choices, kfp_fractions(question) or [], strict=False)
        ]
        return head + "{\n" + "\n".join(lines) + "\n" + general + "}"


def _answer(select: int, danger: str, actions: list[tuple[bool, bool]]) -> Answer:
    return (select, danger, *actions)


def _read_actions(data: dict[str, Any], reader: Reader) -> tuple[tuple[Choice, ...], tuple[str, ...]] | None:
    items = reader.list(data, "actions", 2, _MAX_ACTIONS)
    if items is None:
        return None
    fields = reader.fields
    choices: list[Choice] = []
    dangerous: list[str] = []
    ok = True
    for index, item in enumerate(items):
        path: Path = ("actions", index)
        action_id = letter(index)
        feedback = None
        if isinstance(item, str):
            match = _ACTION_STRING.fullmatch(item.strip())
            if match is None or not match.group(2).strip():
                fields.invalid(
                    path,
                    t(
                        "action {number} must start with '[x] ' (key feature), '[!] ' (dangerous) or '[ ] ' (other)",
                        number=index + 1,
                    ),
                    hint=t('write "[x] text", "[!] text" or "[ ] text", or {{text, correct, dangerous}}'),
                )
                ok = False
                continue
            mark = match.group(1)
            correct, harmful = mark in "xX", mark == "!"
            text = reader.rich(match.group(2), path, inline=True)
        elif isinstance(item, dict):
            fields.check_keys(item, path, ("text", "correct", "dangerous", "feedback"), t("in an action"))
            if not fields.require(item, path, ("text",), t("in the action")):
                ok = False
                continue
            text = reader.rich(item.get("text"), path + ("text",), inline=True)
            correct = bool(fields.boolean(item, path, "correct"))
            harmful = bool(fields.boolean(item, path, "dangerous"))
            feedback = reader.rich(item.get("feedback"), path + ("feedback",), inline=False)
            if correct and harmful:
                fields.invalid(path, t("action {number} cannot be both a key feature and dangerous", number=index + 1))
                ok = False
        else:
            fields.invalid(
                path,
                t("action {number} must be a text or a mapping, not {value}", number=index + 1, value=describe(item)),
            )
            ok = False
            continue
        if text is None:
            ok = False
            continue
        choices.append(Choice(action_id, text, correct, feedback, reader.span(path)))
        if harmful:
            dangerous.append(action_id)
    return (tuple(choices), tuple(dangerous)) if ok else None


KFP = KeyFeatureType()
