"""``ehealth new``: a new module folder holding a commented example of everything the format offers.

The template is a data file per language (``scaffold_template_fr.md``, ``…_en.md``) so that a
designer can read and improve it as the Markdown it is. Only a few values depend on the day
and the module id; they are written ``{{name}}`` in the template.

    Exception
     └── ScaffoldError
          ├── InvalidModuleId      (the name is not a module id slug)
          └── ModuleFolderExists   (we never write over an author's work)
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from ._fields import SLUG
from .i18n import Message, t
from .model import Span

__all__ = [
    "LANGUAGES",
    "ScaffoldError",
    "InvalidModuleId",
    "ModuleFolderExists",
    "check_module_id",
    "module_source",
    "create_module",
    "one_year_later",
    "PLACEHOLDERS",
    "find_placeholders",
    "SAMPLE_LIST",
    "companion_files",
    "sample_list",
]

LANGUAGES: tuple[str, ...] = ("fr", "en")
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "fr": (
        "Titre du module à remplacer",
        "Prénom Nom",
        "Décrivez ici en une ou deux phrases",
        "Présentez ici l'objectif du module",
        "Un encadré « note » apporte une précision",
        "Un encadré « astuce » donne un conseil pratique",
        "Un encadré « attention » signale un piège ou un risque",
        "Un encadré « important » rappelle une obligation",
    ),
    "en": (
        "Module title to replace",
        "First Last",
        "Describe in one or two sentences",
        "State here the aim of the module",
        'A "note" call-out adds a detail',
        'A "tip" call-out gives practical advice',
        'A "warning" call-out points at a trap or a risk',
        'An "important" call-out recalls an obligation',
    ),
}
"""Text of the templates that stands for the author's own (each on one line of its template):
``check`` warns where it is left in place (W002)."""
# Any of them: one regex pass over a module finds that it holds none (as nearly all do), where
# looking for each in turn scans its text sixteen times.
_ANY_PLACEHOLDER = re.compile("|".join(re.escape(p) for texts in PLACEHOLDERS.values() for p in texts))
_MAX_ID_LENGTH = 64
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class ScaffoldError(Exception):
    """A module could not be created; the message says why, in words for the author."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.text = message
        """The message, to be shown in the author's language."""


class InvalidModuleId(ScaffoldError, ValueError):
    """The requested name cannot be a module id."""


class ModuleFolderExists(ScaffoldError):
    """The target folder is already there."""


def check_module_id(name: str) -> str:
    """``name`` if it is a valid module id, else :class:`InvalidModuleId`."""
    if not SLUG.fullmatch(name) or len(name) > _MAX_ID_LENGTH:
        raise InvalidModuleId(
            t(
                "'{name}' is not a valid module id: use lowercase letters, digits and '-', "
                "starting with a letter or digit, at most {limit} characters",
                name=name,
                limit=_MAX_ID_LENGTH,
            )
        )
    return name


