"""Messages in the author's language: written in English where they arise, translated on output.

A rule writes ``t("unknown key '{key}' {where}", key=name, where=...)``: a :class:`Message` that
keeps its English template and its parameters. Rendering looks the template up in the
language's catalogue (``fr.py``: English template → French template, same placeholders) and
fills it in, so one diagnostic can be shown in French on the terminal and kept in English for
a library user. A parameter may itself be a message (``describe(value)``), rendered in the
same language; numbers follow the language's conventions (``1,000.5`` / ``1 000,5``).

A template missing from a catalogue renders in English: a tested catalogue never misses one
(tests/unit/test_messages.py scans every ``t()`` call of the code).
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, TypeAlias

__all__ = [
    "LANGUAGES",
    "Lang",
    "Message",
    "Param",
    "catalogue",
    "choose_lang",
    "french_typography",
    "locale_lang",
    "placeholders",
    "t",
]

Lang: TypeAlias = Literal["fr", "en"]
LANGUAGES: tuple[Lang, ...] = ("fr", "en")

Param: TypeAlias = "str | int | float | Message | None"


@dataclass(frozen=True, slots=True)
class Message:
    template: str
    """The English template, ``str.format`` style with named placeholders."""
    params: tuple[tuple[str, Param], ...] = ()

    def render(self, lang: str = "en") -> str:
        template = catalogue(lang).get(self.template, self.template)
        return _Formatter(lang).vformat(template, (), dict(self.params))

    def __str__(self) -> str:
        return self.render("en")


def t(template: str, /, **params: Param) -> Message:
    """A message in English, to be rendered in the reader's language. ``template`` must be a
    literal string (never an f-string): it is the key of every catalogue."""
    return Message(template, tuple(params.items()))


def placeholders(template: str) -> frozenset[str]:
    """The names a template fills in (``{key}``, ``{size:,}`` → ``key``, ``size``)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def catalogue(lang: str) -> Mapping[str, str]:
    """English template → template in ``lang`` (empty for English and unknown languages)."""
    if lang.split("-")[0].lower() == "fr":
        return _french()
    return {}


def locale_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``fr`` when the user's locale is French (LC_ALL, then LC_MESSAGES, then LANG), else ``en``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def choose_lang(given: str | None, declared: str | None, environ: Mapping[str, str] | None = None) -> Lang:
    """The language to speak to an author in: ``given`` (``--lang``) when set; else French when
    the module's front matter declares a French ``lang``; else French when the locale is French;
    else English."""
    if given == "fr":
        return "fr"
    if given == "en":
        return "en"
    if declared is not None and declared.split("-")[0].lower() == "fr":
        return "fr"
    return locale_lang(environ)


@cache
def _french() -> Mapping[str, str]:
    from .fr import FR  # here: a run that prints nothing in French never loads the catalogue

    return {english: french_typography(french) for english, french in FR.items()}


# French puts a no-break space before : and inside « », a narrow one before ; ? ! and %, so that
# a line never starts with the punctuation. The catalogue is written with plain spaces.
_FRENCH_SPACES = {
    " :": "\u00a0:",
    " ;": "\u202f;",
    " ?": "\u202f?",
    " !": "\u202f!",
    " %": "\u202f%",
    "« ": "«\u00a0",
    " »": "\u00a0»",
}


def french_typography(text: str) -> str:
    for plain, typographic in _FRENCH_SPACES.items():
        text = text.replace(plain, typographic)
    return text


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Message):
            return value.render(self.lang)
        if value is None:
            return ""
        text = format(value, format_spec)
        if self.lang.startswith("fr") and isinstance(value, (int, float)) and not isinstance(value, bool):
            # English groups with ',' and marks decimals with '.'; French, a narrow space and ','.
            text = text.replace(",", "\u202f").replace(".", ",")
        return text
