"""The learner's saved state, as ``suspend_data`` and ``localStorage`` hold it (docs/architecture.md §3).

    E2 ~ PAGES ~ DRAWS ~ ANSWERS

The browser runtime writes and reads it; Python writes it too, to measure the worst case at
build time and to produce test vectors the browser replays. Decoding never raises: a string
that is not ``E2`` (or ``E1``) state starts a fresh attempt, and a record that does not fit the
current module is dropped.

PAGES names each page seen by a key of its id, as ANSWERS names questions, so that pages seen
stay seen when a new version inserts, removes or reorders pages. ``E1``, the format before,
kept them as a bitmask by page position, which a changed page list would read as other pages;
nothing in an ``E1`` state says which page list it was written with, so its page marks are
dropped (the learner sees those pages again) and its draws and answers are kept, unless the
package names that list: a build with ``--previous`` the ``E1`` package learners use embeds its
pages (``e1Pages``), and bit i then marks ``e1Pages[i]`` seen if a page of that id exists now.

One question's RESPONSE (the RESPONSE table of §3) comes in the form
:mod:`ehealth_content.scoring` takes. Decoding gives the same form back, except where the state
keeps only a verdict (text typed wrong, long numbers): then a :class:`Judged` value. Each
type's codec is in its module of :mod:`ehealth_content.question_types`, beside the base-64
digits they write (:mod:`ehealth_content._digits`); this module adds what is the same for all:
the sections, the records, an empty RESPONSE as no response, a decoding error as a dropped record.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from ehealth_content import Module, Page, Question
from ehealth_content._digits import digit_count, fnv1a_32, from_digits, to_digits
from ehealth_content.question_types import UNFIT, Judged, StoredResponse, Unfit, type_of

__all__ = [
    "FORMAT_TAG",
    "KEY_DIGITS",
    "OLD_FORMAT_TAG",
    "MAX_SUBMISSIONS",
    "PoolPositions",
    "StatePositions",
    "UNFIT",
    "Answer",
    "Judged",
    "SavedState",
    "StoredResponse",
    "Unfit",
    "decode_response",
    "decode_state",
    "encode_record",
    "encode_response",
    "encode_state",
    "key_collisions",
    "page_key",
    "page_key_collisions",
    "longest_response",
    "positions_from_data",
    "question_key",
    "state_positions",
    "worst_case_length",
]

FORMAT_TAG = "E2"
OLD_FORMAT_TAG = "E1"
"""Pages seen as a bitmask by position: still read, page marks aside."""
KEY_DIGITS = 3
# N, the submissions used, is one digit.
MAX_SUBMISSIONS = 63
_SECTIONS = "~"
_DRAWS = "."
_RECORDS = ","


PoolPositions: TypeAlias = tuple[str, int, tuple[str, ...]]
"""``(name, pick, member question ids)``: DRAWS keeps a pool's draw as a bitmask over its members."""


@dataclass(frozen=True, slots=True)
class StatePositions:
    """The pages and pools the saved state is written against: PAGES names pages by key (an
    ``E1`` state, by position); the j-th mask of DRAWS is the j-th pool's draw, bit i its i-th
    member. Answers are keyed by question id (inside a question, by the positions its type's
    codec says).

    The codec below, the embedded data the runtime's codec reads (``pages``, ``pools``) and
    ``ehealth compat`` (which reports a pool changed, or a page removed, as breaking saved state) all
    take them from here.
    """

    pages: tuple[str, ...]
    """Page ids in module order."""
    pools: tuple[PoolPositions, ...]
    """Pools in front-matter order, members in source order."""
    e1_pages: tuple[str, ...] | None = None
    """The page list of the ``E1`` package learners used before (``ehealth build --previous``):
    the positions an ``E1`` state's page bits refer to. None: unknown, ``E1`` page marks are dropped."""

    def data(self) -> dict[str, Any]:
        """``stateFormat``, ``pages``, ``pools`` and ``e1Pages`` of the embedded data (docs/architecture.md §2)."""
        data: dict[str, Any] = {
            # For readers of a built package (ehealth compat): how its runtime saves state.
            "stateFormat": FORMAT_TAG,
            "pages": list(self.pages),
            "pools": [{"name": name, "pick": pick, "questions": list(members)} for name, pick, members in self.pools],
        }
        if self.e1_pages is not None:
            data["e1Pages"] = list(self.e1_pages)
        return data


def state_positions(module: Module, e1_pages: Sequence[str] | None = None) -> StatePositions:
    """The positions ``module``'s saved state is written in; ``e1_pages``, those an ``E1`` state was."""
    return StatePositions(
        tuple(page.id for page in module.pages),
        tuple((pool.name, pool.pick, tuple(pool.question_ids)) for pool in module.pools),
        None if e1_pages is None else tuple(e1_pages),
    )


def positions_from_data(data: Mapping[str, Any]) -> StatePositions:
    """The positions a built package's embedded data gives its runtime (inverse of :meth:`StatePositions.data`)."""
    e1_pages = data.get("e1Pages")
    return StatePositions(
        tuple(data["pages"]),
        tuple((pool["name"], pool["pick"], tuple(pool["questions"])) for pool in data["pools"]),
        None if e1_pages is None else tuple(e1_pages),
    )


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


