"""The YAML reader takes a string scalar's text as its value without PyYAML's constructor: the
values must be the constructor's own, for strings and for everything else."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content._yaml import _construct, _Loader, load_yaml

_SCALARS = [
    *("texte", "'simple'", '"double \\u00e9"', "!!str 12", "12", "0x1F", "1.5", ".inf", "true", "non", "~", "null"),
    *("2024-05-01", "|\n  bloc\n  deux", ">\n  plié\n  ici", "&a ancre", "*a", "!!int '7'", "'l''équipe'", "é : oui"),
]


def _document(values: list[str]) -> str:
    lines = []
    for i, value in enumerate(values):
        indented = value.replace("\n", "\n  ")
        lines.append(f"k{i}: {indented}")
    return "\n".join(lines) + "\n"


def _scalars(node: Any) -> list[Any]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for child in pair for n in _scalars(child)]
    if isinstance(node, yaml.SequenceNode):
        return [n for child in node.value for n in _scalars(child)]
    return [node]


@settings(max_examples=500, derandomize=True)
@given(st.lists(st.sampled_from(_SCALARS), min_size=1, max_size=6))
def test_every_scalar_reads_as_the_safe_constructor_reads_it(values: list[str]) -> None:
    text = _document(values)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError:
        return  # an alias before its anchor: the reader reports it, no value to compare
    finally:
        loader.dispose()
    ours, theirs = _Loader(text), _Loader(text)
    try:
        for scalar in _scalars(node):
            try:
                expected = theirs.construct_object(scalar, deep=True)
            except (yaml.YAMLError, ValueError):
                continue
            assert _construct(ours, scalar) == expected
            assert type(_construct(ours, scalar)) is type(expected)
    finally:
        ours.dispose()
        theirs.dispose()


def test_strings_numbers_and_dates_keep_their_types() -> None:
    doc, problems = load_yaml("a: texte\nb: 12\nc: '12'\nd: 2024-05-01\ne: !!str 3\nf: [x, 1]\n")
    assert problems == [] and doc is not None
    assert doc.value == {"a": "texte", "b": 12, "c": "12", "d": yaml.safe_load("2024-05-01"), "e": "3", "f": ["x", 1]}
