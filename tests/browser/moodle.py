"""What Moodle's SCORM activity does around each launch of one attempt, for the browser tests.

With its default settings, Moodle (mod/scorm) gives the package the pass mark from the manifest
(1.2 ``cmi.student_data.mastery_score``, 2004 ``cmi.scaled_passing_score``), keeps every value
the package set, lets "mastery score overrides status" turn the 1.2 status into passed or failed
as soon as a score exists when the package finishes, and on the next launch opens a finished
attempt (completed, passed or failed) in review mode and an unfinished one in normal mode,
resumed where the learner left it when the package asked to suspend.

``stored`` is scorm-again's data model after the package finished (``window.lmsStored()``),
overrides applied, which stands for what Moodle keeps in its tracks.
"""

from __future__ import annotations

from typing import Any

__all__ = ["finished", "first_launch", "next_launch"]


def first_launch(version: str, mastery: float) -> dict[str, str]:
    """The preload of a new attempt of a module whose manifest carries ``mastery`` (0–100)."""
    if version == "12":
        return {
            "cmi.core.lesson_mode": "normal",
            "cmi.core.credit": "credit",
            "cmi.core.entry": "ab-initio",
            "cmi.student_data.mastery_score": _number(mastery),
        }
    return {
        "cmi.mode": "normal",
        "cmi.credit": "credit",
        "cmi.entry": "ab-initio",
        "cmi.scaled_passing_score": _number(mastery / 100),
    }


def finished(version: str, stored: dict[str, Any]) -> bool:
    """Whether Moodle counts the attempt as over (it then reopens it in review mode)."""
    if version == "12":
        return str(stored["core"]["lesson_status"]) in ("completed", "passed", "failed")
    return stored["completion_status"] == "completed" or stored["success_status"] in ("passed", "failed")


def next_launch(version: str, stored: dict[str, Any], finished_mode: str = "review") -> dict[str, str]:
    """The preload of the next launch of the same attempt.

    ``finished_mode`` is the mode a finished attempt is reopened in: Moodle's ``review``, or
    ``normal`` as other LMSs do.
    """
    over = finished(version, stored)
    if version == "12":
        core = stored["core"]
        preload = {
            "cmi.suspend_data": stored["suspend_data"],
            "cmi.core.lesson_location": core["lesson_location"],
            "cmi.core.lesson_status": core["lesson_status"],
            "cmi.core.score.raw": core["score"]["raw"],
            "cmi.student_data.mastery_score": stored["student_data"]["mastery_score"],
            "cmi.core.lesson_mode": finished_mode if over else "normal",
            "cmi.core.credit": "no-credit" if over and finished_mode == "review" else "credit",
            "cmi.core.entry": "resume" if core["exit"] == "suspend" else "",
        }
    else:
        preload = {
            "cmi.suspend_data": stored["suspend_data"],
            "cmi.location": stored["location"],
            "cmi.completion_status": stored["completion_status"],
            "cmi.success_status": stored["success_status"],
            "cmi.score.raw": stored["score"]["raw"],
            "cmi.score.scaled": stored["score"]["scaled"],
            "cmi.scaled_passing_score": stored["scaled_passing_score"],
            "cmi.mode": finished_mode if over else "normal",
            "cmi.credit": "no-credit" if over and finished_mode == "review" else "credit",
            "cmi.entry": "resume" if stored["exit"] == "suspend" else "",
        }
    return {key: str(value) for key, value in preload.items() if value not in ("", None)}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
