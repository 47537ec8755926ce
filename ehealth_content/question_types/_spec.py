"""What every question type provides: the :class:`QuestionType` base class and the values its
parts exchange with the generic code (saved responses, compat shapes, export writers)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Final, Generic, Protocol, TypeAlias, TypeVar

from .._answers import Response
from .._digits import from_digits
from .._reader import Reader
from ..i18n import Message, t
from ..model import Question, QuestionBase, RichText

__all__ = [
    "UNFIT",
    "Answer",
    "Judged",
    "Markup",
    "Parts",
    "QuestionType",
    "StoredResponse",
    "UnknownQuestionType",
    "Unfit",
    "Warn",
    "XmlWriter",
    "json_number",
    "letter",
    "state_number",
]


class UnknownQuestionType(ValueError):
    """A question type no module of :mod:`ehealth_content.question_types` defines."""

    def __init__(self, name: object, known: tuple[str, ...]) -> None:
        super().__init__(f"unknown question type {str(name)[:40]!r}: expected one of {', '.join(known)}")


@dataclass(frozen=True, slots=True)
class Judged:
    """A response the state keeps only as its verdict (what was typed is not kept)."""

    right: bool
    """Whether the response was right when it was submitted."""


# Decoding gives str, bool, frozenset (multiple), tuple (ordering), dict (matching) or Judged.
StoredResponse: TypeAlias = Response | Judged


class Unfit:
    """The response does not fit the current question: drop the record."""


UNFIT: Final = Unfit()

Parts: TypeAlias = tuple[tuple[str, tuple[str, ...]], ...]
"""What a saved answer points at by position (:class:`packager.compat.QuestionShape`)."""
Answer: TypeAlias = tuple[object, ...]
"""What a question is scored against, as compat compares it."""
Warn: TypeAlias = Callable[[Message, bool], None]
"""Reports what an export could not carry: ``warn(message, left_out)``."""


class Markup(Protocol):
    """A built ``index.html`` as the read-back of a package sees it (markup contract, §1)."""

    def labels(self, qid: str, values: list[str]) -> tuple[str, ...]:
        """The plain text of ``<label for="QID--value">`` for each value."""
        ...

    def options(self, select_id: str) -> tuple[str, ...]:
        """The plain texts of the non-empty options of ``<select id=select_id>``."""
        ...

    def count(self, entry: dict[str, Any], key: str) -> int:
        """``entry[key]`` checked to be a small count (ValueError otherwise)."""
        ...


class XmlWriter(Protocol):
    """The Moodle XML element helpers of :mod:`ehealth_content.export.moodle_xml`."""

    def sub(self, parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any: ...

    def text(self, parent: Any, value: str, *, cdata: bool = False) -> Any: ...

    def html(self, parent: Any, tag: str, value: RichText | str | None) -> Any: ...

    def answer(
        self, element: Any, fraction: str, text: RichText | str, feedback: RichText | None, *, text_format: str = "html"
    ) -> Any: ...

    def combined_feedback(self, element: Any, question: Question) -> None: ...


def letter(index: int) -> str:
    """The id of the ``index``-th choice-like part: ``a``, ``b``, …"""
    return chr(ord("a") + index)


def state_number(text: str, max_digits: int) -> int:
    """The number a RESPONSE of at most ``max_digits`` state digits spells (ValueError otherwise)."""
    if len(text) > max_digits:
        raise ValueError("too many digits")
    return from_digits(text)


def json_number(value: float) -> int | float:
    """Integral floats as ints, so the JSON says ``1``, not ``1.0``."""
    return int(value) if float(value).is_integer() else value


Q = TypeVar("Q", bound=QuestionBase)


class QuestionType(ABC, Generic[Q]):
    """One question type, whole: one subclass per module of this package.

    The generic code (questions, scoring, compat, exports, and packager's embedded data,
    saved state and read-back) keeps the fields every question has and asks the type for
    the rest. The browser runtime has the twin entry in ``TYPES`` (packager/runtime/ehealth.js).
    """

    name: ClassVar[str]
    """The ``type:`` an author writes."""
    model: ClassVar[type[QuestionBase]]
    """Its dataclass in :mod:`ehealth_content.model` (the union ``Question`` lists them all)."""
    keys: ClassVar[tuple[str, ...]]
    """YAML keys beyond the common ones."""
    required: ClassVar[tuple[str, ...]] = ()
    """Those of ``keys`` a block must have."""
    interaction: ClassVar[str]
    """The SCORM/xAPI interaction type the runtime reports it as (``choice``, ``fill-in``, …)."""
    scored: ClassVar[bool] = True
    """False for a type that is never scored (no points, neutral result)."""
    answer_changed: ClassVar[Message | None] = None
    """compat's C213 warning when what the question is scored against changed."""
    moodle_type: ClassVar[str | None] = None
    """Moodle XML's ``<question type>``; None when Moodle has no equivalent."""
    moodle_missing: ClassVar[Message | None] = None
    """Why it is left out of Moodle exports, when ``moodle_type`` is None."""

    # --- authoring ---
    @abstractmethod
    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        """The question of a block whose common fields are ``common``, or None (all reported)."""

    # --- scoring ---
    @abstractmethod
    def fraction(self, question: Q, response: Response) -> float:
        """The share of the points a (non-None) response earns, 0 to 1."""

    # --- the runtime's embedded data (docs/architecture.md §2) ---
    @abstractmethod
    def data(self, question: Q) -> dict[str, Any]:
        """This type's fields of the question's ``#ehealth-data`` entry, in order."""

    # --- saved state (docs/architecture.md §3, RESPONSE) ---
    @abstractmethod
    def encode(self, question: Q, response: StoredResponse) -> str:
        """A (non-None) response as RESPONSE; TypeError for a wrong shape, ValueError for a
        value the question lacks."""

    @abstractmethod
    def decode(self, question: Q, text: str) -> StoredResponse | Unfit:
        """The response a non-empty RESPONSE stands for; UNFIT (or ValueError) when it cannot
        be this question's."""

    @abstractmethod
    def longest(self, question: Q) -> StoredResponse:
        """A response whose record is as long as this question's records can be."""

    # --- compat ---
    @abstractmethod
    def shape(self, question: Q, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        """What saved answers point at and what they are scored against; ``texts`` turns
        rich texts into compared keys."""

    @abstractmethod
    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        """:meth:`shape`, read back from a built package's embedded data and markup."""

    # --- Moodle ---
    def unsupported(self, question: Q) -> Message | None:
        """Why this question cannot go to Moodle at all, or None."""
        if self.moodle_type:
            return None
        return self.moodle_missing or t("{kind} questions are left out: Moodle has no such question", kind=self.name)

    def moodle_caveats(self, question: Q) -> tuple[Message, ...]:
        """What Moodle would grade or show differently in an exported question (each export
        warns with every message); empty when the export is faithful."""
        return ()

    def moodle_files(self, question: Q) -> tuple[str, ...]:
        """Images of the module (as the page links them) that go as files of the question itself,
        not of one of its texts (a drag-and-drop background)."""
        return ()

    def moodle_xml(self, xml: XmlWriter, element: Any, question: Q) -> None:
        """The type's part of Moodle XML's ``<question>`` (after the common elements)."""
        raise NotImplementedError(f"{self.name} questions do not go to Moodle")

    def gift(self, question: Q, head: str, general: str, warn: Warn) -> str | None:
        """The GIFT text, given the ``::id::[html]prompt`` head and the general feedback line;
        None when GIFT cannot carry it (``warn`` told why)."""
        raise NotImplementedError(f"{self.name} questions do not go to Moodle")
