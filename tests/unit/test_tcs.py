"""``tcs`` (script concordance test): aggregate scoring against the panel, default labels by kind
and language, and the Moodle exports (a single choice worth each point's share)."""

from __future__ import annotations

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import ScriptConcordanceQuestion, load_text
from ehealth_content.export import gift, moodle_xml
from ehealth_content.scoring import question_points, result_state


def tcs(extra: str = "", lang: str = "fr") -> ScriptConcordanceQuestion:
    source = (
        f"---\nid: m\ntitle: M\nversion: 1.0.0\nlang: {lang}\n---\n\n# Page\n\n```quiz\nid: q\ntype: tcs\n"
        "prompt: Vignette.\nhypothesis: H\ninformation: I\npanel: [0, 1, 3, 8, 3]\n" + extra + "```\n"
    )
    module, diagnostics = load_text(source)
    assert module is not None and diagnostics == [], diagnostics
    question = module.questions[0]
    assert isinstance(question, ScriptConcordanceQuestion)
    return question


@pytest.mark.parametrize(
    ("point", "points", "state"),
    [
        ("1", 0.0, "incorrect"),
        ("2", 1 / 8, "partial"),
        ("3", 3 / 8, "partial"),
        ("4", 1.0, "correct"),
        ("5", 3 / 8, "partial"),
    ],
)
def test_credit_is_the_panel_count_over_the_modal_count(point: str, points: float, state: str) -> None:
    question = tcs()
    assert question_points(question, point) == pytest.approx(points)
    assert result_state(question, point) == state


@pytest.mark.parametrize("garbage", ["0", "6", "", "-2", "+1", "4 "])
def test_anything_but_a_scale_point_earns_nothing(garbage: str) -> None:
    assert question_points(tcs(), garbage) == 0.0


def test_default_labels_follow_the_kind_and_the_language() -> None:
    assert tcs().labels[0].plain == "fortement affaiblie"
    assert tcs("kind: treatment\n").labels[4].plain == "fortement indiqué"
    assert tcs("kind: investigation\n", lang="en").labels[0].plain == "contraindicated or useless"
    assert tcs("labels: [a, b, c, d, e]\n").labels[2].plain == "c"


def test_moodle_gets_a_single_choice_with_each_point_share_rounded_to_its_list() -> None:
    question = tcs()
    module, _ = load_text(
        "---\nid: m\ntitle: M\nversion: 1.0.0\n---\n\n# Page\n\n```quiz\nid: q\ntype: tcs\nprompt: Vignette.\n"
        "hypothesis: H\ninformation: I\npanel: [0, 1, 3, 8, 3]\n```\n"
    )
    assert module is not None and question.credits[2] == 0.375
    xml, notes = moodle_xml([module])
    element = etree.fromstring(xml).find("question[@type='multichoice']")
    assert element.findtext("single") == "true"
    assert [a.get("fraction") for a in element.iter("answer")] == ["0", "12.5", "40", "100", "40"]
    assert "Hypothèse" in element.findtext("questiontext/text")
    assert any("rounds the panel's credits (0: 37.5% → 40%; +2: 37.5% → 40%)" in str(n) for n in notes)
    text, _ = gift([module])
    assert "~%100%+1 renforcée" in text and "~%12.5%-1 affaiblie" in text
