"""``hotspot`` (QZP, zone à pointer): the learner points at a spot of an image; right when the
point falls in any of the zones (rectangles, circles, polygons in the image's pixels).

The response is the point ``"x,y"`` in whole image pixels, whatever size the image is shown
at. The image's size is read from its file, so zones outside it are caught when checking.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Any
from urllib.parse import unquote

from .._answers import Response
from .._digits import from_digits, to_digits
from .._fields import describe
from .._image_size import image_size
from .._reader import Reader
from .._yaml import Path
from ..i18n import Message, t
from ..model import HotspotQuestion, Question, Zone
from ._spec import UNFIT, Answer, Judged, Markup, Parts, QuestionType, StoredResponse, Unfit, Warn, XmlWriter

__all__ = ["HOTSPOT", "HotspotType", "inside", "moodle_coords", "parse_point"]

# Two state digits per coordinate.
MAX_SIDE = 4096
_MAX_ZONES = 20
_MAX_VERTICES = 50
_POINT = re.compile(r"\s*(\d{1,4})\s*,\s*(\d{1,4})\s*")
_IMG = re.compile(r'<img\b[^>]*\bsrc="([^"]*)"')
_SHAPES = {"rect": 4, "circle": 3}


def parse_point(response: Response) -> tuple[int, int] | None:
    """The point of a response ``"x,y"``, or None for anything else."""
    if not isinstance(response, str):
        return None
    match = _POINT.fullmatch(response)
    return (int(match.group(1)), int(match.group(2))) if match else None


def inside(zone: Zone, x: float, y: float) -> bool:
    """Whether (x, y) is in ``zone``, edges included."""
    v = zone.values
    if zone.shape == "rect":
        return v[0] <= x <= v[0] + v[2] and v[1] <= y <= v[1] + v[3]
    if zone.shape == "circle":
        return (x - v[0]) ** 2 + (y - v[1]) ** 2 <= v[2] ** 2
    points = list(zip(v[0::2], v[1::2], strict=True))
    found = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if min(y1, y2) <= y <= max(y1, y2) and (x2 - x1) * (y - y1) == (x - x1) * (y2 - y1):
            if min(x1, x2) <= x <= max(x1, x2):
                return True  # on an edge
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            found = not found
    return found


def _bounds(zone: Zone) -> tuple[float, float, float, float]:
    v = zone.values
    if zone.shape == "rect":
        return v[0], v[1], v[0] + v[2], v[1] + v[3]
    if zone.shape == "circle":
        return v[0] - v[2], v[1] - v[2], v[0] + v[2], v[1] + v[2]
    return min(v[0::2]), min(v[1::2]), max(v[0::2]), max(v[1::2])


class HotspotType(QuestionType[HotspotQuestion]):
    name = "hotspot"
    model = HotspotQuestion
    # SCORM 1.2 has no hotspot interaction (2004's "other" is not in 1.2): the point is
    # reported as fill-in text "x,y", valid in both and in Moodle, without a correct pattern.
    interaction = "fill-in"
    keys = ("image", "alt", "zones")
    required = ("image", "alt", "zones")
    answer_changed = t("the zones changed: saved points will be scored against the new ones")
    # Moodle's drag-and-drop markers (qtype_ddmarker, core since Moodle 3.0): one marker, one
    # drop zone, graded by where the marker's point lands. Several zones would each want a
    # marker of their own (one point in any of them would earn a share only).
    moodle_type = "ddmarker"

    def build(self, data: dict[str, Any], reader: Reader, common: dict[str, Any]) -> Question | None:
        fields = reader.fields
        image = _read_image(data, reader)
        zones = _read_zones(data, reader)
        if image is None or zones is None:
            return None
        src, alt, (width, height) = image
        ok = True
        for index, zone in enumerate(zones):
            left, top, right, bottom = _bounds(zone)
            if left < 0 or top < 0 or right > width or bottom > height:
                fields.report.error(
                    "E446",
                    t(
                        "zone {number} goes outside the image, which is {width} × {height} pixels "
                        "(zone from {left},{top} to {right},{bottom})",
                        number=index + 1,
                        width=width,
                        height=height,
                        left=f"{left:g}",
                        top=f"{top:g}",
                        right=f"{right:g}",
                        bottom=f"{bottom:g}",
                    ),
                    at=fields.at(("zones", index)),
                    hint=t("coordinates are in the image's own pixels, from its top left corner"),
                )
                ok = False
        if not ok:
            return None
        return HotspotQuestion(image=src, alt=alt, width=width, height=height, zones=zones, **common)

    def fraction(self, question: HotspotQuestion, response: Response) -> float:
        point = parse_point(response)
        if point is None or point[0] > question.width or point[1] > question.height:
            return 0.0
        return 1.0 if any(inside(zone, *point) for zone in question.zones) else 0.0

    def data(self, question: HotspotQuestion) -> dict[str, Any]:
        return {
            "image": question.image,
            "width": question.width,
            "height": question.height,
            "zones": [{"shape": z.shape, "values": [_number(v) for v in z.values]} for z in question.zones],
        }

    # RESPONSE: x then y, two state digits each (images are at most 4096 pixels a side).
    def encode(self, question: HotspotQuestion, response: StoredResponse) -> str:
        if isinstance(response, Judged) or not isinstance(response, str):
            raise TypeError(f"question {question.id}: a hotspot response is a point 'x,y'")
        point = parse_point(response)
        if point is None or point[0] > question.width or point[1] > question.height:
            raise ValueError(f"question {question.id}: no point {response!r} on the image")
        return _two(point[0]) + _two(point[1])

    def decode(self, question: HotspotQuestion, text: str) -> StoredResponse | Unfit:
        if len(text) != 4:
            return UNFIT
        x, y = from_digits(text[:2]), from_digits(text[2:])
        return f"{x},{y}" if x <= question.width and y <= question.height else UNFIT

    def longest(self, question: HotspotQuestion) -> StoredResponse:
        return f"{question.width},{question.height}"

    def unsupported(self, question: HotspotQuestion) -> Message | None:
        if len(question.zones) != 1:
            return t(
                "left out: Moodle's drag-and-drop markers grade each zone on its own, not one point in any of "
                "{count} zones",
                count=len(question.zones),
            )
        return None

    def moodle_files(self, question: HotspotQuestion) -> tuple[str, ...]:
        return (question.image,)

    def moodle_xml(self, xml: XmlWriter, element: Any, question: HotspotQuestion) -> None:
        # No <shuffleanswers>: qtype_ddmarker's importer shuffles when the element is present at
        # all, whatever it holds ("0" included).
        xml.combined_feedback(element, question)
        drag = xml.sub(element, "drag")
        xml.sub(drag, "no", "1")
        xml.sub(drag, "text", "+")
        xml.sub(drag, "noofdrags", "1")
        (zone,) = question.zones
        drop = xml.sub(element, "drop")
        xml.sub(drop, "no", "1")
        xml.sub(drop, "shape", _MOODLE_SHAPES[zone.shape])
        xml.sub(drop, "coords", moodle_coords(zone))
        xml.sub(drop, "choice", "1")

    def moodle_caveats(self, question: HotspotQuestion) -> tuple[Message, ...]:
        return (
            t(
                "in Moodle the learner drags a marker onto the image (no sliders), and the zone's "
                "coordinates are rounded to whole pixels"
            ),
        )

    def gift(self, question: HotspotQuestion, head: str, general: str, warn: Warn) -> str | None:
        warn(t("left out of GIFT: GIFT has no drag-and-drop markers (use Moodle XML)"), True)
        return None

    def shape(self, question: HotspotQuestion, texts: Callable[[Any], tuple[str, ...]]) -> tuple[Parts, Answer]:
        # A point is kept in pixels: a new image size moves what saved points point at.
        return (("image", (question.image, f"{question.width}x{question.height}")),), _zones_answer(
            [(z.shape, tuple(float(v) for v in z.values)) for z in question.zones]
        )

    def read_shape(self, entry: dict[str, Any], markup: Markup) -> tuple[Parts, Answer]:
        size = f"{int(entry['width'])}x{int(entry['height'])}"
        zones = [(str(z["shape"]), tuple(float(v) for v in z["values"])) for z in entry["zones"]]
        return (("image", (str(entry["image"]), size)),), _zones_answer(zones)


_MOODLE_SHAPES = {"rect": "rectangle", "circle": "circle", "polygon": "polygon"}


def moodle_coords(zone: Zone) -> str:
    """A zone as ddmarker's ``coords``: ``x,y;r`` (circle), ``x,y;w,h`` (rectangle),
    ``x1,y1;x2,y2;…`` (polygon), in whole pixels."""
    v = [str(round(value)) for value in zone.values]
    if zone.shape == "circle":
        return f"{v[0]},{v[1]};{v[2]}"
    if zone.shape == "rect":
        return f"{v[0]},{v[1]};{v[2]},{v[3]}"
    return ";".join(f"{x},{y}" for x, y in zip(v[0::2], v[1::2], strict=True))


def _zones_answer(zones: list[tuple[str, tuple[float, ...]]]) -> Answer:
    return tuple(zones)


def _two(value: int) -> str:
    digits = to_digits(value)
    return digits + "0" * (2 - len(digits))


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _read_image(data: dict[str, Any], reader: Reader) -> tuple[str, str, tuple[int, int]] | None:
    fields = reader.fields
    path, alt = data.get("image"), data.get("alt")
    if not isinstance(path, str) or not path.strip() or any(c in path for c in "()[]<>\n"):
        fields.invalid(
            ("image",), t("'image' must be the path of an image file of the module, not {value}", value=describe(path))
        )
        return None
    if not isinstance(alt, str) or not alt.strip():
        fields.invalid(("alt",), t("'alt' must describe the image for those who cannot see it, without the answer"))
        return None
    # Rendered as Markdown, the image goes through every rule of section 5.2 (file present,
    # inside the module, a type a package can carry) and joins the package's media.
    rendered = reader.rich(f"![{alt.strip()}]({path.strip()})", ("image",), inline=True)
    found = _IMG.search(rendered.html) if rendered is not None else None
    if found is None:
        return None
    src = html.unescape(found.group(1))
    file = reader.ctx.render.module_dir / FilePath(unquote(src))
    try:
        with file.open("rb") as handle:
            head = handle.read(65536)
    except OSError:
        return None  # reported by the image rules
    size = image_size(head)
    at = fields.at(("image",))
    if size is None:
        fields.report.error(
            "E445",
            t(
                "the size of image '{image}' cannot be read: use a PNG, JPEG, GIF, WebP, or SVG with width and height",
                image=path,
            ),
            at=at,
        )
        return None
    if max(size) > MAX_SIDE:
        fields.report.error(
            "E445",
            t(
                "image '{image}' is {width} × {height} pixels: a hotspot image is at most {most} pixels a side",
                image=path,
                width=size[0],
                height=size[1],
                most=MAX_SIDE,
            ),
            at=at,
        )
        return None
    return src, alt.strip(), size


def _read_zones(data: dict[str, Any], reader: Reader) -> tuple[Zone, ...] | None:
    items = reader.list(data, "zones", 1, _MAX_ZONES)
    if items is None:
        return None
    fields = reader.fields
    zones: list[Zone] = []
    for index, item in enumerate(items):
        path: Path = ("zones", index)
        zone = _zone(item, index)
        if isinstance(zone, Message):
            fields.invalid(
                path,
                zone,
                hint=t(
                    "write {{rect: [x, y, width, height]}}, {{circle: [x, y, radius]}} or "
                    "{{polygon: [[x1, y1], [x2, y2], [x3, y3]]}}, in the image's pixels"
                ),
            )
            return None
        zones.append(Zone(zone[0], zone[1], reader.span(path)))  # type: ignore[arg-type]
    return tuple(zones)


def _zone(item: Any, index: int) -> tuple[str, tuple[float, ...]] | Message:
    number = index + 1
    if not isinstance(item, dict) or len(item) != 1:
        return t(
            "zone {number} must be one of rect, circle or polygon, not {value}", number=number, value=describe(item)
        )
    ((shape, value),) = item.items()
    if shape in _SHAPES:
        if not isinstance(value, list) or len(value) != _SHAPES[shape] or not all(_is_number(v) for v in value):
            return t(
                "zone {number}: '{shape}' takes {count} numbers, not {value}",
                number=number,
                shape=shape,
                count=_SHAPES[shape],
                value=describe(value),
            )
        numbers = tuple(float(v) for v in value)
        if any(v <= 0 for v in numbers[2:]):
            return t("zone {number}: the size of a {shape} must be positive", number=number, shape=shape)
        return shape, numbers
    if shape == "polygon":
        if not isinstance(value, list) or not 3 <= len(value) <= _MAX_VERTICES:
            return t(
                "zone {number}: 'polygon' takes 3 to {most} points [x, y], not {value}",
                number=number,
                most=_MAX_VERTICES,
                value=describe(value),
            )
        if not all(isinstance(p, list) and len(p) == 2 and all(_is_number(v) for v in p) for p in value):
            return t("zone {number}: each point of a polygon is [x, y]", number=number)
        flat = tuple(float(v) for p in value for v in p)
        points = list(zip(flat[0::2], flat[1::2], strict=True))
        area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
        if area == 0:
            return t("zone {number}: the polygon's points are on one line: it covers nothing", number=number)
        return shape, flat
    return t(
        "zone {number}: unknown shape '{shape}': expected rect, circle or polygon", number=number, shape=str(shape)
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


HOTSPOT = HotspotType()
