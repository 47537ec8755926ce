"""Content rendering: call-outs, tables, links, media and the HTML sanitiser."""

from __future__ import annotations

from pathlib import Path

from ehealth_content import Content, Module, load_module, load_text

HEAD = "---\nid: demo\ntitle: Démo\nversion: 1.0.0\n{extra}---\n\n# Page {{#p1}}\n\n"


def page_html(module: Module) -> str:
    return "".join(b.html for b in module.pages[0].blocks if isinstance(b, Content))


def load(body: str, extra: str = "", path: str = "module.md") -> Module:
    module, diagnostics = load_text(HEAD.format(extra=extra) + body, path)
    assert module is not None, diagnostics
    return module


def test_callouts_are_labelled_in_the_module_language() -> None:
    html = page_html(load("::: warning\nPrudence.\n:::\n"))
    assert '<aside class="callout callout-warning" role="note"><p class="callout-title">Attention</p>' in html
    html = page_html(load("::: tip\nUse it.\n:::\n", extra="lang: en\n"))
    assert '<p class="callout-title">Tip</p>' in html


def test_tables_carry_what_a_phone_needs_to_show_them_as_cards() -> None:
    html = page_html(load("| Critère | *Exemple* |\n|---|--:|\n| 1 | 2 |\n"))
    assert html.startswith('<div class="table-wrap" tabindex="0"><table role="table">')
    assert '<td role="cell" data-label="Critère">1</td>' in html
    assert 'data-label="Exemple"' in html and 'style="text-align:right"' in html


def test_external_links_open_in_a_new_tab_without_opener() -> None:
    html = page_html(load("[ANS](https://esante.gouv.fr)\n"))
    assert 'target="_blank"' in html and 'rel="noopener noreferrer"' in html


def test_javascript_links_are_never_rendered_as_links_and_the_author_is_told() -> None:
    # markdown-it shows [x](javascript:…) as text; a learner would see the raw syntax.
    _, diagnostics = load_text(HEAD.format(extra="") + "[x](javascript:alert(1))\n")
    assert [d.code for d in diagnostics] == ["E305"]
    assert "shown as plain text" in diagnostics[0].message


def test_media_inside_the_module_are_listed_as_assets(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "schema.png").write_bytes(b"\x89PNG")
    source = tmp_path / "module.md"
    source.write_text(HEAD.format(extra="") + "![Le parcours de soins](media/schema.png)\n", encoding="utf-8")
    module, diagnostics = load_module(source)
    assert diagnostics == [] and module is not None
    assert module.assets == ("media/schema.png",)
    assert '<img src="media/schema.png" alt="Le parcours de soins">' in page_html(module)


def test_allowed_html_is_sanitised_and_the_author_is_warned() -> None:
    body = (
        '<div class="box" onclick="steal()">Bloc <script>alert(1)</script></div>\n\n'
        '<iframe src="https://example.org"></iframe>\n\n'
        'Un <a href="javascript:alert(1)">lien</a>.\n'
    )
    module, diagnostics = load_text(HEAD.format(extra="allow_html: true\n") + body)
    assert module is not None
    assert [d.code for d in diagnostics] == ["W301", "W301", "W301"]
    html = page_html(module)
    for forbidden in ("<script", "onclick", "<iframe", "javascript:"):
        assert forbidden not in html
    assert '<div class="box">Bloc' in html


def test_modules_loaded_in_threads_are_sanitised_as_in_the_main_one() -> None:
    # The preview server loads modules from its request and watcher threads; the sanitiser
    # is one object for the whole process.
    from concurrent.futures import ThreadPoolExecutor

    body = '<p onclick="x()">Un <a href="javascript:alert(1)">lien</a> <script>alert(1)</script>ici.</p>\n'
    expected = page_html(load(body, extra="allow_html: true\n"))
    assert "onclick" not in expected and "javascript:" not in expected and "<script" not in expected
    with ThreadPoolExecutor(4) as pool:
        found = set(pool.map(lambda _: page_html(load(body, extra="allow_html: true\n")), range(40)))
    assert found == {expected}


def test_question_text_is_markdown_and_escaped() -> None:
    module = load(
        '```quiz\nid: q1\ntype: truefalse\nprompt: "Le **DMP** <b>remplace</b> le dossier ?"\nanswer: false\n```\n',
        extra="allow_html: true\n",
    )
    prompt = module.questions[0].prompt
    assert "<strong>DMP</strong>" in prompt.html
    assert prompt.plain == "Le DMP remplace le dossier ?"


def test_raw_html_in_a_question_is_refused_without_allow_html() -> None:
    _, diagnostics = load_text(
        HEAD.format(extra="")
        + '```quiz\nid: q1\ntype: truefalse\nprompt: "Vrai <b>ou</b> faux ?"\nanswer: false\n```\n'
    )
    assert [(d.line, d.code) for d in diagnostics] == [(12, "E304")]


def test_protocol_relative_links_are_links_not_resources() -> None:
    # A link loads nothing until the learner follows it; only images must stay inside.
    html = page_html(load("[ANS](//esante.gouv.fr)\n"))
    assert 'href="//esante.gouv.fr"' in html and 'target="_blank"' in html


def test_html_comments_are_notes_dropped_from_the_page() -> None:
    module, diagnostics = load_text(
        HEAD.format(extra="") + "<!-- à revoir avec la DPO -->\n\nTexte <!-- inline --> suivi.\n"
    )
    assert diagnostics == [] and module is not None
    assert "revoir" not in page_html(module) and "inline" not in page_html(module)


def test_yaml_booleans_where_text_is_expected_get_a_quoting_hint() -> None:
    _, diagnostics = load_text(
        HEAD.format(extra="") + "```quiz\nid: q1\ntype: likert\nprompt: Prêt ?\nscale: [No, Yes]\n```\n"
    )
    assert [(d.line, d.code) for d in diagnostics] == [(13, "E407"), (13, "E407")]
    assert all(d.hint and "quotes" in d.hint for d in diagnostics)


def test_page_titles_are_plain_text_even_when_written_in_markdown() -> None:
    module = load("Texte.\n\n# Le **RGPD** et l'`INS` {#rgpd}\n\nSuite.\n\n# Données & *santé*\n")
    assert [(p.id, p.title) for p in module.pages] == [
        ("p1", "Page"),
        ("rgpd", "Le RGPD et l'INS"),
        ("donnees-sante", "Données & santé"),
    ]


def test_spans_cover_their_nodes_first_to_last_line() -> None:
    module = load(
        "Un.\n\nDeux.\n\n```quiz\nid: q1\ntype: truefalse\nprompt: Vrai ?\nanswer: true\n```\n\n# Suite\n\nFin.\n"
    )
    first, second = module.pages
    content, question = first.blocks[0], first.blocks[1]
    assert (content.span.line, content.span.end_line) == (9, 11)
    assert (question.span.line, question.span.end_line) == (13, 18)
    assert (first.span.line, first.span.end_line) == (7, 18)
    assert (second.span.line, second.span.end_line) == (20, 22)
