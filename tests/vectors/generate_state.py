"""Write ``state.json``: whole saved states written and read by :mod:`packager.state`, for the browser.

Each case is ``{name, data, text, state, encodes}``: the ``pages``, ``pools`` and ``questions``
of the embedded data the state is read with, the state string, what Python reads from it (pages
seen sorted, draws, answers in the runtime's form), and whether writing that back gives ``text``.
Some states are read with another page list than the one they were written with (a new version
inserting, moving or removing pages), some are in the old format ``E1``, read without or with the
page list they were written against (``e1Pages``, which ``ehealth build --previous`` embeds).
tests/browser/test_vectors.py replays them: the runtime must read and write them the same way.

    .venv/bin/python -m tests.vectors.generate_state      # after changing the state codec or this file
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ehealth_content import Module, check
from packager.data import question_data
from packager.state import Answer, SavedState, decode_state, encode_state, page_key, state_positions

from .generate import runtime_form

HERE = Path(__file__).parent
MODULE = HERE / "module.md"
OUTPUT = HERE / "state.json"


def with_pages(module: Module, order: list[str]) -> Module:
    """``module`` with its pages in ``order``; an id it lacks is a new page with no question."""
    pages = {page.id: page for page in module.pages}
    blank = module.pages[0]
    return replace(
        module,
        pages=tuple(pages.get(pid) or replace(blank, id=pid, title=pid.title(), blocks=()) for pid in order),
    )


def colliding_page_ids() -> tuple[str, str]:
    """Two page ids with the same key (the build refuses such a module; the reader must not guess)."""
    by_key: dict[str, str] = {}
    for n in range(100_000):
        pid = f"p{n}"
        key = page_key(pid)
        if key in by_key:
            return by_key[key], pid
        by_key[key] = pid
    raise AssertionError("no collision among 100,000 ids")


def data(module: Module, e1_pages: list[str] | None = None) -> dict[str, Any]:
    positions = state_positions(module, e1_pages).data()
    return {
        "pages": positions["pages"],
        **({"e1Pages": positions["e1Pages"]} if "e1Pages" in positions else {}),
        "pools": positions["pools"],
        "questions": [question_data(q) for q in module.questions],
    }


def runtime_state(state: SavedState) -> dict[str, Any]:
    return {
        "visited": sorted(state.visited),
        "draws": {name: list(ids) for name, ids in state.draws.items()},
        "answers": {
            qid: {"count": answer.submissions, "response": runtime_form(answer.response)}
            for qid, answer in state.answers.items()
        },
    }


def case(name: str, module: Module, text: str, e1_pages: list[str] | None = None) -> dict[str, Any]:
    read = decode_state(module, text, e1_pages)
    return {
        "name": name,
        "data": data(module, e1_pages),
        "text": text,
        "state": runtime_state(read),
        "encodes": encode_state(module, read) == text,
    }


def cases() -> Iterator[dict[str, Any]]:
    module = check(MODULE)
    members = module.pools[0].question_ids
    state = SavedState(
        frozenset({"choix", "saisie"}),
        {module.pools[0].name: tuple(members[:2])},
        {
            "unique": Answer(1, "b"),
            "vrai-faux": Answer(2, False),
            "multiple-tout": Answer(1, frozenset({"a", "c"})),
            "avis": Answer(1, "4"),
        },
    )
    text = encode_state(module, state)
    assert decode_state(module, text) == state
    yield case("written and read back", module, text)
    yield case("nothing saved yet", module, encode_state(module, SavedState()))
    yield case("a page inserted", with_pages(module, ["choix", "nouvelle", "saisie", "structure"]), text)
    yield case("pages moved and one removed", with_pages(module, ["structure", "nouvelle", "choix"]), text)
    first, second = colliding_page_ids()
    collide = with_pages(module, ["choix", first, second])
    yield case("two pages sharing a key", collide, encode_state(collide, SavedState(frozenset({"choix", first}))))
    old = "~".join(["E1", "7", text.split("~")[2], text.split("~")[3]])
    yield case("old format", module, old)
    yield case("old format, a page inserted", with_pages(module, ["choix", "nouvelle", "saisie", "structure"]), old)
    yield case("old format, damaged pages", module, "E1~%~" + old.split("~", 2)[2])
    # Written by an E1 package of pages choix, saisie, structure with the first two seen (bits 0, 1).
    e1_list = ["choix", "saisie", "structure"]
    seen_two = "~".join(["E1", "3", *old.split("~")[2:]])
    inserted = with_pages(module, ["choix", "nouvelle", "saisie", "structure"])
    yield case("old format with its page list, a page inserted", inserted, seen_two, e1_list)
    moved = with_pages(module, ["structure", "nouvelle", "choix"])
    yield case("old format with its page list, pages moved and one removed", moved, seen_two, e1_list)
    # Bit 3 set: written against a longer list than the one given, so not against it.
    yield case("old format, a bit past its page list", inserted, "E1~F~" + old.split("~", 2)[2], e1_list)
    yield case("old format with its page list, damaged pages", inserted, "E1~%~" + old.split("~", 2)[2], e1_list)


def render() -> str:
    return json.dumps(list(cases()), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
