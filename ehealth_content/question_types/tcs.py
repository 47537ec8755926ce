"""``tcs``: a script concordance test (test de concordance de script). The prompt is the vignette;
the learner judges how a new piece of information changes a hypothesis, on a scale from -2 to
+2, and earns the share of the experts' panel who chose that point, relative to the modal point
(aggregate scoring: credit = panel count of the point ÷ panel count of the modal point).

Reported as a ``likert`` interaction (SCORM 1.2, 2004 and xAPI all have it, and it is what a TCS
answer is: a point of a Likert-type scale, "1" for -2 … "5" for +2), with the modal point as its
one correct pattern when it is alone (SCORM 2004 allows one pattern for likert; a tie gives none).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from .._answers import Response
from .._digits import to_digits
from .._fields import describe
from .._reader import Reader
from ..i18n import Message, t
from ..model import Question, RichText, ScriptConcordanceQuestion
from ._formats import format_fraction, gift_escape, nearest_grade
from ._spec import UNFIT, Answer, Markup, Parts, QuestionType, StoredResponse, Unfit, Warn, XmlWriter, state_number

__all__ = ["POINTS", "TCS", "ScriptConcordanceType", "default_labels"]

POINTS = ("-2", "-1", "0", "+1", "+2")
"""The scale, as shown before each label."""
KINDS = ("diagnostic", "investigation", "treatment")
# A panel this small says more about its members than about practice (TCS guidance: 10 to 15
# experts; 5 is the floor below which aggregate scores are noise).
MIN_PANEL = 5
MAX_PANEL = 10_000
# Default labels, after the TCS literature (Charlin, Gagnon, Fernandez): what becomes of the
# hypothesis, the investigation or the treatment once the new information is known.
_LABELS = {
    "fr": {
        "diagnostic": (
            "fortement affaiblie",
            "affaiblie",
            "ni affaiblie ni renforcée",
            "renforcée",
            "fortement renforcée",
        ),
        "investigation": (
            "contre-indiqué ou inutile",
            "moins utile",
            "ni plus ni moins utile",
            "plus utile",
            "indispensable",
        ),
        "treatment": (
            "contre-indiqué",
            "moins indiqué",
            "ni plus ni moins indiqué",
            "plus indiqué",
            "fortement indiqué",
        ),
    },
    "en": {
        "diagnostic": (
            "much less likely",
            "less likely",
            "neither more nor less likely",
            "more likely",
            "much more likely",
        ),
        "investigation": (
            "contraindicated or useless",
            "less useful",
            "neither more nor less useful",
            "more useful",
            "essential",
        ),
        "treatment": (
            "contraindicated",
            "less indicated",
            "neither more nor less indicated",
            "more indicated",
            "strongly indicated",
        ),
    },
}


def default_labels(kind: str, lang: str) -> tuple[str, ...]:
    """The five labels of a kind of TCS in the module's language (French for any other)."""
    words = _LABELS["en" if lang.split("-")[0].lower() == "en" else "fr"]
    return words.get(kind, words["diagnostic"])


def _plain(text: str) -> RichText:
    return RichText(source=text, html=html.escape(text), plain=text)


def _point(response: Response) -> int | None:
    """The 0-based scale position of a response "1" … "5"."""
    if not isinstance(response, str) or response not in ("1", "2", "3", "4", "5"):
        return None
    return int(response) - 1


