"""No input makes the loader raise: generated and mutated sources always give diagnostics."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content import Diagnostic, load_text
from tests.support.mutations import FRAGMENTS, SEED_SOURCES, mutate

TODAY = datetime.date(2026, 11, 29)


def assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.line >= 1 and d.column >= 1
        assert d.severity in ("error", "warning")
        assert d.code[0] in "EW" and d.code[1:].isdigit()


@settings(max_examples=300)
@given(seed=st.integers(0, len(SEED_SOURCES) - 1), rng_seed=st.integers(0, 2**32 - 1))
def test_mutated_sources_never_raise(seed: int, rng_seed: int) -> None:
    source = mutate(SEED_SOURCES[seed], random.Random(rng_seed))
    module, diagnostics = load_text(source, today=TODAY)
    assert_well_formed(diagnostics)
    assert (module is None) == any(d.severity == "error" for d in diagnostics)


@settings(max_examples=300)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.binary(max_size=40)), max_size=30))
def test_generated_sources_never_raise(parts: list[bytes]) -> None:
    _, diagnostics = load_text(b"---\nid: x\ntitle: t\nversion: 1.0.0\n---\n# P\n" + b"\n".join(parts), today=TODAY)
    assert_well_formed(diagnostics)


@settings(max_examples=200)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_well_formed(load_text(text, today=TODAY)[1])


def test_deep_nesting_is_a_diagnostic_not_a_crash() -> None:
    for body in (b"[" * 100_000, b"- " * 50_000 + b"x", b"> " * 50_000 + b"x", b"a: &a [*a, *a]\n"):
        _, diagnostics = load_text(b"---\n" + body + b"\n---\n# P\n")
        assert_well_formed(diagnostics)
        _, diagnostics = load_text(b"---\nid: x\ntitle: t\nversion: 1.0.0\n---\n# P\n```quiz\n" + body + b"\n```\n")
        assert_well_formed(diagnostics)


def test_alias_bomb_is_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)
    )
    _, diagnostics = load_text(f"---\n{bomb}---\n# P\n")
    assert any("too many values" in d.message for d in diagnostics)


def test_a_file_over_the_size_limit_is_refused_with_one_diagnostic(tmp_path: Path) -> None:
    from ehealth_content import load_module
    from ehealth_content._source import MAX_SOURCE_BYTES

    huge = tmp_path / "huge.md"
    huge.write_bytes(b"---\nid: x\n---\n" + b"a" * MAX_SOURCE_BYTES)
    module, diagnostics = load_module(huge)
    assert module is None
    assert [(d.line, d.code) for d in diagnostics] == [(1, "E003")]
