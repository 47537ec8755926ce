"""Rules for the statement itself, its object, result, context and attachments.

The walk never stops at the first problem: each rule reports and moves on, so one pass gives
every fault with its path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xapi.validation.activities import check_activity
from xapi.validation.agents import check_actor, check_agent, check_group
from xapi.validation.checker import Checker
from xapi.validation.problems import Path, Problem

__all__ = ["SUPPORTED_VERSIONS", "check", "iter_problems"]

SUPPORTED_VERSIONS = ("1.0.3", "2.0.0")
VOIDED = "http://adlnet.gov/expapi/verbs/voided"

_COMMON_KEYS = (
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "attachments",
)
_STATEMENT_KEYS = frozenset((*_COMMON_KEYS, "id", "stored", "authority", "version", "objectType"))
_SUB_STATEMENT_KEYS = frozenset((*_COMMON_KEYS, "objectType"))
_OBJECT_TYPES = ("Activity", "Agent", "Group", "StatementRef", "SubStatement")
_CONTEXT_KEYS = frozenset(
    (
        "registration",
        "instructor",
        "team",
        "contextActivities",
        "revision",
        "platform",
        "language",
        "statement",
        "extensions",
    )
)
_CONTEXT_KEYS_V2 = _CONTEXT_KEYS | {"contextAgents", "contextGroups"}
_CONTEXT_ACTIVITY_KEYS = frozenset(("parent", "grouping", "category", "other"))
_ATTACHMENT_KEYS = frozenset(
    (
        "usageType",
        "display",
        "description",
        "contentType",
        "length",
        "sha2",
        "fileUrl",
    )
)
_VERB_KEYS = frozenset(("id", "display"))
_STATEMENT_REF_KEYS = frozenset(("objectType", "id"))
_RESULT_KEYS = frozenset(("score", "success", "completion", "response", "duration", "extensions"))
_SCORE_KEYS = frozenset(("scaled", "raw", "min", "max"))
_CONTEXT_AGENT_KEYS = frozenset(("objectType", "agent", "relevantTypes"))
_CONTEXT_GROUP_KEYS = frozenset(("objectType", "group", "relevantTypes"))
_MEDIA_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+\-]+/[A-Za-z0-9!#$&^_.+\-]+(\s*;.*)?\Z")
# Which "version" property values each target accepts (the LRS fills it in when absent).
_VERSION_PATTERNS = {
    "1.0.3": re.compile(r"1\.0(\.\d+)?\Z"),
    "2.0.0": re.compile(r"(1\.0|2\.0)(\.\d+)?\Z"),
}


def iter_problems(statement: object, version: str = "1.0.3") -> Iterator[Problem]:
    """Every problem of ``statement`` (parsed JSON) against xAPI ``version``, in document order.

    Parameters:
        statement: the statement as parsed JSON (dicts, lists, str, numbers, bools, None).
        version: ``"1.0.3"`` or ``"2.0.0"``.
    """
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"unsupported xAPI version {version!r}; use one of {SUPPORTED_VERSIONS}")
    yield from check(statement, version)


def check(statement: object, version: str = "1.0.3") -> list[Problem]:
    """Every problem of ``statement``, as a list (empty when it is valid): see `iter_problems`."""
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"unsupported xAPI version {version!r}; use one of {SUPPORTED_VERSIONS}")
    c = Checker(version)
    _check_statement(c, statement, (), sub=False)
    return c.problems


def _check_statement(c: Checker, value: object, path: Path, *, sub: bool) -> None:
    keys = _SUB_STATEMENT_KEYS if sub else _STATEMENT_KEYS
    statement = c.obj(value, path, required=("actor", "verb", "object"), allowed=keys)
    if statement is None:
        return
    if sub:
        c.constant(statement.get("objectType"), (*path, "objectType"), "SubStatement")
    elif "objectType" in statement:
        # Tolerated for symmetry with SubStatement, but only with its one meaning.
        c.constant(statement["objectType"], (*path, "objectType"), "Statement")
    if "id" in statement:
        c.uuid(statement["id"], (*path, "id"))
    if "actor" in statement:
        check_actor(c, statement["actor"], (*path, "actor"))
    verb_id = None
    if "verb" in statement:
        verb_id = _check_verb(c, statement["verb"], (*path, "verb"))
    object_type = None
    if "object" in statement:
        object_type = _check_object(c, statement["object"], (*path, "object"), sub=sub)
        if verb_id == VOIDED and object_type != "StatementRef":
            c.report(
                "voiding",
                (*path, "object"),
                "a 'voided' statement must have a StatementRef as object",
            )
    if "result" in statement:
        _check_result(c, statement["result"], (*path, "result"))
    if "context" in statement:
        _check_context(c, statement["context"], (*path, "context"), object_type)
    for key in ("timestamp", "stored"):
        if key in statement:
            c.timestamp(statement[key], (*path, key))
    if "authority" in statement:
        check_actor(c, statement["authority"], (*path, "authority"))
    if "version" in statement:
        _check_version(c, statement["version"], (*path, "version"))
    if "attachments" in statement:
        _check_attachments(c, statement["attachments"], (*path, "attachments"))


def _check_verb(c: Checker, value: object, path: Path) -> str | None:
    verb = c.obj(value, path, required=("id",), allowed=_VERB_KEYS)
    if verb is None:
        return None
    if "display" in verb:
        c.language_map(verb["display"], (*path, "display"))
    return c.iri(verb["id"], (*path, "id")) if "id" in verb else None


def _check_object(c: Checker, value: object, path: Path, *, sub: bool) -> str | None:
    """Check the statement's object; returns its objectType when it is a known one."""
    if not isinstance(value, dict):
        c.report("type", path, "expected an object (Activity, Agent, Group, StatementRef...)")
        return None
    kind = value.get("objectType", "Activity")
    if kind not in _OBJECT_TYPES:
        c.report(
            "object-type",
            (*path, "objectType"),
            "expected one of " + ", ".join(_OBJECT_TYPES) + f", got {kind!r}",
        )
        return None
    if kind == "Activity":
        check_activity(c, value, path)
    elif kind == "Agent":
        check_agent(c, value, path, object_type_required=True)
    elif kind == "Group":
        check_group(c, value, path)
    elif kind == "StatementRef":
        _check_statement_ref(c, value, path)
    elif sub:
        c.report(
            "nesting",
            (*path, "objectType"),
            "a SubStatement cannot contain a SubStatement",
        )
    else:
        _check_statement(c, value, path, sub=True)
    return str(kind)


