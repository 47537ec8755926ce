"""French typography of author text: narrow no-break spaces where French sets a space, nowhere else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ehealth_content import typography
from ehealth_content.typography import NBSP, NNBSP, french_html, french_spacing


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Attention : le secret ; la loi !", f"Attention{NNBSP}: le secret{NNBSP}; la loi{NNBSP}!"),
        ("« équipe de soins »", f"«{NNBSP}équipe de soins{NNBSP}»"),
        ("«oui»", f"«{NNBSP}oui{NNBSP}»"),
        # No space typed: maybe code or a ratio, left as it is.
        ("Pourquoi? Parce que!", "Pourquoi? Parce que!"),
        ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
        ("78 %", f"78{NNBSP}%"),
        # Already typeset (the interface's U+00A0 before ':') stays as it is.
        (f"Score{NBSP}: 5", f"Score{NBSP}: 5"),
        # Clocks, ratios, URLs, e-mail addresses and query strings are not sentence punctuation.
        ("à 10:30 puis 1:2", "à 10:30 puis 1:2"),
        ("voir https://ex.org/a?b=1 ; fin", f"voir https://ex.org/a?b=1{NNBSP}; fin"),
        ("page.php?id=3", "page.php?id=3"),
        ("écrire à dpo@chu.fr !", f"écrire à dpo@chu.fr{NNBSP}!"),
    ],
)
def test_french_spacing(text: str, expected: str) -> None:
    assert french_spacing(text) == expected
    assert french_spacing(expected) == expected  # idempotent


def test_french_html_touches_text_only() -> None:
    markup = (
        '<p title="a : b">Note : <a href="https://x.fr/?q=1">lien</a> ;'
        " <code>a ? b : c</code> <pre><code>x ; y</code></pre> fin !</p>"
    )
    assert french_html(markup) == (
        f'<p title="a : b">Note{NNBSP}: <a href="https://x.fr/?q=1">lien</a>{NNBSP};'
        f" <code>a ? b : c</code> <pre><code>x ; y</code></pre> fin{NNBSP}!</p>"
    )


def test_french_html_leaves_character_references_alone() -> None:
    assert french_html("<p>R&amp;D ; A&#39;B</p>") == f"<p>R&amp;D{NNBSP}; A&#39;B</p>"


# The rules as written, with none of the shortcuts french_spacing takes (no mark, no URL, no
# guillemet): the shortcuts must never change a result.
def _spelled_out(text: str) -> str:
    def space(part: str) -> str:
        part = typography._SPACE_BEFORE.sub(NNBSP, part)
        part = typography._SPACE_AFTER.sub(NNBSP, part)
        part = typography._TIGHT_BEFORE.sub(NNBSP + "»", part)
        return typography._TIGHT_AFTER.sub("«" + NNBSP, part)

    out, last = [], 0
    for match in typography._PROTECTED.finditer(text):
        out += [space(text[last : match.start()]), match.group()]
        last = match.end()
    return "".join(out) + space(text[last:])


_PIECES = [*"aé9 \t\n.;:!?%«»@&#/", NBSP, NNBSP, "://", "https://x.fr/a?b=1", "dpo@chu.fr", "&amp;", "R&D", "« ", " »"]


@settings(max_examples=2000, derandomize=True)
@given(st.one_of(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.text()))
def test_french_spacing_shortcuts_change_nothing(text: str) -> None:
    assert french_spacing(text) == _spelled_out(text)


def _spelled_out_html(markup: str) -> str:
    out, depth, last = [], 0, 0
    for match in typography._TAG.finditer(markup):
        out += [markup[last : match.start()] if depth else _spelled_out(markup[last : match.start()]), match.group()]
        if (match.group(2) or "").lower() in typography._LITERAL:
            depth = max(0, depth + (-1 if match.group(1) else 1))
        last = match.end()
    return "".join(out) + (markup[last:] if depth else _spelled_out(markup[last:]))


_MARKUP = [
    *("<p>", "</p>", "<a href='x : y'>", "</a>", '<b title="a > b ; c">', "</b>", "<br/>", "<!-- a ; <b> -->", "<"),
    *("<code>", "</code>", "<PRE>", "</pre>", "<var>", "<coder>", "</code >", ">", "«", "»", " ", ":", " ;", "a", "!"),
]


@settings(max_examples=2000, derandomize=True)
@given(st.lists(st.sampled_from(_MARKUP + _PIECES), max_size=16).map("".join))
def test_french_html_shortcuts_change_nothing(markup: str) -> None:
    assert french_html(markup) == _spelled_out_html(markup)
