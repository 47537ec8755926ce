"""eHealth content: the module source format, its typed model, diagnostics and the framework.

    >>> from ehealth_content import load_module
    >>> module, diagnostics = load_module("modules/d1-donnees-de-sante/module.md")

Names are imported on first use, so that a command that needs none of them (``ehealth
--version``, ``ehealth xapi status``) does not pay for the parser.
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
    from .diagnostics import Diagnostic, ModuleError, Severity, format_diagnostic, format_diagnostics_json, has_errors
    from .framework import COMPETENCIES, DOMAINS, FRAMEWORK_IS_PROVISIONAL, SOCLE, Competency, Domain, Framework
    from .framework_file import load_framework
    from .loader import check, find_module_files, iter_diagnostics, load_module, load_text
    from .model import (
        Case,
        CaseStep,
        Choice,
        Content,
        Feedback,
        LikertQuestion,
        MatchingPair,
        MatchingQuestion,
        Module,
        MultipleChoiceQuestion,
        NumericQuestion,
        OrderingQuestion,
        Page,
        PageBlock,
        Pool,
        Question,
        Reference,
        RichText,
        SingleChoiceQuestion,
        Span,
        TextQuestion,
        TrueFalseQuestion,
    )
    from .question_types import QUESTION_TYPES
    from .scoring import (
        draw_pools,
        is_completed,
        module_score,
        question_points,
        result_state,
        shown_questions,
        success_status,
    )

__version__ = "0.1.0"

_WHERE = {
    "COMPETENCIES": ".framework",
    "Choice": ".model",
    "Competency": ".framework",
    "Case": ".model",
    "CaseStep": ".model",
    "Content": ".model",
    "DOMAINS": ".framework",
    "Diagnostic": ".diagnostics",
    "Domain": ".framework",
    "FRAMEWORK_IS_PROVISIONAL": ".framework",
    "Feedback": ".model",
    "LikertQuestion": ".model",
    "MatchingPair": ".model",
    "MatchingQuestion": ".model",
    "Module": ".model",
    "ModuleError": ".diagnostics",
    "MultipleChoiceQuestion": ".model",
    "NumericQuestion": ".model",
    "OrderingQuestion": ".model",
    "Page": ".model",
    "PageBlock": ".model",
    "Pool": ".model",
    "QUESTION_TYPES": ".question_types",
    "Question": ".model",
    "Reference": ".model",
    "RichText": ".model",
    "Severity": ".diagnostics",
    "SingleChoiceQuestion": ".model",
    "Span": ".model",
    "TextQuestion": ".model",
    "TrueFalseQuestion": ".model",
    "check": ".loader",
    "draw_pools": ".scoring",
    "find_module_files": ".loader",
    "format_diagnostic": ".diagnostics",
    "format_diagnostics_json": ".diagnostics",
    "has_errors": ".diagnostics",
    "is_completed": ".scoring",
    "iter_diagnostics": ".loader",
    "load_module": ".loader",
    "load_text": ".loader",
    "module_score": ".scoring",
    "question_points": ".scoring",
    "result_state": ".scoring",
    "shown_questions": ".scoring",
    "success_status": ".scoring",
    "Framework": ".framework",
    "SOCLE": ".framework",
    "load_framework": ".framework_file",
}


def __getattr__(name: str) -> typing.Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "__version__",
    "COMPETENCIES",
    "DOMAINS",
    "FRAMEWORK_IS_PROVISIONAL",
    "QUESTION_TYPES",
    "Choice",
    "Competency",
    "Case",
    "CaseStep",
    "Content",
    "Diagnostic",
    "Domain",
    "Feedback",
    "LikertQuestion",
    "MatchingPair",
    "MatchingQuestion",
    "Module",
    "ModuleError",
    "MultipleChoiceQuestion",
    "NumericQuestion",
    "OrderingQuestion",
    "Page",
    "PageBlock",
    "Pool",
    "Question",
    "Reference",
    "RichText",
    "Severity",
    "SingleChoiceQuestion",
    "Span",
    "TextQuestion",
    "TrueFalseQuestion",
    "check",
    "draw_pools",
    "find_module_files",
    "format_diagnostic",
    "format_diagnostics_json",
    "has_errors",
    "is_completed",
    "iter_diagnostics",
    "load_module",
    "load_text",
    "module_score",
    "question_points",
    "result_state",
    "shown_questions",
    "success_status",
    "Framework",
    "SOCLE",
    "load_framework",
]