def _check_statement_ref(c: Checker, value: object, path: Path) -> None:
    ref = c.obj(value, path, required=("objectType", "id"), allowed=_STATEMENT_REF_KEYS)
    if ref is not None:
        c.constant(ref.get("objectType"), (*path, "objectType"), "StatementRef")
        if "id" in ref:
            c.uuid(ref["id"], (*path, "id"))


def _check_result(c: Checker, value: object, path: Path) -> None:
    result = c.obj(value, path, allowed=_RESULT_KEYS)
    if result is None:
        return
    if "score" in result:
        _check_score(c, result["score"], (*path, "score"))
    for key in ("success", "completion"):
        if key in result:
            c.boolean(result[key], (*path, key))
    if "response" in result:
        c.string(result["response"], (*path, "response"))
    if "duration" in result:
        c.duration(result["duration"], (*path, "duration"))
    if "extensions" in result:
        c.extensions(result["extensions"], (*path, "extensions"))


def _check_score(c: Checker, value: object, path: Path) -> None:
    score = c.obj(value, path, allowed=_SCORE_KEYS)
    if score is None:
        return
    numbers = {key: c.number(score[key], (*path, key)) for key in score if key in ("scaled", "raw", "min", "max")}
    scaled, raw = numbers.get("scaled"), numbers.get("raw")
    low, high = numbers.get("min"), numbers.get("max")
    if scaled is not None and not -1 <= scaled <= 1:
        c.report(
            "range",
            (*path, "scaled"),
            f"scaled must be between -1 and 1, got {score['scaled']}",
        )
    if low is not None and high is not None and low >= high:
        c.report(
            "range",
            (*path, "min"),
            f"min ({score['min']}) must be less than max ({score['max']})",
        )
    if raw is not None and low is not None and raw < low:
        c.report(
            "range",
            (*path, "raw"),
            f"raw ({score['raw']}) is below min ({score['min']})",
        )
    if raw is not None and high is not None and raw > high:
        c.report(
            "range",
            (*path, "raw"),
            f"raw ({score['raw']}) is above max ({score['max']})",
        )


