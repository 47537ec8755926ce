"""Builders for the statements our modules send, with the vocabulary of package-contract.md.

    session = LearnerSession("https://formation.example.fr/xapi", actor, "d3-dmp",
                             course_id="ehealth-2025", registration=registration)
    emitter.emit(session.experienced("intro", title="Introduction"))

Activity ids (:mod:`xapi.iris`, shared with the packager): ``<base>/modules/<module>``,
``<base>/modules/<module>/pages/<page>`` and ``<base>/modules/<module>/questions/<question>``; pages and questions carry the module as
parent and the course as grouping, so an LRS query by module or course finds them.

An answered question also carries, in ``context.contextActivities.grouping``, its competency
``<base>/competencies/<id>`` and its module's domain ``<base>/domains/<id>`` (type
``…/activities/objective``): any LRS query can group answers by them (``docs/reporting.md``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xapi import iris
from xapi.iris import competency_iri, domain_iri

__all__ = [
    "ACTIVITY_TYPES",
    "VERBS",
    "Choice",
    "LearnerSession",
    "Question",
    "Score",
    "competency_iri",
    "domain_iri",
    "format_duration",
]

_ADL_VERBS = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    name: _ADL_VERBS + name
    for name in (
        "initialized",
        "experienced",
        "answered",
        "completed",
        "passed",
        "failed",
        "suspended",
        "resumed",
        "terminated",
    )
}
"""Verb IRIs by name (package-contract.md, "xAPI vocabulary")."""

ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "page": "http://activitystrea.ms/schema/1.0/page",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    # ADL's "objective": what a learner must master; used for competencies and domains.
    "objective": "http://adlnet.gov/expapi/activities/objective",
}

# Display names in the language of our modules, with English for international LRS dashboards.
_VERB_DISPLAY = {
    "initialized": ("a commencé", "initialized"),
    "experienced": ("a consulté", "experienced"),
    "answered": ("a répondu", "answered"),
    "completed": ("a terminé", "completed"),
    "passed": ("a réussi", "passed"),
    "failed": ("a échoué", "failed"),
    "suspended": ("a suspendu", "suspended"),
    "resumed": ("a repris", "resumed"),
    "terminated": ("a quitté", "terminated"),
}


def format_duration(duration: dt.timedelta | float) -> str:
    """ISO 8601 duration with centisecond precision (what xAPI asks LRSs to keep).

    Parameters:
        duration: a timedelta or a number of seconds (not negative).
    """
    seconds = duration.total_seconds() if isinstance(duration, dt.timedelta) else duration
    if seconds < 0:
        raise ValueError(f"a duration cannot be negative, got {seconds}")
    centis = round(seconds * 100)
    hours, centis = divmod(centis, 360000)
    minutes, centis = divmod(centis, 6000)
    secs = f"{centis // 100}.{centis % 100:02d}".rstrip("0").rstrip(".")
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if secs != "0" or out == "PT":
        out += f"{secs}S"
    return out


@dataclass(frozen=True)
class Score:
    """A raw score between bounds; ``scaled`` is derived, so the two never disagree."""

    raw: float
    min: float = 0.0
    max: float = 100.0

    def __post_init__(self) -> None:
        if not self.min < self.max or not self.min <= self.raw <= self.max:
            raise ValueError(f"score needs min < max and raw within them, got {self}")

    @property
    def scaled(self) -> float:
        return round((self.raw - self.min) / (self.max - self.min), 4)

    def to_json(self) -> dict[str, float]:
        return {
            "scaled": self.scaled,
            "raw": self.raw,
            "min": self.min,
            "max": self.max,
        }


@dataclass(frozen=True)
class Choice:
    """One interaction component: a choice, a scale point, a matching source/target, a step."""

    id: str
    text: str


@dataclass(frozen=True)
class Question:
    """A quiz question as a ``cmi.interaction`` activity definition."""

    id: str
    """Question id inside its module."""
    interaction_type: str
    """``choice``, ``true-false``, ``fill-in``, ``matching``, ``sequencing``, ``likert``..."""
    text: str | None = None
    """The question's wording (the definition's description)."""
    correct_responses: Sequence[str] = ()
    """``correctResponsesPattern`` entries, e.g. ``["a[,]c"]`` for a multiple choice."""
    choices: Sequence[Choice] = ()
    scale: Sequence[Choice] = ()
    source: Sequence[Choice] = ()
    target: Sequence[Choice] = ()
    steps: Sequence[Choice] = ()
    competency: str | None = None
    """The competency the question assesses (``D1.2``), as in the module's source."""


