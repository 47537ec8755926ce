"""URLs are classified as Chromium's URL parser reads them, not as they are written."""

from __future__ import annotations

import pytest

from ehealth_content.urls import UrlKind, browser_form, classify_url


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("media/schema.png", "local"),
        ("#suite", "fragment"),
        ("", "empty"),
        ("https://x.example/a.png", "remote"),
        ("HTTPS://x.example/a.png", "remote"),
        ("ht\ttps://x.example/a.png", "remote"),
        ("h\nttp://x.example/a.png", "remote"),
        ("  \x01https://x.example/a.png\x00 ", "remote"),
        ("//x.example/a.png", "remote"),
        ("\\\\x.example/a.png", "remote"),
        ("/\\x.example/a.png", "remote"),
        ("\\/x.example/a.png", "remote"),
        ("https:\\\\x.example\\a.png", "remote"),
        ("ftp://x.example/a", "remote"),
        ("%68ttps://x.example/a.png", "local"),  # a relative path to a browser: no decoding of schemes
        ("javascript:alert(1)", "script"),
        (" JaVaScRiPt:alert(1)", "script"),
        ("java\tscript:alert(1)", "script"),
        ("java\nscript:alert(1)", "script"),
        ("\x1bjavascript:alert(1)", "script"),
        ("vbscript:msgbox(1)", "script"),
        ("data:text/html,<script>alert(1)</script>", "data"),
        ("DATA:image/svg+xml,<svg/>", "data"),
        ("file:///etc/passwd", "file"),
        ("mailto:dpo@example.org", "contact"),
        ("tel:+33100000000", "contact"),
        ("C:/Users/x.png", "other"),
    ],
)
def test_classify_url_reads_urls_like_a_browser(raw: str, kind: UrlKind) -> None:
    assert classify_url(raw) == kind


def test_browser_form_is_what_the_browser_requests() -> None:
    assert browser_form(" ht\ttps://x.example\\a.png\n") == "https://x.example/a.png"
    # Backslashes are kept in non-web schemes, as the browser keeps them.
    assert browser_form("mailto:a\\b@example.org") == "mailto:a\\b@example.org"
