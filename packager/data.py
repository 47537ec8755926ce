"""The data embedded in ``index.html`` for the runtime (docs/architecture.md §2).

Only what the runtime needs to score, save and report: texts are in the markup, except the
plain ``description`` that SCORM 2004 interactions carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ehealth_content import Module, Question, framework
from ehealth_content.question_types import json_number, type_of

from .state import question_key, state_positions
from .strings import CATALOGUES, ui_strings
from .targets import target_named

__all__ = ["DATA_FORMAT", "DESCRIPTION_LIMIT", "competency_labels", "module_data", "number", "question_data"]

DATA_FORMAT = 1
# SCORM 2004 cmi.interactions.n.description is a localized string of at most 250 characters.
DESCRIPTION_LIMIT = 250


def number(value: float) -> int | float:
    """Integral floats as ints, so the JSON says ``1``, not ``1.0``."""
    return json_number(value)


def module_data(
    module: Module, target: str, activity_base: str | None = None, e1_pages: Sequence[str] | None = None
) -> dict[str, Any]:
    """The whole ``#ehealth-data`` object.

    ``e1_pages``: the page list of the package learners used before, when it saved in ``E1``
    (``ehealth build --previous``): the runtime reads those states' pages seen against it.

    ``activity_base`` (the module's activity id, for the targets that report in xAPI) goes into
    ``module.activityBase``; cmi5 packages (a target with ``ui_catalogues``) also carry every UI
    catalogue (``ui``), since the learner's language preference from the LMS may differ from the
    module's language.
    """
    spec = target_named(target)
    data: dict[str, Any] = {
        "format": DATA_FORMAT,
        "target": target,
        "module": {
            "id": module.id,
            "version": module.version,
            "title": module.title,
            "lang": module.lang,
            "mastery": number(module.mastery_score),
        },
        # The positions the runtime's saved state is written in (state.py, StatePositions).
        **state_positions(module, e1_pages).data(),
        "questions": [question_data(q) for q in module.questions],
        "strings": dict(ui_strings(module.lang)),
    }
    if module.domain is not None:
        data["module"]["domain"] = module.domain
    if not module.framework.is_builtin:
        # xapi.js groups answers under <base>/frameworks/<id>/…, so that another programme's
        # K1.1 is never counted as the socle's (docs/competency-framework.md).
        data["module"]["framework"] = module.framework.id
    if activity_base is not None:
        data["module"]["activityBase"] = activity_base
    if spec.ui_catalogues:
        data["ui"] = {lang: dict(strings) for lang, strings in CATALOGUES.items()}
    labels = competency_labels(module)
    if labels:
        # The results screen's score per competency names them.
        data["competencies"] = labels
    return data


def competency_labels(module: Module) -> dict[str, str]:
    """Framework label of each competency a question of the module is tagged with."""
    french = module.lang.split("-")[0].lower() == "fr"
    labels: dict[str, str] = {}
    for question in module.questions:
        cid = question.competency
        found = framework.competency(cid) if cid else None
        if cid and found is not None and cid not in labels:
            labels[cid] = found.label_fr if french else found.label_en
    return labels


def _description(text: str) -> str:
    """The prompt as one line that every LMS stores: Moodle refuses a description that spans
    lines or starts with ``{`` (read as a ``{lang=…}`` tag), losing the whole interaction."""
    text = " ".join(text.split()).lstrip("{ ")
    if len(text) <= DESCRIPTION_LIMIT:
        return text
    return text[: DESCRIPTION_LIMIT - 1].rstrip() + "…"


def question_data(question: Question) -> dict[str, Any]:
    """One entry of ``questions``: the common fields, then those of its type."""
    data: dict[str, Any] = {
        "id": question.id,
        "key": question_key(question.id),
        "type": question.type,
        "page": question.page_id,
        "points": number(question.points),
        "attempts": question.attempts,
        "pool": question.pool,
        "shuffle": question.shuffle,
        "description": _description(question.prompt.plain),
    }
    if question.competency is not None:
        # xapi.js puts it in answered statements' context, for reports by competency.
        data["competency"] = question.competency
    # The type's own fields (its module of ehealth_content.question_types) come last.
    data.update(type_of(question).data(question))
    return data
