"""The module's sources as the cover lists them: the front matter's ``references``, each with
its title, a link when it has a web address, its own date and the day it was checked, the dates
written out in the module's language (« 1er mars 2024 », "1 March 2024").

Only ``http``/``https`` addresses become links, read as the browser reads them
(:mod:`ehealth_content.urls`): the loader accepts nothing else, and a model built through the
API is held to the same rule here, so that a ``javascript:`` address never reaches the page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ehealth_content.model import Reference
from ehealth_content.typography import NBSP
from ehealth_content.urls import browser_form, url_scheme

from .strings import MONTHS, ui_strings

__all__ = ["Dated", "Source", "cover_sources", "date_text"]

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Dated:
    text: str
    """What the learner reads."""
    iso: str | None
    """The ``<time datetime>`` value; None when the date is not a real one (shown as written)."""


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str | None
    """An http(s) address, or None: the title alone."""
    date: Dated | None
    """The source's own date."""
    checked: Dated | None
    """« vérifiée le 3 décembre 2026 »: the day the module was checked against it."""


def cover_sources(references: Iterable[Reference], lang: str) -> list[Source]:
    """The cover's list of sources, in the front matter's order."""
    strings: Mapping[str, str] = ui_strings(lang)
    sources = []
    for reference in references:
        checked = _dated(reference.checked, lang)
        if checked is not None:
            checked = Dated(strings["source_checked"].replace("{date}", checked.text), checked.iso)
        sources.append(Source(reference.title, _web_url(reference.url), _dated(reference.date, lang), checked))
    return sources


def _web_url(url: str | None) -> str | None:
    if url is None:
        return None
    return url if url_scheme(browser_form(url)) in ("http", "https") else None


def _dated(value: str | None, lang: str) -> Dated | None:
    if value is None:
        return None
    return Dated(date_text(value, lang), value if _real(value) else None)


def _real(value: str) -> bool:
    match = _DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = match.groups()
    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


def date_text(value: str, lang: str) -> str:
    """``2026-12-03`` → « 3 décembre 2026 » (fr, no-break spaces) or "3 December 2026" (en); ``2026-12`` →
    « décembre 2026 »; ``2026`` stays. A value that is no real date is returned as written."""
    if not _real(value):
        return value
    primary = lang.split("-")[0].lower()
    months = MONTHS.get(primary, MONTHS["en"])
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = months[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month}{NBSP}{parts[0]}"
    day = int(parts[2])
    # French writes the first of the month as an ordinal: « 1er mars ».
    shown = "1er" if day == 1 and primary == "fr" else str(day)
    # No-break spaces: a phone never leaves « 3 » at the end of a line and the month on the next.
    return f"{shown}{NBSP}{month}{NBSP}{parts[0]}"