def one_year_later(day: datetime.date) -> datetime.date:
    """The same day one year on; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def find_placeholders(text: str) -> list[tuple[Span, str]]:
    """Each template placeholder left in ``text``, where it is (1-based, as printed)."""
    found: list[tuple[Span, str]] = []
    if not _ANY_PLACEHOLDER.search(text):
        return found
    # Only the placeholders the text holds at all are looked for line by line.
    every = [p for texts in PLACEHOLDERS.values() for p in texts if p in text]
    if not every:
        return found
    for line_number, line in enumerate(text.split("\n")):
        for placeholder in every:
            column = line.find(placeholder)
            if column >= 0:
                found.append((Span(line_number + 1, column + 1), placeholder))
    return found


def module_source(module_id: str, lang: str = "fr", *, today: datetime.date | None = None) -> str:
    """The Markdown of a new module.

    Parameters:
        module_id: the module id (checked).
        lang: ``fr`` or ``en``: the language of the comments and of the example content.
        today: the day the references are dated; ``review_by`` is one year later.
    """
    check_module_id(module_id)
    if lang not in LANGUAGES:
        raise ScaffoldError(
            t("no template for language '{lang}': choose one of {langs}", lang=lang, langs=", ".join(LANGUAGES))
        )
    day = today or datetime.date.today()
    values = {"id": module_id, "today": day.isoformat(), "review_by": one_year_later(day).isoformat()}
    from importlib import resources  # here: every build imports this module for find_placeholders

    try:
        template = resources.files(__package__).joinpath(f"scaffold_template_{lang}.md").read_text("utf-8")
    except OSError as exc:
        # Only an installation that left the data file out gets here (package-data in pyproject).
        raise ScaffoldError(
            t("the {lang} module template is missing from this installation of ehealth", lang=lang)
        ) from exc

    def substitute(match: re.Match[str]) -> str:
        # An unknown placeholder is a bug in the template: fail loudly rather than ship "{{x}}".
        return values[match.group(1)]

    return _PLACEHOLDER.sub(substitute, template)


SAMPLE_LIST = "medicaments.txt"
"""The list file ``create_module`` writes beside the module for its ``longmenu`` example."""


def sample_list() -> str:
    """The entries of :data:`SAMPLE_LIST`, one per line."""
    from importlib import resources

    try:
        return resources.files(__package__).joinpath("scaffold_medicaments.txt").read_text("utf-8")
    except OSError as exc:
        raise ScaffoldError(t("the sample list is missing from this installation of ehealth")) from exc


# The hotspot example points at this picture: a patient record screen drawn as boxes (inert
# SVG, no text, so that it reads the same in every language; the alt text describes it).
_HOTSPOT_IMAGE = "ecran-dossier.svg"
_HOTSPOT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="400" height="240" viewBox="0 0 400 240">
<rect x="0" y="0" width="400" height="240" fill="#f3f5f8" stroke="#767676"/>
<rect x="0" y="0" width="400" height="40" fill="#0b5cad"/>
<rect x="20" y="60" width="170" height="30" fill="#ffffff" stroke="#767676"/>
<rect x="210" y="60" width="170" height="30" fill="#ffffff" stroke="#767676"/>
<rect x="20" y="110" width="360" height="110" fill="#ffffff" stroke="#767676"/>
<circle cx="370" cy="20" r="12" fill="#ffffff"/>
</svg>
"""


def companion_files() -> dict[str, str]:
    """The files the template's questions use, beside the module: the longmenu's list and the
    hotspot's picture (name → text)."""
    return {SAMPLE_LIST: sample_list(), _HOTSPOT_IMAGE: _HOTSPOT_SVG}


def create_module(
    module_id: str, directory: str | Path = ".", *, lang: str = "fr", today: datetime.date | None = None
) -> Path:
    """Create ``directory/module_id/module.md`` (and the sample list beside it) and return its path.

    Parameters:
        module_id: the module id, also the folder name.
        directory: where the module folder goes (created if missing).
        lang: ``fr`` or ``en``.
        today: see :func:`module_source`.
    """
    source = module_source(module_id, lang, today=today)
    folder = Path(directory) / module_id
    if folder.exists() or folder.is_symlink():
        raise ModuleFolderExists(t("{folder} already exists: choose another name or folder", folder=str(folder)))
    try:
        folder.mkdir(parents=True)
        path = folder / "module.md"
        # newline="\n": the same bytes on every platform, as the format's examples.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(source)
        for name, text in companion_files().items():
            with (folder / name).open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
    except FileExistsError as exc:
        raise ModuleFolderExists(
            t("{folder} already exists: choose another name or folder", folder=str(folder))
        ) from exc
    except OSError as exc:
        raise ScaffoldError(
            t("cannot create {folder}: {reason}", folder=str(folder), reason=exc.strerror or str(exc))
        ) from exc
    return path
