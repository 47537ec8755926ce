"""Finding what a page would load from outside the package.

The loader already refuses remote images in Markdown; this scan of the final HTML also
catches what could reach it another way (raw HTML with ``allow_html``, a template change):
any ``src``, ``href``, ``srcset``… that is absolute ``http(s)`` or protocol-relative, except
the ``href`` of a plain ``<a>`` link, which the learner chooses to follow. URLs are read as the
browser reads them (:mod:`ehealth_content.urls`): ``ht\ttps://x``, ``\\\\host/x`` and
``/\\host`` are remote too. ``javascript:``, ``vbscript:`` and ``data:`` URLs are refused
everywhere, links included: the sanitiser removes them, and this is the check that it did.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# lxml ships no type information (lxml-stubs is not a dependency).
import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from ehealth_content.urls import browser_form, classify_url

__all__ = ["RemoteReference", "remote_references"]

_URL_ATTRIBUTES = (
    "src",
    "href",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
    "{http://www.w3.org/1999/xlink}href",
    "xlink:href",
)
_URL_ATTRIBUTE_SET = frozenset(_URL_ATTRIBUTES)
# What no attribute may hold, and what only a link's href may (the learner follows it or not).
_NEVER = ("script", "data", "file", "other")
_LINK_ONLY = ("remote", "contact")
_CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]*)""", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RemoteReference:
    tag: str
    """The element that refers to it."""
    attribute: str
    """The attribute (``style`` for CSS inside an attribute or a ``<style>`` element)."""
    url: str
    page_id: str | None
    """The ``data-page-id`` of the enclosing section, if any."""


def remote_references(html: str) -> Iterator[RemoteReference]:
    """Every reference in ``html`` that would make the browser fetch something remote."""
    # libxml2's HTML parser, as lxml.html uses it, without lxml.html's element classes: the scan
    # needs none of their methods, and making one per element costs as much as the scan itself.
    document = lxml.etree.fromstring(html, lxml.etree.HTMLParser())  # one a scan: threads share none
    if document is None:
        raise lxml.etree.ParserError("Document is empty")  # as lxml.html says it
    for element in document.iter(lxml.etree.Element):  # elements only: no comment loads anything
        names = element.keys()
        if not names and element.tag != "style":
            continue  # most elements of a page have no attribute: asking each for ten costs more than the parse
        for attribute in _URL_ATTRIBUTES if not _URL_ATTRIBUTE_SET.isdisjoint(names) else ():
            value = element.get(attribute)
            if value is None:
                continue
            candidates = value.split(",") if attribute == "srcset" else [value]
            for candidate in candidates:
                url = browser_form(candidate).split()[0] if attribute == "srcset" and candidate.split() else candidate
                kind = classify_url(url)
                if kind in _NEVER or (kind in _LINK_ONLY and not (element.tag == "a" and attribute == "href")):
                    # The enclosing page is looked up only for what is reported: most elements hold no URL.
                    yield RemoteReference(element.tag, attribute, browser_form(url), _page_of(element))
        styles = [element.get("style") or ""] + ([element.text or ""] if element.tag == "style" else [])
        for css in styles:
            for match in _CSS_REMOTE.finditer(css):
                yield RemoteReference(element.tag, "style", match.group(1), _page_of(element))


def _page_of(element: lxml.etree._Element) -> str | None:
    for ancestor in element.iterancestors("section"):
        page_id = ancestor.get("data-page-id")
        if page_id is not None:
            return str(page_id)
    return None
