"""The saved state (docs/architecture.md §3): round trips, sizes, and robustness against old or bad state."""

from __future__ import annotations

import functools
import math
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content import (
    HotspotQuestion,
    KeyFeatureQuestion,
    LikertQuestion,
    LongMenuQuestion,
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ScriptConcordanceQuestion,
    SingleChoiceQuestion,
    TextQuestion,
    TrueFalseQuestion,
    check,
    load_text,
)
from ehealth_content._digits import fnv1a_32, from_digits, to_digits
from ehealth_content.scoring import result_state
from packager import suspend_data_worst_case
from packager.state import (
    Answer,
    Judged,
    SavedState,
    decode_state,
    encode_record,
    encode_state,
    page_key,
    question_key,
)

VECTOR_MODULE = Path(__file__).parents[1] / "vectors" / "module.md"


@functools.cache
def vector_module() -> Module:
    return check(VECTOR_MODULE)


@pytest.fixture
def module() -> Module:
    return vector_module()


def _letters(n: int) -> list[str]:
    return [chr(ord("a") + i) for i in range(n)]


def responses(question: Question) -> st.SearchStrategy[Any]:
    """Responses in their canonical form: what decoding gives back exactly."""
    match question:
        case SingleChoiceQuestion():
            return st.sampled_from([c.id for c in question.choices])
        case MultipleChoiceQuestion():
            return st.frozensets(st.sampled_from([c.id for c in question.choices]))
        case TrueFalseQuestion():
            return st.booleans()
        case LikertQuestion():
            return st.integers(1, len(question.scale)).map(str)
        case ScriptConcordanceQuestion():
            return st.integers(1, len(question.labels)).map(str)
        case LongMenuQuestion():
            return st.sampled_from([*question.answers, Judged(False)])
        case TextQuestion():
            return st.sampled_from([*question.answers, Judged(False)])
        case NumericQuestion():
            kept = st.from_regex(r"\A[+-]?(\d{1,2}(\.\d?)?|\.\d)\Z").filter(lambda s: len(s) <= 4)
            if question.units:  # kept in the answer's unit, and read back with it
                kept = kept.filter(str.isascii).map(lambda s: f"{s} {question.unit}")
            return st.one_of(kept, st.builds(Judged, st.booleans()))
        case MatchingQuestion():
            sides = st.integers(1, len(question.right_sides)).map(str)
            return st.dictionaries(st.sampled_from(_letters(len(question.pairs))), sides)
        case OrderingQuestion():
            return st.permutations(_letters(len(question.items))).map(tuple)
        case KeyFeatureQuestion():
            return st.frozensets(st.sampled_from([c.id for c in question.choices]))
        case HotspotQuestion():
            return st.tuples(st.integers(0, question.width), st.integers(0, question.height)).map(
                lambda p: f"{p[0]},{p[1]}"
            )


@st.composite
def states(draw: st.DrawFn, module: Module) -> SavedState:
    visited = draw(st.frozensets(st.sampled_from([p.id for p in module.pages])))
    draws = {
        pool.name: tuple(
            sorted(
                draw(st.lists(st.sampled_from(pool.question_ids), min_size=pool.pick, max_size=pool.pick, unique=True)),
                key=pool.question_ids.index,
            )
        )
        for pool in module.pools
    }
    answers = {}
    for question in module.questions:
        if draw(st.booleans()):
            response = draw(st.one_of(st.none(), responses(question)))
            answers[question.id] = Answer(draw(st.integers(1, 63)), response)
    return SavedState(visited, draws, answers)


@settings(max_examples=120)
@given(data=st.data())
def test_state_round_trips(module: Module, data: st.DataObject) -> None:
    state = data.draw(states(module))
    text = encode_state(module, state)
    assert decode_state(module, text) == state
    assert len(text) <= suspend_data_worst_case(module)


@settings(max_examples=300)
@given(data=st.data())
def test_any_typed_text_or_number_keeps_its_verdict(module: Module, data: st.DataObject) -> None:
    question = data.draw(
        st.sampled_from([q for q in module.questions if isinstance(q, (TextQuestion, NumericQuestion))])
    )
    typed = data.draw(st.one_of(st.text(max_size=12), st.from_regex(r"\A ?[+-]?\d{0,4}[.,]?\d{0,3} ?\Z")))
    restored = decode_state(module, encode_state(module, SavedState(answers={question.id: Answer(1, typed)})))
    response = restored.answers[question.id].response
    right = result_state(question, typed) == "correct"
    if isinstance(response, Judged):
        assert response.right is right
    else:
        assert isinstance(response, str) and (result_state(question, response) == "correct") is right


