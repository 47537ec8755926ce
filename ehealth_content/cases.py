"""``::: case ID`` containers (dossiers progressifs): steps cut at ``##`` headings, checked.

A case holds the ordinary content and quiz blocks of its steps; the loader builds those (the
``blocks`` callback) and this module only cuts the case into steps and checks its shape:
an id, at least two steps, a title and text for each step, a question in each step but the
last, and no pool (a draw could leave a step without its questions).
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it.token import Token

from ._fields import SLUG
from ._reader import QuestionContext
from ._render import plain_text, rendering_parser
from ._syntax import CASE, token_line
from .model import Case, CaseStep, Content, Question, Span

__all__ = ["MIN_STEPS", "parse_case"]

MIN_STEPS = 2
_MAX_ID = 64

Blocks = Callable[[list[Token], QuestionContext, int], list[Content | Question]]
"""Content and questions of a run of tokens whose quiz blocks sit at the given level."""


def parse_case(tokens: list[Token], ctx: QuestionContext, blocks: Blocks) -> Case | None:
    """The case of ``tokens`` (its container's open token to its close token), or None."""
    report = ctx.render.report
    opening = tokens[0]
    line = token_line(opening)
    case_id = _case_id(opening, ctx)
    inner = tokens[1:-1] if tokens[-1].type == f"container_{CASE}_close" else tokens[1:]
    level = opening.level + 1
    starts = [i for i, t in enumerate(inner) if t.type == "heading_open" and t.tag == "h2" and t.level == level]
    first = starts[0] if starts else len(inner)
    if any(t.level == level and t.nesting >= 0 for t in inner[:first]):
        report.error(
            "E443",
            "text before the case's first step: each step starts with a '## Title' heading",
            token_line(next(t for t in inner if t.map)) if any(t.map for t in inner) else line,
            0,
        )
    steps: list[CaseStep] = []
    ok = case_id is not None
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(inner)
        step = _step(inner[start:end], ctx, blocks, level, last=number == len(starts) - 1)
        if step is None:
            ok = False
        else:
            steps.append(step)
    if len(starts) < MIN_STEPS:
        report.error(
            "E443",
            f"a case needs at least {MIN_STEPS} steps, each starting with a '## Title' heading; it has {len(starts)}",
            line,
            0,
            hint="a single step is an ordinary page: drop the '::: case' and ':::' lines",
        )
        ok = False
    if not ok or case_id is None:
        return None
    end_line = opening.map[1] + 1 if opening.map else line + 1
    return Case(case_id, tuple(steps), Span(line + 1, 1, end_line))


def _case_id(opening: Token, ctx: QuestionContext) -> str | None:
    words = opening.info.split()[1:]
    value = words[0] if len(words) == 1 else None
    if value is not None and SLUG.fullmatch(value) and len(value) <= _MAX_ID:
        return value
    said = " ".join(words)
    ctx.render.report.error(
        "E440",
        f"case id '{said}' is not valid: one word of lowercase letters, digits and '-'"
        if words
        else "a case needs an id: '::: case ID'",
        token_line(opening),
        0,
        hint="for example '::: case chute-mme-d'",
    )
    return None


def _step(tokens: list[Token], ctx: QuestionContext, blocks: Blocks, level: int, *, last: bool) -> CaseStep | None:
    report = ctx.render.report
    heading = tokens[0]
    line = token_line(heading)
    title = plain_text(rendering_parser().renderInline(tokens[1].content)) if len(tokens) > 1 else ""
    body = tokens[3:]
    found = blocks(body, ctx, level)
    ok = True
    if not title:
        report.error("E443", "a case step needs a title after '##'", line, 0)
        ok = False
    if not any(isinstance(b, Content) for b in found):
        report.error(
            "E443",
            f"step '{title}' has no text: say what the learner learns at this step before asking",
            line,
            0,
        )
        ok = False
    questions = [b for b in found if not isinstance(b, Content)]
    if not questions and not last:
        report.error(
            "E443",
            f"step '{title}' has no question: the next step would show at once",
            line,
            0,
            hint="merge it with the next step, or ask something here",
        )
        ok = False
    for question in questions:
        if question.pool is not None:
            report.error(
                "E444",
                f"question '{question.id}' of a case cannot be in pool '{question.pool}': "
                "a draw could leave a step without its questions",
                question.span.line - 1,
                question.span.column - 1,
            )
            ok = False
    end_line = max((t.map[1] for t in tokens if t.map), default=line + 1)
    return CaseStep(title, tuple(found), Span(line + 1, 1, end_line)) if ok else None
