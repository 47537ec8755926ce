"""packager's dispatchers (embedded data, saved state, read-back) go through the one registry
of ehealth_content.question_types: every type round-trips, an unknown one is an error."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ehealth_content import Module, Question, load_module
from ehealth_content.question_types import QUESTION_TYPES, UnknownQuestionType
from packager.build import suspend_data_worst_case
from packager.compat import module_shape
from packager.data import module_data, question_data
from packager.html import render_index_html
from packager.package_shape import PackageReadError, shape_from_index
from packager.state import (
    Answer,
    SavedState,
    decode_response,
    decode_state,
    encode_response,
    encode_state,
    longest_response,
)

VECTORS = Path(__file__).parents[1] / "vectors" / "module.md"


@pytest.fixture(scope="module")
def module() -> Module:
    found, diagnostics = load_module(VECTORS)
    assert found is not None, diagnostics
    return found


def _bogus(module: Module) -> tuple[Module, Question]:
    first = module.questions[0]
    bogus = dataclasses.replace(first, type="bogus")  # type: ignore[arg-type]
    pages = tuple(
        dataclasses.replace(page, blocks=tuple(bogus if b is first else b for b in page.blocks))
        for page in module.pages
    )
    return dataclasses.replace(module, pages=pages), bogus


def test_every_type_reads_back_from_its_built_page_as_from_its_source(module: Module) -> None:
    assert {q.type for q in module.questions} == set(QUESTION_TYPES)
    html = render_index_html(module, "web").encode("utf-8")
    assert shape_from_index(html, "index.html") == module_shape(module)


def test_every_type_saves_its_longest_response_and_reads_it_back(module: Module) -> None:
    answers = {q.id: Answer(1, longest_response(q)) for q in module.questions}
    restored = decode_state(module, encode_state(module, SavedState(answers=answers)))
    assert restored.answers == answers


def test_an_unknown_type_fails_loudly_in_every_packager_dispatcher(module: Module) -> None:
    broken, bogus = _bogus(module)
    calls = {
        "question_data": lambda: question_data(bogus),
        "module_data": lambda: module_data(broken, "web"),
        "index.html": lambda: render_index_html(broken, "web"),
        "encode_response": lambda: encode_response(bogus, "a"),
        "encode_response, no response": lambda: encode_response(bogus, None),
        # Never a dropped record: the state of a module we cannot describe is not guesswork.
        "decode_response": lambda: decode_response(bogus, "0"),
        "longest_response": lambda: longest_response(bogus),
        "worst case": lambda: suspend_data_worst_case(broken),
    }
    for what, call in calls.items():
        with pytest.raises(UnknownQuestionType, match="'bogus'"):
            call()
            pytest.fail(f"{what} accepted a question of an unknown type")


def test_a_package_with_an_unknown_type_is_refused_in_one_line(module: Module) -> None:
    html = render_index_html(module, "web")
    data = json.dumps(question_data(module.questions[0]), ensure_ascii=False, separators=(",", ":"))
    assert data in html
    for kind in ("bogus", ["single"], None):
        damaged = html.replace(data, data.replace('"type":"single"', f'"type":{json.dumps(kind)}'), 1)
        assert damaged != html
        with pytest.raises(PackageReadError, match="damaged embedded data .*unknown question type") as caught:
            shape_from_index(damaged.encode("utf-8"), "index.html")
        assert "\n" not in str(caught.value)
