"""One question's response in the saved state (docs/architecture.md §3, the RESPONSE table).

Responses come in the form :mod:`ehealth_content.scoring` takes. Decoding gives the same form
back, except where the state keeps only a verdict (text typed wrong, long numbers): then a
:class:`Judged` value. A response that does not fit the question decodes to ``UNFIT`` so the
record is dropped: state written by an older module version must never break a newer one.

Each type's codec is in its module of :mod:`ehealth_content.question_types`; this module adds
what is the same for all (an empty RESPONSE is no response, a decoding error drops the record).
"""

from __future__ import annotations

from ehealth_content import Question
from ehealth_content.question_types import UNFIT, Judged, StoredResponse, Unfit, type_of

__all__ = ["UNFIT", "Judged", "StoredResponse", "Unfit", "decode_response", "encode_response", "longest_response"]


def encode_response(question: Question, response: StoredResponse) -> str:
    """The RESPONSE part of a record (0 to 5 characters).

    TypeError for a response of the wrong shape, ValueError for a value the question lacks.
    """
    spec = type_of(question)
    return "" if response is None else spec.encode(question, response)


def decode_response(question: Question, text: str) -> StoredResponse | Unfit:
    """The response a RESPONSE string stands for, or UNFIT when it cannot be this question's."""
    # Outside the try: an unknown type is a bug to report, not a record to drop.
    spec = type_of(question)
    if text == "":
        return None
    try:
        return spec.decode(question, text)
    except ValueError:
        return UNFIT


def longest_response(question: Question) -> StoredResponse:
    """A response whose record is as long as this question's records can be."""
    return type_of(question).longest(question)
