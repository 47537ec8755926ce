"""The scan of the final page: every way an element can make the browser fetch from outside is
found, wherever it sits, with the page it sits on; links a learner follows are not."""

from __future__ import annotations

from packager.remote import RemoteReference, remote_references

_PAGE = """<!doctype html><html><head>
<style>@import "https://cdn.example.org/a.css"; p { color: red }</style>
<!-- <img src="https://comment.example.org/x.png"> -->
</head><body>
<section data-page-id="un"><p>Texte <em>sans</em> attribut.</p>
<div><span><img srcset="local.png 1x, //cdn.example.org/b.png 2x" alt=""></span></div>
<a href="https://www.cnil.fr/">lien</a> <a href="javascript:alert(1)">piège</a>
</section>
<section data-page-id="deux"><p style="background: url('https://cdn.example.org/c.png')">x</p>
<svg><use xlink:href="https://cdn.example.org/d.svg#x"></use></svg>
<video poster="ht\ttps://cdn.example.org/e.png"></video><form action="mailto:a@b.fr"></form>
</section>
<img src="data:image/png;base64,AAAA" alt="">
</body></html>"""


def test_every_remote_reference_is_found_with_its_page() -> None:
    assert list(remote_references(_PAGE)) == [
        RemoteReference("style", "style", "https://cdn.example.org/a.css", None),
        RemoteReference("img", "srcset", "//cdn.example.org/b.png", "un"),
        RemoteReference("a", "href", "javascript:alert(1)", "un"),
        RemoteReference("p", "style", "https://cdn.example.org/c.png", "deux"),
        RemoteReference("use", "xlink:href", "https://cdn.example.org/d.svg#x", "deux"),
        RemoteReference("video", "poster", "https://cdn.example.org/e.png", "deux"),
        RemoteReference("form", "action", "mailto:a@b.fr", "deux"),
        RemoteReference("img", "src", "data:image/png;base64,AAAA", None),
    ]


def test_a_page_of_local_files_and_links_has_none() -> None:
    page = '<html><body><a href="https://x.fr">x</a><img src="media/a.png" alt="a"><p>Rien : ni URL.</p></body></html>'
    assert list(remote_references(page)) == []
