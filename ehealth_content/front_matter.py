"""The meaning of the front matter: keys, types, framework ids, dates."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._fields import FieldCodes, Fields
from ._prose import FRONT_MATTER_PROSE
from ._report import Reporter
from ._syntax import FrontMatterText
from ._yaml import load_yaml
from .diagnostics import did_you_mean
from .framework import SOCLE, Framework
from .i18n import t
from .model import Reference, Span
from .question_types.multiple import SCORING_RULES

__all__ = [
    "PLAYER_LANGUAGES",
    "FrameworkLookup",
    "FrontMatter",
    "PoolDeclaration",
    "parse_duration",
    "parse_front_matter",
]

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
    "framework",
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
_DAY_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML_CODES = {"duplicate-key": "E109", "control-character": "E311"}


@dataclass(frozen=True, slots=True)
class PoolDeclaration:
    name: str
    pick: int
    at: Span
    """Where the pool's name is written."""


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
    framework: Framework | None = SOCLE
    """The framework in force; None when the one named cannot be used (reported)."""
    readable: bool = True
    """False when its YAML could not be read: what it declares (pools) is then unknown."""


FrameworkLookup = Callable[[str | None, Span | None], Framework | None]
"""Given the ``framework`` value (or None) and where it is written in the Markdown file, the
framework in force, or None when it cannot be used (reported)."""


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


def parse_front_matter(
    block: FrontMatterText, report: Reporter, *, today: datetime.date, frameworks: FrameworkLookup | None = None
) -> FrontMatter:
    """What the front matter says; ``frameworks`` finds the framework in force (default: the socle,
    and a ``framework`` key is then an error, since there is no folder to find it from)."""
    front = FrontMatter()
    doc, problems = load_yaml(block.text, prose=FRONT_MATTER_PROSE)
    for problem in problems:
        if problem.kind == "raw-control-character":
            continue  # the loader reports it at its place in the file (E311)
        code = _YAML_CODES.get(problem.kind, "E103")
        at = Span(block.yaml_line + problem.line, 1 + problem.column)
        report.error(code, t("front matter: {problem}", problem=problem.message), at=at, hint=problem.hint)
    if doc is None:
        front.framework = _framework({}, None, frameworks)
        front.readable = False
        return front
    data = doc.value
    if not isinstance(data, dict):
        report.error("E104", t("the front matter must be a YAML mapping of keys to values"), at=Span(block.yaml_line))
        front.framework = _framework({}, None, frameworks)
        front.readable = False
        return front
    fields = Fields(doc, Span(block.yaml_line), report, _CODES)
    strays = _stray_pools(data, fields)
    fields.check_keys({k: v for k, v in data.items() if k not in strays}, (), KNOWN_KEYS, t("in the front matter"))
    fields.require(data, (), ("id", "title", "version"), t("in the front matter"))
    front.id = fields.slug(data, (), "id", t("module id"))
    front.title = fields.text(data, (), "title")
    front.version = _version(data, fields)
    front.lang = _lang(data, fields) or "fr"
    front.description = fields.text(data, (), "description")
    front.duration_minutes = _duration(data, fields)
    front.framework = _framework(data, fields, frameworks)
    front.domain = _domain(data, fields, front.framework)
    front.competencies = _competencies(data, fields, front.framework)
    front.mastery_score = _mastery(data, fields)
    front.pools = _pools(data, fields)
    for name in strays:
        if (pool := _pool(name, data[name], (name,), fields)) is not None:
            front.pools[name] = pool
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
        fields.invalid(
            ("version",),
            t(
                "version '{value}…' is too long: at most {maximum} characters",
                value=text[:20],
                maximum=_MAX_VERSION_LENGTH,
            ),
        )
        return None
    if isinstance(value, bool) or not _SEMVER.fullmatch(text):
        fields.invalid(
            ("version",),
            t("version '{value}' is not MAJOR.MINOR.PATCH", value=text),
            hint=t("write it like 1.0.0 (quote it if YAML reads it as a number)"),
        )
        return None
    return text


