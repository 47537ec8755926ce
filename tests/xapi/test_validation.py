"""Validation: the specification's examples pass; each corpus case is refused at the right path."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tests.xapi import spec_examples
from xapi import InvalidStatementError, check_statement, iter_problems
from xapi.validation import format_path

DELETE = object()

BASE: dict[str, Any] = {
    "id": "2a3c0f5e-9c4b-4d8e-a1f2-3b4c5d6e7f80",
    "actor": {"objectType": "Agent", "mbox": "mailto:learner@example.fr"},
    "verb": {
        "id": "http://adlnet.gov/expapi/verbs/answered",
        "display": {"fr-FR": "a répondu"},
    },
    "object": {
        "objectType": "Activity",
        "id": "https://formation.example.fr/xapi/modules/m1/questions/q1",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "correctResponsesPattern": ["a"],
            "choices": [
                {"id": "a", "description": {"fr-FR": "A"}},
                {"id": "b", "description": {"fr-FR": "B"}},
            ],
        },
    },
    "result": {
        "score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10},
        "success": True,
        "completion": True,
        "response": "a",
        "duration": "PT1M30S",
    },
    "context": {
        "registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7",
        "contextActivities": {"parent": [{"id": "https://formation.example.fr/xapi/modules/m1"}]},
        "language": "fr-FR",
        "extensions": {"https://formation.example.fr/xapi/ext/session": "s1"},
    },
    "timestamp": "2025-03-01T10:00:00.000Z",
}

# (case id, path to change, new value or DELETE, expected JSON path, expected code)
CASES: list[tuple[str, tuple[str | int, ...], object, str, str]] = [
    ("missing actor", ("actor",), DELETE, "$.actor", "required"),
    ("missing verb", ("verb",), DELETE, "$.verb", "required"),
    ("missing object", ("object",), DELETE, "$.object", "required"),
    ("unknown top-level key", ("contxt",), {}, "$.contxt", "unknown-property"),
    ("id not a uuid", ("id",), "1234", "$.id", "uuid"),
    ("id a number", ("id",), 12, "$.id", "type"),
    ("id bad variant", ("id",), "2a3c0f5e-9c4b-4d8e-c1f2-3b4c5d6e7f80", "$.id", "uuid"),
    ("actor not an object", ("actor",), "learner", "$.actor", "type"),
    ("agent without identifier", ("actor", "mbox"), DELETE, "$.actor", "identifier"),
    (
        "agent with two identifiers",
        ("actor", "openid"),
        "http://id.example.fr/a",
        "$.actor",
        "identifier",
    ),
    (
        "mbox without mailto",
        ("actor", "mbox"),
        "learner@example.fr",
        "$.actor.mbox",
        "mbox",
    ),
    ("mbox not an email", ("actor", "mbox"), "mailto:learner", "$.actor.mbox", "mbox"),
    (
        "mbox_sha1sum too short",
        ("actor",),
        {"mbox_sha1sum": "abc"},
        "$.actor.mbox_sha1sum",
        "sha1",
    ),
    ("openid not an IRI", ("actor",), {"openid": "toby"}, "$.actor.openid", "iri"),
    (
        "account without homePage",
        ("actor",),
        {"account": {"name": "x"}},
        "$.actor.account.homePage",
        "required",
    ),
    (
        "account without name",
        ("actor",),
        {"account": {"homePage": "https://idp.example.fr"}},
        "$.actor.account.name",
        "required",
    ),
    (
        "account homePage not IRI",
        ("actor",),
        {"account": {"homePage": "idp", "name": "x"}},
        "$.actor.account.homePage",
        "iri",
    ),
    (
        "account extra key",
        ("actor",),
        {"account": {"homePage": "https://i.fr", "name": "x", "id": 1}},
        "$.actor.account.id",
        "unknown-property",
    ),
    ("agent name not a string", ("actor", "name"), 42, "$.actor.name", "type"),
    (
        "agent wrong objectType",
        ("actor", "objectType"),
        "Person",
        "$.actor.objectType",
        "object-type",
    ),
    ("agent unknown key", ("actor", "email"), "x", "$.actor.email", "unknown-property"),
    (
        "anonymous group without members",
        ("actor",),
        {"objectType": "Group"},
        "$.actor.member",
        "required",
    ),
    (
        "anonymous group with empty members",
        ("actor",),
        {"objectType": "Group", "member": []},
        "$.actor.member",
        "empty",
    ),
    (
        "group member is a group",
        ("actor",),
        {
            "objectType": "Group",
            "member": [{"objectType": "Group", "mbox": "mailto:g@example.fr"}],
        },
        "$.actor.member[0]",
        "object-type",
    ),
    (
        "group member without identifier",
        ("actor",),
        {"objectType": "Group", "member": [{"name": "x"}]},
        "$.actor.member[0]",
        "identifier",
    ),
    (
        "group members not an array",
        ("actor",),
        {"objectType": "Group", "member": {}},
        "$.actor.member",
        "type",
    ),
    ("verb without id", ("verb", "id"), DELETE, "$.verb.id", "required"),
    ("verb id not an IRI", ("verb", "id"), "answered", "$.verb.id", "iri"),
    (
        "verb id with a space",
        ("verb", "id"),
        "http://example.fr/a verb",
        "$.verb.id",
        "iri",
    ),
    (
        "verb display a string",
        ("verb", "display"),
        "answered",
        "$.verb.display",
        "type",
    ),
    (
        "verb display bad language tag",
        ("verb", "display"),
        {"français": "x"},
        '$.verb.display["français"]',
        "language",
    ),
    (
        "verb display value not a string",
        ("verb", "display"),
        {"fr": 3},
        "$.verb.display.fr",
        "type",
    ),
    ("verb unknown key", ("verb", "name"), "x", "$.verb.name", "unknown-property"),
    (
        "object unknown objectType",
        ("object", "objectType"),
        "Activty",
        "$.object.objectType",
        "object-type",
    ),
    ("activity without id", ("object", "id"), DELETE, "$.object.id", "required"),
    ("activity id relative", ("object", "id"), "/modules/m1", "$.object.id", "iri"),
    ("activity id empty", ("object", "id"), "", "$.object.id", "iri"),
    (
        "definition type not IRI",
        ("object", "definition", "type"),
        "question",
        "$.object.definition.type",
        "iri",
    ),
    (
        "definition moreInfo not IRI",
        ("object", "definition", "moreInfo"),
        "www.example.fr",
        "$.object.definition.moreInfo",
        "iri",
    ),
    (
        "definition name not a map",
        ("object", "definition", "name"),
        "Q1",
        "$.object.definition.name",
        "type",
    ),
    (
        "definition unknown key",
        ("object", "definition", "title"),
        "x",
        "$.object.definition.title",
        "unknown-property",
    ),
    (
        "unknown interactionType",
        ("object", "definition", "interactionType"),
        "multiple",
        "$.object.definition.interactionType",
        "interaction-type",
    ),
    (
        "components without interactionType",
        ("object", "definition", "interactionType"),
        DELETE,
        "$.object.definition.interactionType",
        "required",
    ),
    (
        "scale on a choice",
        ("object", "definition", "scale"),
        [],
        "$.object.definition.scale",
        "interaction-component",
    ),
    (
        "duplicate choice id",
        ("object", "definition", "choices", 1, "id"),
        "a",
        "$.object.definition.choices[1].id",
        "duplicate",
    ),
    (
        "choice without id",
        ("object", "definition", "choices", 0, "id"),
        DELETE,
        "$.object.definition.choices[0].id",
        "required",
    ),
    (
        "pattern not a string",
        ("object", "definition", "correctResponsesPattern"),
        [1],
        "$.object.definition.correctResponsesPattern[0]",
        "type",
    ),
    (
        "definition extension key not IRI",
        ("object", "definition", "extensions"),
        {"room": 1},
        "$.object.definition.extensions.room",
        "iri",
    ),
    (
        "agent object without objectType",
        ("object",),
        {"mbox": "mailto:t@example.fr"},
        "$.object.id",
        "required",
    ),
    (
        "agent object without identifier",
        ("object",),
        {"objectType": "Agent"},
        "$.object",
        "identifier",
    ),
    (
        "statementref without id",
        ("object",),
        {"objectType": "StatementRef"},
        "$.object.id",
        "required",
    ),
    (
        "statementref bad id",
        ("object",),
        {"objectType": "StatementRef", "id": "x"},
        "$.object.id",
        "uuid",
    ),
    (
        "substatement with id",
        ("object",),
        {
            "objectType": "SubStatement",
            "id": "2a3c0f5e-9c4b-4d8e-a1f2-3b4c5d6e7f80",
            "actor": {"mbox": "mailto:a@example.fr"},
            "verb": {"id": "http://e.fr/v"},
            "object": {"id": "http://e.fr/o"},
        },
        "$.object.id",
        "unknown-property",
    ),
    (
        "nested substatement",
        ("object",),
        {
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:a@example.fr"},
            "verb": {"id": "http://e.fr/v"},
            "object": {"objectType": "SubStatement"},
        },
        "$.object.object.objectType",
        "nesting",
    ),
    (
        "substatement without verb",
        ("object",),
        {
            "objectType": "SubStatement",
            "actor": {"mbox": "mailto:a@example.fr"},
            "object": {"id": "http://e.fr/o"},
        },
        "$.object.verb",
        "required",
    ),
    (
        "voided without statementref",
        ("verb", "id"),
        "http://adlnet.gov/expapi/verbs/voided",
        "$.object",
        "voiding",
    ),
    (
        "scaled above 1",
        ("result", "score", "scaled"),
        1.5,
        "$.result.score.scaled",
        "range",
    ),
    (
        "scaled below -1",
        ("result", "score", "scaled"),
        -2,
        "$.result.score.scaled",
        "range",
    ),
    ("raw above max", ("result", "score", "raw"), 11, "$.result.score.raw", "range"),
    ("raw below min", ("result", "score", "raw"), -1, "$.result.score.raw", "range"),
    (
        "min not below max",
        ("result", "score", "min"),
        10,
        "$.result.score.min",
        "range",
    ),
    (
        "scaled a string",
        ("result", "score", "scaled"),
        "0.5",
        "$.result.score.scaled",
        "type",
    ),
    (
        "scaled a boolean",
        ("result", "score", "scaled"),
        True,
        "$.result.score.scaled",
        "type",
    ),
    (
        "raw is NaN",
        ("result", "score", "raw"),
        float("nan"),
        "$.result.score.raw",
        "type",
    ),
    (
        "score unknown key",
        ("result", "score", "percent"),
        50,
        "$.result.score.percent",
        "unknown-property",
    ),
    ("success a string", ("result", "success"), "true", "$.result.success", "type"),
    ("completion a number", ("result", "completion"), 1, "$.result.completion", "type"),
    ("response a list", ("result", "response"), ["a"], "$.result.response", "type"),
    ("duration in seconds", ("result", "duration"), 90, "$.result.duration", "type"),
    (
        "duration not ISO",
        ("result", "duration"),
        "1:30",
        "$.result.duration",
        "duration",
    ),
    ("duration empty P", ("result", "duration"), "P", "$.result.duration", "duration"),
    (
        "duration T without time",
        ("result", "duration"),
        "P1DT",
        "$.result.duration",
        "duration",
    ),
    (
        "result extension key not IRI",
        ("result", "extensions"),
        {"time spent": 3},
        '$.result.extensions["time spent"]',
        "iri",
    ),
    (
        "result unknown key",
        ("result", "score2"),
        {},
        "$.result.score2",
        "unknown-property",
    ),
    (
        "registration not uuid",
        ("context", "registration"),
        "attempt-1",
        "$.context.registration",
        "uuid",
    ),
    (
        "contextActivities unknown key",
        ("context", "contextActivities", "parents"),
        [],
        "$.context.contextActivities.parents",
        "unknown-property",
    ),
    (
        "context activity without id",
        ("context", "contextActivities", "parent", 0),
        {},
        "$.context.contextActivities.parent[0].id",
        "required",
    ),
    (
        "context activity id not IRI",
        ("context", "contextActivities", "grouping"),
        {"id": "m1"},
        "$.context.contextActivities.grouping.id",
        "iri",
    ),
    (
        "context language bad tag",
        ("context", "language"),
        "french language",
        "$.context.language",
        "language",
    ),
    (
        "context extension key not IRI",
        ("context", "extensions"),
        {"session": "s"},
        "$.context.extensions.session",
        "iri",
    ),
    (
        "context extensions not an object",
        ("context", "extensions"),
        [],
        "$.context.extensions",
        "type",
    ),
    (
        "team an agent",
        ("context", "team"),
        {"mbox": "mailto:t@example.fr"},
        "$.context.team.objectType",
        "required",
    ),
    (
        "instructor without identifier",
        ("context", "instructor"),
        {"name": "Dr X"},
        "$.context.instructor",
        "identifier",
    ),
    (
        "context statement not a ref",
        ("context", "statement"),
        {"id": "x"},
        "$.context.statement.objectType",
        "required",
    ),
    (
        "platform with agent object",
        ("object",),
        {"objectType": "Agent", "mbox": "mailto:t@example.fr"},
        "$.context.platform",
        "context",
    ),
    (
        "contextAgents in 1.0.3",
        ("context", "contextAgents"),
        [],
        "$.context.contextAgents",
        "unknown-property",
    ),
    (
        "timestamp not ISO",
        ("timestamp",),
        "01/03/2025 10:00",
        "$.timestamp",
        "timestamp",
    ),
    (
        "timestamp impossible date",
        ("timestamp",),
        "2025-02-30T10:00:00Z",
        "$.timestamp",
        "timestamp",
    ),
    (
        "timestamp hour 25",
        ("timestamp",),
        "2025-03-01T25:00:00Z",
        "$.timestamp",
        "timestamp",
    ),
    (
        "timestamp -00:00 offset",
        ("timestamp",),
        "2025-03-01T10:00:00-00:00",
        "$.timestamp",
        "timestamp",
    ),
    ("timestamp a number", ("timestamp",), 1740823200, "$.timestamp", "type"),
    ("stored not ISO", ("stored",), "yesterday", "$.stored", "timestamp"),
    (
        "authority without identifier",
        ("authority",),
        {"objectType": "Agent"},
        "$.authority",
        "identifier",
    ),
    ("version 0.95", ("version",), "0.95", "$.version", "version"),
    ("version 2.0.0 on 1.0.3", ("version",), "2.0.0", "$.version", "version"),
    ("version a number", ("version",), 1.0, "$.version", "type"),
    ("attachments not an array", ("attachments",), {}, "$.attachments", "type"),
    (
        "attachment without sha2",
        ("attachments",),
        [
            {
                "usageType": "http://e.fr/u",
                "display": {"en": "x"},
                "contentType": "text/plain",
                "length": 1,
            }
        ],
        "$.attachments[0].sha2",
        "required",
    ),
    (
        "attachment usageType not IRI",
        ("attachments",),
        [
            {
                "usageType": "certificate",
                "display": {"en": "x"},
                "contentType": "text/plain",
                "length": 1,
                "sha2": "a" * 64,
            }
        ],
        "$.attachments[0].usageType",
        "iri",
    ),
    (
        "attachment length a string",
        ("attachments",),
        [
            {
                "usageType": "http://e.fr/u",
                "display": {"en": "x"},
                "contentType": "text/plain",
                "length": "1",
                "sha2": "a" * 64,
            }
        ],
        "$.attachments[0].length",
        "type",
    ),
    (
        "attachment bad content type",
        ("attachments",),
        [
            {
                "usageType": "http://e.fr/u",
                "display": {"en": "x"},
                "contentType": "pdf",
                "length": 1,
                "sha2": "a" * 64,
            }
        ],
        "$.attachments[0].contentType",
        "media-type",
    ),
    (
        "attachment bad sha2",
        ("attachments",),
        [
            {
                "usageType": "http://e.fr/u",
                "display": {"en": "x"},
                "contentType": "text/plain",
                "length": 1,
                "sha2": "xyz",
            }
        ],
        "$.attachments[0].sha2",
        "sha2",
    ),
]


def _mutate(statement: dict[str, Any], path: tuple[str | int, ...], value: object) -> None:
    target: Any = statement
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    elif path == ("object",) and isinstance(value, dict) and value.get("objectType") == "Agent" and "mbox" in value:
        target[path[-1]] = value
        statement["context"]["platform"] = "LMS"
    else:
        target[path[-1]] = value


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({case[0] for case in CASES}) == len(CASES)


def test_base_statement_is_valid() -> None:
    assert list(iter_problems(BASE)) == []
    assert list(iter_problems(BASE, "2.0.0")) == []


@pytest.mark.parametrize(
    ("path", "value", "expected_path", "code"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_invalid_statement_is_refused_at_its_path(
    path: tuple[str | int, ...], value: object, expected_path: str, code: str
) -> None:
    statement = copy.deepcopy(BASE)
    _mutate(statement, path, value)
    problems = list(iter_problems(statement))
    assert (expected_path, code) in [(p.json_path, p.code) for p in problems], problems
    with pytest.raises(InvalidStatementError) as caught:
        check_statement(statement)
    assert expected_path in str(caught.value)


@pytest.mark.parametrize("name", sorted(spec_examples.ALL))
@pytest.mark.parametrize("version", ["1.0.3", "2.0.0"])
def test_specification_examples_are_accepted(name: str, version: str) -> None:
    assert list(iter_problems(spec_examples.ALL[name], version)) == []


def test_every_problem_is_reported_in_one_pass() -> None:
    statement = {
        "actor": {"mbox": "x", "openid": "y"},
        "verb": {"id": "nope"},
        "object": {"id": "also nope"},
        "result": {"score": {"scaled": 3}},
    }
    paths = [p.json_path for p in iter_problems(statement)]
    assert paths == [
        "$.actor",
        "$.actor.mbox",
        "$.actor.openid",
        "$.verb.id",
        "$.object.id",
        "$.result.score.scaled",
    ]


def test_near_miss_is_suggested() -> None:
    statement = copy.deepcopy(BASE)
    statement["context"]["contextActivites"] = statement["context"].pop("contextActivities")
    [problem] = iter_problems(statement)
    assert str(problem) == (
        "$.context.contextActivites: unknown property 'contextActivites'; did you mean "
        "'contextActivities'? [unknown-property]"
    )


class TestVersion2:
    def test_timestamp_needs_an_offset(self) -> None:
        statement = dict(BASE, timestamp="2025-03-01T10:00:00")
        assert list(iter_problems(statement, "1.0.3")) == []
        [problem] = iter_problems(statement, "2.0.0")
        assert (problem.json_path, problem.code) == ("$.timestamp", "timestamp")

    def test_version_property(self) -> None:
        assert list(iter_problems(dict(BASE, version="2.0.0"), "2.0.0")) == []
        assert list(iter_problems(dict(BASE, version="1.0.3"), "2.0.0")) == []
        [problem] = iter_problems(dict(BASE, version="3.0.0"), "2.0.0")
        assert problem.json_path == "$.version"

    def test_context_agents(self) -> None:
        statement = copy.deepcopy(BASE)
        statement["context"]["contextAgents"] = [
            {
                "objectType": "contextAgent",
                "agent": {"mbox": "mailto:t@example.fr"},
                "relevantTypes": ["https://formation.example.fr/roles/tutor"],
            }
        ]
        assert list(iter_problems(statement, "2.0.0")) == []
        statement["context"]["contextAgents"][0]["relevantTypes"] = ["tutor"]
        [problem] = iter_problems(statement, "2.0.0")
        assert problem.json_path == "$.context.contextAgents[0].relevantTypes[0]"


def test_format_path_quotes_awkward_keys() -> None:
    assert format_path(("a", 0, "http://x/y", 'q"')) == '$.a[0]["http://x/y"]["q\\""]'


def test_unknown_version_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unsupported xAPI version"):
        list(iter_problems(BASE, "1.1"))
