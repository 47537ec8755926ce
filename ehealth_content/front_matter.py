"""The meaning of the front matter: keys, types, framework ids, dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from . import framework
from ._fields import FieldCodes, Fields
from ._report import Reporter
from ._syntax import FrontMatterText
from ._yaml import load_yaml
from .diagnostics import did_you_mean
from .model import Reference
from .question_types.multiple import SCORING_RULES

__all__ = ["PLAYER_LANGUAGES", "FrontMatter", "PoolDeclaration", "parse_duration", "parse_front_matter"]

PLAYER_LANGUAGES = ("fr", "en")
"""Languages the player's own words exist in (packager/strings.py holds one catalogue each)."""

KNOWN_KEYS = (
    "id",
    "title",
    "version",
    "lang",
    "description",
    "duration",
    "domain",
    "competencies",
    "mastery_score",
    "pools",
    "authors",
    "reviewers",
    "references",
    "review_by",
    "license",
    "allow_html",
    "scoring",
    "expect",
)
_CODES = FieldCodes(missing="E105", invalid="E106", unknown="W101", unknown_is_error=False)
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
_BCP47 = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*")
_ISO_DURATION = re.compile(r"PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?")
_HUMAN_DURATION = re.compile(r"(?:(\d+)\s*h(?:eures?|ours?)?)?\s*(?:(\d+)\s*(?:min(?:utes?)?)?)?", re.IGNORECASE)
# A module that takes longer than this is a course, or a typo; it also keeps int() of the
# digits within Python's limits.
_MAX_DURATION_MINUTES = 60_000
_TOO_MANY_DIGITS = re.compile(r"\d{8}")
_MAX_VERSION_LENGTH = 64
_SPDX = re.compile(r"[A-Za-z0-9.+-]+(?:\s+(?:AND|OR|WITH)\s+[A-Za-z0-9.+-]+)*")
_DATE_TEXT = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_YAML_CODES = {"duplicate-key": "E109", "control-character": "E311"}


@dataclass(frozen=True, slots=True)
class PoolDeclaration:
    name: str
    pick: int
    line: int
    column: int


@dataclass(slots=True)
class FrontMatter:
    """What the front matter says, as far as it could be read; ``None`` where it could not."""

    id: str | None = None
    title: str | None = None
    version: str | None = None
    lang: str = "fr"
    description: str | None = None
    duration_minutes: int | None = None
    domain: str | None = None
    competencies: tuple[str, ...] = ()
    mastery_score: float = 80.0
    pools: dict[str, PoolDeclaration] = field(default_factory=dict)
    authors: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    review_by: datetime.date | None = None
    license: str | None = None
    allow_html: bool = False
    scoring: str | None = None
    """The scoring rule of ``multiple`` questions that do not name one."""
    expect: bool = False
    """Whether ``multiple`` questions state how many answers are expected, unless they say."""


def parse_duration(text: str) -> int | None:
    """Minutes in ``PT1H30M``, ``90 min``, ``1 h 30``, ``2h``; None if unreadable or zero."""
    compact = text.strip()
    if _TOO_MANY_DIGITS.search(compact):
        return None
    iso = _ISO_DURATION.fullmatch(compact)
    if iso:
        hours, minutes, seconds = (int(g) if g else 0 for g in iso.groups())
        total = hours * 60 + minutes + (seconds + 59) // 60
        return total or None
    human = _HUMAN_DURATION.fullmatch(compact)
    if human and any(human.groups()):
        hours_text, minutes_text = human.groups()
        if hours_text is None and not re.search(r"min", compact, re.IGNORECASE):
            return None
        total = int(hours_text or 0) * 60 + int(minutes_text or 0)
        return total or None
    return None


