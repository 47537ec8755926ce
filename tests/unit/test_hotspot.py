"""Hotspot pieces that are pure functions: the image size read from file headers, the point in
a zone, responses the runtime never sends, and what the Moodle exports do with the type."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content import HotspotQuestion, load_text
from ehealth_content._image_size import image_size
from ehealth_content.export import gift, moodle_xml
from ehealth_content.model import Span, Zone
from ehealth_content.question_types import UNFIT
from ehealth_content.question_types.hotspot import HOTSPOT, inside, moodle_coords

FIXTURE = Path(__file__).parents[1] / "browser" / "fixtures" / "hotspot" / "module.md"


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc2" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 640, 480) + b"\x08\x02\x00\x00\x00", (640, 480)),
        (b"GIF89a" + struct.pack("<HH", 32, 16), (32, 16)),
        (_jpeg(1024, 768), (1024, 768)),
        (
            b"RIFF\x00\x00\x00\x00WEBPVP8X" + b"\x00" * 8 + (399).to_bytes(3, "little") + (199).to_bytes(3, "little"),
            (400, 200),
        ),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="300px" height="150">', (300, 150)),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120.4 60">', (120, 60)),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="50%" height="10">', None),
        (b'<svg xmlns="http://www.w3.org/2000/svg">', None),
        (b"\x89PNG\r\n\x1a\n", None),
        (b"\xff\xd8\xff", None),
        (b"not an image", None),
        (b"", None),
    ],
)
def test_image_size_is_read_from_the_header(data: bytes, size: tuple[int, int] | None) -> None:
    assert image_size(data) == size


def test_a_point_is_inside_a_zone_edges_included() -> None:
    rect = Zone("rect", (10, 10, 40, 20), Span(1))
    circle = Zone("circle", (150, 50, 20), Span(1))
    triangle = Zone("polygon", (60, 90, 100, 60, 140, 90), Span(1))
    assert inside(rect, 10, 10) and inside(rect, 50, 30) and not inside(rect, 51, 30)
    assert inside(circle, 150, 70) and not inside(circle, 150, 71) and not inside(circle, 165, 65)
    assert inside(triangle, 100, 60) and inside(triangle, 80, 75) and inside(triangle, 100, 89)
    assert not inside(triangle, 61, 89) and not inside(triangle, 100, 59) and not inside(triangle, 141, 90)


def _question() -> HotspotQuestion:
    module, diagnostics = load_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE)
    assert module is not None, diagnostics
    question = module.questions[0]
    assert isinstance(question, HotspotQuestion)
    return question


@pytest.mark.parametrize("response", [None, "", "abc", "70.5,35", "70;35", "401,35", "-1,5", ["70", "35"], 70])
def test_responses_the_player_never_sends_score_0(response: object) -> None:
    assert HOTSPOT.fraction(_question(), response) == 0.0  # type: ignore[arg-type]


def test_a_point_is_saved_in_four_digits_and_read_back() -> None:
    question = _question()
    assert (question.width, question.height) == (400, 200)
    for point in ("0,0", "70,35", "400,200"):
        text = HOTSPOT.encode(question, point)
        assert len(text) == 4 and HOTSPOT.decode(question, text) == point
    assert HOTSPOT.decode(question, "0000x") is UNFIT, "not four digits"
    assert HOTSPOT.decode(question, "zz00") is UNFIT, "a point beyond the image: state of another version"
    with pytest.raises(ValueError):
        HOTSPOT.encode(question, "401,0")


def test_one_zone_goes_to_moodle_as_a_drag_and_drop_marker_several_zones_do_not() -> None:
    module, _ = load_text(FIXTURE.read_text(encoding="utf-8"), FIXTURE)
    assert module is not None
    data, notes = moodle_xml([module])
    root = etree.fromstring(data)
    exported = {q.findtext("name/text"): q for q in root.iterfind("question") if q.get("type") != "category"}
    assert list(exported) == ["zone-bouton"]
    question = exported["zone-bouton"]
    assert question.get("type") == "ddmarker"
    # As Moodle's own ddmarker fixture writes them: the background as a file of the question.
    [background] = question.findall("file")
    assert background.get("name") == "ecran.png"
    assert base64.b64decode(background.text) == (FIXTURE.parent / "ecran.png").read_bytes()
    assert [(d.findtext("no"), d.findtext("noofdrags")) for d in question.iterfind("drag")] == [("1", "1")]
    [drop] = question.findall("drop")
    assert (drop.findtext("shape"), drop.findtext("coords"), drop.findtext("choice")) == ("circle", "370,30;20", "1")
    said = {(n.question_id, n.left_out, "each zone on its own" in n.message) for n in notes}
    assert ("zone-ins", True, True) in said and ("zone-bouton", False, False) in said
    _, gift_notes = gift([module])
    assert {(n.question_id, n.left_out) for n in gift_notes if n.left_out} == {
        ("zone-ins", True),
        ("zone-bouton", True),
    }


@pytest.mark.parametrize(
    ("shape", "values", "coords"),
    [
        ("rect", (20, 20, 100, 30), "20,20;100,30"),
        ("circle", (370.4, 30, 19.6), "370,30;20"),
        ("polygon", (300, 150, 380, 150, 340, 190), "300,150;380,150;340,190"),
    ],
)
def test_zones_in_ddmarker_coordinates(shape: str, values: tuple[float, ...], coords: str) -> None:
    assert moodle_coords(Zone(shape, values, Span(1))) == coords  # type: ignore[arg-type]
