"""eHealth content: the module source format, its typed model, diagnostics and the framework.

    >>> from ehealth_content import load_module
    >>> module, diagnostics = load_module("modules/d1-donnees-de-sante/module.md")
"""

from __future__ import annotations

from .diagnostics import Diagnostic, ModuleError, Severity, format_diagnostic, format_diagnostics_json, has_errors
from .framework import COMPETENCIES, DOMAINS, FRAMEWORK_IS_PROVISIONAL, Competency, Domain
from .loader import check, find_module_files, iter_diagnostics, load_module, load_text
from .model import (
    QUESTION_TYPES,
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

__all__ = [
    "__version__",
    "COMPETENCIES",
    "DOMAINS",
    "FRAMEWORK_IS_PROVISIONAL",
    "QUESTION_TYPES",
    "Choice",
    "Competency",
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
]
