"""Questions before and after answering, drag and drop with its keyboard way, media and
footnotes (issue 13), in a real browser, through what a learner sees and hears.

Each state a learner meets (before answering, after a wrong answer, after the last attempt)
is also checked by axe-core: 0 WCAG 2.1 A/AA violations.
"""

from __future__ import annotations

import shutil
import struct
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

import packager
from ehealth_content import check

from .conftest import HERE, Guard, missing
from .driver import Sco
from .static_server import serve
from .test_accessibility import AXE, axe_violations

pytestmark = pytest.mark.browser

FIXTURE = HERE / "fixtures" / "questions" / "module.md"
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour.\n"
# The smallest ISO media header: enough for the loader, which reads first bytes only.
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
INK = "rgb(26, 26, 26)"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def questions_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not AXE.is_file():
        missing("axe-core is not installed: npm ci --prefix tests/harness")
    source = tmp_path_factory.mktemp("questions-source")
    shutil.copy(FIXTURE, source / "module.md")
    (source / "media").mkdir()
    (source / "media" / "parcours.png").write_bytes(_png())
    (source / "media" / "intro.mp4").write_bytes(MP4)
    (source / "media" / "intro.vtt").write_bytes(VTT)
    root = tmp_path_factory.mktemp("questions-site")
    result = packager.build_package(check(source / "module.md"), "web", root / "build")
    shutil.move(result.path, root / "questions")
    with serve(root) as base_url:
        yield base_url + "questions/index.html"


@pytest.fixture
def learner(guarded: tuple[Page, Guard], questions_site: str) -> Sco:
    page, _ = guarded
    page.goto(questions_site)
    page.wait_for_selector("main.ehealth-running", state="attached")
    return Sco(page)


def _go_to(sco: Sco, page_id: str) -> None:
    while sco.current_page != page_id:
        sco.nav("next")


def test_a_question_says_its_number_points_and_attempts_before_any_answer(learner: Sco) -> None:
    form = learner.form("q-multi")
    meta_id = form.locator("fieldset").get_attribute("aria-describedby")
    assert meta_id == "q-multi--meta"
    assert form.locator("legend .question-number").inner_text() == "Question 1"
    meta = learner.locator(f"#{meta_id}").inner_text()
    assert "2\u00a0points" in meta
    assert "Tentatives restantes\u00a0: 2" in meta
    assert "plusieurs réponses possibles" in meta
    assert learner.form("q-texte").locator(".question-number").inner_text() == "Question 2"
    assert "plusieurs" not in learner.locator("#q-texte--meta").inner_text()
    assert axe_violations(learner.page) == []
    _go_to(learner, "ordre")
    assert learner.form("q-ordre").locator(".question-number").inner_text() == "Question 3", "numbered across pages"


def test_a_wrong_answer_keeps_the_verdict_and_adds_the_authors_feedback(learner: Sco) -> None:
    assert learner.answer("q-multi", ["b"]) == "incorrect"
    status = learner.form("q-multi").locator('[role="status"]')
    verdict = status.locator(".verdict")
    assert verdict.inner_text() == "Réponse incorrecte."
    icon = learner.page.evaluate("el => getComputedStyle(el, '::before').content", verdict.element_handle())
    assert "✗" in icon, "an icon besides the colour"
    text = status.inner_text()
    assert "Relisez la définition de l'article 4." in text, "the author's feedback adds to the verdict"
    about = status.locator(".choice-about").inner_text()
    assert "Le nom d'un club de sport" in about, "a choice's feedback names its choice"
    assert "Un club de sport n'est pas une donnée de santé." in text
    assert "Tentatives restantes\u00a0: 1" in learner.locator("#q-multi--meta").inner_text()
    assert "Explication" not in text
    assert axe_violations(learner.page) == []