def _lang(data: dict[str, Any], fields: Fields) -> str | None:
    value = fields.text(data, (), "lang")
    if value is not None and not _BCP47.fullmatch(value):
        fields.invalid(
            ("lang",), t("lang '{value}' is not a BCP 47 language tag", value=value), hint=t("e.g. fr, en, fr-FR")
        )
        return None
    if value is not None and value.split("-")[0].lower() not in PLAYER_LANGUAGES:
        # A module in another language would get a player speaking English around it: say so
        # rather than let learners find out.
        fields.invalid(
            ("lang",),
            t("lang '{value}': the player's words exist in French (fr) and English (en) only", value=value),
            hint=t("write fr or en (a region such as fr-CA is kept)"),
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
        fields.invalid(
            ("duration",),
            t("duration '{value}' is too long: at most {hours} hours", value=shown, hours=_MAX_DURATION_MINUTES // 60),
        )
        return None
    if minutes is None:
        fields.invalid(
            ("duration",),
            t("duration '{value}' is not readable", value=shown),
            hint=t("write an ISO 8601 duration such as PT1H30M, or '90 min', or '1 h 30'"),
        )
    return minutes


def _framework(data: dict[str, Any], fields: Fields | None, frameworks: FrameworkLookup | None) -> Framework | None:
    """The framework in force; ``fields`` is None when the front matter could not be read (the
    folder's framework still applies to the questions)."""
    value = fields.text(data, (), "framework") if fields is not None else None
    if "framework" in data and value is None:
        return None  # reported by fields.text
    if fields is None or value is None:
        return frameworks(None, None) if frameworks is not None else SOCLE
    if frameworks is None:
        fields.invalid(("framework",), t("'framework' needs the module's folder: load the module from its file"))
        return None
    return frameworks(value, fields.at(("framework",)))


def _domain(data: dict[str, Any], fields: Fields, framework: Framework | None) -> str | None:
    value = fields.text(data, (), "domain")
    if value is None or framework is None:
        return value
    if framework.domain(value) is None:
        ids = [d.id for d in framework.domains]
        fields.report.error(
            "E107",
            t("unknown domain '{value}': expected one of {domains}", value=value, domains=", ".join(ids)),
            at=fields.at(("domain",)),
            hint=did_you_mean(value, ids),
        )
        return None
    return value


def _competencies(data: dict[str, Any], fields: Fields, framework: Framework | None) -> tuple[str, ...]:
    values = fields.text_list(data, (), "competencies") or []
    if framework is None:
        return tuple(values)
    known = []
    for index, value in enumerate(data.get("competencies") or []):
        if not isinstance(value, str) or value not in values:
            continue
        if framework.competency(value) is None:
            fields.report.error(
                "E108",
                t("unknown competency '{value}'", value=value),
                at=fields.at(("competencies", index)),
                hint=did_you_mean(value, framework.competencies),
            )
        else:
            known.append(value)
    return tuple(known)


def _mastery(data: dict[str, Any], fields: Fields) -> float:
    value = data.get("mastery_score")
    if value is None:
        return 80.0
    number = fields.number(value, ("mastery_score",), t("'mastery_score'"))
    if number is None:
        return 80.0
    if not 0 <= number <= 100:
        fields.invalid(("mastery_score",), t("mastery_score must be between 0 and 100, not {value}", value=value))
        return 80.0
    return number


def _pools(data: dict[str, Any], fields: Fields) -> dict[str, PoolDeclaration]:
    value = data.get("pools")
    if value is None:
        return {}
    if not isinstance(value, dict):
        fields.invalid(("pools",), t("'pools' must map each pool name to {{pick: N}}"))
        return {}
    pools: dict[str, PoolDeclaration] = {}
    for name, spec in value.items():
        path = ("pools", name)
        if not isinstance(spec, dict) or "pick" not in spec:
            fields.invalid(path, t("pool '{name}' must be written {{pick: N}}", name=str(name)))
            continue
        pool = _pool(name, spec, path, fields)
        if pool is not None:
            pools[str(name)] = pool
    return pools


def _pool(name: str, spec: dict[str, Any], path: tuple[str | int, ...], fields: Fields) -> PoolDeclaration | None:
    fields.check_keys(spec, path, ("pick",), t("in pool '{name}'", name=str(name)))
    pick = fields.integer(spec, path, "pick", 1)
    if pick is None:
        return None
    return PoolDeclaration(str(name), pick, fields.key_at(path))


def _stray_pools(data: dict[str, Any], fields: Fields) -> list[str]:
    """Unknown keys written {pick: N}: pools whose lines lost their indentation under 'pools:'.

    They are reported once each and still declared, so that their questions do not each say
    the pool is unknown.
    """
    strays = [
        key for key, value in data.items() if key not in KNOWN_KEYS and isinstance(value, dict) and "pick" in value
    ]
    for key in strays:
        fields.report.error(
            "E106",
            t("'{key}' is written like a pool but is not under 'pools:'", key=str(key)),
            at=fields.key_at((key,)),
            hint=t("indent its line by two spaces, below 'pools:'"),
        )
    return strays


def _references(data: dict[str, Any], fields: Fields) -> tuple[Reference, ...]:
    value = data.get("references")
    if value is None:
        return ()
    if not isinstance(value, list):
        fields.invalid(("references",), t("'references' must be a list of {{title, url, date}}"))
        return ()
    references = []
    for index, item in enumerate(value):
        path = ("references", index)
        if isinstance(item, str) and item.strip():
            references.append(Reference(item))
            continue
        if not isinstance(item, dict):
            fields.invalid(path, t("reference {number} must be {{title, url, date}} or a text", number=index + 1))
            continue
        fields.check_keys(item, path, ("title", "url", "date", "checked"), t("in a reference"))
        title = fields.text(item, path, "title")
        if title is None:
            fields.require(item, path, ("title",), t("in a reference"))
            continue
        url = fields.text(item, path, "url")
        if url is not None and not re.match(r"https?://\S+$", url):
            fields.invalid(path + ("url",), t("reference url '{url}' must start with http:// or https://", url=url))
            url = None
        references.append(
            Reference(title, url, _reference_date(item, path, fields), _reference_checked(item, path, fields))
        )
    return tuple(references)


def _reference_checked(item: dict[str, Any], path: tuple[str | int, ...], fields: Fields) -> str | None:
    """A checking is done on a day: unlike a source's date, a year alone says too little."""
    value = item.get("checked")
    if value is None:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    text = str(value)
    if isinstance(value, bool) or not _DAY_TEXT.fullmatch(text):
        fields.invalid(
            path + ("checked",), t("a reference's 'checked' must be a day, YYYY-MM-DD, not '{value}'", value=text)
        )
        return None
    return text


def _reference_date(item: dict[str, Any], path: tuple[str | int, ...], fields: Fields) -> str | None:
    value = item.get("date")
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()[:10]
    text = str(value)
    if isinstance(value, bool) or not _DATE_TEXT.fullmatch(text):
        fields.invalid(path + ("date",), t("reference date '{value}' must be YYYY, YYYY-MM or YYYY-MM-DD", value=text))
        return None
    return text


def _review_by(data: dict[str, Any], fields: Fields, report: Reporter, today: datetime.date) -> datetime.date | None:
    value = data.get("review_by")
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        fields.invalid(("review_by",), t("review_by '{value}' must be a date, YYYY-MM-DD", value=str(value)))
        return None
    if value < today:
        report.warning(
            "W102",
            t("review date {date} has passed: check the content is still accurate", date=value.isoformat()),
            at=fields.at(("review_by",)),
            hint=t("review the module, then move review_by forward"),
        )
    return value


def _license(data: dict[str, Any], fields: Fields) -> str | None:
    value = fields.text(data, (), "license")
    if value is not None and not _SPDX.fullmatch(value):
        fields.invalid(
            ("license",), t("license '{value}' is not an SPDX identifier", value=value), hint=t("e.g. CC-BY-SA-4.0")
        )
        return None
    return value