class ScriptConcordanceType(QuestionType[ScriptConcordanceQuestion]):
    name = "tcs"
    model = ScriptConcordanceQuestion
    interaction = "likert"
    keys = ("kind", "hypothesis", "information", "panel", "labels")
    required = ("hypothesis", "information", "panel")
    answer_changed = t("the panel changed: saved answers will be scored against the new counts")
    moodle_type = "multichoice"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        kind = fields.one_of(data, (), "kind", KINDS) or "diagnostic"
        hypothesis = reader.rich(data.get("hypothesis"), ("hypothesis",), inline=True)
        information = reader.rich(data.get("information"), ("information",), inline=True)
        ok = True
        for key, text in (("prompt", common["prompt"]), ("hypothesis", hypothesis), ("information", information)):
            if text is not None and not text.plain.strip() and "<img" not in text.html:
                message = t("the vignette ('prompt') is empty") if key == "prompt" else t("'{key}' is empty", key=key)
                fields.invalid((key,), message)
                ok = False
        panel = _panel(data, reader)
        labels: tuple[RichText, ...] | None
        if "labels" in data:
            labels = reader.rich_list(data, "labels", len(POINTS), len(POINTS))
        else:
            labels = tuple(_plain(label) for label in default_labels(kind, reader.ctx.render.lang))
        if not ok or panel is None or labels is None or hypothesis is None or information is None:
            return None
        return ScriptConcordanceQuestion(
            kind=kind,  # type: ignore[arg-type]
            hypothesis=hypothesis,
            information=information,
            labels=labels,
            panel=panel,
            lang=reader.ctx.render.lang,
            **common,
        )

    def fraction(self, question: ScriptConcordanceQuestion, response: Response) -> float:
        point = _point(response)
        return 0.0 if point is None else question.credits[point]

    def data(self, question: ScriptConcordanceQuestion) -> dict[str, Any]:
        return {"kind": question.kind, "panel": list(question.panel)}

    # RESPONSE: the scale point's position (0 for -2 … 4 for +2), one digit.
    def encode(self, question: ScriptConcordanceQuestion, response: StoredResponse) -> str:
        point = _point(response)  # type: ignore[arg-type]
        if point is None:
            raise ValueError(f"question {question.id}: no scale point {response!r}")
        return to_digits(point)

    def decode(self, question: ScriptConcordanceQuestion, text: str) -> StoredResponse | Unfit:
        position = state_number(text, 1)
        return str(position + 1) if position < len(POINTS) else UNFIT

    def longest(self, question: ScriptConcordanceQuestion) -> StoredResponse:
        return str(len(POINTS))

    def shape(
        self, question: ScriptConcordanceQuestion, texts: Callable[[Any], tuple[str, ...]]
    ) -> tuple[Parts, Answer]:
        return (("scale points", texts(question.labels)),), tuple(question.panel)

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        labels = markup.labels(entry["id"], [str(i) for i in range(1, len(POINTS) + 1)])
        # The labels carry the point ("-2 …") before the text: compared as shown.
        return (("scale points", tuple(_strip_point(label) for label in labels)),), tuple(
            int(count) for count in entry["panel"]
        )

    def moodle_xml(self, xml: XmlWriter, element: Any, question: ScriptConcordanceQuestion) -> None:
        # The question text becomes the vignette, hypothesis and information: Moodle shows one text.
        holder = element.find("questiontext")
        for old in holder.findall("text"):
            holder.remove(old)
        xml.text(holder, question.prompt.html + _situation_html(question), cdata=True)
        xml.sub(element, "single", "true")
        xml.sub(element, "shuffleanswers", "false")
        xml.sub(element, "answernumbering", "none")
        xml.sub(element, "showstandardinstruction", "0")
        xml.combined_feedback(element, question)
        for point, label, credit in zip(POINTS, question.labels, question.credits, strict=True):
            xml.answer(element, format_fraction(nearest_grade(credit)), f"{point} {label.plain}", None)

    def moodle_caveats(self, question: ScriptConcordanceQuestion) -> tuple[Message, ...]:
        changed = [
            f"{point}: {format_fraction(credit)}% → {format_fraction(nearest_grade(credit))}%"
            for point, credit in zip(POINTS, question.credits, strict=True)
            if abs(nearest_grade(credit) - credit) > 1e-6
        ]
        if not changed:
            return ()
        return (t("Moodle's grade list rounds the panel's credits ({changes})", changes="; ".join(changed)),)

    def gift(self, question: ScriptConcordanceQuestion, head: str, general: str, warn: Warn) -> str | None:
        situation = gift_escape(_situation_html(question))
        lines = [
            f"\t~%{format_fraction(nearest_grade(credit))}%{gift_escape(point + ' ' + label.plain)}"
            for point, label, credit in zip(POINTS, question.labels, question.credits, strict=True)
        ]
        return head + situation + "{\n" + "\n".join(lines) + "\n" + general + "}"


def _situation_html(question: ScriptConcordanceQuestion) -> str:
    english = question.lang.split("-")[0].lower() == "en"
    hypothesis, information = ("Hypothesis", "New information") if english else ("Hypothèse", "Nouvelle information")
    return (
        f"<p><strong>{hypothesis}</strong> : {question.hypothesis.html}</p>"
        f"<p><strong>{information}</strong> : {question.information.html}</p>"
    )


def _strip_point(label: str) -> str:
    head, _, rest = label.partition(" ")
    return rest if head.replace("\u2212", "-") in POINTS else label


def _panel(data: dict[str, Any], reader: Reader) -> tuple[int, ...] | None:
    fields = reader.fields
    value = data.get("panel")
    if not isinstance(value, list) or len(value) != len(POINTS):
        fields.invalid(
            ("panel",),
            t(
                "'panel' must list how many experts chose each of the {count} points, from -2 to +2, not {value}",
                count=len(POINTS),
                value=describe(value),
            ),
            hint=t("e.g. panel: [0, 1, 3, 8, 3]"),
        )
        return None
    counts: list[int] = []
    for index, count in enumerate(value):
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_PANEL:
            fields.invalid(
                ("panel", index),
                t(
                    "the panel count for {point} must be a whole number of experts ≥ 0, not {value}",
                    point=POINTS[index],
                    value=describe(count),
                ),
            )
            return None
        counts.append(count)
    if sum(counts) < MIN_PANEL:
        fields.report.error(
            "E452",
            t("the panel has {count} expert(s): a TCS needs at least {least}", count=sum(counts), least=MIN_PANEL),
            at=fields.at(("panel",)),
        )
        return None
    return tuple(counts)


TCS = ScriptConcordanceType()