def test_after_the_last_attempt_every_choice_is_marked_and_the_answer_listed(learner: Sco) -> None:
    learner.answer("q-multi", ["b"])
    assert learner.answer("q-multi", ["a"]) == "incorrect"
    form = learner.form("q-multi")
    marks = {
        v: form.locator(f'input[value="{v}"]').evaluate(
            "i => { const d = i.getAttribute('aria-describedby'); return d ? document.getElementById(d).textContent : ''; }"
        )
        for v in "abc"
    }
    assert marks == {"a": "(bonne réponse, choisie)", "b": "", "c": "(bonne réponse, non choisie)"}
    assert form.locator(".choice.is-right").count() == 1 and form.locator(".choice.is-missed").count() == 1
    items = form.locator("ul.expected-list li").all_inner_texts()
    assert items == ["Un compte rendu d'IRM", "Une mesure de tension"]
    heading = form.locator("h3.explanation-title")
    assert heading.inner_text() == "Explication", "one level below the page's h2"
    assert "Article 4 du RGPD." in form.locator('[role="status"]').inner_text()
    # Disabled answers stay as legible as before: ink, not pale grey.
    label = form.locator('label[for="q-multi--a"]')
    assert form.locator("#q-multi--a").is_disabled()
    assert label.evaluate("l => getComputedStyle(l).color") == INK
    assert axe_violations(learner.page) == []


def test_a_text_answer_with_a_final_full_stop_is_right(learner: Sco) -> None:
    learner.answer("q-multi", ["b"])
    learner.answer("q-multi", ["b"])  # its explanation, an h3, now sits before the next question
    assert learner.answer("q-texte", "Équipe  de soins.") == "correct"
    form = learner.form("q-texte")
    assert form.locator(".verdict").inner_text() == "Bonne réponse\u202f!"
    assert form.locator("h3.explanation-title").count() == 1, "ranked by the page's outline, not by another question"


def _row_order(sco: Sco, qid: str) -> list[str]:
    return [str(n) for n in sco.form(qid).locator(".row select").evaluate_all("ss => ss.map(s => s.name)")]


def _tab_to(page: Page, wanted: Callable[[dict[str, Any]], bool]) -> None:
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate("""() => {
            const el = document.activeElement, row = el.closest('.row');
            return {cls: el.className, item: row ? row.querySelector('select').name : null, tag: el.tagName};
        }""")
        if wanted(focus):
            return
    pytest.fail("the keyboard never reached the control")


def _saved_record(sco: Sco, qid: str) -> str:
    return str(
        sco.page.evaluate(
            "([qid]) => { const k = window.ehealth.questionKey(qid); "
            "return window.ehealth.state().split('~')[3].split(',').find(r => r.startsWith(k)).slice(4); }",
            [qid],
        )
    )


def test_ordering_with_the_keyboard_alone_moves_announces_and_saves_as_the_menus_do(learner: Sco) -> None:
    page = learner.page
    _go_to(learner, "ordre")
    order = _row_order(learner, "q-ordre")
    assert order != ["a", "b", "c", "d"], "rows never start in the right order"
    for position, item in enumerate("abcd"):
        steps = _row_order(learner, "q-ordre").index(item) - position
        if steps == 0:
            continue
        _tab_to(page, lambda f, item=item: f["item"] == item and f["cls"] == "up")
        for _ in range(steps):
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.className") == "up", "the focus follows the moved row"
        announced = learner.form("q-ordre").locator(".moves").inner_text()
        assert f"en position {position + 1} sur 4" in announced
    assert _row_order(learner, "q-ordre") == ["a", "b", "c", "d"]
    ranks = learner.form("q-ordre").locator("select").evaluate_all("ss => ss.map(s => s.name + s.value)")
    assert sorted(ranks) == ["a1", "b2", "c3", "d4"], "the menus hold the order: they are the answer"
    _tab_to(page, lambda f: f["tag"] == "BUTTON" and f["cls"] == "" and f["item"] is None)
    page.keyboard.press("Enter")
    assert learner.form("q-ordre").get_attribute("data-state") == "correct"
    want = page.evaluate("q => window.ehealth.encodeResponse(q, ['a', 'b', 'c', 'd'])", learner.questions["q-ordre"])
    assert _saved_record(learner, "q-ordre") == want


def _drag(page: Page, source: Any, target: Any) -> None:
    # The question in the middle of the screen, clear of the sticky header, as a learner holds it.
    source.evaluate("e => e.closest('form').scrollIntoView({block: 'center', behavior: 'instant'})")
    start, end = source.bounding_box(), target.bounding_box()
    assert start and end
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=8)
    page.mouse.up()


