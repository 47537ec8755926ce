"""A programme's own competency framework, read from a YAML file and checked.

The file has the shape of the built-in socle (:mod:`.framework`); docs/competency-framework.md
describes it::

    id: kine-numerique
    title_fr: Compétences numériques en kinésithérapie
    domains:
      - id: K1
        label_fr: Données du patient au cabinet
        hours: 4
        competencies:
          - id: K1.1
            label_fr: Tenir le dossier du patient

Every problem is a diagnostic at its line and column of the file (E6xx); a file with an error
gives no framework, so that modules are never checked against half of one.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from ._fields import FieldCodes, Fields, describe
from ._report import Reporter
from ._small_file import read_small_text
from ._yaml import YamlDocument, load_yaml
from .diagnostics import Diagnostic, has_errors
from .framework import Competency, Domain, Framework
from .i18n import Message, t
from .model import Span

__all__ = ["FRAMEWORK_SUFFIXES", "MAX_FRAMEWORK_BYTES", "load_framework", "parse_framework"]

# The socle is 8 KiB in Python; a framework a hundred times larger is a mistake, and the bound
# keeps a module that names /dev/zero or a log file from stalling `check`.
MAX_FRAMEWORK_BYTES = 512 * 1024
FRAMEWORK_SUFFIXES = (".yaml", ".yml")
_MAX_DOMAINS = 100
_MAX_COMPETENCIES = 1000
_MAX_HOURS = 10_000
_MAX_ID = 64
_DOMAIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# What follows "<domain id>." in a competency id: K1.1, K1.2.a, ETHIQUE.consentement.
_COMPETENCY_SUFFIX = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_CODES = FieldCodes(missing="E605", invalid="E605", unknown="E604", unknown_is_error=True)
_TOP_KEYS = ("id", "title_fr", "title_en", "provisional", "domains")
_DOMAIN_KEYS = ("id", "label_fr", "label_en", "hours", "competencies")
_COMPETENCY_KEYS = ("id", "label_fr", "label_en")


def load_framework(path: Path, display: str) -> tuple[Framework | None, list[Diagnostic]]:
    """The framework in ``path`` (None when it has an error) and the file's diagnostics, which
    name it ``display``. A file that cannot be read at all gives one E601 at line 1."""
    report = Reporter(display)
    read = read_small_text(path, MAX_FRAMEWORK_BYTES)
    if read.text is None:
        report.error("E601", t("cannot use the framework file: {problem}", problem=read.problem), at=Span(1))
        return None, report.sorted
    found = parse_framework(read.text, report)
    if found is None or has_errors(report.diagnostics):
        return None, report.sorted
    return dataclasses.replace(found, source=display), report.sorted


def parse_framework(text: str, report: Reporter) -> Framework | None:
    """The framework a YAML text describes, every problem reported; None when unusable."""
    doc, problems = load_yaml(text)
    for problem in problems:
        at = Span(problem.line + 1, problem.column + 1)
        hint = None if problem.kind == "raw-control-character" else _YAML_HINT
        report.error("E603", t("framework file: {problem}", problem=problem.message), at=at, hint=hint)
    if doc is None or problems:
        return None
    data = doc.value
    if not isinstance(data, dict):
        report.error(
            "E603",
            t("a framework file must be a YAML mapping (id, title_fr, domains), not {value}", value=describe(data)),
            at=Span(1),
        )
        return None
    return _Reader(doc, report).framework(data)


_YAML_HINT = t("quote values that hold ': ' or start with a special character")


class _Reader:
    def __init__(self, doc: YamlDocument, report: Reporter) -> None:
        self.fields = Fields(doc, Span(1), report, _CODES)
        self.report = report
        self.domain_ids: dict[str, Span] = {}
        self.competency_ids: dict[str, Span] = {}

    def framework(self, data: dict[str, Any]) -> Framework | None:
        f = self.fields
        f.check_keys(data, (), _TOP_KEYS, t("in a framework file"))
        f.require(data, (), ("id", "title_fr", "domains"), t("in a framework file"))
        framework_id = f.slug(data, (), "id", t("framework id"))
        title_fr = f.text(data, (), "title_fr")
        title_en = f.text(data, (), "title_en")
        provisional = f.boolean(data, (), "provisional")
        domains = self._domains(data)
        if framework_id is None or title_fr is None or domains is None:
            return None
        return Framework(framework_id, title_fr, title_en or title_fr, domains, provisional=bool(provisional))

    def _list(self, data: dict[str, Any], path: tuple[str | int, ...], key: str, most: int) -> list[Any] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            self.fields.invalid(
                path + (key,), t("'{key}' must be a non-empty list, not {value}", key=key, value=describe(value))
            )
            return None
        if len(value) > most:
            self.fields.invalid(
                path + (key,), t("'{key}' has {count} entries: at most {most}", key=key, count=len(value), most=most)
            )
            return None
        return value

    def _domains(self, data: dict[str, Any]) -> tuple[Domain, ...] | None:
        items = self._list(data, (), "domains", _MAX_DOMAINS)
        if items is None:
            return None
        found = [self._domain(item, ("domains", index)) for index, item in enumerate(items)]
        total = sum(len(d.competencies) for d in found if d is not None)
        if total > _MAX_COMPETENCIES:
            self.fields.invalid(
                ("domains",),
                t("the framework has {count} competencies: at most {most}", count=total, most=_MAX_COMPETENCIES),
            )
            return None
        if any(d is None for d in found):
            return None
        return tuple(d for d in found if d is not None)

    def _domain(self, item: Any, path: tuple[str | int, ...]) -> Domain | None:
        f = self.fields
        if not isinstance(item, dict):
            f.invalid(
                path,
                t("a domain must be a mapping (id, label_fr, hours, competencies), not {value}", value=describe(item)),
            )
            return None
        f.check_keys(item, path, _DOMAIN_KEYS, t("in a domain"))
        f.require(item, path, ("id", "label_fr", "hours", "competencies"), t("in a domain"))
        domain_id = self._domain_id(item, path)
        label_fr = f.text(item, path, "label_fr")
        label_en = f.text(item, path, "label_en")
        hours = self._hours(item, path)
        competencies = self._competencies(item, path, domain_id)
        if domain_id is None or label_fr is None or hours is None or competencies is None:
            return None
        return Domain(domain_id, label_fr, label_en or label_fr, hours, competencies)

    def _hours(self, item: dict[str, Any], path: tuple[str | int, ...]) -> float | None:
        value = item.get("hours")
        if value is None:
            return None
        number = self.fields.number(value, path + ("hours",), t("'hours'"), limit=_MAX_HOURS)
        if number is None:
            return None
        if number <= 0:
            self.fields.invalid(path + ("hours",), t("'hours' must be positive, not {value}", value=value))
            return None
        return int(number) if number.is_integer() else number

    def _competencies(
        self, item: dict[str, Any], path: tuple[str | int, ...], domain_id: str | None
    ) -> tuple[Competency, ...] | None:
        items = self._list(item, path, "competencies", _MAX_COMPETENCIES)
        if items is None:
            return None
        found = [self._competency(c, path + ("competencies", i), domain_id) for i, c in enumerate(items)]
        if any(c is None for c in found) or domain_id is None:
            return None
        return tuple(c for c in found if c is not None)

    def _competency(self, item: Any, path: tuple[str | int, ...], domain_id: str | None) -> Competency | None:
        f = self.fields
        if not isinstance(item, dict):
            f.invalid(path, t("a competency must be a mapping (id, label_fr), not {value}", value=describe(item)))
            return None
        f.check_keys(item, path, _COMPETENCY_KEYS, t("in a competency"))
        f.require(item, path, ("id", "label_fr"), t("in a competency"))
        competency_id = self._competency_id(item, path, domain_id)
        label_fr = f.text(item, path, "label_fr")
        label_en = f.text(item, path, "label_en")
        if competency_id is None or label_fr is None or domain_id is None:
            return None
        return Competency(competency_id, domain_id, label_fr, label_en or label_fr)

    def _id(self, item: dict[str, Any], path: tuple[str | int, ...], what: Message) -> tuple[str, Span] | None:
        """The id at ``path`` and where it is written, when it is text an IRI segment can hold."""
        f = self.fields
        value = f.text(item, path, "id")
        if value is None:
            return None
        if len(value) > _MAX_ID:
            f.invalid(
                path + ("id",),
                t(
                    "{what} id '{value}…' is too long: at most {most} characters",
                    what=what,
                    value=value[:20],
                    most=_MAX_ID,
                ),
            )
            return None
        if any(c.isspace() or c == "/" for c in value):
            f.invalid(
                path + ("id",),
                t("{what} id '{value}' cannot hold a space or '/'", what=what, value=value),
                hint=t("use '-' or '_' between words"),
            )
            return None
        return value, f.at(path + ("id",))

    def _unique(self, found: tuple[str, Span], what: Message, seen: dict[str, Span]) -> str | None:
        value, at = found
        if value in seen:
            first = seen[value]
            self.report.error(
                "E606",
                t("{what} id '{value}' is already used at line {line}", what=what, value=value, line=first.line),
                at=at,
                related=((first, t("first used here")),),
            )
            return None
        seen[value] = at
        return value

    def _domain_id(self, item: dict[str, Any], path: tuple[str | int, ...]) -> str | None:
        found = self._id(item, path, t("domain"))
        if found is None:
            return None
        if not _DOMAIN_ID.fullmatch(found[0]):
            self.fields.invalid(
                path + ("id",),
                t("domain id '{value}' must start with a letter, then letters, digits, '-' or '_'", value=found[0]),
                hint=t("e.g. D1, K2, ETHIQUE"),
            )
            return None
        return self._unique(found, t("domain"), self.domain_ids)

    def _competency_id(self, item: dict[str, Any], path: tuple[str | int, ...], domain_id: str | None) -> str | None:
        found = self._id(item, path, t("competency"))
        if found is None:
            return None
        value, at = found
        prefix = f"{domain_id}."
        if domain_id is not None and not (
            value.startswith(prefix) and _COMPETENCY_SUFFIX.fullmatch(value[len(prefix) :])
        ):
            self.report.error(
                "E607",
                t("competency id '{value}' is not under its domain '{domain}'", value=value, domain=domain_id),
                at=at,
                hint=t("write it {domain}.<n>, e.g. {domain}.1", domain=domain_id),
            )
            return None
        return self._unique(found, t("competency"), self.competency_ids)
