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
    # Questions before and after answering (issue 13): number, points, marks, moves.
    "question_number": "Question {n}",
    "point_one": f"{{n}}{_NBSP}point",
    "point_many": f"{{n}}{_NBSP}points",
    "several_answers": "plusieurs réponses possibles",
    "mark_right": "(bonne réponse, choisie)",
    "mark_wrong": "(mauvaise réponse, choisie)",
    "mark_missed": "(bonne réponse, non choisie)",
    "row_right": "(juste)",
    "row_wrong": "(faux)",
    "choice_about": f"À propos de «{_NNBSP}{{choice}}{_NNBSP}»{_NBSP}:",
    "move_up": "Monter",
    "move_down": "Descendre",
    "moved": f"«{_NNBSP}{{item}}{_NNBSP}» en position {{n}} sur {{total}}.",
    "matched": f"«{_NNBSP}{{item}}{_NNBSP}» associé à «{_NNBSP}{{choice}}{_NNBSP}».",
    "drag_hint": "Glissez-déposez, ou utilisez les menus et les boutons.",
    "expect_one": "1 réponse attendue",
    "expect_many": "{n} réponses attendues",
    "expect_mismatch": f"Réponses attendues{_NBSP}: {{n}}{_NNBSP}; vous en avez coché {{checked}}.",
    "number_required": "Saisissez un nombre avant de valider.",
    "number_and_unit_required": "Saisissez un nombre et son unité ({units}) avant de valider.",
    "not_a_number": f"«{_NBSP}{{typed}}{_NBSP}» n'est pas un nombre{_NBSP}: écrivez par exemple 2,5.",
    "unit_missing": "Précisez l'unité ({units}).",
    "unit_unknown": f"Unité inconnue{_NBSP}: «{_NBSP}{{unit}}{_NBSP}». Unités acceptées{_NBSP}: {{units}}.",
    "wrong_unit": "Bon nombre, mauvaise unité.",
    "units_hint": f"Nombre et unité{_NBSP}: {{units}}",
    "tcs_hypothesis": "Si vous pensiez à",
    "tcs_information": "et qu'alors vous trouvez",
    "tcs_effect_diagnostic": f"cette hypothèse devient{_NBSP}:",
    "tcs_effect_investigation": f"cet examen devient{_NBSP}:",
    "tcs_effect_treatment": f"ce traitement devient{_NBSP}:",
    "longmenu_hint": "Tapez les premières lettres, puis choisissez dans la liste.",
    "not_in_list": f"«{_NBSP}{{typed}}{_NBSP}» n'est pas dans la liste{_NBSP}: choisissez une des propositions.",
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
    # Questions before and after answering (issue 13): number, points, marks, moves.
    "question_number": "Question {n}",
    "point_one": "{n} point",
    "point_many": "{n} points",
    "several_answers": "several answers possible",
    "mark_right": "(right answer, chosen)",
    "mark_wrong": "(wrong answer, chosen)",
    "mark_missed": "(right answer, not chosen)",
    "row_right": "(correct)",
    "row_wrong": "(incorrect)",
    "choice_about": "About “{choice}”:",
    "move_up": "Move up",
    "move_down": "Move down",
    "moved": "“{item}” moved to position {n} of {total}.",
    "matched": "“{item}” matched with “{choice}”.",
    "drag_hint": "Drag and drop, or use the menus and buttons.",
    "expect_one": "1 answer expected",
    "expect_many": "{n} answers expected",
    "expect_mismatch": "Answers expected: {n}; you checked {checked}.",
    "number_required": "Type a number before submitting.",
    "number_and_unit_required": "Type a number and its unit ({units}) before submitting.",
    "not_a_number": "“{typed}” is not a number: write for example 2.5.",
    "unit_missing": "Give the unit ({units}).",
    "unit_unknown": "Unknown unit: “{unit}”. Accepted units: {units}.",
    "wrong_unit": "Right number, wrong unit.",
    "units_hint": "Number and unit: {units}",
    "tcs_hypothesis": "If you were thinking of",
    "tcs_information": "and then you find",
    "tcs_effect_diagnostic": "this hypothesis becomes:",
    "tcs_effect_investigation": "this investigation becomes:",
    "tcs_effect_treatment": "this treatment becomes:",
    "longmenu_hint": "Type the first letters, then pick from the list.",
    "not_in_list": "“{typed}” is not in the list: pick one of the suggestions.",
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
