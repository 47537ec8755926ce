"""Drive a package through its markup contract only, as an outside harness would.

Pages are ``section[data-page-id]``, navigation ``button[data-nav]``, questions
``form[data-question-id]`` with native controls and a submit button; the verdict is the form's
``data-state`` and the feedback its ``role="status"`` element. Responses are written in the
form ``ehealth_content.scoring`` takes, so that expected scores come from Python.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, Locator, Page

from ehealth_content.model import Span, Zone
from ehealth_content.question_types.hotspot import inside

__all__ = ["Sco", "as_scoring_response", "right_response", "wrong_response"]

Response = Any


def _letter(index: int) -> str:
    return chr(ord("a") + index)


def right_response(q: dict[str, Any]) -> Response:
    match q["type"]:
        case "single":
            return next(c["id"] for c in q["choices"] if c["correct"])
        case "multiple":
            return [c["id"] for c in q["choices"] if c["correct"]]
        case "truefalse":
            return q["answer"]
        case "text":
            return q["answers"][0]
        case "numeric":
            # With units the unit is typed too, in the answer's own unit.
            return str(q["min"]).replace(".", ",") + (f" {q['unit']}" if q.get("units") else "")
        case "matching":
            return {_letter(i): str(i + 1) for i in range(q["lefts"])}
        case "ordering":
            return [_letter(i) for i in range(q["items"])]
        case "tcs":
            return str(q["panel"].index(max(q["panel"])) + 1)
        case "longmenu":
            return q["answers"][0]
        case "kfp":
            return [c["id"] for c in q["choices"] if c["correct"]]
        case "hotspot":
            return _zone_centre(q["zones"][0])
        case _:
            return str(q["scale"])


# A longmenu entry of the page's list that is not an accepted answer (only the page knows its list).
WRONG_ENTRY = "\x00an entry of the list that is wrong"


def wrong_response(q: dict[str, Any]) -> Response:
    match q["type"]:
        case "single":
            return next(c["id"] for c in q["choices"] if not c["correct"])
        case "multiple":
            return [c["id"] for c in q["choices"] if not c["correct"]]
        case "truefalse":
            return not q["answer"]
        case "text":
            return "zzz"
        case "numeric":  # wrong by its number, with the unit the question asks for, if any
            return str(q["max"] + 1000) + (f" {q['unit']}" if q.get("units") else "")
        case "matching":
            return {_letter(i): str((i + 1) % q["lefts"] + 1) for i in range(q["lefts"])}
        case "ordering":
            return [_letter(i) for i in reversed(range(q["items"]))]
        case "tcs":
            return str(q["panel"].index(min(q["panel"])) + 1)
        case "longmenu":
            return WRONG_ENTRY
        case "kfp":  # the other actions, within the limit: no key feature found
            return [c["id"] for c in q["choices"] if not c["correct"]][: q["select"]]
        case "hotspot":
            return _point_outside(q)
        case _:
            return "1"


def _zone_centre(zone: dict[str, Any]) -> str:
    v = zone["values"]
    if zone["shape"] == "rect":
        return f"{round(v[0] + v[2] / 2)},{round(v[1] + v[3] / 2)}"
    if zone["shape"] == "circle":
        return f"{round(v[0])},{round(v[1])}"
    return f"{round(sum(v[0::2]) / len(v[0::2]))},{round(sum(v[1::2]) / len(v[1::2]))}"


def _point_outside(q: dict[str, Any]) -> str:
    zones = [Zone(z["shape"], tuple(z["values"]), Span(1)) for z in q["zones"]]
    for y in range(0, q["height"] + 1, 5):
        for x in range(0, q["width"] + 1, 5):
            if not any(inside(zone, x, y) for zone in zones):
                return f"{x},{y}"
    raise AssertionError(f"{q['id']}: the zones cover the whole image")


def as_scoring_response(q: dict[str, Any], response: Response) -> Response:
    return frozenset(response) if q["type"] in ("multiple", "kfp") else response


class Sco:
    """One launched package: inside the LMS wrapper's iframe, or the page itself (web)."""

    def __init__(self, page: Page, frame: Frame | None = None) -> None:
        self.page = page
        self.frame = frame or page.main_frame
        self.data: dict[str, Any] = self.frame.evaluate(
            "JSON.parse(document.getElementById('ehealth-data').textContent)"
        )
        self.questions = {q["id"]: q for q in self.data["questions"]}

    @classmethod
    def in_wrapper(cls, page: Page) -> Sco:
        handle = page.wait_for_selector("#sco")
        frame = handle.content_frame() if handle else None
        assert frame is not None
        frame.wait_for_selector("main.ehealth-running", state="attached")
        return cls(page, frame)

    def locator(self, selector: str) -> Locator:
        return self.frame.locator(selector)

    @property
    def current_page(self) -> str:
        visible = self.locator("section[data-page-id]:not([hidden])")
        assert visible.count() == 1, "exactly one page is visible"
        value = visible.get_attribute("data-page-id")
        assert value is not None
        return value

    def shown_on_page(self) -> list[str]:
        """Question ids of the current page that this attempt shows (pool draws applied)."""
        forms = self.locator(f'section[data-page-id="{self.current_page}"] form[data-question-id]')
        return [
            str(forms.nth(i).get_attribute("data-question-id"))
            for i in range(forms.count())
            if forms.nth(i).is_visible()
        ]

    def form(self, qid: str) -> Locator:
        return self.locator(f'form[data-question-id="{qid}"]')

    def fill(self, qid: str, response: Response) -> None:
        q = self.questions[qid]
        form = self.form(qid)
        match q["type"]:
            case "single" | "likert" | "tcs":
                form.locator(f'input[value="{response}"]').check()
            case "truefalse":
                form.locator(f'input[value="{"true" if response else "false"}"]').check()
            case "multiple" | "kfp":
                boxes = form.locator('input[type="checkbox"]')
                for i in range(boxes.count()):
                    box = boxes.nth(i)
                    box.set_checked(box.get_attribute("value") in response)
            case "text" | "numeric":
                form.locator('input[type="text"]').fill(response)
            case "longmenu":
                if response == WRONG_ENTRY:
                    response = self.frame.evaluate(
                        """q => Array.from(document.getElementById(q.list).options, o => o.value)
                             .find(v => !q.answers.includes(v))""",
                        q,
                    )
                form.locator('input[type="text"]').fill(response)
            case "matching":
                for left, right in response.items():
                    form.locator(f'select[name="{left}"]').select_option(right)
            case "hotspot":  # a click where the point is, at whatever size the image is shown
                x, y = (int(v) for v in response.split(","))
                image = form.locator(".hotspot-frame img")
                box = image.bounding_box()
                assert box is not None
                image.click(position={"x": x * box["width"] / q["width"], "y": y * box["height"] / q["height"]})
                # A click lands within a pixel of its aim; the sliders then set it exactly.
                form.locator('input[name="x"]').fill(str(x))
                form.locator('input[name="y"]').fill(str(y))
            case "ordering":
                for rank, item in enumerate(response, start=1):
                    form.locator(f'select[name="{item}"]').select_option(str(rank))

    def answer(self, qid: str, response: Response) -> str:
        """Fill and submit; returns the form's ``data-state`` afterwards."""
        form = self.form(qid)
        self.fill(qid, response)
        form.locator('button[type="submit"]').click()
        state = form.get_attribute("data-state")
        assert state in ("correct", "incorrect", "partial", "neutral"), f"{qid}: data-state {state!r}"
        return state

    def status_text(self, qid: str) -> str:
        return self.form(qid).locator('[role="status"]').inner_text()

    def nav(self, which: str) -> None:
        self.locator(f'button[data-nav="{which}"]').click()

    def run(self, responses: dict[str, Response], stop_after_page: int | None = None) -> list[str]:
        """Visit pages in order answering what ``responses`` holds for each shown question.

        Returns the ids of the questions shown in this attempt. Stops (without finishing) after
        page ``stop_after_page`` (1-based) if given, else finishes on the last page (confirming
        when questions or pages are left).
        """
        shown: list[str] = []
        pages = self.data["pages"]
        while True:
            index = pages.index(self.current_page)
            for qid in self.shown_on_page():
                shown.append(qid)
                if qid in responses and self.form(qid).locator('button[type="submit"]').is_enabled():
                    self.answer(qid, responses[qid])
            if stop_after_page is not None and index + 1 >= stop_after_page:
                return shown
            if index == len(pages) - 1:
                assert self.locator('button[data-nav="next"]').is_disabled()
                self.nav("finish")
                # Before the end, "Terminer" lists what is left; the attempt ends on confirmation.
                confirm = self.locator('button[data-nav="confirm-finish"]')
                if confirm.count():
                    confirm.click()
                return shown
            self.nav("next")
