"""The committed saved-state vectors are what Python writes and reads today, and cover what they must."""

from __future__ import annotations

import json

from .generate_state import OUTPUT, render


def test_committed_state_vectors_are_up_to_date() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), "run: .venv/bin/python -m tests.vectors.generate_state"


def test_state_vectors_cover_page_changes_and_the_old_format() -> None:
    cases = {c["name"]: c for c in json.loads(OUTPUT.read_text(encoding="utf-8"))}
    written = cases["written and read back"]
    assert written["text"].startswith("E2~") and written["encodes"]
    inserted = cases["a page inserted"]
    assert "nouvelle" in inserted["data"]["pages"] and "nouvelle" not in inserted["state"]["visited"]
    assert inserted["state"]["visited"] == written["state"]["visited"], "pages seen survive an insertion"
    assert cases["pages moved and one removed"]["state"]["visited"] == ["choix"]
    assert cases["two pages sharing a key"]["state"]["visited"] == ["choix"], "an ambiguous key marks no page"
    for name in ("old format", "old format, a page inserted"):
        old = cases[name]
        assert old["text"].startswith("E1~") and old["state"]["visited"] == [], name
        assert old["state"]["answers"] == written["state"]["answers"], "an old state keeps its answers"
        assert old["state"]["draws"] == written["state"]["draws"]
    assert cases["old format, damaged pages"]["state"] == {"visited": [], "draws": {}, "answers": {}}


def test_state_vectors_cover_old_states_read_against_their_page_list() -> None:
    """``e1Pages`` (ehealth build --previous) maps an E1 state's bits to pages, never to a page not seen."""
    cases = {c["name"]: c for c in json.loads(OUTPUT.read_text(encoding="utf-8"))}
    written = cases["written and read back"]
    inserted = cases["old format with its page list, a page inserted"]
    assert inserted["data"]["e1Pages"] == ["choix", "saisie", "structure"]
    assert inserted["text"].startswith("E1~3~")
    assert inserted["state"]["visited"] == ["choix", "saisie"], "the inserted page is not marked"
    assert inserted["state"]["answers"] == written["state"]["answers"]
    assert inserted["state"]["draws"] == written["state"]["draws"]
    assert cases["old format with its page list, pages moved and one removed"]["state"]["visited"] == ["choix"]
    assert cases["old format, a bit past its page list"]["state"]["visited"] == []
    assert cases["old format, a bit past its page list"]["state"]["answers"] == written["state"]["answers"]
    damaged = cases["old format with its page list, damaged pages"]
    assert damaged["state"] == {"visited": [], "draws": {}, "answers": {}}
