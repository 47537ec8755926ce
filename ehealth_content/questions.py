"""The meaning of a quiz block: its YAML turned into a typed question, every problem reported."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import framework
from ._fields import FieldCodes, Fields, describe, text_hint
from ._render import RenderContext, render_text
from ._syntax import QuizBlock
from ._yaml import Path, load_yaml
from .diagnostics import did_you_mean
from .model import (
    QUESTION_TYPES,
    Choice,
    Feedback,
    LikertQuestion,
    MatchingPair,
    MatchingQuestion,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    RichText,
    SingleChoiceQuestion,
    Span,
    TextQuestion,
    TrueFalseQuestion,
)

__all__ = ["QuestionContext", "parse_question", "COMMON_KEYS", "TYPE_KEYS"]

COMMON_KEYS = (
    "id", "type", "prompt", "points", "competency", "attempts", "feedback", "explanation",
    "pool", "shuffle",
)
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("choices",),
    "multiple": ("choices", "scoring"),
    "truefalse": ("answer",),
    "text": ("answers", "match"),
    "numeric": ("answer", "tolerance", "range", "unit"),
    "matching": ("pairs", "distractors"),
    "ordering": ("items",),
    "likert": ("scale",),
}
_REQUIRED_BY_TYPE = {
    "single": ("choices",), "multiple": ("choices",), "truefalse": ("answer",),
    "text": ("answers",), "matching": ("pairs",), "ordering": ("items",), "likert": ("scale",),
}
_CODES = FieldCodes(missing="E403", invalid="E407", unknown="E405", unknown_is_error=True)
_CHOICE_STRING = re.compile(r"\[([ xX])\]\s*(.*)", re.DOTALL)
_CHOICE_ID = re.compile(r"[a-z0-9]")
_PERCENT = re.compile(r"\s*(\d+(?:[.,]\d+)?)\s*%\s*")
# SCORM 1.2 identifies choices, sides and scale points by one character.
_MAX_CHOICES = 26
_MAX_RIGHT_SIDES = 9
_MAX_SCALE = 9
# Saved state packs an ordering as a permutation number in four characters (10! < 64**4).
_MAX_ORDERING_ITEMS = 10
# A question worth more is a typo; LMS gradebooks show points, not exponents.
_MAX_POINTS = 1000
_MAX_PERCENT = 1000


@dataclass(frozen=True, slots=True)
class QuestionContext:
    page_id: str
    pools: frozenset[str]
    module_domain: str | None
    render: RenderContext


class _Reader:
    """Reads one question mapping; ``fields`` reports, ``rich`` renders Markdown fields."""

    def __init__(self, fields: Fields, ctx: QuestionContext) -> None:
        self.fields = fields
        self.ctx = ctx

    def rich(self, value: Any, path: Path, *, inline: bool) -> RichText | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fields.invalid(path, f"expected text, not {describe(value)}", hint=text_hint(value))
            return None
        line, column = self.fields.at(path)
        return render_text(str(value), self.fields.text_line(path), column, self.ctx.render, inline=inline)

    def span(self, path: Path) -> Span:
        line, column = self.fields.at(path)
        return Span(line + 1, column + 1)


def parse_question(block: QuizBlock, ctx: QuestionContext) -> Question | None:
    """The question of a quiz block, or None when it is too broken to build (all reported)."""
    report = ctx.render.report
    first_line = block.line + 1
    doc, problems = load_yaml(block.text)
    for problem in problems:
        if problem.kind == "raw-control-character":
            continue  # the loader reports it at its place in the file (E311)
        code = {"duplicate-key": "E415", "control-character": "E311"}.get(problem.kind, "E401")
        report.error(code, f"quiz block: {problem.message}", first_line + problem.line,
                     block.column + problem.column)
    if doc is None:
        return None
    data = doc.value
    if not isinstance(data, dict):
        report.error("E402", "a quiz block must be a YAML mapping (id, type, prompt, …)",
                     first_line, block.column)
        return None
    fields = Fields(doc, first_line, block.column, report, _CODES)
    reader = _Reader(fields, ctx)
    kind = _question_type(data, fields)
    known = COMMON_KEYS + (TYPE_KEYS[kind] if kind else tuple(k for keys in TYPE_KEYS.values() for k in keys))
    fields.check_keys(data, (), known, f"for a '{kind}' question" if kind else "in a quiz block")
    required = ("id", "type", "prompt") + (_REQUIRED_BY_TYPE.get(kind, ()) if kind else ())
    complete = fields.require(data, (), required, "in the quiz block")
    common = _common(data, reader, block, kind)
    if kind is None or common is None or not complete:
        return None
    builder = _BUILDERS[kind]
    return builder(data, reader, common)


def _question_type(data: dict[str, Any], fields: Fields) -> str | None:
    value = data.get("type")
    if value is None:
        return None
    if not isinstance(value, str) or value not in QUESTION_TYPES:
        line, column = fields.at(("type",))
        fields.report.error(
            "E404", f"unknown question type '{value}': expected one of {', '.join(QUESTION_TYPES)}",
            line, column, hint=did_you_mean(str(value), QUESTION_TYPES),
        )
        return None
    return value


def _common(data: dict[str, Any], reader: _Reader, block: QuizBlock, kind: str | None) -> dict[str, Any] | None:
    fields = reader.fields
    ctx = reader.ctx
    question_id = fields.slug(data, (), "id", "question id")
    prompt = reader.rich(data.get("prompt"), ("prompt",), inline=False)
    points = _points(data, fields, kind)
    competency = _competency(data, fields, ctx)
    attempts = fields.integer(data, (), "attempts", 1)
    pool = _pool(data, fields, ctx)
    shuffle = fields.boolean(data, (), "shuffle")
    feedback = _feedback(data, reader)
    explanation = reader.rich(data.get("explanation"), ("explanation",), inline=False)
    if question_id is None or prompt is None or points is None:
        return None
    return {
        "id": question_id, "prompt": prompt, "points": points, "competency": competency,
        "attempts": attempts or 1, "feedback": feedback, "explanation": explanation,
        "pool": pool, "shuffle": bool(shuffle), "page_id": ctx.page_id,
        "span": Span(block.line + 1, block.column + 1, block.end_line + 1),
    }


def _points(data: dict[str, Any], fields: Fields, kind: str | None) -> float | None:
    value = data.get("points")
    if kind == "likert":
        if value is not None:
            line, column = fields.at(("points",))
            fields.report.warning("W401", "a likert question is never scored: 'points' is ignored", line, column)
        return 0.0
    if value is None:
        return 1.0
    number = fields.number(value, ("points",), "'points'", limit=_MAX_POINTS)
    if number is not None and number <= 0:
        fields.invalid(("points",), f"'points' must be positive, not {value}")
        return None
    return number


def _competency(data: dict[str, Any], fields: Fields, ctx: QuestionContext) -> str | None:
    value = fields.text(data, (), "competency")
    if value is None:
        return None
    found = framework.competency(value)
    line, column = fields.at(("competency",))
    if found is None:
        fields.report.error("E413", f"unknown competency '{value}'", line, column,
                            hint=did_you_mean(value, framework.COMPETENCIES))
        return None
    if ctx.module_domain and found.domain_id != ctx.module_domain:
        fields.report.warning(
            "W402", f"competency '{value}' belongs to {found.domain_id}, not to the module's domain {ctx.module_domain}",
            line, column,
        )
    return value


def _pool(data: dict[str, Any], fields: Fields, ctx: QuestionContext) -> str | None:
    value = fields.text(data, (), "pool")
    if value is not None and value not in ctx.pools:
        line, column = fields.at(("pool",))
        declared = ", ".join(sorted(ctx.pools)) or "none"
        fields.report.error("E412", f"pool '{value}' is not declared in the front matter (declared: {declared})",
                            line, column, hint=did_you_mean(value, ctx.pools))
        return None
    return value


def _feedback(data: dict[str, Any], reader: _Reader) -> Feedback:
    value = data.get("feedback")
    if value is None:
        return Feedback()
    if not isinstance(value, dict):
        reader.fields.invalid(("feedback",), "'feedback' must be a mapping with correct, incorrect and/or partial")
        return Feedback()
    reader.fields.check_keys(value, ("feedback",), ("correct", "incorrect", "partial"), "in 'feedback'")
    return Feedback(**{
        key: reader.rich(value.get(key), ("feedback", key), inline=False)
        for key in ("correct", "incorrect", "partial")
    })


def _list(data: dict[str, Any], reader: _Reader, key: str, minimum: int, maximum: int) -> list[Any] | None:
    value = data.get(key)
    if not isinstance(value, list):
        reader.fields.invalid((key,), f"'{key}' must be a list, not {describe(value)}")
        return None
    if not minimum <= len(value) <= maximum:
        reader.fields.invalid((key,), f"'{key}' needs {minimum} to {maximum} entries, not {len(value)}")
        return None
    return value


def _choices(data: dict[str, Any], reader: _Reader) -> tuple[Choice, ...] | None:
    items = _list(data, reader, "choices", 2, _MAX_CHOICES)
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
                fields.invalid(path, f"choice {index + 1} must start with '[x] ' (right) or '[ ] ' (wrong)",
                               hint='write "[x] text" or "[ ] text" in double quotes, or {text, correct}')
                ok = False
                continue
            correct, text = match.group(1) != " ", reader.rich(match.group(2), path, inline=True)
        elif isinstance(item, dict):
            fields.check_keys(item, path, ("text", "correct", "feedback", "id"), "in a choice")
            if not fields.require(item, path, ("text",), "in the choice"):
                ok = False
                continue
            text = reader.rich(item.get("text"), path + ("text",), inline=True)
            correct = bool(fields.boolean(item, path, "correct"))
            feedback = reader.rich(item.get("feedback"), path + ("feedback",), inline=False)
            if "id" in item:
                explicit = str(item["id"])
                if not _CHOICE_ID.fullmatch(explicit):
                    fields.invalid(path + ("id",), f"choice id '{explicit}' must be one lowercase letter or digit")
                    ok = False
                choice_id = explicit
        else:
            fields.invalid(path, f"choice {index + 1} must be a text or a mapping, not {describe(item)}")
            ok = False
            continue
        if choice_id in seen:
            fields.invalid(path, f"choice id '{choice_id}' is used twice (first by choice {seen[choice_id] + 1})")
            ok = False
        seen[choice_id] = index
        if text is None:
            ok = False
            continue
        choices.append(Choice(choice_id, text, correct, feedback, reader.span(path)))
    return tuple(choices) if ok else None


def _single(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    choices = _choices(data, reader)
    if choices is None:
        return None
    right = sum(c.correct for c in choices)
    if right != 1:
        line, column = reader.fields.at(("choices",))
        reader.fields.report.error("E409", f"a 'single' question needs exactly one correct choice, not {right}",
                                   line, column, hint="use type: multiple for several right answers" if right > 1 else None)
        return None
    return SingleChoiceQuestion(choices=choices, **common)


def _multiple(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    choices = _choices(data, reader)
    scoring = reader.fields.one_of(data, (), "scoring", ("all-or-nothing", "partial"))
    if choices is None:
        return None
    if not any(c.correct for c in choices):
        line, column = reader.fields.at(("choices",))
        reader.fields.report.error("E409", "a 'multiple' question needs at least one correct choice", line, column)
        return None
    return MultipleChoiceQuestion(choices=choices, scoring=scoring or "all-or-nothing", **common)  # type: ignore[arg-type]


def _truefalse(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    answer = reader.fields.boolean(data, (), "answer")
    return None if answer is None else TrueFalseQuestion(answer=answer, **common)


def _text(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    answers = reader.fields.text_list(data, (), "answers")
    match = reader.fields.one_of(data, (), "match", ("normalized", "exact"))
    if answers is None or len(answers) != len(data["answers"]):
        return None
    if not answers:
        reader.fields.invalid(("answers",), "'answers' needs at least one accepted answer")
        return None
    return TextQuestion(answers=tuple(answers), match=match or "normalized", **common)  # type: ignore[arg-type]


def _numeric(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    fields = reader.fields
    unit = fields.text(data, (), "unit")
    has_answer, has_range = data.get("answer") is not None, data.get("range") is not None
    if has_answer == has_range:
        line, column = fields.at(())
        fields.report.error("E403" if not has_answer else "E407",
                            "a 'numeric' question needs either 'answer' (with an optional 'tolerance') or 'range: [min, max]'",
                            line, column)
        return None
    if has_range:
        if "tolerance" in data:
            fields.invalid(("tolerance",), "'tolerance' goes with 'answer', not with 'range'")
        bounds = _range(data["range"], fields)
        if bounds is None:
            return None
        return NumericQuestion(minimum=bounds[0], maximum=bounds[1], unit=unit, **common)
    answer = fields.number(data["answer"], ("answer",), "'answer'")
    tolerance = _tolerance(data.get("tolerance"), answer, fields)
    if answer is None or tolerance is None:
        return None
    return NumericQuestion(minimum=answer - tolerance, maximum=answer + tolerance, answer=answer, unit=unit, **common)


def _range(value: Any, fields: Fields) -> tuple[float, float] | None:
    if not isinstance(value, list) or len(value) != 2:
        fields.invalid(("range",), "'range' must be [min, max]")
        return None
    low = fields.number(value[0], ("range", 0), "the range's minimum")
    high = fields.number(value[1], ("range", 1), "the range's maximum")
    if low is None or high is None:
        return None
    if low > high:
        fields.invalid(("range",), f"the range's minimum {value[0]} is above its maximum {value[1]}")
        return None
    return low, high


def _tolerance(value: Any, answer: float | None, fields: Fields) -> float | None:
    if value is None:
        return 0.0
    if isinstance(value, str):
        percent = _PERCENT.fullmatch(value)
        if percent is None:
            fields.invalid(("tolerance",), f"tolerance '{value[:40]}' must be a number or a percentage such as \"2%\"")
            return None
        share = float(percent.group(1).replace(",", "."))
        if share > _MAX_PERCENT:
            fields.invalid(("tolerance",), f"tolerance is too large: at most {_MAX_PERCENT}%")
            return None
        return abs(answer or 0.0) * share / 100
    number = fields.number(value, ("tolerance",), "'tolerance'")
    if number is not None and number < 0:
        fields.invalid(("tolerance",), f"'tolerance' cannot be negative ({value})")
        return None
    return number


def _rich_list(data: dict[str, Any], reader: _Reader, key: str, minimum: int, maximum: int) -> tuple[RichText, ...] | None:
    items = _list(data, reader, key, minimum, maximum)
    if items is None:
        return None
    rendered = [reader.rich(item, (key, index), inline=True) for index, item in enumerate(items)]
    if any(r is None for r in rendered):
        return None
    return tuple(r for r in rendered if r is not None)


def _matching(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    fields = reader.fields
    items = _list(data, reader, "pairs", 2, _MAX_RIGHT_SIDES)
    distractors: tuple[RichText, ...] | None = ()
    if data.get("distractors") is not None:
        distractors = _rich_list(data, reader, "distractors", 1, _MAX_RIGHT_SIDES)
    if items is None or distractors is None:
        return None
    pairs: list[MatchingPair] = []
    for index, item in enumerate(items):
        path: Path = ("pairs", index)
        if not isinstance(item, dict):
            fields.invalid(path, f"pair {index + 1} must be {{left, right}}, not {describe(item)}")
            continue
        fields.check_keys(item, path, ("left", "right"), "in a pair")
        if not fields.require(item, path, ("left", "right"), "in the pair"):
            continue
        left = reader.rich(item["left"], path + ("left",), inline=True)
        right = reader.rich(item["right"], path + ("right",), inline=True)
        if left is not None and right is not None:
            pairs.append(MatchingPair(left, right, reader.span(path)))
    if len(pairs) != len(items):
        return None
    if len(pairs) + len(distractors) > _MAX_RIGHT_SIDES:
        fields.invalid(("distractors",), f"at most {_MAX_RIGHT_SIDES} right sides in all (pairs + distractors)")
        return None
    return MatchingQuestion(pairs=tuple(pairs), distractors=distractors, **common)


def _ordering(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    items = _rich_list(data, reader, "items", 2, _MAX_ORDERING_ITEMS)
    return None if items is None else OrderingQuestion(items=items, **common)


def _likert(data: dict[str, Any], reader: _Reader, common: dict[str, Any]) -> Question | None:
    scale = _rich_list(data, reader, "scale", 2, _MAX_SCALE)
    return None if scale is None else LikertQuestion(scale=scale, **common)


_BUILDERS: dict[str, Callable[[dict[str, Any], _Reader, dict[str, Any]], Question | None]] = {
    "single": _single,
    "multiple": _multiple,
    "truefalse": _truefalse,
    "text": _text,
    "numeric": _numeric,
    "matching": _matching,
    "ordering": _ordering,
    "likert": _likert,
}
