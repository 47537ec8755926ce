"""The words of the player's interface, in the module's language.

French follows French typography: a non-breaking space before ``:`` (U+00A0) and a narrow
non-breaking space before ``; ? !`` (U+202F), so that a phone never wraps the mark alone
onto the next line. ``{n}``, ``{current}``, ``{total}``… are filled in by the runtime.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["CATALOGUES", "DEFAULT_LANGUAGE", "ui_strings"]

_NBSP = "\u00a0"
_NNBSP = "\u202f"

_FR: dict[str, str] = {
    "submit": "Valider",
    "previous": "Précédent",
    "next": "Suivant",
    "finish": "Terminer",
    "exit": "Quitter le module",
    "navigation": "Navigation entre les pages",
    "page_progress": "Page {current} / {total}",
    "correct": f"Bonne réponse{_NNBSP}!",
    "incorrect": "Réponse incorrecte.",
    "partial": "Réponse partiellement correcte.",
    "neutral": "Réponse enregistrée, merci.",
    "attempts_left": f"Tentatives restantes{_NBSP}: {{n}}",
    "no_attempt_left": "Plus de tentative pour cette question.",
    "expected_answer": f"Réponse attendue{_NBSP}: {{answer}}",
    "answer_required": "Choisissez ou saisissez une réponse avant de valider.",
    "your_answer": "Votre réponse",
    "explanation": "Explication",
    "true": "Vrai",
    "false": "Faux",
    "choose": "—",
    "rank": "Rang",
    "results": "Résultats",
    "score": f"Score{_NBSP}: {{score}}{_NBSP}%",
    "mastery": f"Seuil de réussite{_NBSP}: {{mastery}}{_NBSP}%",
    "passed": f"Module réussi{_NNBSP}!",
    "failed": "Module non réussi.",
    "incomplete": f"Le module n'est pas terminé{_NBSP}: il reste des pages ou des questions.",
    "completed": "Module terminé.",
    "no_lms": f"Aucune plateforme de formation détectée{_NBSP}: votre progression est enregistrée dans ce navigateur.",
    "saved_locally": "Progression enregistrée dans ce navigateur.",
    "save_failed": "La progression n'a pas pu être enregistrée.",
    "sending": "Envoi de votre progression à la plateforme…",
    "offline": f"Connexion à la plateforme interrompue{_NBSP}: votre progression est gardée dans ce navigateur et sera envoyée dès que possible.",
    "no_launch": f"Ce module doit être lancé depuis la plateforme de formation{_NBSP}: votre progression est enregistrée dans ce navigateur.",
    "mode_review": f"Mode révision{_NBSP}: vos réponses sont affichées en lecture seule, rien n'est enregistré.",
    "mode_browse": f"Mode découverte{_NBSP}: vos réponses ne sont ni notées ni enregistrées.",
    "attempt_finished": f"Cette tentative est terminée{_NBSP}: vos réponses sont affichées en lecture seule. Pour refaire le module, commencez une nouvelle tentative depuis la plateforme.",
    "return_ignored": f"L'adresse de retour donnée par la plateforme n'est pas un lien web{_NBSP}: elle a été ignorée. Fermez cet onglet pour revenir à la plateforme.",
    "noscript": f"JavaScript est désactivé{_NBSP}: le contenu reste lisible, mais vos réponses ne seront ni corrigées ni enregistrées.",
    "case_step": f"Étape {{n}} / {{total}}{_NBSP}:",
    "case_waiting": "La suite du cas s'affichera quand vous aurez répondu aux questions de cette étape.",
    "case_next_step": "L'étape suivante du cas est affichée ci-dessous.",
}

_EN: dict[str, str] = {
    "submit": "Submit",
    "previous": "Previous",
    "next": "Next",
    "finish": "Finish",
    "exit": "Leave the module",
    "navigation": "Page navigation",
    "page_progress": "Page {current} / {total}",
    "correct": "Correct!",
    "incorrect": "Incorrect.",
    "partial": "Partly correct.",
    "neutral": "Answer recorded, thank you.",
    "attempts_left": "Attempts left: {n}",
    "no_attempt_left": "No attempt left for this question.",
    "expected_answer": "Expected answer: {answer}",
    "answer_required": "Choose or type an answer before submitting.",
    "your_answer": "Your answer",
    "explanation": "Explanation",
    "true": "True",
    "false": "False",
    "choose": "—",
    "rank": "Rank",
    "results": "Results",
    "score": "Score: {score}%",
    "mastery": "Pass mark: {mastery}%",
    "passed": "Module passed!",
    "failed": "Module not passed.",
    "incomplete": "The module is not finished: some pages or questions remain.",
    "completed": "Module completed.",
    "no_lms": "No learning platform found: your progress is saved in this browser.",
    "saved_locally": "Progress saved in this browser.",
    "save_failed": "Your progress could not be saved.",
    "sending": "Sending your progress to the platform…",
    "offline": "Connection to the platform lost: your progress is kept in this browser and will be sent as soon as possible.",
    "no_launch": "This module must be launched from the learning platform: your progress is saved in this browser.",
    "mode_review": "Review mode: your answers are shown read-only, nothing is saved.",
    "mode_browse": "Browse mode: your answers are neither graded nor saved.",
    "attempt_finished": "This attempt is finished: your answers are shown read-only. To take the module again, start a new attempt from the learning platform.",
    "return_ignored": "The return address given by the platform is not a web link: it was ignored. Close this tab to go back to the platform.",
    "noscript": "JavaScript is off: you can read the content, but your answers will be neither checked nor saved.",
    "case_step": "Step {n} / {total}:",
    "case_waiting": "The rest of the case will show once you have answered the questions of this step.",
    "case_next_step": "The next step of the case is shown below.",
}

CATALOGUES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"fr": MappingProxyType(_FR), "en": MappingProxyType(_EN)}
)
DEFAULT_LANGUAGE = "fr"


def ui_strings(lang: str) -> Mapping[str, str]:
    """The catalogue for a BCP 47 tag (``fr-CA`` → ``fr``); English for languages we lack,
    as the most widely read second language of the learners."""
    primary = lang.split("-")[0].lower()
    return CATALOGUES.get(primary, CATALOGUES["en"])
