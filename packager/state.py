"""The learner's saved state, as ``suspend_data`` and ``localStorage`` hold it (docs/architecture.md §3).

    E1 ~ PAGES ~ DRAWS ~ ANSWERS

The browser runtime writes and reads it; Python writes it too, to measure the worst case at
build time and to produce test vectors the browser replays. Decoding never raises: a string
that is not ``E1`` state starts a fresh attempt, and a record that does not fit the current
module is dropped.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ehealth_content import Module, Question

from ._digits import digit_count, fnv1a_32, from_digits, to_digits
from ._responses import (
    Judged,
    StoredResponse,
    Unfit,
    decode_response,
    encode_response,
    longest_response,
)

__all__ = [
    "FORMAT_TAG",
    "KEY_DIGITS",
    "MAX_SUBMISSIONS",
    "Answer",
    "Judged",
    "SavedState",
    "StoredResponse",
    "decode_state",
    "encode_record",
    "encode_state",
    "key_collisions",
    "question_key",
    "worst_case_length",
]

FORMAT_TAG = "E1"
KEY_DIGITS = 3
# N, the submissions used, is one digit.
MAX_SUBMISSIONS = 63
_SECTIONS = "~"
_DRAWS = "."
_RECORDS = ","


@dataclass(frozen=True, slots=True)
class Answer:
    submissions: int
    """Submissions used, 1 to 63."""
    response: StoredResponse
    """The last submitted response (the one that counts)."""


@dataclass(frozen=True, slots=True)
class SavedState:
    visited: frozenset[str] = frozenset()
    """Ids of the pages seen."""
    draws: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Pool name → the question ids drawn, in source order."""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    """Question id → its last submission."""


def question_key(question_id: str) -> str:
    """The 18 low bits of FNV-1a 32 over the id's UTF-8 bytes, as 3 digits."""
    return to_digits(fnv1a_32(question_id.encode("utf-8")) & 0x3FFFF, KEY_DIGITS)


def encode_record(question: Question, answer: Answer) -> str:
    """``KEY`` + ``N`` + ``RESPONSE`` for one question."""
    if not 1 <= answer.submissions <= MAX_SUBMISSIONS:
        raise ValueError(f"question {question.id}: {answer.submissions} submissions do not fit one digit")
    return question_key(question.id) + to_digits(answer.submissions) + encode_response(question, answer.response)


def encode_state(module: Module, state: SavedState) -> str:
    """The state string; ValueError if ``state`` names pages, pools or questions ``module`` lacks."""
    page_index = {page.id: i for i, page in enumerate(module.pages)}
    unknown_pages = state.visited - page_index.keys()
    if unknown_pages:
        raise ValueError(f"unknown pages: {', '.join(sorted(unknown_pages))}")
    pages = sum(1 << page_index[page_id] for page_id in state.visited)
    draws = []
    for pool in module.pools:
        drawn = state.draws.get(pool.name, ())
        if not set(drawn) <= set(pool.question_ids):
            raise ValueError(f"pool {pool.name}: draws questions outside the pool")
        draws.append(to_digits(sum(1 << i for i, qid in enumerate(pool.question_ids) if qid in drawn)))
    by_id = {q.id: q for q in module.questions}
    unknown_questions = state.answers.keys() - by_id.keys()
    if unknown_questions:
        raise ValueError(f"unknown questions: {', '.join(sorted(unknown_questions))}")
    records = [encode_record(q, state.answers[q.id]) for q in module.questions if q.id in state.answers]
    return _SECTIONS.join([FORMAT_TAG, to_digits(pages), _DRAWS.join(draws), _RECORDS.join(records)])


def decode_state(module: Module, text: str) -> SavedState:
    """What ``text`` restores for ``module``; an empty state when it is not ``E1`` state."""
    sections = text.split(_SECTIONS)
    if len(sections) != 4 or sections[0] != FORMAT_TAG:
        return SavedState()
    pages_text, draws_text, answers_text = sections[1:]
    try:
        pages = from_digits(pages_text)
    except ValueError:
        return SavedState()
    visited = frozenset(page.id for i, page in enumerate(module.pages) if pages >> i & 1)
    return SavedState(visited, _decode_draws(module, draws_text), dict(_decode_answers(module, answers_text)))


def _decode_draws(module: Module, text: str) -> dict[str, tuple[str, ...]]:
    draws: dict[str, tuple[str, ...]] = {}
    masks = text.split(_DRAWS) if text else []
    for pool, mask_text in zip(module.pools, masks, strict=False):
        try:
            mask = from_digits(mask_text)
        except ValueError:
            continue
        # A draw that no longer fits the pool (questions removed, pick changed) is redrawn.
        if mask >> len(pool.question_ids) or mask.bit_count() != pool.pick:
            continue
        draws[pool.name] = tuple(qid for i, qid in enumerate(pool.question_ids) if mask >> i & 1)
    return draws


def _decode_answers(module: Module, text: str) -> Iterator[tuple[str, Answer]]:
    by_key: dict[str, Question] = {}
    for question in module.questions:
        by_key.setdefault(question_key(question.id), question)
    seen: set[str] = set()
    for record in text.split(_RECORDS) if text else []:
        found = by_key.get(record[:KEY_DIGITS])
        if found is None or found.id in seen or len(record) <= KEY_DIGITS:
            continue
        question = found
        try:
            submissions = from_digits(record[KEY_DIGITS])
        except ValueError:
            continue
        response = decode_response(question, record[KEY_DIGITS + 1 :])
        if submissions == 0 or isinstance(response, Unfit):
            continue
        seen.add(question.id)
        yield question.id, Answer(submissions, response)


def worst_case_length(module: Module) -> int:
    """The longest state ``module`` can save: every page seen, every question shown answered
    with its longest response, the widest draw of each pool.

    An upper bound: the widest draw and the longest records may not come together.
    """
    records = {q.id: len(encode_record(q, Answer(MAX_SUBMISSIONS, longest_response(q)))) for q in module.questions}
    pooled = {qid for pool in module.pools for qid in pool.question_ids}
    lengths = [records[q.id] for q in module.questions if q.id not in pooled]
    for pool in module.pools:
        lengths.extend(sorted((records[qid] for qid in pool.question_ids), reverse=True)[: pool.pick])
    answers = sum(lengths) + max(len(lengths) - 1, 0)
    pages = digit_count((1 << len(module.pages)) - 1)
    draws = sum(digit_count((1 << len(pool.question_ids)) - 1) for pool in module.pools)
    draws += max(len(module.pools) - 1, 0)
    return len(FORMAT_TAG) + pages + draws + answers + 3 * len(_SECTIONS)


def key_collisions(module: Module) -> list[tuple[Question, Question]]:
    """Pairs of questions whose state keys are equal (the later one would lose its answers)."""
    first: dict[str, Question] = {}
    pairs = []
    for question in module.questions:
        key = question_key(question.id)
        if key in first:
            pairs.append((first[key], question))
        else:
            first.setdefault(key, question)
    return pairs
