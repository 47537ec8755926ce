"""Question types: one module each, holding everything the type means.

A type's module (``single.py``, ``multiple.py``, …) defines one :class:`QuestionType`: its
YAML keys and checks, its scoring, its part of the runtime's embedded data, its saved-state
response codec, its compat shape (from a module and read back from a package), and its Moodle
XML and GIFT export. Its dataclass stays in :mod:`ehealth_content.model` (``model`` points at
it), which every layer imports and whose ``Question`` union mypy checks exhaustively.

:data:`TYPES` is the one registry: the generic code (questions, scoring, compat, exports,
packager's data, state and read-back) looks a type up here and keeps no per-type branch. The
browser runtime's ``TYPES`` table (packager/runtime/ehealth.js) holds the same names, as
tests/unit/test_question_types.py and tests/browser/test_vectors.py check.
Adding a type: docs/adding-a-question-type.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from ..model import Question
from ._spec import (
    UNFIT,
    Judged,
    Markup,
    QuestionType,
    StoredResponse,
    Unfit,
    UnknownQuestionType,
    Warn,
    XmlWriter,
    json_number,
)
from .hotspot import HOTSPOT
from .kfp import KFP
from .likert import LIKERT
from .longmenu import LONGMENU
from .matching import MATCHING
from .multiple import MULTIPLE
from .numeric import NUMERIC
from .ordering import ORDERING
from .single import SINGLE
from .tcs import TCS
from .text import TEXT
from .truefalse import TRUEFALSE

__all__ = [
    "QUESTION_TYPES",
    "TYPES",
    "UNFIT",
    "Judged",
    "Markup",
    "QuestionType",
    "StoredResponse",
    "Unfit",
    "UnknownQuestionType",
    "Warn",
    "XmlWriter",
    "json_number",
    "type_named",
    "type_of",
]

# In the order the format document and error messages list them.
TYPES: Mapping[str, QuestionType[Any]] = MappingProxyType(
    {
        spec.name: spec
        for spec in (
            SINGLE,
            MULTIPLE,
            TRUEFALSE,
            TEXT,
            NUMERIC,
            MATCHING,
            ORDERING,
            LIKERT,
            TCS,
            LONGMENU,
            KFP,
            HOTSPOT,
        )
    }
)
QUESTION_TYPES: tuple[str, ...] = tuple(TYPES)


def type_named(name: object) -> QuestionType[Any]:
    """The type called ``name``; :class:`UnknownQuestionType` (a ValueError) for any other value."""
    spec = TYPES.get(name) if isinstance(name, str) else None
    if spec is None:
        raise UnknownQuestionType(name, QUESTION_TYPES)
    return spec


def type_of(question: Question) -> QuestionType[Any]:
    """The type of ``question``; :class:`UnknownQuestionType` when no module defines it, or
    when its ``type`` names a type whose model is another class."""
    spec = type_named(getattr(question, "type", None))
    if not isinstance(question, spec.model):
        raise UnknownQuestionType(f"{question.type} ({type(question).__name__})", QUESTION_TYPES)
    return spec
