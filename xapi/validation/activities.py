"""Rules for Activities and their definitions, including cmi.interaction questions."""

from __future__ import annotations

from xapi.validation.checker import Checker
from xapi.validation.problems import Path

__all__ = ["INTERACTION_TYPES", "check_activity"]

# Which component lists each interaction type may carry (xAPI 1.0.3, 2.4.4.1.1).
INTERACTION_TYPES: dict[str, tuple[str, ...]] = {
    "true-false": (),
    "choice": ("choices",),
    "fill-in": (),
    "long-fill-in": (),
    "matching": ("source", "target"),
    "performance": ("steps",),
    "sequencing": ("choices",),
    "likert": ("scale",),
    "numeric": (),
    "other": (),
}
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_DEFINITION_KEYS = frozenset(
    (
        "name",
        "description",
        "type",
        "moreInfo",
        "extensions",
        "interactionType",
        "correctResponsesPattern",
        *_COMPONENT_LISTS,
    )
)
_ACTIVITY_KEYS = frozenset(("objectType", "id", "definition"))
_COMPONENT_KEYS = frozenset(("id", "description"))


def check_activity(c: Checker, value: object, path: Path) -> None:
    activity = c.obj(value, path, required=("id",), allowed=_ACTIVITY_KEYS)
    if activity is None:
        return
    if "objectType" in activity:
        c.constant(activity["objectType"], (*path, "objectType"), "Activity")
    if "id" in activity:
        c.iri(activity["id"], (*path, "id"))
    if "definition" in activity:
        _check_definition(c, activity["definition"], (*path, "definition"))


def _check_definition(c: Checker, value: object, path: Path) -> None:
    definition = c.obj(value, path, allowed=_DEFINITION_KEYS)
    if definition is None:
        return
    for key in ("name", "description"):
        if key in definition:
            c.language_map(definition[key], (*path, key))
    if "type" in definition:
        c.iri(definition["type"], (*path, "type"))
    if "moreInfo" in definition:
        c.iri(definition["moreInfo"], (*path, "moreInfo"))
    if "extensions" in definition:
        c.extensions(definition["extensions"], (*path, "extensions"))

    interaction_type = definition.get("interactionType")
    allowed_lists: tuple[str, ...] = ()
    if "interactionType" in definition:
        if interaction_type in INTERACTION_TYPES:
            allowed_lists = INTERACTION_TYPES[str(interaction_type)]
        else:
            c.report(
                "interaction-type",
                (*path, "interactionType"),
                "expected one of " + ", ".join(INTERACTION_TYPES) + f", got {interaction_type!r}",
            )
            allowed_lists = _COMPONENT_LISTS  # unknown type: still check the lists' shapes
    if "correctResponsesPattern" in definition:
        if "interactionType" not in definition:
            c.report(
                "required",
                (*path, "interactionType"),
                "'correctResponsesPattern' needs an 'interactionType'",
            )
        patterns = c.array(definition["correctResponsesPattern"], (*path, "correctResponsesPattern"))
        for i, pattern in enumerate(patterns or ()):
            c.string(pattern, (*path, "correctResponsesPattern", i))
    for key in _COMPONENT_LISTS:
        if key not in definition:
            continue
        if "interactionType" not in definition:
            c.report(
                "required",
                (*path, "interactionType"),
                f"'{key}' needs an 'interactionType'",
            )
        elif key not in allowed_lists:
            c.report(
                "interaction-component",
                (*path, key),
                f"'{key}' is not used by interactionType {interaction_type!r}",
            )
        _check_components(c, definition[key], (*path, key))


def _check_components(c: Checker, value: object, path: Path) -> None:
    components = c.array(value, path)
    seen: set[str] = set()
    for i, component in enumerate(components or ()):
        item = c.obj(component, (*path, i), required=("id",), allowed=_COMPONENT_KEYS)
        if item is None:
            continue
        if "id" in item:
            ident = c.string(item["id"], (*path, i, "id"))
            if ident is not None:
                if ident in seen:
                    c.report(
                        "duplicate",
                        (*path, i, "id"),
                        f"component id {ident!r} repeated",
                    )
                seen.add(ident)
        if "description" in item:
            c.language_map(item["description"], (*path, i, "description"))