def question_key(question_id: str) -> str:
    """The 18 low bits of FNV-1a 32 over the id's UTF-8 bytes, as 3 digits."""
    return to_digits(fnv1a_32(question_id.encode("utf-8")) & 0x3FFFF, KEY_DIGITS)


def page_key(page_id: str) -> str:
    """A page's key in PAGES: made as a question's (pages and questions are looked up apart)."""
    return question_key(page_id)


def encode_record(question: Question, answer: Answer) -> str:
    """``KEY`` + ``N`` + ``RESPONSE`` for one question."""
    if not 1 <= answer.submissions <= MAX_SUBMISSIONS:
        raise ValueError(f"question {question.id}: {answer.submissions} submissions do not fit one digit")
    return question_key(question.id) + to_digits(answer.submissions) + encode_response(question, answer.response)


def encode_state(module: Module, state: SavedState) -> str:
    """The state string; ValueError if ``state`` names pages, pools or questions ``module`` lacks."""
    positions = state_positions(module)
    unknown_pages = state.visited - set(positions.pages)
    if unknown_pages:
        raise ValueError(f"unknown pages: {', '.join(sorted(unknown_pages))}")
    pages = "".join(page_key(page_id) for page_id in positions.pages if page_id in state.visited)
    draws = []
    for name, _, members in positions.pools:
        drawn = state.draws.get(name, ())
        if not set(drawn) <= set(members):
            raise ValueError(f"pool {name}: draws questions outside the pool")
        draws.append(to_digits(sum(1 << i for i, qid in enumerate(members) if qid in drawn)))
    by_id = {q.id: q for q in module.questions}
    unknown_questions = state.answers.keys() - by_id.keys()
    if unknown_questions:
        raise ValueError(f"unknown questions: {', '.join(sorted(unknown_questions))}")
    records = [encode_record(q, state.answers[q.id]) for q in module.questions if q.id in state.answers]
    return _SECTIONS.join([FORMAT_TAG, pages, _DRAWS.join(draws), _RECORDS.join(records)])


def decode_state(module: Module, text: str, e1_pages: Sequence[str] | None = None) -> SavedState:
    """What ``text`` restores for ``module``; an empty state when it is neither ``E2`` nor ``E1`` state.

    ``e1_pages``: the page list an ``E1`` state's page bits refer to (the embedded ``e1Pages``);
    without it an ``E1`` state's page marks are dropped.
    """
    sections = text.split(_SECTIONS)
    if len(sections) != 4 or sections[0] not in (FORMAT_TAG, OLD_FORMAT_TAG):
        return SavedState()
    pages_text, draws_text, answers_text = sections[1:]
    positions = state_positions(module, e1_pages)
    if sections[0] == OLD_FORMAT_TAG:
        try:
            mask = from_digits(pages_text)
        except ValueError:
            return SavedState()  # a damaged mask starts fresh, as it always did
        visited = _decode_old_pages(positions, mask)
    else:
        visited = _decode_pages(positions, pages_text)
    return SavedState(visited, _decode_draws(positions, draws_text), dict(_decode_answers(module, answers_text)))


def _decode_pages(positions: StatePositions, text: str) -> frozenset[str]:
    by_key: dict[str, list[str]] = {}
    for page_id in positions.pages:
        by_key.setdefault(page_key(page_id), []).append(page_id)
    keys = [text[i : i + KEY_DIGITS] for i in range(0, len(text), KEY_DIGITS)]
    # A key two pages share (the build refuses it, P102) marks neither: never a page not seen.
    return frozenset(found[0] for key in keys if len(found := by_key.get(key, [])) == 1)


def _decode_old_pages(positions: StatePositions, mask: int) -> frozenset[str]:
    # Positions of a page list the state does not name could mark a page inserted since as
    # seen: read only against the list the package says they were written with.
    old = positions.e1_pages
    if old is None or mask >> len(old):
        return frozenset()  # no list, or a bit past it: not written with this list
    return frozenset(page_id for i, page_id in enumerate(old) if mask >> i & 1 and page_id in positions.pages)


def _decode_draws(positions: StatePositions, text: str) -> dict[str, tuple[str, ...]]:
    draws: dict[str, tuple[str, ...]] = {}
    masks = text.split(_DRAWS) if text else []
    for (name, pick, members), mask_text in zip(positions.pools, masks, strict=False):
        try:
            mask = from_digits(mask_text)
        except ValueError:
            continue
        # A draw that no longer fits the pool (questions removed, pick changed) is redrawn.
        if mask >> len(members) or mask.bit_count() != pick:
            continue
        draws[name] = tuple(qid for i, qid in enumerate(members) if mask >> i & 1)
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
    pages = KEY_DIGITS * len(module.pages)
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


def page_key_collisions(module: Module) -> list[tuple[Page, Page]]:
    """Pairs of pages whose state keys are equal (neither would be restored as seen)."""
    first: dict[str, Page] = {}
    pairs = []
    for page in module.pages:
        key = page_key(page.id)
        if key in first:
            pairs.append((first[key], page))
        else:
            first[key] = page
    return pairs