@dataclass(frozen=True)
class LearnerSession:
    """One learner in one module (one registration): builds that session's statements."""

    base_iri: str
    """Root of our activity ids, e.g. ``https://formation.example.fr/xapi``."""
    actor: Mapping[str, Any]
    """The learner as an xAPI Agent (usually an ``account``, not an email: pseudonymous)."""
    module_id: str
    module_title: str | None = None
    course_id: str | None = None
    """The course (training programme) the module belongs to, as the grouping activity."""
    course_title: str | None = None
    domain: str | None = None
    """The module's domain (``D1``), carried by answered statements."""
    framework: str | None = None
    """The id of the module's competency framework when it is not the built-in socle."""
    registration: str | None = None
    """UUID tying together the statements of one attempt."""
    language: str = "fr-FR"
    """Language of titles and question texts."""
    extra_context: Mapping[str, Any] = field(default_factory=dict)
    """Merged into every statement's context (e.g. platform, extensions)."""

    # --- ids --------------------------------------------------------------------------------

    @property
    def module_iri(self) -> str:
        return iris.module_iri(self.base_iri, self.module_id)

    @property
    def course_iri(self) -> str | None:
        if self.course_id is None:
            return None
        return iris.course_iri(self.base_iri, self.course_id)

    def page_iri(self, page_id: str) -> str:
        return iris.page_iri(self.module_iri, page_id)

    def question_iri(self, question_id: str) -> str:
        return iris.question_iri(self.module_iri, question_id)

    # --- pieces -----------------------------------------------------------------------------

    def _text(self, text: str) -> dict[str, str]:
        return {self.language: text}

    def _activity(self, iri: str, kind: str, title: str | None) -> dict[str, Any]:
        definition: dict[str, Any] = {"type": ACTIVITY_TYPES[kind]}
        if title:
            definition["name"] = self._text(title)
        return {"objectType": "Activity", "id": iri, "definition": definition}

    def module_activity(self) -> dict[str, Any]:
        return self._activity(self.module_iri, "module", self.module_title)

    def _skills(self, competency: str | None) -> list[dict[str, Any]]:
        """Competency and domain activities for an answered question's grouping."""
        found = []
        if competency:
            found.append(self._activity(competency_iri(self.base_iri, competency, self.framework), "objective", None))
        if self.domain:
            found.append(self._activity(domain_iri(self.base_iri, self.domain, self.framework), "objective", None))
        return found

    def _context(self, *, in_module: bool, grouping: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
        context: dict[str, Any] = {"language": self.language}
        if self.registration:
            context["registration"] = self.registration
        activities: dict[str, Any] = {}
        if in_module:
            activities["parent"] = [self.module_activity()]
        groups = [dict(g) for g in grouping]
        if self.course_iri is not None:
            groups.insert(0, self._activity(self.course_iri, "course", self.course_title))
        if groups:
            activities["grouping"] = groups
        if activities:
            context["contextActivities"] = activities
        context.update(self.extra_context)
        return context

    def _statement(
        self,
        verb: str,
        obj: Mapping[str, Any],
        *,
        result: Mapping[str, Any] | None = None,
        in_module: bool = False,
        grouping: Sequence[Mapping[str, Any]] = (),
    ) -> dict[str, Any]:
        french, english = _VERB_DISPLAY[verb]
        display = {self.language: french} if self.language.startswith("fr") else {}
        display["en-US"] = english
        statement: dict[str, Any] = {
            "actor": dict(self.actor),
            "verb": {"id": VERBS[verb], "display": display},
            "object": dict(obj),
            "context": self._context(in_module=in_module, grouping=grouping),
        }
        if result:
            statement["result"] = dict(result)
        return statement

    def _module_statement(self, verb: str, result: Mapping[str, Any] | None = None) -> dict[str, Any]:
        return self._statement(verb, self.module_activity(), result=result)

    # --- statements -------------------------------------------------------------------------

    def initialized(self) -> dict[str, Any]:
        """The learner opened the module."""
        return self._module_statement("initialized")

    def experienced(self, page_id: str, *, title: str | None = None) -> dict[str, Any]:
        """The learner saw a page of the module."""
        page = self._activity(self.page_iri(page_id), "page", title)
        return self._statement("experienced", page, in_module=True)

    def answered(
        self,
        question: Question,
        response: str,
        *,
        success: bool | None = None,
        score: Score | None = None,
        duration: dt.timedelta | float | None = None,
    ) -> dict[str, Any]:
        """The learner answered a question; ``response`` uses the xAPI response format."""
        definition: dict[str, Any] = {
            "type": ACTIVITY_TYPES["question"],
            "interactionType": question.interaction_type,
        }
        if question.text:
            definition["description"] = self._text(question.text)
        if question.correct_responses:
            definition["correctResponsesPattern"] = list(question.correct_responses)
        for key in ("choices", "scale", "source", "target", "steps"):
            components: Sequence[Choice] = getattr(question, key)
            if components:
                definition[key] = [{"id": c.id, "description": self._text(c.text)} for c in components]
        obj = {
            "objectType": "Activity",
            "id": self.question_iri(question.id),
            "definition": definition,
        }
        result: dict[str, Any] = {"response": response}
        if success is not None:
            result["success"] = success
        if score is not None:
            result["score"] = score.to_json()
        if duration is not None:
            result["duration"] = format_duration(duration)
        return self._statement(
            "answered",
            obj,
            result=result,
            in_module=True,
            grouping=self._skills(question.competency),
        )

    def completed(self, *, duration: dt.timedelta | float | None = None) -> dict[str, Any]:
        """The learner went through the whole module."""
        result: dict[str, Any] = {"completion": True}
        if duration is not None:
            result["duration"] = format_duration(duration)
        return self._module_statement("completed", result)

    def passed(self, score: Score, *, duration: dt.timedelta | float | None = None) -> dict[str, Any]:
        """The learner reached the mastery score."""
        return self._module_statement("passed", self._outcome(score, True, duration))

    def failed(self, score: Score, *, duration: dt.timedelta | float | None = None) -> dict[str, Any]:
        """The learner finished below the mastery score."""
        return self._module_statement("failed", self._outcome(score, False, duration))

    @staticmethod
    def _outcome(score: Score, success: bool, duration: dt.timedelta | float | None) -> dict[str, Any]:
        result: dict[str, Any] = {"score": score.to_json(), "success": success}
        if duration is not None:
            result["duration"] = format_duration(duration)
        return result

    def suspended(self) -> dict[str, Any]:
        """The learner left, meaning to come back (bookmark kept)."""
        return self._module_statement("suspended")

    def resumed(self) -> dict[str, Any]:
        """The learner came back to a suspended attempt."""
        return self._module_statement("resumed")

    def terminated(self, *, duration: dt.timedelta | float | None = None) -> dict[str, Any]:
        """The session ended."""
        result = {"duration": format_duration(duration)} if duration is not None else None
        return self._module_statement("terminated", result)
