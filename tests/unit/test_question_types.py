"""Every place that knows the question types knows the same ones, and an unknown type is an
error wherever a question is dispatched on its type, never a silent zero or a skipped branch."""

from __future__ import annotations

import dataclasses
import json
import re
import typing
from pathlib import Path

import pytest

from ehealth_content import QUESTION_TYPES, Module, Question, load_module
from ehealth_content.export import gift, moodle_xml
from ehealth_content.question_types import TYPES, UnknownQuestionType, type_named, type_of
from ehealth_content.questions import TYPE_KEYS
from ehealth_content.scoring import question_points, result_state
from packager.compat import module_shape
from xapi.validation.activities import INTERACTION_TYPES

ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "packager" / "templates" / "question.html.j2"
RUNTIME = ROOT / "packager" / "runtime" / "ehealth.js"
VECTORS = ROOT / "tests" / "vectors"


def _model_types() -> dict[str, type]:
    """``type`` name → dataclass, for every member of the ``Question`` union."""
    return {cls.__dataclass_fields__["type"].default: cls for cls in typing.get_args(Question)}


def test_the_registry_and_the_model_union_have_the_same_types() -> None:
    assert QUESTION_TYPES == tuple(TYPES)
    assert {name: spec.model for name, spec in TYPES.items()} == _model_types()
    assert all(spec.name == name for name, spec in TYPES.items())
    assert TYPE_KEYS == {name: spec.keys for name, spec in TYPES.items()}
    assert all(set(spec.required) <= set(spec.keys) for spec in TYPES.values())


def test_the_runtime_table_has_the_same_types() -> None:
    # The browser test asks the running player (tests/browser/test_vectors.py); this reads the
    # source, so that a forgotten entry fails in the fast suite too.
    source = RUNTIME.read_text(encoding="utf-8")
    table = source[source.index("var TYPES = {") :]
    table = table[: table.index("\n  };")]
    assert re.findall(r"^    (\w+): \{", table, re.MULTILINE) == list(QUESTION_TYPES)


def test_the_template_has_markup_for_the_same_types() -> None:
    template = TEMPLATE.read_text(encoding="utf-8")
    named: set[str] = set()
    for tested in re.findall(r"question\.type (?:==|in) (\([^)]*\)|\"\w+\")", template):
        named.update(re.findall(r'"(\w+)"', tested))
    assert named == set(QUESTION_TYPES)


def test_the_scoring_vectors_cover_the_same_types() -> None:
    cases = json.loads((VECTORS / "scoring.json").read_text(encoding="utf-8"))
    assert {c["question"]["type"] for c in cases} == set(QUESTION_TYPES)


def test_every_interaction_type_is_one_xapi_and_scorm_know() -> None:
    # cmi.interaction types, the same words in SCORM 2004 and xAPI; the browser test checks
    # the runtime reports each question as its type says.
    assert {spec.interaction for spec in TYPES.values()} <= set(INTERACTION_TYPES)


def test_every_moodle_mapping_is_said() -> None:
    for spec in TYPES.values():
        # A type without a Moodle equivalent says why it is left out.
        assert (spec.moodle_type is None) == bool(spec.moodle_missing), spec.name


@pytest.mark.parametrize("name", ["bogus", "", "Single", None, 3, ["single"]])
def test_an_unknown_type_name_is_an_error(name: object) -> None:
    with pytest.raises(UnknownQuestionType, match="unknown question type") as caught:
        type_named(name)
    assert "single, multiple" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def _vectors_module() -> Module:
    module, diagnostics = load_module(VECTORS / "module.md")
    assert module is not None, diagnostics
    return module


def _with_bogus_question(module: Module) -> tuple[Module, Question]:
    """``module`` whose first question claims a type no module defines."""
    first = module.questions[0]
    bogus = dataclasses.replace(first, type="bogus")  # type: ignore[arg-type]
    pages = tuple(
        dataclasses.replace(page, blocks=tuple(bogus if b is first else b for b in page.blocks))
        for page in module.pages
    )
    return dataclasses.replace(module, pages=pages), bogus


def test_every_type_of_the_vectors_module_is_known() -> None:
    module = _vectors_module()
    assert {type_of(q).name for q in module.questions} == set(QUESTION_TYPES)


def test_an_unknown_type_fails_loudly_in_every_dispatcher() -> None:
    module, bogus = _with_bogus_question(_vectors_module())
    calls = {
        "question_points": lambda: question_points(bogus, "a"),
        "question_points, no response": lambda: question_points(bogus, None),
        "result_state": lambda: result_state(bogus, "a"),
        "compat": lambda: module_shape(module),
        "moodle_xml": lambda: moodle_xml([module]),
        "gift": lambda: gift([module]),
    }
    for what, call in calls.items():
        with pytest.raises(UnknownQuestionType, match="'bogus'"):
            call()
            pytest.fail(f"{what} accepted a question of an unknown type")


def test_a_type_name_on_another_types_class_is_an_error() -> None:
    single = next(q for q in _vectors_module().questions if q.type == "single")
    with pytest.raises(UnknownQuestionType, match="SingleChoiceQuestion"):
        type_of(dataclasses.replace(single, type="multiple"))  # type: ignore[arg-type]
