"""The committed scoring vectors are what Python computes today, and cover what they must."""

from __future__ import annotations

import json

from ehealth_content import QUESTION_TYPES

from .generate import OUTPUT, render


def test_committed_vectors_are_up_to_date() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), "run: .venv/bin/python -m tests.vectors.generate"


def test_vectors_cover_every_type_and_result_state() -> None:
    cases = json.loads(OUTPUT.read_text(encoding="utf-8"))
    assert {c["question"]["type"] for c in cases} == set(QUESTION_TYPES)
    assert {c["state"] for c in cases} == {"correct", "incorrect", "partial", "neutral"}
    partial_types = {c["question"]["type"] for c in cases if c["state"] == "partial"}
    assert partial_types == {"multiple", "matching", "tcs", "kfp"}
    # Every record kind of the numeric type: kept as typed, and verdict only.
    numeric_records = {c["record"][0] for c in cases if c["question"]["type"] == "numeric" and c["record"]}
    assert numeric_records == {"n", "=", "x"}