@given(data=st.data())
@settings()
def test_every_record_fits_nine_characters(module: Module, data: st.DataObject) -> None:
    # Nine plus its separator: the ten characters per question the format promises.
    question = data.draw(st.sampled_from(module.questions))
    response = data.draw(responses(question))
    assert len(encode_record(question, Answer(63, response))) <= 9


@given(st.text(alphabet="E1~.,=xn0123456789AZaz-_ ", max_size=40) | st.text(max_size=40))
@settings(max_examples=500)
def test_decoding_never_raises(text: str) -> None:
    decode_state(vector_module(), text)


@pytest.mark.parametrize(
    "text", ["", "E3~1~~", "E2~1~", "E1~1~", "E1~é~~", "E1~1~~" + "," * 5, "E1~1~zzzzzz.~abc", "E2~~zzzzzz.~abc"]
)
def test_unreadable_state_starts_fresh_or_drops_records(module: Module, text: str) -> None:
    state = decode_state(module, text)
    assert state.answers == {} and state.draws == {}


def test_records_that_no_longer_fit_are_dropped(module: Module) -> None:
    single = question_key("unique")
    stale = ",".join(
        [
            single + "19",  # choice position 9: the question has 3 choices now
            "ZZZ1" + "0",  # a key no question has
            question_key("vrai-faux") + "02",  # submissions 0 and a response that is not 0/1
            question_key("ordre") + "1" + to_digits(math.factorial(4)),  # past the last permutation
            question_key("avis") + "13",  # kept: scale position 3 exists
        ]
    )
    pages = page_key("choix") + page_key("gone") + page_key("structure") + "Z"  # a removed page, a stray digit
    state = decode_state(module, f"E2~{pages}~0~{stale}")
    assert state.answers == {"avis": Answer(1, "4")}
    assert state.visited == {"choix", "structure"}
    assert state.draws == {}  # a draw of 0 questions where the pool picks 2 is redrawn


def _with_pages(module: Module, order: list[str]) -> Module:
    """``module`` with its pages in ``order``; an id it lacks is a new page with no question."""
    pages = {page.id: page for page in module.pages}
    blank = module.pages[0]
    return replace(
        module,
        pages=tuple(pages.get(pid) or replace(blank, id=pid, title=pid.title(), blocks=()) for pid in order),
    )


@pytest.mark.parametrize(
    "order",
    [
        ["choix", "nouvelle", "saisie", "structure"],  # inserted
        ["nouvelle", "structure", "choix", "saisie"],  # inserted and moved
        ["choix", "structure"],  # removed (its questions with it)
        ["structure", "saisie", "choix"],  # reversed
    ],
)
def test_pages_seen_follow_their_ids_across_versions(module: Module, order: list[str]) -> None:
    seen = frozenset({"choix", "saisie"})
    text = encode_state(module, SavedState(visited=seen))
    assert decode_state(_with_pages(module, order), text).visited == seen & set(order)


@settings(max_examples=100)
@given(data=st.data())
def test_no_page_change_marks_a_page_not_seen(module: Module, data: st.DataObject) -> None:
    ids = [page.id for page in module.pages]
    seen = data.draw(st.frozensets(st.sampled_from(ids)))
    kept = data.draw(st.lists(st.sampled_from(ids), unique=True))
    added = data.draw(st.lists(st.sampled_from(["nouvelle", "annexe", "synthese-2"]), unique=True))
    order = data.draw(st.permutations(kept + added))
    text = encode_state(module, SavedState(visited=seen))
    assert decode_state(_with_pages(module, list(order)), text).visited == seen & set(kept)


