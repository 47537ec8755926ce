"""The meaning of a quiz block: its YAML turned into a typed question, every problem reported.

The fields every question has are read here; the rest is the type's own builder
(:mod:`ehealth_content.question_types`).
"""

from __future__ import annotations

from typing import Any

from ._aliases import QUESTION_TYPE_ALIASES, canonical_name, name_hint
from ._fields import FieldCodes, Fields
from ._prose import QUIZ_PROSE
from ._reader import QuestionContext, Reader
from ._syntax import QuizBlock
from ._yaml import load_yaml
from .diagnostics import did_you_mean
from .i18n import t
from .model import Feedback, Question, Span
from .question_types import QUESTION_TYPES, TYPES

__all__ = ["QuestionContext", "parse_question", "claimed_pool", "COMMON_KEYS", "TYPE_KEYS"]

COMMON_KEYS = (
    "id",
    "type",
    "prompt",
    "points",
    "competency",
    "attempts",
    "feedback",
    "explanation",
    "pool",
    "shuffle",
)
# Each type's own keys are in its module of ehealth_content.question_types.
TYPE_KEYS: dict[str, tuple[str, ...]] = {name: spec.keys for name, spec in TYPES.items()}
_CODES = FieldCodes(missing="E403", invalid="E407", unknown="E405", unknown_is_error=True)
# A question worth more is a typo; LMS gradebooks show points, not exponents.
_MAX_POINTS = 1000


def parse_question(block: QuizBlock, ctx: QuestionContext) -> Question | None:
    """The question of a quiz block, or None when it is too broken to build (all reported)."""
    report = ctx.render.report
    origin = block.yaml_origin
    doc, problems = load_yaml(block.text, prose=QUIZ_PROSE)
    for problem in problems:
        if problem.kind == "raw-control-character":
            continue  # the loader reports it at its place in the file (E311)
        code = {"duplicate-key": "E415", "control-character": "E311"}.get(problem.kind, "E401")
        at = Span(origin.line + problem.line, origin.column + problem.column)
        report.error(code, t("quiz block: {problem}", problem=problem.message), at=at, hint=problem.hint)
    if doc is None:
        return None
    data = doc.value
    if not isinstance(data, dict):
        report.error("E402", t("a quiz block must be a YAML mapping (id, type, prompt, …)"), at=origin)
        return None
    fields = Fields(doc, origin, report, _CODES)
    reader = Reader(fields, ctx)
    kind = _question_type(data, fields)
    known = COMMON_KEYS + (TYPE_KEYS[kind] if kind else tuple(k for keys in TYPE_KEYS.values() for k in keys))
    fields.check_keys(data, (), known, t("for a '{kind}' question", kind=kind) if kind else t("in a quiz block"))
    required = ("id", "type", "prompt") + (TYPES[kind].required if kind else ())
    complete = fields.require(data, (), required, t("in the quiz block"))
    common = _common(data, reader, block, kind)
    if kind is None or common is None or not complete:
        return None
    return TYPES[kind].build(data, reader, common)


def claimed_pool(block: QuizBlock) -> str | None:
    """The pool a quiz block names, even when the question is too broken to build.

    A pool's size counts such questions: they are there, and the author fixes them rather than
    the pool (their own diagnostics say what is wrong).
    """
    doc, _ = load_yaml(block.text, prose=QUIZ_PROSE)
    data = doc.value if doc is not None else None
    pool = data.get("pool") if isinstance(data, dict) else None
    return pool if isinstance(pool, str) else None


def _question_type(data: dict[str, Any], fields: Fields) -> str | None:
    value = data.get("type")
    if value is None:
        return None
    kind = canonical_name(value, QUESTION_TYPES, QUESTION_TYPE_ALIASES) if isinstance(value, str) else None
    if kind is None:
        fields.report.error(
            "E404",
            t(
                "unknown question type '{value}': expected one of {types}",
                value=str(value),
                types=", ".join(QUESTION_TYPES),
            ),
            at=fields.at(("type",)),
            hint=name_hint(str(value), QUESTION_TYPES, QUESTION_TYPE_ALIASES),
        )
        return None
    return kind


def _common(data: dict[str, Any], reader: Reader, block: QuizBlock, kind: str | None) -> dict[str, Any] | None:
    fields = reader.fields
    ctx = reader.ctx
    question_id = fields.slug(data, (), "id", t("question id"))
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
        "id": question_id,
        "prompt": prompt,
        "points": points,
        "competency": competency,
        "attempts": attempts or 1,
        "feedback": feedback,
        "explanation": explanation,
        "pool": pool,
        "shuffle": bool(shuffle),
        "page_id": ctx.page_id,
        "span": Span(block.fence_line, block.indent + 1, block.closing_line),
    }


def _points(data: dict[str, Any], fields: Fields, kind: str | None) -> float | None:
    value = data.get("points")
    if kind is not None and not TYPES[kind].scored:
        if value is not None:
            at = fields.at(("points",))
            fields.report.warning("W401", t("a {kind} question is never scored: 'points' is ignored", kind=kind), at=at)
        return 0.0
    if value is None:
        return 1.0
    number = fields.number(value, ("points",), t("'points'"), limit=_MAX_POINTS)
    if number is not None and number <= 0:
        fields.invalid(("points",), t("'points' must be positive, not {value}", value=value))
        return None
    return number


def _competency(data: dict[str, Any], fields: Fields, ctx: QuestionContext) -> str | None:
    value = fields.text(data, (), "competency")
    if value is None:
        return None
    framework = ctx.framework
    if framework is None:
        return value  # the framework named could not be used (reported): nothing to check against
    found = framework.competency(value)
    at = fields.at(("competency",))
    if found is None:
        fields.report.error(
            "E413",
            t("unknown competency '{value}'", value=value),
            at=at,
            hint=did_you_mean(value, framework.competencies),
        )
        return None
    if ctx.module_domain and found.domain_id != ctx.module_domain:
        fields.report.warning(
            "W402",
            t(
                "competency '{value}' belongs to {domain}, not to the module's domain {module_domain}",
                value=value,
                domain=found.domain_id,
                module_domain=ctx.module_domain,
            ),
            at=at,
        )
    return value


def _pool(data: dict[str, Any], fields: Fields, ctx: QuestionContext) -> str | None:
    value = fields.text(data, (), "pool")
    if value is not None and ctx.pools is not None and value not in ctx.pools:
        declared = ", ".join(sorted(ctx.pools))
        fields.report.error(
            "E412",
            t(
                "pool '{value}' is not declared in the front matter (declared: {declared})",
                value=value,
                declared=declared,
            )
            if ctx.pools
            else t("pool '{value}' is not declared in the front matter (declared: none)", value=value),
            at=fields.at(("pool",)),
            hint=did_you_mean(value, ctx.pools),
        )
        return None
    return value


def _feedback(data: dict[str, Any], reader: Reader) -> Feedback:
    value = data.get("feedback")
    if value is None:
        return Feedback()
    if not isinstance(value, dict):
        reader.fields.invalid(("feedback",), t("'feedback' must be a mapping with correct, incorrect and/or partial"))
        return Feedback()
    reader.fields.check_keys(value, ("feedback",), ("correct", "incorrect", "partial"), t("in 'feedback'"))
    return Feedback(
        **{
            key: reader.rich(value.get(key), ("feedback", key), inline=False)
            for key in ("correct", "incorrect", "partial")
        }
    )
