"""What the report needs from module sources: where each question is written, its competency,
its choices and key, each module's hours, domain and pass mark.

Question activity ids (``…/modules/<module>/questions/<question>``) are mapped back to
``FILE:LINE`` through these, so that item flags read like ``ehealth check`` diagnostics.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ModuleInfo", "QuestionInfo", "read_sources"]


@dataclass(frozen=True)
class QuestionInfo:
    module: str
    question: str
    file: str
    line: int
    competency: str | None
    kind: str
    scored: bool
    choices: tuple[tuple[str, bool], ...]
    """(choice id as in xAPI responses, is it right), for choice and true/false questions."""


@dataclass(frozen=True)
class ModuleInfo:
    module: str
    file: str
    hours: float | None
    domain: str | None
    mastery: float
    """Pass mark as a fraction (0.7)."""
    questions: tuple[QuestionInfo, ...]


def read_sources(paths: Sequence[Path]) -> tuple[list[ModuleInfo], list[str]]:
    """Modules under ``paths`` and the diagnostics (formatted) of sources that do not load."""
    from ehealth_content import MultipleChoiceQuestion, SingleChoiceQuestion, TrueFalseQuestion
    from ehealth_content.diagnostics import format_diagnostic
    from ehealth_content.loader import find_module_files, load_module

    modules: list[ModuleInfo] = []
    problems: list[str] = []
    for file in find_module_files(list(paths)):
        module, diagnostics = load_module(file)
        problems += [format_diagnostic(d) for d in diagnostics if d.severity == "error"]
        if module is None:
            continue
        name = str(file)
        questions = []
        for q in module.questions:
            choices: tuple[tuple[str, bool], ...] = ()
            if isinstance(q, SingleChoiceQuestion | MultipleChoiceQuestion):
                choices = tuple((c.id, c.correct) for c in q.choices)
            elif isinstance(q, TrueFalseQuestion):
                choices = (("true", q.answer), ("false", not q.answer))
            questions.append(QuestionInfo(module.id, q.id, name, q.span.line, q.competency, q.type, q.scored, choices))
        hours = module.duration_minutes / 60 if module.duration_minutes is not None else None
        modules.append(ModuleInfo(module.id, name, hours, module.domain, module.mastery_score / 100, tuple(questions)))
    return modules, problems
