"""French typography reaches what the learner reads (index.html), not the model: exports and
reports keep the author's own spaces, and English modules are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from ehealth_content import check
from packager import render_index_html

NNBSP = "\u202f"
SOURCE = """---
id: typo
title: "Typographie : essai"
version: 1.0.0
lang: {lang}
---

# Pourquoi ? {{#pourquoi}}

Rendez-vous à 10:30 ; voir https://ex.org/a?b=1 ou « le guide » !

`a ? b : c`

```quiz
id: q
type: truefalse
prompt: "Vrai ou faux : le secret s'applique ?"
answer: true
```
"""


def _module(tmp_path: Path, lang: str) -> str:
    path = tmp_path / lang / "module.md"
    path.parent.mkdir()
    path.write_text(SOURCE.format(lang=lang), encoding="utf-8")
    return str(path)


def test_a_french_page_gets_narrow_no_break_spaces(tmp_path: Path) -> None:
    module = check(_module(tmp_path, "fr"))
    html = render_index_html(module, "web")
    assert f"10:30{NNBSP};" in html and f"«{NNBSP}le guide{NNBSP}»{NNBSP}!" in html
    assert "https://ex.org/a?b=1" in html and "<code>a ? b : c</code>" in html
    assert f"Pourquoi{NNBSP}?</h1>" in html and f"Vrai ou faux{NNBSP}: le secret s'applique{NNBSP}?" in html
    assert "<title>Typographie : essai</title>" in html, "the document title is left to the browser"
    assert NNBSP not in module.pages[0].blocks[0].html, "the model keeps the author's spaces"


@pytest.mark.parametrize("lang", ["en"])
def test_other_languages_are_left_alone(tmp_path: Path, lang: str) -> None:
    html = render_index_html(check(_module(tmp_path, lang)), "web")
    body = html[html.index("<section data-page-id") : html.index('<script type="application/json"')]
    assert NNBSP not in body
