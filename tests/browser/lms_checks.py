"""Check every call a package made to the SCORM API against package-contract.md.

``calls`` are the wrapper's records: ``{fn, args, result, error}`` in call order. Each check
returns a list of problems (empty when all is well) so that a failing test shows them all.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["VERSIONS", "last_values", "moodle_problems", "problems"]

Call = dict[str, Any]

_NUMBER = r"-?\d+(\.\d+)?"
_SCORE = re.compile(r"\d{1,3}(\.\d{1,2})?")
_TIMESPAN_12 = re.compile(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?")
_DURATION_2004 = re.compile(r"P(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?")
_TIMESTAMP_2004 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2}(Z|[+-]\d{2}(:\d{2})?)?)?")
_TIME_12 = re.compile(r"\d{2}:\d{2}:\d{2}(\.\d{1,2})?")
_INTERACTION = re.compile(r"cmi\.interactions\.(\d+)\.(.+)")

_TYPES = {
    "single": "choice",
    "multiple": "choice",
    "truefalse": "true-false",
    "text": "fill-in",
    "numeric": "numeric",
    "matching": "matching",
    "ordering": "sequencing",
    "likert": "likert",
    "tcs": "likert",
    "longmenu": "fill-in",
    "kfp": "choice",
    "hotspot": "fill-in",
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
        "set": "LMSSetValue",
        "get": "LMSGetValue",
        "init": "LMSInitialize",
        "finish": "LMSFinish",
        "commit": "LMSCommit",
        "results": {"correct", "wrong", "neutral"},
        "response": "student_response",
    },
    "2004": {
        "set": "SetValue",
        "get": "GetValue",
        "init": "Initialize",
        "finish": "Terminate",
        "commit": "Commit",
        "results": {"correct", "incorrect", "neutral"},
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
            "cmi.suspend_data": lambda v: v.startswith("E2~") and len(v) <= 4096,
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
        "cmi.suspend_data": lambda v: v.startswith("E2~") and len(v) <= 64000,
    }


def problems(calls: list[Call], version: str, data: dict[str, Any]) -> list[str]:
    """Everything wrong with the calls a package made, by the contract."""
    v = VERSIONS[version]
    found: list[str] = []
    for call in calls:
        # 403 answers a 2004 GetValue of an element never set: "nothing yet", not a fault.
        if call["error"] == "403" and call["fn"] in ("GetValue", "GetLastError"):
            continue
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
    if any(c["fn"] in (v["set"], v["commit"]) for c in calls[finish_at + 1 :]):
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
    return found + moodle_problems(calls, version)


# Moodle's own SCORM player (mod/scorm/datamodels/scorm_12.js, scorm_13.js) checks values with
# regular expressions stricter than the standard in places; a value it refuses is lost with
# error 406. Its 1.2 decimals have at most 3 integer digits (scores and weights in 0…100 and
# -100…100), its 2004 decimals at most 5; its 2004 descriptions are one line not starting with "{".
_MOODLE_DECIMAL = {"12": re.compile(r"-?\d{0,3}(\.\d*)?"), "2004": re.compile(r"-?\d{1,5}(\.\d{1,18})?")}
_MOODLE_LANGSTRING250 = re.compile(r"(\{lang=([a-zA-Z]{2,3}|i|x)(-[a-zA-Z0-9-]{2,8})?\})?([^{\n][^\n]{0,250}\Z)?")
_MOODLE_SHORT_ID = re.compile(r"[\w.]{1,250}")
_MOODLE_12_ID = re.compile(r"[\x21-\x7e]{0,255}")
_MOODLE_2004_ID = re.compile(r"(?!urn:)\S{1,4000}|urn:[A-Za-z0-9-]{1,31}:\S{1,4000}")
_MOODLE_RANGES = {"score.raw": (0, 100), "score.min": (0, 100), "score.max": (0, 100), "weighting": (-100, 100)}


def moodle_problems(calls: list[Call], version: str) -> list[str]:
    """Every value Moodle's player would refuse (error 406 or 407), whatever the standard allows."""
    v = VERSIONS[version]
    decimal = _MOODLE_DECIMAL[version]
    types: dict[str, str] = {}
    found: list[str] = []
    for call in calls:
        if call["fn"] != v["set"]:
            continue
        element, value = call["args"]
        name = re.sub(r"^cmi\.(core\.|interactions\.\d+\.)?", "", element)
        if element.endswith(".type"):
            types[element[: -len("type")]] = value
        if name in ("score.raw", "score.min", "score.max", "score.scaled", "weighting"):
            low, high = (-1, 1) if name == "score.scaled" else _MOODLE_RANGES[name]
            if (
                not decimal.fullmatch(value)
                or (version == "12" or name == "score.scaled")
                and not low <= float(value) <= high
            ):
                found.append(f"Moodle refuses {element} = {value!r}")
        elif name == "id" and not (_MOODLE_2004_ID if version == "2004" else _MOODLE_12_ID).fullmatch(value):
            found.append(f"Moodle refuses {element} = {value!r}")
        elif name == "description":
            match = _MOODLE_LANGSTRING250.match(value)
            if not match or not match.group(0):
                found.append(f"Moodle refuses {element} = {value!r}")
        elif name in ("student_response", "lesson_location") and len(value) > 255:
            found.append(f"Moodle refuses {element}: over 255 characters")
        elif version == "2004" and (name == "learner_response" or name.startswith("correct_responses.")):
            kind = types.get(element[: element.index(".", len("cmi.interactions.")) + 1], "")
            if not _moodle_2004_response_ok(kind, value, decimal, name != "learner_response"):
                found.append(f"Moodle refuses {element} = {value!r} ({kind})")
    return found


def _moodle_2004_response_ok(kind: str, value: str, decimal: re.Pattern[str], pattern: bool) -> bool:
    if kind == "numeric":
        return all(decimal.fullmatch(node) for node in value.split("[:]" if pattern else "\0"))
    if kind in ("choice", "sequencing", "likert"):
        return all(_MOODLE_SHORT_ID.fullmatch(node) for node in value.split("[,]"))
    if kind == "matching":
        return all(
            len(pair) == 2 and all(_MOODLE_SHORT_ID.fullmatch(side) for side in pair)
            for pair in (node.split("[.]") for node in value.split("[,]"))
        )
    return True


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
    response = values.get(VERSIONS[version]["response"])
    # A numeric answer the LMS cannot store (Moodle: over 5 integer digits) is left out.
    if response is None and kind == "numeric":
        pass
    elif kind in responses and not responses[kind].fullmatch(response or ""):
        found.append(f"{kind} response {response!r}")
    for name, value in written:
        if name.startswith("correct_responses.") and kind != "fill-in":
            pattern = value.replace("[:]", ",") if kind == "numeric" else value
            ok = (
                bool(re.fullmatch(rf"{_NUMBER}(,{_NUMBER})?", pattern))
                if kind == "numeric"
                else bool(responses[str(kind)].fullmatch(pattern))
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
