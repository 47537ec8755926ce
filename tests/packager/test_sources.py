"""The module's sources on the cover: every reference of the front matter, its title set in the
module's typography and escaped, a link only to an http(s) page that opens in a new tab, the
source's date and the day it was checked in the module's language; nothing loaded from outside."""

from __future__ import annotations

from pathlib import Path

import lxml.html  # type: ignore[import-untyped, unused-ignore]
import pytest

from ehealth_content import Module, load_text
from ehealth_content.model import Reference
from packager import build_package, render_index_html
from packager.preview import Preview
from packager.remote import remote_references
from packager.sources import cover_sources, date_text

NBSP, NNBSP = "\u00a0", "\u202f"

HEAD = """---
id: sources-demo
title: Démonstration
version: 1.0.0
lang: {lang}
references:
  - title: "Recommandations « bonnes pratiques » : Santé & <script>alert(1)</script>"
    url: "https://www.has-sante.fr/jcms/p_3?a=1&b=<2>"
    date: 2024-03-01
    checked: 2026-12-03
  - Code de la santé publique, article L1110-4
  - title: Référentiel de sécurité
    url: https://esante.gouv.fr/
    date: 2023-07
  - title: Rapport annuel
    date: 2021
---

# Page {{#p}}

Texte.
"""


def _load(tmp_path: Path, text: str) -> Module:
    module, diagnostics = load_text(text, tmp_path / "module.md")
    assert module is not None, diagnostics
    return module


@pytest.fixture
def french(tmp_path: Path) -> Module:
    return _load(tmp_path, HEAD.format(lang="fr"))


def _cover(module: Module, target: str = "scorm12") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render_index_html(module, target)).find_class("cover")[0]


def test_the_cover_lists_every_reference_in_a_disclosure(french: Module) -> None:
    cover = _cover(french)
    (sources,) = cover.xpath(".//details[@class='cover-sources']")
    assert sources.get("open") is None, "closed at first: the start button stays the cover's action"
    assert sources.xpath("./summary")[0].text_content() == "Sources (4)"
    items = sources.xpath("./ol/li")
    assert len(items) == 4
    title = f"Recommandations «{NNBSP}bonnes pratiques{NNBSP}»{NNBSP}: Santé & <script>alert(1)</script>"
    assert items[0].xpath(".//cite")[0].text_content().startswith(title)
    assert items[1].text_content().strip() == "Code de la santé publique, article L1110-4"
    assert items[1].xpath(".//a") == [], "a plain-text reference has no link"
    assert items[3].xpath(".//a") == [] and "2021" in items[3].text_content()
    # Below the disclosure's own button, after the cover's start button.
    assert cover.xpath("./*")[-1] is sources


def test_titles_are_escaped_not_markup(french: Module) -> None:
    html = render_index_html(french, "scorm12")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    doc = lxml.html.document_fromstring(html)
    assert [s.get("src") for s in doc.xpath("//script")] == [None, "runtime/ehealth.js"]


def test_links_open_in_a_new_tab_without_opener_or_referrer(french: Module) -> None:
    links = _cover(french).xpath(".//details//a")
    assert [a.get("href") for a in links] == ["https://www.has-sante.fr/jcms/p_3?a=1&b=<2>", "https://esante.gouv.fr/"]
    for link in links:
        assert (link.get("target"), link.get("rel")) == ("_blank", "noopener noreferrer")
        # Said to a screen reader, which otherwise loses its way in a tab it did not expect.
        assert link.xpath("./span[@class='visually-hidden']")[0].text_content().strip() == "(nouvel onglet)"


def test_dates_read_in_the_module_language(tmp_path: Path, french: Module) -> None:
    items = _cover(french).xpath(".//details/ol/li")
    times = [[(t.get("datetime"), t.text_content()) for t in li.xpath(".//time")] for li in items]
    assert times == [
        [("2024-03-01", f"1er{NBSP}mars{NBSP}2024"), ("2026-12-03", f"vérifiée le 3{NBSP}décembre{NBSP}2026")],
        [],
        [("2023-07", f"juillet{NBSP}2023")],
        [("2021", "2021")],
    ]
    english = _load(tmp_path, HEAD.format(lang="en"))
    items = _cover(english).xpath(".//details/ol/li")
    assert [t.text_content() for t in items[0].xpath(".//time")] == [
        f"1{NBSP}March{NBSP}2024",
        f"checked on 3{NBSP}December{NBSP}2026",
    ]
    assert items[0].xpath(".//span[@class='visually-hidden']")[0].text_content() == " (opens in a new tab)"
    assert _cover(english).xpath(".//summary")[0].text_content() == "Sources (4)"


def test_a_module_without_references_shows_nothing(tmp_path: Path) -> None:
    text = HEAD.format(lang="fr")
    bare = text[: text.index("references:")] + text[text.index("---\n\n#") :]
    cover = _cover(_load(tmp_path, bare))
    assert cover.xpath(".//details") == [] and "Sources" not in cover.text_content()


def test_nothing_is_loaded_from_outside_and_the_build_check_passes(french: Module, tmp_path: Path) -> None:
    for target in ("scorm12", "web", "cmi5"):
        html = render_index_html(french, target)
        assert list(remote_references(html)) == [], target
    # build_package refuses a page with a remote reference (E-code, no package): it builds.
    result = build_package(french, "web", tmp_path / "out")
    index = (result.path / "index.html").read_text(encoding="utf-8")
    assert 'href="https://esante.gouv.fr/"' in index


def test_only_web_pages_become_links() -> None:
    """A model built through the API, not the loader, may hold any URL: only http(s) is linked."""
    references = (
        Reference("a", "javascript:alert(1)"),
        Reference("b", " JavaScript:alert(1)"),
        Reference("c", "data:text/html,x"),
        Reference("d", "//example.org/x"),
        Reference("e", "HTTPS://example.org/x"),
    )
    assert [s.url for s in cover_sources(references, "fr")] == [None, None, None, None, "HTTPS://example.org/x"]


@pytest.mark.parametrize(
    "value, lang, text",
    [
        ("2026-12-03", "fr", f"3{NBSP}décembre{NBSP}2026"),
        ("2026-12-01", "fr", f"1er{NBSP}décembre{NBSP}2026"),
        ("2026-12-01", "en", f"1{NBSP}December{NBSP}2026"),
        ("2026-02", "fr", f"février{NBSP}2026"),
        ("2026-02", "en", f"February{NBSP}2026"),
        ("2026", "fr-CA", "2026"),
        # Not a real day or month (the loader checks the shape only): shown as written.
        ("2026-13", "fr", "2026-13"),
        ("2026-02-30", "en", "2026-02-30"),
    ],
)
def test_date_text(value: str, lang: str, text: str) -> None:
    assert date_text(value, lang) == text


def test_the_preview_shows_the_same_sources(tmp_path: Path) -> None:
    source = tmp_path / "module.md"
    source.write_text(HEAD.format(lang="fr"), encoding="utf-8")
    snapshot = Preview(source, tmp_path / "work").rebuild()
    assert snapshot.folder is not None, snapshot
    doc = lxml.html.document_fromstring((snapshot.folder / "index.html").read_text(encoding="utf-8"))
    assert [
        li.xpath(".//cite")[0].text_content()[:15] for li in doc.xpath("//details[@class='cover-sources']/ol/li")
    ] == [
        "Recommandations",
        "Code de la sant",
        "Référentiel de ",
        "Rapport annuel",
    ]