def parse_front_matter(block: FrontMatterText, report: Reporter, *, today: datetime.date) -> FrontMatter:
    front = FrontMatter()
    doc, problems = load_yaml(block.text)
    for problem in problems:
        if problem.kind == "raw-control-character":
            continue  # the loader reports it at its place in the file (E311)
        code = _YAML_CODES.get(problem.kind, "E103")
        report.error(code, f"front matter: {problem.message}", block.first_line + problem.line, problem.column)
    if doc is None:
        return front
    data = doc.value
    if not isinstance(data, dict):
        report.error("E104", "the front matter must be a YAML mapping of keys to values", block.first_line, 0)
        return front
    fields = Fields(doc, block.first_line, 0, report, _CODES)
    fields.check_keys(data, (), KNOWN_KEYS, "in the front matter")
    fields.require(data, (), ("id", "title", "version"), "in the front matter")
    front.id = fields.slug(data, (), "id", "module id")
    front.title = fields.text(data, (), "title")
    front.version = _version(data, fields)
    front.lang = _lang(data, fields) or "fr"
    front.description = fields.text(data, (), "description")
    front.duration_minutes = _duration(data, fields)
    front.domain = _domain(data, fields)
    front.competencies = _competencies(data, fields)
    front.mastery_score = _mastery(data, fields)
    front.pools = _pools(data, fields)
    front.authors = tuple(fields.text_list(data, (), "authors") or ())
    front.reviewers = tuple(fields.text_list(data, (), "reviewers") or ())
    front.references = _references(data, fields)
    front.review_by = _review_by(data, fields, report, today)
    front.license = _license(data, fields)
    front.allow_html = bool(fields.boolean(data, (), "allow_html"))
    front.scoring = fields.one_of(data, (), "scoring", SCORING_RULES)
    front.expect = bool(fields.boolean(data, (), "expect"))
    return front


def _version(data: dict[str, Any], fields: Fields) -> str | None:
    value = data.get("version")
    if value is None:
        return None
    text = str(value)
    if len(text) > _MAX_VERSION_LENGTH:
        fields.invalid(("version",), f"version '{text[:20]}…' is too long: at most {_MAX_VERSION_LENGTH} characters")
        return None
    if isinstance(value, bool) or not _SEMVER.fullmatch(text):
        fields.invalid(
            ("version",),
            f"version '{text}' is not MAJOR.MINOR.PATCH",
            hint="write it like 1.0.0 (quote it if YAML reads it as a number)",
        )
        return None
    return text


def _lang(data: dict[str, Any], fields: Fields) -> str | None:
    value = fields.text(data, (), "lang")
    if value is not None and not _BCP47.fullmatch(value):
        fields.invalid(("lang",), f"lang '{value}' is not a BCP 47 language tag", hint="e.g. fr, en, fr-FR")
        return None
    if value is not None and value.split("-")[0].lower() not in PLAYER_LANGUAGES:
        # A module in another language would get a player speaking English around it: say so
        # rather than let learners find out.
        fields.invalid(
            ("lang",),
            f"lang '{value}': the player's words exist in French (fr) and English (en) only",
            hint="write fr or en (a region such as fr-CA is kept)",
        )
        return None
    return value


def _duration(data: dict[str, Any], fields: Fields) -> int | None:
    value = data.get("duration")
    if value is None:
        return None
    minutes = parse_duration(str(value)) if isinstance(value, str) else None
    shown = str(value) if len(str(value)) <= 40 else str(value)[:39] + "…"
    if isinstance(value, str) and (_TOO_MANY_DIGITS.search(value) or (minutes or 0) > _MAX_DURATION_MINUTES):
        fields.invalid(("duration",), f"duration '{shown}' is too long: at most {_MAX_DURATION_MINUTES // 60} hours")
        return None
    if minutes is None:
        fields.invalid(
            ("duration",),
            f"duration '{shown}' is not readable",
            hint="write an ISO 8601 duration such as PT1H30M, or '90 min', or '1 h 30'",
        )
    return minutes


def _domain(data: dict[str, Any], fields: Fields) -> str | None:
    value = fields.text(data, (), "domain")
    if value is None:
        return None
    if framework.domain(value) is None:
        ids = [d.id for d in framework.DOMAINS]
        line, column = fields.at(("domain",))
        fields.report.error(
            "E107",
            f"unknown domain '{value}': expected one of {', '.join(ids)}",
            line,
            column,
            hint=did_you_mean(value, ids),
        )
        return None
    return value


