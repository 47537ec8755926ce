"""Replay tests/vectors/scoring.json (computed by ehealth_content.scoring and the Python state
encoder) in the browser: the runtime must give the same points, state, key and saved record."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from .conftest import REPO, Guard, Site

pytestmark = pytest.mark.browser

VECTORS = REPO / "tests" / "vectors" / "scoring.json"

REPLAY = """cases => cases.map(c => {
  const e = window.ehealth;
  const got = e.score(c.question, c.response);
  const record = c.response === null ? "" : e.encodeResponse(c.question, c.response);
  const back = e.decodeResponse(c.question, c.record);
  return {
    points: got.points, state: got.state, record: record, key: e.questionKey(c.question.id),
    // A record read back and written again is the same record (verdict-only ones aside).
    roundTrip: back === undefined ? "unfit" : back === null ? c.record === "" || c.record === "x"
      : e.encodeResponse(c.question, back) === c.record || c.record === "="
  };
})"""


def test_runtime_scores_and_saves_like_python(guarded: tuple[Page, Guard], site: Site) -> None:
    cases = json.loads(VECTORS.read_text(encoding="utf-8"))
    assert len(cases) > 50
    page, _ = guarded
    page.goto(site.package_url("web"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    results = page.evaluate(REPLAY, cases)
    mismatches = []
    for case, got in zip(cases, results, strict=True):
        want = {"points": case["points"], "state": case["state"], "record": case["record"],
                "key": case["question"]["key"], "roundTrip": True}
        if got != want:
            mismatches.append(f"{case['question']['id']} {case['response']!r}: browser {got}, Python {want}")
    assert not mismatches, "\n".join(mismatches)
