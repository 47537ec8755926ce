"""What a URL in a page points at, read the way a browser reads it.

A check that looks at the raw text of a URL is fooled by what browsers forgive: the WHATWG URL
parser drops leading and trailing spaces and C0 control characters, removes tabs and newlines
anywhere, reads the scheme case-insensitively and, for web URLs, takes a backslash for a slash.
``ht\\ttps://x``, ``\\\\evil.example/x``, ``/\\evil.example`` and `` JavaScript:…`` all reach
the network or run script. Both the loader (Markdown links, raw HTML) and the packager's final
scan of the page classify URLs here, after this clean-up, so that they agree with the browser.

Callers pass attribute values as the browser sees them, character references already decoded
(``&#106;avascript:`` is ``javascript:``): lxml and markdown-it both decode them.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["UrlKind", "browser_form", "classify_url", "url_scheme"]

UrlKind = Literal["empty", "fragment", "local", "remote", "contact", "script", "data", "file", "other"]
"""``local`` stays in the package; ``remote`` loads from the network (``http(s)``, ``//host``,
``ftp``, ``ws``); ``contact`` is ``mailto:``/``tel:``; ``script`` runs code (``javascript:``,
``vbscript:``); ``data`` carries its own content; ``file`` reads the learner's disk; ``other`` is
any other scheme (a drive letter such as ``C:`` reads as one)."""

_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_SPECIAL_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss", "file"})
_KINDS: dict[str, UrlKind] = {
    "http": "remote",
    "https": "remote",
    "ftp": "remote",
    "ws": "remote",
    "wss": "remote",
    "mailto": "contact",
    "tel": "contact",
    "javascript": "script",
    "vbscript": "script",
    "livescript": "script",
    "data": "data",
    "file": "file",
}


def browser_form(raw: str) -> str:
    """``raw`` after the WHATWG parser's first steps: trimmed, tabs and newlines removed, and
    backslashes read as slashes where the browser reads them so (web URLs and relative ones,
    since a package is always served from a web or file URL)."""
    text = _TAB_OR_NEWLINE.sub("", raw.strip(_C0_OR_SPACE))
    scheme = url_scheme(text)
    if scheme is None or scheme in _SPECIAL_SCHEMES:
        text = text.replace("\\", "/")
    return text


def url_scheme(text: str) -> str | None:
    """The scheme of an already cleaned-up URL, lowercase, or None for a relative URL."""
    match = _SCHEME.match(text)
    return match.group(1).lower() if match else None


def classify_url(raw: str) -> UrlKind:
    """What ``raw`` points at once the browser has cleaned it up."""
    text = browser_form(raw)
    if not text:
        return "empty"
    scheme = url_scheme(text)
    if scheme is not None:
        return _KINDS.get(scheme, "other")
    if text.startswith("//"):
        return "remote"
    if text.startswith("#"):
        return "fragment"
    return "local"