def test_ordering_and_matching_by_drag_and_drop_set_the_same_menus(learner: Sco) -> None:
    page = learner.page
    _go_to(learner, "ordre")
    form = learner.form("q-ordre")
    for position, item in enumerate("abcd"):
        rows = form.locator(".row")
        if _row_order(learner, "q-ordre")[position] == item:
            continue
        grip = form.locator(f'.row:has(select[name="{item}"]) .grip')
        _drag(page, grip, rows.nth(position))
    assert _row_order(learner, "q-ordre") == ["a", "b", "c", "d"]
    assert learner.answer("q-ordre", ["a", "b", "c", "d"]) == "correct"

    match = learner.form("q-assoc")
    wanted = {"a": "Par nature", "b": "Par croisement", "c": "Par destination"}
    for left, right in wanted.items():
        _drag(page, match.locator(".tile", has_text=right), match.locator(f'.row:has(select[name="{left}"]) label'))
        assert right in match.locator(".moves").inner_text()
    chosen = match.locator("select").evaluate_all("ss => ss.map(s => s.name + s.value)")
    assert sorted(chosen) == ["a1", "b2", "c3"]
    match.locator('button[type="submit"]').click()
    assert match.get_attribute("data-state") == "correct"
    want = page.evaluate(
        "q => window.ehealth.encodeResponse(q, {a: '1', b: '2', c: '3'})", learner.questions["q-assoc"]
    )
    assert _saved_record(learner, "q-assoc") == want
    assert axe_violations(page) == []


def test_wrong_rows_are_marked_after_the_last_attempt(learner: Sco) -> None:
    _go_to(learner, "ordre")
    assert learner.answer("q-assoc", {"a": "2", "b": "1", "c": "3"}) == "partial"
    form = learner.form("q-assoc")
    assert form.locator(".row.is-wrong").count() == 2 and form.locator(".row.is-right").count() == 1
    assert form.locator("#q-assoc--a--mark").text_content() == "(faux)"
    assert form.locator("#q-assoc--c--mark").text_content() == "(juste)"
    assert form.locator("#q-assoc--a").get_attribute("aria-describedby") == "q-assoc--a--mark"
    assert form.locator("select").first.evaluate("s => getComputedStyle(s).color") == INK
    assert form.locator(".bank").is_hidden(), "nothing left to drag"
    assert axe_violations(learner.page) == []


def test_media_figures_and_footnotes_work_in_the_one_page_player(learner: Sco) -> None:
    page = learner.page
    learner.locator('a[href="#fn1"]').first.click()
    assert learner.current_page == "medias", "a link to a note on another page goes there"
    assert page.evaluate("document.activeElement.id") == "fn1"
    learner.locator("#fn1 .footnote-backref").click()
    assert page.evaluate("document.activeElement.id") == "fnref1"
    video = learner.locator("section[data-page-id='medias'] video")
    assert video.get_attribute("controls") is not None
    assert video.locator("track").get_attribute("src") == "media/intro.vtt"
    assert learner.locator("figure figcaption").first.inner_text() == "Le parcours de la donnée"
    assert axe_violations(page) == []


def test_a_phone_reorders_by_touch(browser: Any, questions_site: str) -> None:
    """Touch drags through the same pointer events: a phone at 360 px reorders the list."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(questions_site)
        page.wait_for_selector("main.ehealth-running", state="attached")
        sco = Sco(page)
        _go_to(sco, "ordre")
        form = sco.form("q-ordre")
        touch = context.new_cdp_session(page)
        first = _row_order(sco, "q-ordre")[0]
        last_row = form.locator(".row").nth(3)
        last_row.scroll_into_view_if_needed()
        form.locator(".row").nth(0).scroll_into_view_if_needed()
        start = form.locator(".row").nth(0).locator(".grip").bounding_box()
        end = last_row.bounding_box()
        assert start and end
        x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
        target = end["y"] + end["height"] / 2
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 9):
            point = {"x": x, "y": y + (target - y) * step / 8}
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        order = _row_order(sco, "q-ordre")
        assert order[-1] == first, f"the first row went last: {order}"
        ranks = form.locator("select").evaluate_all("ss => ss.map(s => s.name + s.value)")
        assert sorted(ranks) == sorted(f"{name}{i + 1}" for i, name in enumerate(order))
    finally:
        context.close()
