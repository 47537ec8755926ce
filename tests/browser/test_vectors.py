"""Replay tests/vectors/scoring.json (computed by ehealth_content.scoring and the Python state
encoder) in the browser: the runtime must give the same points, state, key and saved record."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from ehealth_content import QUESTION_TYPES
from ehealth_content.question_types import TYPES

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
        want = {
            "points": case["points"],
            "state": case["state"],
            "record": case["record"],
            "key": case["question"]["key"],
            "roundTrip": True,
        }
        if got != want:
            mismatches.append(f"{case['question']['id']} {case['response']!r}: browser {got}, Python {want}")
    assert not mismatches, "\n".join(mismatches)


def test_time_formats_and_damaged_state(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    page.goto(site.package_url("web"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    spans = [0, 5, 1234, 59_996, 61_000, 3_600_000, 3_661_010, 36_000_000_000]
    got = page.evaluate(
        """ms => ms.map(t => [window.ehealth.formats.timespan12(t), window.ehealth.formats.duration2004(t)])""",
        spans,
    )
    assert got == [
        ["00:00:00.00", "PT0S"],
        ["00:00:00.01", "PT0.01S"],
        ["00:00:01.23", "PT1.23S"],
        ["00:01:00.00", "PT1M"],
        ["00:01:01.00", "PT1M1S"],
        ["01:00:00.00", "PT1H"],
        ["01:01:01.01", "PT1H1M1.01S"],
        ["9999:59:59.99", "PT10000H"],
    ]
    stamp = page.evaluate("window.ehealth.formats.timestamp2004(new Date(2026, 10, 29, 9, 5, 7, 891))")
    assert stamp == "2026-11-29T09:05:07.8"
    damaged = [
        "",
        "E2~1~~",
        "E1",
        "E1~~~",
        "E1~zz~..~abc,,",
        "E1~_~_~___",
        "E1~1~~~~",
        "E1~%~^~\u00e9",
        "E1~1~3.3.3~0000000000,_,",
        None,
        42,
    ]
    decoded = page.evaluate(
        """texts => {
             const data = JSON.parse(document.getElementById("ehealth-data").textContent);
             return texts.map(t => window.ehealth.decodeState(data, t));
           }""",
        damaged,
    )
    for text, state in zip(damaged, decoded, strict=True):
        assert set(state) == {"visited", "draws", "answers"}, text
        assert state["answers"] == {}, text


def test_runtime_knows_exactly_the_python_question_types(guarded: tuple[Page, Guard], site: Site) -> None:
    page, _ = guarded
    page.goto(site.package_url("web"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    assert sorted(page.evaluate("window.ehealth.types")) == sorted(QUESTION_TYPES)
    error = page.evaluate(
        """() => { try { window.ehealth.score({id: "x", type: "bogus", points: 1}, "a"); return null; }
                   catch (e) { return String(e.message); } }"""
    )
    assert error is not None and "bogus" in error, "an unknown type fails loudly, never scores 0"
    # Each question is reported as the interaction its Python type says, in both SCORM syntaxes.
    reported = page.evaluate(
        """() => JSON.parse(document.getElementById("ehealth-data").textContent).questions.map(q =>
             [q.type, window.ehealth.formats.interaction(q, null, false, 0).type,
              window.ehealth.formats.interaction(q, null, true, 10).type])"""
    )
    assert {kind for kind, _, _ in reported} == set(QUESTION_TYPES), "the web package shows every type"
    assert {kind: {scorm12, scorm2004} for kind, scorm12, scorm2004 in reported} == {
        name: {spec.interaction} for name, spec in TYPES.items()
    }


STATE_VECTORS = REPO / "tests" / "vectors" / "state.json"

STATE_REPLAY = """cases => cases.map(c => {
  const e = window.ehealth;
  const read = e.decodeState(c.data, c.text);
  const answers = {};
  Object.keys(read.answers).forEach(id => {
    const a = read.answers[id];
    answers[id] = { count: a.count, response: a.response };
  });
  return {
    state: { visited: Object.keys(read.visited).filter(p => read.visited[p]).sort(), draws: read.draws, answers: answers },
    written: e.encodeState(c.data, read)
  };
})"""


def test_runtime_reads_and_writes_saved_state_like_python(guarded: tuple[Page, Guard], site: Site) -> None:
    """Whole states (tests/vectors/state.json): pages seen by key across page changes, the old format."""
    cases = json.loads(STATE_VECTORS.read_text(encoding="utf-8"))
    page, _ = guarded
    page.goto(site.package_url("web"))
    page.wait_for_selector("main.ehealth-running", state="attached")
    results = page.evaluate(STATE_REPLAY, cases)
    mismatches = []
    for case, got in zip(cases, results, strict=True):
        if got["state"] != case["state"]:
            mismatches.append(f"{case['name']}: browser read {got['state']}, Python {case['state']}")
        if case["encodes"] and got["written"] != case["text"]:
            mismatches.append(f"{case['name']}: browser wrote {got['written']!r}, Python {case['text']!r}")
        if not got["written"].startswith("E2~"):
            mismatches.append(f"{case['name']}: browser wrote {got['written']!r}, not format E2")
    assert not mismatches, "\n".join(mismatches)