def _competencies(data: dict[str, Any], fields: Fields) -> tuple[str, ...]:
    values = fields.text_list(data, (), "competencies") or []
    known = []
    for index, value in enumerate(data.get("competencies") or []):
        if not isinstance(value, str) or value not in values:
            continue
        if framework.competency(value) is None:
            line, column = fields.at(("competencies", index))
            fields.report.error(
                "E108", f"unknown competency '{value}'", line, column, hint=did_you_mean(value, framework.COMPETENCIES)
            )
        else:
            known.append(value)
    return tuple(known)


def _mastery(data: dict[str, Any], fields: Fields) -> float:
    value = data.get("mastery_score")
    if value is None:
        return 80.0
    number = fields.number(value, ("mastery_score",), "'mastery_score'")
    if number is None:
        return 80.0
    if not 0 <= number <= 100:
        fields.invalid(("mastery_score",), f"mastery_score must be between 0 and 100, not {value}")
        return 80.0
    return number


def _pools(data: dict[str, Any], fields: Fields) -> dict[str, PoolDeclaration]:
    value = data.get("pools")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.invalid(("pools",), "'pools' must map each pool name to {pick: N}")
        return {}
    pools: dict[str, PoolDeclaration] = {}
    for name, spec in value.items():
        path = ("pools", name)
        if not isinstance(spec, dict) or "pick" not in spec:
            fields.invalid(path, f"pool '{name}' must be written {{pick: N}}")
            continue
        fields.check_keys(spec, path, ("pick",), f"in pool '{name}'")
        pick = fields.integer(spec, path, "pick", 1)
        if pick is not None:
            line, column = fields.key_at(path)
            pools[str(name)] = PoolDeclaration(str(name), pick, line, column)
    return pools


def _references(data: dict[str, Any], fields: Fields) -> tuple[Reference, ...]:
    value = data.get("references")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.invalid(("references",), "'references' must be a list of {title, url, date}")
        return ()
    references = []
    for index, item in enumerate(value):
        path = ("references", index)
        if isinstance(item, str) and item.strip():
            references.append(Reference(item))
            continue
        if not isinstance(item, dict):
            fields.invalid(path, f"reference {index + 1} must be {{title, url, date}} or a text")
            continue
        fields.check_keys(item, path, ("title", "url", "date"), "in a reference")
        title = fields.text(item, path, "title")
        if title is None:
            fields.require(item, path, ("title",), "in a reference")
            continue
        url = fields.text(item, path, "url")
        if url is not None and not re.match(r"https?://\S+$", url):
            fields.invalid(path + ("url",), f"reference url '{url}' must start with http:// or https://")
            url = None
        references.append(Reference(title, url, _reference_date(item, path, fields)))
    return tuple(references)


def _reference_date(item: dict[str, Any], path: tuple[str | int, ...], fields: Fields) -> str | None:
    value = item.get("date")
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    text = str(value)
    if isinstance(value, bool) or not _DATE_TEXT.fullmatch(text):
        fields.invalid(path + ("date",), f"reference date '{text}' must be YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    return text


def _review_by(data: dict[str, Any], fields: Fields, report: Reporter, today: datetime.date) -> datetime.date | None:
    value = data.get("review_by")
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        fields.invalid(("review_by",), f"review_by '{value}' must be a date, YYYY-MM-DD")
        return None
    if value < today:
        line, column = fields.at(("review_by",))
        report.warning(
            "W102",
            f"review date {value.isoformat()} has passed: check the content is still accurate",
            line,
            column,
            hint="review the module, then move review_by forward",
        )
    return value


def _license(data: dict[str, Any], fields: Fields) -> str | None:
    value = fields.text(data, (), "license")
    if value is not None and not _SPDX.fullmatch(value):
        fields.invalid(("license",), f"license '{value}' is not an SPDX identifier", hint="e.g. CC-BY-SA-4.0")
        return None
    return value
