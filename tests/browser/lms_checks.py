"""Check every call a package made to the SCORM API against package-contract.md.

``calls`` are the wrapper's records: ``{fn, args, result, error}`` in call order. Each check
returns a list of problems (empty when all is well) so that a failing test shows them all.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["VERSIONS", "last_values", "problems"]

Call = dict[str, Any]

_NUMBER = r"-?\d+(\.\d+)?"
_SCORE = re.compile(r"\d{1,3}(\.\d{1,2})?")
_TIMESPAN_12 = re.compile(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?")
_DURATION_2004 = re.compile(r"P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?")
_TIMESTAMP_2004 = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2}(Z|[+-]\d{2}(:\d{2})?)?)?"
)
_TIME_12 = re.compile(r"\d{2}:\d{2}:\d{2}(\.\d{1,2})?")
_INTERACTION = re.compile(r"cmi\.interactions\.(\d+)\.(.+)")

_TYPES = {
    "single": "choice", "multiple": "choice", "truefalse": "true-false", "text": "fill-in",
    "numeric": "numeric", "matching": "matching", "ordering": "sequencing", "likert": "likert",
}


def _responses(version: str) -> dict[str, re.Pattern[str]]:
    sep, dot = (r"\[,\]", r"\[\.\]") if version == "2004" else (",", r"\.")
    choice = rf"[a-z0-9]({sep}[a-z0-9])*"
    return {
        "choice": re.compile(choice),
        "true-false": re.compile("true|false" if version == "2004" else "t|f"),
        "fill-in": re.compile(r"(?!\{)[^\n]{1,250}"),
        "numeric": re.compile(_NUMBER),
        "matching": re.compile(rf"[a-z]{dot}\d({sep}[a-z]{dot}\d)*"),
        "sequencing": re.compile(rf"[a-z]({sep}[a-z])*"),
        "likert": re.compile(r"\d{1,2}"),
    }


VERSIONS: dict[str, dict[str, Any]] = {
    "12": {
        "set": "LMSSetValue", "get": "LMSGetValue", "init": "LMSInitialize", "finish": "LMSFinish",
        "commit": "LMSCommit", "results": {"correct", "wrong", "neutral"},
        "response": "student_response",
    },
    "2004": {
        "set": "SetValue", "get": "GetValue", "init": "Initialize", "finish": "Terminate",
        "commit": "Commit", "results": {"correct", "incorrect", "neutral"},
        "response": "learner_response",
    },
}


def _score_ok(value: str) -> bool:
    return bool(_SCORE.fullmatch(value)) and 0 <= float(value) <= 100


def _scalar_checks(version: str, pages: list[str]) -> dict[str, Any]:
    if version == "12":
        return {
            "cmi.core.lesson_status": lambda v: v in {"incomplete", "completed", "passed", "failed"},
            "cmi.core.exit": lambda v: v in {"suspend", ""},
            "cmi.core.lesson_location": lambda v: v in pages,
            "cmi.core.session_time": lambda v: bool(_TIMESPAN_12.fullmatch(v)),
            "cmi.core.score.raw": _score_ok,
            "cmi.core.score.min": lambda v: v == "0",
            "cmi.core.score.max": lambda v: v == "100",
            "cmi.suspend_data": lambda v: v.startswith("E1~") and len(v) <= 4096,
        }
    return {
        "cmi.completion_status": lambda v: v in {"completed", "incomplete"},
        "cmi.success_status": lambda v: v in {"passed", "failed", "unknown"},
        "cmi.exit": lambda v: v in {"suspend", "normal"},
        "cmi.location": lambda v: v in pages,
        "cmi.session_time": lambda v: bool(_DURATION_2004.fullmatch(v)) and v[-1] not in "PT",
        "cmi.score.raw": _score_ok,
        "cmi.score.min": lambda v: v == "0",
        "cmi.score.max": lambda v: v == "100",
        "cmi.score.scaled": lambda v: bool(re.fullmatch(r"0(\.\d+)?|1(\.0+)?", v)),
        "cmi.suspend_data": lambda v: v.startswith("E1~") and len(v) <= 64000,
    }


def problems(calls: list[Call], version: str, data: dict[str, Any]) -> list[str]:
    """Everything wrong with the calls a package made, by the contract."""
    v = VERSIONS[version]
    found: list[str] = []
    for call in calls:
        if call["error"] not in ("0", ""):
            found.append(f"{call['fn']}{tuple(call['args'])} left error {call['error']}")
        if call["fn"] in (v["init"], v["finish"], v["commit"]) and call["result"] != "true":
            found.append(f"{call['fn']} answered {call['result']}")
        if call["fn"] == v["get"] and version == "12" and _INTERACTION.fullmatch(call["args"][0]):
            found.append(f"read back the write-only {call['args'][0]}")
    for name in (v["init"], v["finish"]):
        count = sum(call["fn"] == name for call in calls)
        if count != 1:
            found.append(f"{name} called {count} times")
    finish_at = next((i for i, c in enumerate(calls) if c["fn"] == v["finish"]), len(calls))
    if any(c["fn"] in (v["set"], v["commit"]) for c in calls[finish_at + 1:]):
        found.append("calls after the end of the session")
    scalars = _scalar_checks(version, data["pages"])
    questions = {q["id"]: q for q in data["questions"]}
    responses = _responses(version)
    fields: dict[int, list[tuple[str, str]]] = {}
    for call in calls:
        if call["fn"] != v["set"]:
            continue
        element, value = call["args"]
        match = _INTERACTION.fullmatch(element)
        if match:
            fields.setdefault(int(match.group(1)), []).append((match.group(2), value))
        elif element not in scalars:
            found.append(f"unexpected element {element} = {value!r}")
        elif not scalars[element](value):
            found.append(f"{element} = {value!r} breaks the contract")
    if sorted(fields) != list(range(len(fields))):
        found.append(f"interaction indexes are not 0…n-1: {sorted(fields)}")
    for index, written in fields.items():
        found += [f"interaction {index}: {p}" for p in _interaction_problems(written, version, questions, responses)]
    return found


def _interaction_problems(
    written: list[tuple[str, str]],
    version: str,
    questions: dict[str, dict[str, Any]],
    responses: dict[str, re.Pattern[str]],
) -> list[str]:
    found: list[str] = []
    names = [name for name, _ in written]
    if names[:2] != ["id", "type"]:
        found.append(f"written in the order {names}, id and type must come first")
    values = dict(written)
    q = questions.get(values.get("id", ""))
    if q is None:
        return found + [f"unknown id {values.get('id')!r}"]
    kind = values.get("type")
    if kind != _TYPES[q["type"]]:
        found.append(f"type {kind!r} for a {q['type']} question")
    result = values.get("result")
    if result not in VERSIONS[version]["results"]:
        found.append(f"result {result!r}")
    response = values.get(VERSIONS[version]["response"], "")
    if kind in responses and not responses[kind].fullmatch(response):
        found.append(f"{kind} response {response!r}")
    for name, value in written:
        if name.startswith("correct_responses.") and kind != "fill-in":
            pattern = value.replace("[:]", ",") if kind == "numeric" else value
            ok = bool(re.fullmatch(rf"{_NUMBER}(,{_NUMBER})?", pattern)) if kind == "numeric" else bool(
                responses[str(kind)].fullmatch(pattern)
            )
            if not ok:
                found.append(f"{name} = {value!r}")
    if version == "2004":
        if not _TIMESTAMP_2004.fullmatch(values.get("timestamp", "")) or values["timestamp"].count(".") != 1:
            found.append(f"timestamp {values.get('timestamp')!r}")
        if not 0 < len(values.get("description", "")) <= 250:
            found.append("description missing or longer than 250")
        if not _DURATION_2004.fullmatch(values.get("latency", "")) or values["latency"][-1] in "PT":
            found.append(f"latency {values.get('latency')!r}")
    else:
        if not _TIME_12.fullmatch(values.get("time", "")):
            found.append(f"time {values.get('time')!r}")
        if not _TIMESPAN_12.fullmatch(values.get("latency", "")):
            found.append(f"latency {values.get('latency')!r}")
    return found


def last_values(calls: list[Call], version: str) -> dict[str, str]:
    """The last value the package set for each element."""
    v = VERSIONS[version]
    return {c["args"][0]: c["args"][1] for c in calls if c["fn"] == v["set"]}
