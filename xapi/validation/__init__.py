"""Strict validation of xAPI statements (1.0.3 and 2.0.0): every problem, with its JSON path.

Real LRSs accept malformed statements silently, so the emitter refuses them before queueing.
Rules live one construct per module: agents, activities, statement (object, result, context,
attachments); `checker` holds the shared shape and format checks, `formats` the predicates.
"""

from __future__ import annotations

from xapi.errors import InvalidStatementError
from xapi.validation.problems import Problem, format_path
from xapi.validation.statement import SUPPORTED_VERSIONS, iter_problems

__all__ = [
    "SUPPORTED_VERSIONS",
    "Problem",
    "check_statement",
    "format_path",
    "iter_problems",
]


def check_statement(statement: object, version: str = "1.0.3") -> None:
    """Raise `InvalidStatementError` listing every problem, or return if there is none."""
    problems = list(iter_problems(statement, version))
    if problems:
        raise InvalidStatementError(problems)
