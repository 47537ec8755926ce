"""The French words authors write for question types and call-out kinds, read as the English names.

The scaffold and the format document describe ``truefalse`` as « vrai ou faux » and ``tip`` as
« astuce »: a French author naturally writes those words. Each alias below names one thing only,
so it is accepted as written; a word that could mean two (``qcm``) gets a hint instead, and so
does a near miss of a name or an alias.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from .diagnostics import did_you_mean
from .i18n import Message, t

__all__ = ["QUESTION_TYPE_ALIASES", "CALLOUT_ALIASES", "canonical_name", "name_hint"]

QUESTION_TYPE_ALIASES: dict[str, str] = {
    "choix-unique": "single",
    "choix-multiple": "multiple",
    "choix-multiples": "multiple",
    "vrai-faux": "truefalse",
    "vrai-ou-faux": "truefalse",
    "texte": "text",
    "reponse-courte": "text",
    "numerique": "numeric",
    "nombre": "numeric",
    "appariement": "matching",
    "association": "matching",
    "ordre": "ordering",
    "remise-en-ordre": "ordering",
    "echelle": "likert",
}
CALLOUT_ALIASES: dict[str, str] = {
    "remarque": "note",
    "astuce": "tip",
    "conseil": "tip",
    "attention": "warning",
    "avertissement": "warning",
}
# Words that name more than one thing: what to write instead.
_AMBIGUOUS: dict[str, Message] = {
    "qcm": t("write single (one right answer) or multiple (one or more)"),
    "choix": t("write single (one right answer) or multiple (one or more)"),
    "qcu": t("write single"),
}


def _normal(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.strip().casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s_/]+", "-", plain)


def canonical_name(word: str, names: Iterable[str], aliases: Mapping[str, str]) -> str | None:
    """``word`` if it is one of ``names``, the name an alias stands for, else None."""
    names = tuple(names)
    if word in names:
        return word
    normal = _normal(word)
    if normal in names:
        return normal
    found = aliases.get(normal)
    return found if found in names else None


def name_hint(word: str, names: Iterable[str], aliases: Mapping[str, str]) -> Message | None:
    """A did-you-mean naming the English name, for a near miss of a name or of an alias."""
    normal = _normal(word)
    if normal in _AMBIGUOUS:
        return _AMBIGUOUS[normal]
    names = tuple(names)
    hint = did_you_mean(normal, [*names, *aliases])
    if hint is None:
        return None
    for alias, name in aliases.items():
        if f"'{alias}'" in hint.render("en"):
            return t("did you mean '{name}'?", name=name) if name in names else None
    return hint