def test_old_format_keeps_answers_and_draws_but_no_page_marks(module: Module) -> None:
    """An E1 state's pages are bits by position of a page list it does not name: read against a
    changed list they would mark a page never seen, so they are dropped (the learner sees them again)."""
    draws = to_digits(0b11)
    answer = question_key("avis") + "13"
    for current in (module, _with_pages(module, ["choix", "nouvelle", "saisie", "structure"])):
        state = decode_state(current, f"E1~7~{draws}~{answer}")
        assert state.visited == frozenset()
        assert state.answers == {"avis": Answer(1, "4")}
        assert state.draws == {"lot": tuple(current.pools[0].question_ids[:2])}
    assert decode_state(module, f"E1~%~{draws}~{answer}") == SavedState(), "a damaged E1 state starts fresh"


def _e1_mask(pages: list[str], seen: frozenset[str]) -> str:
    """An E1 state's MASK (docs/architecture.md §3): bit i for the i-th page of the old list."""
    return to_digits(sum(1 << i for i, pid in enumerate(pages) if pid in seen))


@settings(max_examples=100)
@given(data=st.data())
def test_an_old_state_read_against_its_page_list_marks_only_pages_seen_that_still_exist(
    module: Module, data: st.DataObject
) -> None:
    """``e1Pages`` (ehealth build --previous): whatever the new version did to the pages, the
    pages marked are exactly those seen in the old list that exist now."""
    old_pages = data.draw(
        st.lists(st.sampled_from(["choix", "saisie", "structure", "ancienne"]), unique=True, min_size=1)
    )
    seen = data.draw(st.frozensets(st.sampled_from(old_pages)))
    kept = data.draw(st.lists(st.sampled_from(old_pages), unique=True))
    added = data.draw(st.lists(st.sampled_from(["nouvelle", "annexe"]), unique=True))
    order = list(data.draw(st.permutations(kept + added)))
    if not order:
        order = ["nouvelle"]
    state = decode_state(_with_pages(module, order), f"E1~{_e1_mask(old_pages, seen)}~~", old_pages)
    assert state.visited == seen & set(order)


def test_an_old_state_with_a_bit_past_its_page_list_marks_no_page(module: Module) -> None:
    """A bit past the end: the state was written against another (longer) list, so none is trusted."""
    current = _with_pages(module, ["choix", "nouvelle", "saisie"])
    assert decode_state(current, "E1~F~~", ["choix", "saisie"]).visited == frozenset()
    assert decode_state(current, "E1~3~~", ["choix", "saisie"]).visited == {"choix", "saisie"}
    assert decode_state(current, "E1~3~~").visited == frozenset(), "no list: no marks"


def test_fnv1a_matches_published_vectors() -> None:
    # Reference values of FNV-1a 32 (Fowler/Noll/Vo test suite): the JS side must agree.
    assert fnv1a_32(b"") == 0x811C9DC5
    assert fnv1a_32(b"a") == 0xE40C292C
    assert fnv1a_32(b"foobar") == 0xBF9CF968
    assert question_key("a") == to_digits(0xE40C292C & 0x3FFFF, 3)


def test_digits_are_little_endian_base64() -> None:
    assert to_digits(0) == "0" and to_digits(63) == "_" and to_digits(64) == "01"
    assert to_digits(5, 3) == "500"
    assert from_digits("01") == 64
    with pytest.raises(ValueError, match="not a state digit"):
        from_digits("+")


def _wide_module(count: int) -> str:
    blocks = []
    for i in range(count):
        items = "[" + ", ".join(f"étape {j}" for j in range(10)) + "]"
        blocks.append(f"```quiz\nid: q{i}\ntype: ordering\nprompt: Ordre {i}.\nitems: {items}\n```\n")
    return "---\nid: large\ntitle: Large\nversion: 1.0.0\n---\n\n# Page {#p}\n\n" + "\n".join(blocks)


def test_a_hundred_widest_questions_stay_near_a_thousand_characters(tmp_path: Path) -> None:
    module, diagnostics = load_text(_wide_module(100), tmp_path / "module.md")
    assert module is not None, diagnostics
    header = len("E2~" + page_key("p") + "~~")
    assert suspend_data_worst_case(module) <= 1000 + header
    answered = SavedState(
        frozenset({"p"}), {}, {q.id: Answer(63, tuple(reversed(_letters(10)))) for q in module.questions}
    )
    assert len(encode_state(module, answered)) == suspend_data_worst_case(module)