def _check_context(c: Checker, value: object, path: Path, object_type: str | None) -> None:
    context = c.obj(value, path, allowed=_CONTEXT_KEYS_V2 if c.v2 else _CONTEXT_KEYS)
    if context is None:
        return
    if "registration" in context:
        c.uuid(context["registration"], (*path, "registration"))
    if "instructor" in context:
        check_actor(c, context["instructor"], (*path, "instructor"))
    if "team" in context:
        check_group(c, context["team"], (*path, "team"))
    if "contextActivities" in context:
        _check_context_activities(c, context["contextActivities"], (*path, "contextActivities"))
    for key in ("revision", "platform"):
        if key in context:
            c.string(context[key], (*path, key))
            if object_type not in (None, "Activity"):
                c.report(
                    "context",
                    (*path, key),
                    f"'{key}' is only allowed when the object is an Activity, not {object_type}",
                )
    if "language" in context:
        c.language_tag(context["language"], (*path, "language"))
    if "statement" in context:
        _check_statement_ref(c, context["statement"], (*path, "statement"))
    if "extensions" in context:
        c.extensions(context["extensions"], (*path, "extensions"))
    for key, kind in (
        ("contextAgents", "contextAgent"),
        ("contextGroups", "contextGroup"),
    ):
        if key in context:
            _check_context_actors(c, context[key], (*path, key), kind)


def _check_context_activities(c: Checker, value: object, path: Path) -> None:
    activities = c.obj(value, path, allowed=_CONTEXT_ACTIVITY_KEYS)
    for key, entry in (activities or {}).items():
        if key not in _CONTEXT_ACTIVITY_KEYS:
            continue
        if isinstance(entry, list):
            for i, activity in enumerate(entry):
                check_activity(c, activity, (*path, key, i))
        else:
            check_activity(c, entry, (*path, key))


def _check_context_actors(c: Checker, value: object, path: Path, kind: str) -> None:
    """xAPI 2.0.0 contextAgents / contextGroups: who else took part, and in which role."""
    member = "agent" if kind == "contextAgent" else "group"
    for i, item in enumerate(c.array(value, path) or ()):
        entry: Mapping[str, Any] | None = c.obj(
            item,
            (*path, i),
            required=("objectType", member),
            allowed=_CONTEXT_AGENT_KEYS if kind == "contextAgent" else _CONTEXT_GROUP_KEYS,
        )
        if entry is None:
            continue
        c.constant(entry.get("objectType"), (*path, i, "objectType"), kind)
        if member in entry:
            if kind == "contextAgent":
                check_agent(c, entry[member], (*path, i, member), object_type_required=False)
            else:
                check_group(c, entry[member], (*path, i, member))
        if "relevantTypes" in entry:
            types = c.array(entry["relevantTypes"], (*path, i, "relevantTypes"), non_empty=True)
            for j, iri in enumerate(types or ()):
                c.iri(iri, (*path, i, "relevantTypes", j))


def _check_version(c: Checker, value: object, path: Path) -> None:
    text = c.string(value, path)
    if text is not None and not _VERSION_PATTERNS[c.version].match(text):
        accepted = "1.0.x" if c.version == "1.0.3" else "1.0.x or 2.0.x"
        c.report(
            "version",
            path,
            f"version must be {accepted} for an xAPI {c.version} LRS, got {text!r}",
        )


def _check_attachments(c: Checker, value: object, path: Path) -> None:
    for i, item in enumerate(c.array(value, path) or ()):
        at = (*path, i)
        attachment = c.obj(
            item,
            at,
            required=("usageType", "display", "contentType", "length", "sha2"),
            allowed=_ATTACHMENT_KEYS,
        )
        if attachment is None:
            continue
        if "usageType" in attachment:
            c.iri(attachment["usageType"], (*at, "usageType"))
        for key in ("display", "description"):
            if key in attachment:
                c.language_map(attachment[key], (*at, key))
        if "contentType" in attachment:
            media = c.string(attachment["contentType"], (*at, "contentType"))
            if media is not None and not _MEDIA_TYPE.match(media):
                c.report(
                    "media-type",
                    (*at, "contentType"),
                    f"expected a media type like 'application/pdf', got {media!r}",
                )
        if "length" in attachment:
            c.integer(attachment["length"], (*at, "length"))
        if "sha2" in attachment:
            sha = c.string(attachment["sha2"], (*at, "sha2"))
            if sha is not None and not re.fullmatch(r"[0-9a-fA-F]{56,128}", sha):
                c.report(
                    "sha2",
                    (*at, "sha2"),
                    "expected the hexadecimal SHA-2 of the attachment",
                )
        if "fileUrl" in attachment:
            c.iri(attachment["fileUrl"], (*at, "fileUrl"))
