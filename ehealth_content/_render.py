"""Content checks and rendering: Markdown tokens to safe HTML, with diagnostics on the way.

Checks (alt text, files, remote resources, raw HTML, call-out kinds) run over the tokens
before rendering, so that each problem points at its own line.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ._aliases import CALLOUT_ALIASES, canonical_name, name_hint
from ._media import file_problem, path_problem
from ._report import Reporter
from ._syntax import CALLOUT, new_markdown_parser
from .i18n import Message, t
from .model import RichText, Span
from .urls import browser_form, classify_url

__all__ = [
    "CALLOUT_KINDS",
    "RenderContext",
    "check_tokens",
    "is_plain_text",
    "plain_text",
    "render_markdown_text",
    "render_plain_text",
    "render_text",
    "render_tokens",
    "rendering_parser",
]

# Audio and video a page plays, by extension: the element and its <source>'s type.
PLAYABLE: dict[str, tuple[str, str]] = {
    "mp4": ("video", "video/mp4"),
    "webm": ("video", "video/webm"),
    "ogv": ("video", "video/ogg"),
    "mp3": ("audio", "audio/mpeg"),
    "m4a": ("audio", "audio/mp4"),
    "ogg": ("audio", "audio/ogg"),
    "oga": ("audio", "audio/ogg"),
    "wav": ("audio", "audio/wav"),
}
# Words the content itself carries (the player's own are in packager/strings.py).
_CONTENT_WORDS: dict[str, dict[str, str]] = {
    "captions": {"fr": "Sous-titres", "en": "Captions"},
    "transcript": {"fr": "Transcription", "en": "Transcript"},
    "back": {"fr": "Retour au texte", "en": "Back to the text"},
}
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]\s]+)\](?!:)")
CALLOUT_KINDS: dict[str, dict[str, str]] = {
    "note": {"fr": "Remarque", "en": "Note"},
    "tip": {"fr": "Astuce", "en": "Tip"},
    "warning": {"fr": "Attention", "en": "Warning"},
    "important": {"fr": "Important", "en": "Important"},
}
# Comments are the author's notes, not markup: they are dropped, never refused.
_HTML_COMMENTS = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.S)
# Start tags and their attributes as the HTML tokenizer reads them, so that values can be
# decoded (``&#106;avascript:``) and classified the way the browser would.
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_LINK_DESTINATION = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s)]+)")
_ATTRIBUTE = re.compile(r"""[\s/"']([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAGS = re.compile(r"<[^>]*>")
_BLOCK_TAGS = re.compile(
    r"</?(?:p|br|hr|li|ul|ol|div|aside|blockquote|pre|table|thead|tbody|tr|td|th|h[1-6])\b[^>]*>", re.IGNORECASE
)
# Text with none of these needs no Markdown parse: most prompts and choices take the fast path.
_PLAIN_TEXT = re.compile(r"[^\\`*_\[\]<>!&#|~\n:=+-]*")
# One line of prose may also hold ':' '-' '+' '=' (« Vrai : … », « auto-évaluation »): they only
# make Markdown when a line starts with them (a list item, a rule, a call-out) or a number starts a
# list (« 1. »), which the guard sends to markdown-it. The line must also start and end with no
# space (parseInline keeps them), hold no line break markdown-it would see (``\r``), no NUL (it
# becomes U+FFFD) and no U+00A0 (the sanitiser writes it ``&nbsp;``): then markdown-it renders it
# as the fast path does, byte for byte (tests/unit/test_plain_text.py proves it).
_PLAIN_LINE = re.compile(r"(?![ \t]*(?:[-+*=_:]|\d+[.)]))(?=\S)[^\\`*_\[\]<>!&#|~\n\r\x00\xa0]*(?<!\s)")
_ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"class", "role", "title", "lang"},
    "a": {"href", "id", "aria-label"},
    "li": {"id"},
    "video": {"src", "poster", "controls", "preload", "width", "height", "aria-label", "playsinline"},
    "audio": {"src", "controls", "preload", "aria-label"},
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"style", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan", "data-label"},
    "div": {"tabindex"},
    "ol": {"start"},
    "code": {"class"},
}
_ALLOWED_TAGS = nh3.ALLOWED_TAGS | {
    "aside",
    "figure",
    "figcaption",
    "section",
    "details",
    "summary",
    "video",
    "audio",
    "source",
    "track",
}
# Ids only as the footnote plugin writes them: an author's id could shadow the player's own
# elements (``ehealth-data``) in the one-page document.
_FOOTNOTE_ID = re.compile(r"fn(?:ref)?(?:-[A-Za-z0-9-]+-)?\d+(?::\d+)?")
# Only a new tab: ``_top`` or ``_parent`` would navigate the LMS page itself away.
_ALLOWED_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}


@dataclass(slots=True)
class RenderContext:
    module_dir: Path
    allow_html: bool
    lang: str
    report: Reporter
    lines: list[str]
    assets: set[str] = field(default_factory=set)
    _root: Path | None = None

    @property
    def root(self) -> Path:
        if self._root is None:
            self._root = self.module_dir.resolve()
        return self._root


def check_tokens(tokens: list[Token], ctx: RenderContext, first_line: int = 1) -> None:
    """Report every content problem in ``tokens`` (block tokens with their inline children).

    ``first_line`` is the 1-based file line of the tokens' first row: 1 for a module's body,
    the line a text field starts on for a question's prompt or choice.
    """
    for token in tokens:
        line = first_line + (token.map[0] if token.map else 0)
        if token.type in ("html_block", "html_inline"):
            _check_html(token, line, ctx)
        elif token.type == f"container_{CALLOUT}_open":
            _check_callout(token, line, ctx)
        if token.type == "inline":
            _check_refused_links(token, line, ctx)
            _check_footnote_calls(token, line, ctx)
        html_reported = False
        for child in token.children or ():
            if child.type == "image":
                _check_image(child, token, line, ctx)
            elif child.type == "link_open":
                _check_link(child, token, line, ctx)
            elif child.type == "html_inline" and not html_reported:
                # <b>…</b> is two tokens but one mistake: say it once per paragraph.
                html_reported = True
                _check_html(child, line, ctx)
            elif child.type == "html_inline" and ctx.allow_html:
                _check_html_media(child, line, ctx)


def _check_refused_links(inline: Token, line: int, ctx: RenderContext) -> None:
    """``[x](javascript:…)`` is no link to markdown-it, which shows it as text: say so."""
    if "](" not in inline.content:
        return
    made = {unquote(str(c.attrs.get("href") or c.attrs.get("src") or "")) for c in inline.children or ()}
    for match in _LINK_DESTINATION.finditer(inline.content):
        destination = html.unescape(match.group(1).strip("<>"))
        kind = classify_url(destination)
        if kind in ("script", "data", "file") and unquote(destination) not in made:
            scheme = browser_form(destination).split(":", 1)[0].lower()
            found = _column_of(match.group(0), line, ctx, inline)
            ctx.report.error(
                "E305",
                t(
                    "link '{target}' uses the refused scheme '{scheme}:': it is shown as plain text, not as a link",
                    target=_shown(destination),
                    scheme=scheme,
                ),
                at=Span(found.line, found.column + 1),  # at the '(' after the ']'
                hint=t("link to a file inside the module folder, or to an http(s) page"),
            )


def _check_footnote_calls(inline: Token, line: int, ctx: RenderContext) -> None:
    """``[^2]`` with no ``[^2]: …`` anywhere stays as text: say so rather than print it."""
    for child in inline.children or ():
        if child.type != "text":
            continue
        for match in _FOOTNOTE_CALL.finditer(child.content):
            label = _shown(match.group(1))
            ctx.report.error(
                "E313",
                t("footnote '[^{label}]' has no definition", label=label),
                at=_column_of(match.group(0), line, ctx, inline),
                hint=t("add a line '[^{label}]: the note' below the paragraph", label=label),
            )


def render_tokens(tokens: list[Token], ctx: RenderContext) -> str:
    md = rendering_parser()
    env: dict[str, Any] = {"ctx": ctx}
    _prepare_tables(tokens)
    _prepare_figures(tokens)
    rendered = md.renderer.render(tokens, md.options, env)
    return _sanitise(rendered)


def render_text(source: str, first_line: int, column: int, ctx: RenderContext, *, inline: bool) -> RichText:
    """Render a text field of a question (prompt, choice, feedback…) whose text starts on the
    1-based ``first_line`` of the file."""
    if is_plain_text(source):
        return render_plain_text(source, inline=inline)
    return render_markdown_text(source, first_line, column, ctx, inline=inline)


def is_plain_text(source: str) -> bool:
    """Whether ``source`` renders the same with no Markdown parse (:func:`render_plain_text`)."""
    return _PLAIN_TEXT.fullmatch(source) is not None or _PLAIN_LINE.fullmatch(source) is not None


def render_plain_text(source: str, *, inline: bool) -> RichText:
    """A text field without Markdown syntax: escaped, in a paragraph unless ``inline``."""
    escaped = html.escape(source.strip(), quote=False)
    body = escaped if inline else f"<p>{escaped}</p>\n"
    return RichText(source, body, _collapsed(source))


def render_markdown_text(source: str, first_line: int, column: int, ctx: RenderContext, *, inline: bool) -> RichText:
    """A text field through markdown-it, its content checks and the sanitiser."""
    md = rendering_parser()
    # Footnote ids of a text field must not meet the page's own (one document holds every page).
    env: dict[str, Any] = {"ctx": ctx, "docId": f"l{first_line}c{column}"}
    if inline:
        tokens = md.parseInline(source, env)
    else:
        tokens = md.parse(source, env)
    check_tokens(tokens, _without_source_lines(ctx), first_line=first_line)
    _prepare_figures(tokens)
    rendered = _sanitise(md.renderer.render(tokens, md.options, env))
    return RichText(source, rendered, plain_text(rendered))


# Explicit roles keep a table a table for screen readers when a phone's CSS turns it into cards.
_TABLE_ROLES = {
    "table_open": "table",
    "thead_open": "rowgroup",
    "tbody_open": "rowgroup",
    "tr_open": "row",
    "th_open": "columnheader",
    "td_open": "cell",
}


def _prepare_tables(tokens: list[Token]) -> None:
    """Give each body cell its column's header (``data-label``), so that a phone can show a
    wide table as one card per row, each value under its header."""
    headers: list[str] = []
    column = 0
    for index, token in enumerate(tokens):
        if token.type in _TABLE_ROLES:
            token.attrSet("role", _TABLE_ROLES[token.type])
        if token.type == "table_open":
            headers = []
        elif token.type == "th_open" and index + 1 < len(tokens):
            headers.append(plain_text(rendering_parser().renderInline(tokens[index + 1].content)))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(headers) and headers[column]:
                token.attrSet("data-label", headers[column])
            column += 1


def _playable(src: str) -> tuple[str, str] | None:
    return PLAYABLE.get(PurePosixPath(urlsplit(src).path).suffix.lower().removeprefix("."))


def _prepare_figures(tokens: list[Token]) -> None:
    """An image alone in its paragraph with a title (``![alt](a.png "Caption")``), or an audio
    or video alone in its paragraph, becomes a ``<figure>``; the title its ``<figcaption>``."""
    for index in range(len(tokens) - 2):
        opening, inline, closing = tokens[index : index + 3]
        if opening.type != "paragraph_open" or inline.type != "inline" or closing.type != "paragraph_close":
            continue
        parts = [c for c in inline.children or () if not (c.type in ("text", "softbreak") and not c.content.strip())]
        if len(parts) != 1 or parts[0].type != "image":
            continue
        image = parts[0]
        title = str(image.attrs.get("title") or "")
        if title or _playable(str(image.attrs.get("src", ""))):
            opening.tag = closing.tag = "figure"
            image.meta["figure"] = title


def plain_text(rendered: str) -> str:
    """Rendered HTML as one line of text: blocks end in a space, inline markup just goes."""
    spaced = _BLOCK_TAGS.sub(" ", rendered)
    return _collapsed(html.unescape(_TAGS.sub("", spaced)))


def _collapsed(text: str) -> str:
    """``text`` with each run of whitespace one space, none at either end."""
    # str.split() splits where re's \s matches (both ask Py_UNICODE_ISSPACE), in one C call
    # rather than a regex pass (a 500-question course has thousands of text fields).
    return " ".join(text.split())


def _without_source_lines(ctx: RenderContext) -> RenderContext:
    # Text fields live in YAML: their lines are not file lines, so column lookups would be wrong.
    return dataclasses.replace(ctx, lines=[])


def _sanitise(rendered: str) -> str:
    return _sanitiser().clean(rendered)


@cache
def _sanitiser() -> nh3.Cleaner:
    # One cleaner for the process: nh3.clean would convert these allow-lists into a new
    # sanitiser for each of a module's hundreds of blocks, which costs twice the cleaning.
    return nh3.Cleaner(
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        tag_attribute_values=_ALLOWED_ATTRIBUTE_VALUES,
        # No data: URLs: a data: document or SVG carries whatever markup it likes.
        url_schemes={"http", "https", "mailto", "tel"},
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        attribute_filter=_attribute_filter,
    )


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and not _FOOTNOTE_ID.fullmatch(value):
        return None
    return value


def _column_of(needle: str, line: int, ctx: RenderContext, block: Token) -> Span:
    """Where an inline construct sits inside its block, for a precise position (else its block's line)."""
    if block.map and ctx.lines:
        for row in range(block.map[0], min(block.map[1], len(ctx.lines))):
            found = ctx.lines[row].find(needle)
            if found >= 0:
                return Span(row + 1, found + 1)
    return Span(line)


def _check_html(token: Token, line: int, ctx: RenderContext) -> None:
    if _HTML_COMMENTS.fullmatch(token.content):
        return
    if not ctx.allow_html:
        ctx.report.error(
            "E304",
            t("raw HTML is not allowed in a module"),
            at=Span(line),
            hint=t("use Markdown, or set 'allow_html: true' in the front matter"),
        )
        return
    remote = _remote_in_html(token.content)
    if remote:
        ctx.report.error(
            "E305",
            t("raw HTML {element}: a package never loads anything from outside it", element=remote),
            at=Span(line),
            hint=t("download the file into the module folder and refer to it there"),
        )
    unsafe = _unsafe_html(token.content)
    if unsafe:
        ctx.report.warning("W301", t("unsafe HTML ({what}) will be removed", what=unsafe), at=Span(line))
    _check_html_media(token, line, ctx)


def _check_html_media(token: Token, line: int, ctx: RenderContext) -> None:
    """Media in raw HTML are held to the rules of Markdown ones, and copied into the package."""
    for name, attributes in _tags(token.content):
        for attribute, value in attributes:
            if name in _MEDIA_TAGS and attribute in ("src", "poster") and classify_url(value) == "local":
                _check_local_file(value, Span(line), ctx, what=f"<{name} {attribute}>")


def _tags(content: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """Each start tag of ``content``: its name and its attributes, values decoded as a browser does."""
    for tag in _START_TAG.finditer(content):
        attributes = [
            (match.group(1).lower(), html.unescape(next((g for g in match.groups()[1:] if g is not None), "")))
            for match in _ATTRIBUTE.finditer(tag.group(2))
        ]
        yield tag.group(1).lower(), attributes


def _unsafe_html(content: str) -> Message | None:
    """What the sanitiser will take out of raw HTML, said to the author, or None."""
    for name, attributes in _tags(content):
        if name in _ACTIVE_TAGS:
            return t("a <{element}> element", element=name)
        for attribute, value in attributes:
            if attribute.startswith("on"):
                return t("the event handler {attribute}", attribute=attribute)
            if attribute == "target" and value.strip().lower() != "_blank":
                return t('target="{value}": a link may only open a new tab', value=_shown(value))
            kind = classify_url(value) if attribute in _URL_ATTRIBUTES else None
            if kind == "script":
                return t("a script URL")
            if kind == "data":
                return t("a data: URL")
    return None


def _remote_in_html(content: str) -> str | None:
    """``<img src> 'https://…'`` for the first attribute that would load from the network."""
    for name, attributes in _tags(content):
        if name in _ACTIVE_TAGS:
            continue  # removed whole by the sanitiser: it loads nothing (W301 says so)
        for attribute, value in attributes:
            if attribute not in _LOAD_ATTRIBUTES and not (attribute == "href" and name != "a"):
                continue
            for candidate in value.split(",") if attribute == "srcset" else [value]:
                if classify_url(candidate.strip().split(" ")[0] if attribute == "srcset" else candidate) == "remote":
                    return f"<{name} {attribute}> '{_shown(browser_form(candidate))}'"
    return None


_URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "srcset",
        "action",
        "formaction",
        "poster",
        "data",
        "background",
        "xlink:href",
        "cite",
        "longdesc",
        "usemap",
    }
)
# Attributes whose URL the browser fetches on its own, without the learner's click.
_LOAD_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "xlink:href"})
_MEDIA_TAGS = frozenset({"img", "video", "audio", "source", "track"})
_ACTIVE_TAGS = frozenset(
    {"script", "iframe", "frame", "object", "embed", "svg", "math", "base", "meta", "link", "form", "style"}
)


def _check_callout(token: Token, line: int, ctx: RenderContext) -> None:
    kind = token.info.strip()
    if canonical_name(kind, CALLOUT_KINDS, CALLOUT_ALIASES) is None:
        ctx.report.error(
            "E306",
            t("unknown call-out '{kind}': expected one of {kinds}", kind=kind, kinds=", ".join(CALLOUT_KINDS)),
            at=Span(line),
            hint=name_hint(kind, CALLOUT_KINDS, CALLOUT_ALIASES),
        )


def _check_image(image: Token, block: Token, line: int, ctx: RenderContext) -> None:
    src = str(image.attrs.get("src", ""))
    at = _column_of(f"]({image.attrs.get('src', '')}", line, ctx, block)
    # Point at the '![' that opens the image, not at its ']('.
    bang = ctx.lines[at.line - 1].rfind("![", 0, at.column) if ctx.lines and at.line <= len(ctx.lines) else -1
    at = Span(at.line, bang + 1) if bang >= 0 else at
    if not image.content.strip():
        ctx.report.error(
            "E301",
            t("image without alt text: describe it for learners who cannot see it"),
            at=at,
            hint=t("write ![what the image shows](path)"),
        )
    playable = _playable(src)
    _check_local_file(src, at, ctx, what="audio or video" if playable else "image")
    if playable and classify_url(src) == "local":
        _check_captions(image, src, playable, at, ctx)


def _check_captions(image: Token, src: str, playable: tuple[str, str], at: Span, ctx: RenderContext) -> None:
    """Audio and video need what a learner who cannot hear them reads instead: captions (WebVTT)
    with the same name, ``intro.vtt`` for ``intro.mp4``, or a transcript ``intro.txt``."""
    path = urlsplit(browser_form(src)).path
    try:
        if (ctx.module_dir / unquote(path)).resolve().relative_to(ctx.root).as_posix() not in ctx.assets:
            return  # refused (E302, E303, E309…): said already
    except (OSError, ValueError, RuntimeError):
        return
    found: dict[str, str] = {}
    for extension, role in (("vtt", t("captions")), ("txt", t("transcript"))):
        sibling = re.sub(r"\.[^./]*$", "." + extension, path)
        try:
            target = (ctx.module_dir / unquote(sibling)).resolve()
            exists = target.is_relative_to(ctx.root) and target.is_file()
        except (OSError, ValueError, RuntimeError):
            exists = False
        if not exists:
            continue
        refused = file_problem(target)
        if refused is not None:
            ctx.report.error(
                "E309", t("{role} '{target}': {problem}", role=role, target=_shown(sibling), problem=refused), at=at
            )
            continue
        ctx.assets.add(target.relative_to(ctx.root).as_posix())
        found["captions" if extension == "vtt" else "transcript"] = sibling
    if not found:
        base = re.sub(r"\.[^./]*$", "", _shown(unquote(path)))
        ctx.report.error(
            "E312",
            t("video '{target}' has neither captions nor a transcript", target=_shown(src))
            if playable[0] == "video"
            else t("audio '{target}' has neither captions nor a transcript", target=_shown(src)),
            at=at,
            hint=t("add captions {base}.vtt (WebVTT) or a transcript {base}.txt next to it", base=base),
        )
    image.meta["media"] = found


def _check_link(link: Token, block: Token, line: int, ctx: RenderContext) -> None:
    href = str(link.attrs.get("href", ""))
    if classify_url(href) in ("fragment", "remote", "contact", "empty"):
        return
    found = _column_of(f"]({href}", line, ctx, block)
    _check_local_file(href, Span(found.line, found.column + 1), ctx, what="link")  # at the '('


_NOUNS = {"image": t("image"), "link": t("link"), "audio or video": t("audio or video file")}


def _check_local_file(src: str, at: Span, ctx: RenderContext, *, what: str) -> None:
    kind = classify_url(src)
    shown = _shown(src)
    # The noun goes with its article in French ("l'image", "le lien").
    noun = _NOUNS[what] if what in _NOUNS else t("the element {tag}", tag=what)
    if kind == "remote":
        ctx.report.error(
            "E305",
            t("remote image '{target}': a package never loads anything from outside it", target=shown)
            if what == "image"
            else t("remote link '{target}': a package never loads anything from outside it", target=shown)
            if what == "link"
            else t("remote {what} '{target}': a package never loads anything from outside it", what=noun, target=shown),
            at=at,
            hint=t("download the file into the module folder and link to it there"),
        )
        return
    if kind in ("empty", "fragment"):
        return
    scheme = browser_form(src).split(":", 1)[0].lower()
    if kind == "other" and len(scheme) == 1:
        ctx.report.error(
            "E310",
            t(
                "{what} '{target}' is an absolute Windows path: a package only holds files given relative to the module",
                what=noun,
                target=shown,
            ),
            at=at,
            hint=t("write the path from the module's folder, such as media/schema.png"),
        )
        return
    if kind != "local":
        ctx.report.error(
            "E305",
            t("{what} '{target}' uses the unsupported scheme '{scheme}:'", what=noun, target=shown, scheme=scheme),
            at=at,
            hint=t("link to a file inside the module folder, or to an http(s) page"),
        )
        return
    relative = unquote(urlsplit(browser_form(src)).path)
    if not relative:
        return
    problem = path_problem(relative)
    if problem is not None:
        ctx.report.error(
            "E310",
            t("{what} '{target}' {problem}", what=noun, target=shown, problem=problem),
            at=at,
            hint=t("name media with letters, digits, '-', '_' and '.', in folders separated by '/'"),
        )
        return
    try:
        target = (ctx.module_dir / relative).resolve()
        inside = target.is_relative_to(ctx.root)
        exists = inside and target.is_file()
    except (OSError, ValueError, RuntimeError) as exc:
        # A symlink loop, a name the file system refuses: the author's path, not our crash.
        reason = getattr(exc, "strerror", None) or str(exc)
        ctx.report.error(
            "E310", t("{what} '{target}' cannot be opened: {reason}", what=noun, target=shown, reason=reason), at=at
        )
        return
    if not inside:
        ctx.report.error(
            "E303",
            t("{what} '{target}' points outside the module folder", what=noun, target=shown),
            at=at,
            hint=t("keep media inside the module's folder"),
        )
    elif not exists:
        ctx.report.error("E302", t("{what} '{target}': file not found", what=noun, target=shown), at=at)
    elif (refused := file_problem(target)) is not None:
        ctx.report.error(
            "E309",
            t("{what} '{target}': {problem}", what=noun, target=shown, problem=refused),
            at=at,
            hint=t(
                "a package carries images (png, jpg, gif, webp, avif, svg without script), audio, video, "
                "captions (vtt), pdf, txt and csv; put a web page on a web site and link to it there"
            ),
        )
    else:
        ctx.assets.add(target.relative_to(ctx.root).as_posix())


def _shown(src: str) -> str:
    """``src`` fit to quote in a one-line message: no control characters, not a page long."""
    text = re.sub(r"[\x00-\x1f\x7f-\x9f]", "?", src)
    return text if len(text) <= 80 else text[:77] + "..."


def _render_callout(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</aside>\n"
    ctx: RenderContext | None = env.get("ctx") if isinstance(env, dict) else None
    safe_kind = canonical_name(token.info.strip(), CALLOUT_KINDS, CALLOUT_ALIASES) or "note"
    labels = CALLOUT_KINDS[safe_kind]
    label = labels.get((ctx.lang if ctx else "fr")[:2], labels["en"])
    return f'<aside class="callout callout-{safe_kind}" role="note"><p class="callout-title">{html.escape(label)}</p>\n'


def _word(key: str, env: Any) -> str:
    ctx: RenderContext | None = env.get("ctx") if isinstance(env, dict) else None
    words = _CONTENT_WORDS[key]
    return words.get((ctx.lang if ctx else "fr")[:2], words["en"])


def _render_image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    image = tokens[idx]
    src = str(image.attrs.get("src", ""))
    caption = image.meta.get("figure")
    alt = html.escape(self.renderInlineAsText(image.children or [], options, env))
    playable = _playable(src)
    if playable is None:
        if caption:
            image.attrs.pop("title", None)
        shown = str(self.image(tokens, idx, options, env))
    else:
        element, mime = playable
        media: dict[str, str] = image.meta.get("media") or {}
        track = ""
        if "captions" in media:
            track = (
                f'<track kind="captions" src="{html.escape(media["captions"])}" '
                f'srclang="{html.escape((env["ctx"].lang if "ctx" in env else "fr")[:2])}" '
                f'label="{html.escape(_word("captions", env))}" default>'
            )
        shown = (
            f'<{element} controls preload="metadata" aria-label="{alt}">'
            f'<source src="{html.escape(src)}" type="{mime}">{track}{alt}</{element}>'
        )
        # Audio captions are not shown by browsers: their text is the transcript then.
        transcript = media.get("transcript") or (media.get("captions") if element == "audio" else None)
        if transcript:
            shown += (
                f' <a class="transcript" href="{html.escape(transcript)}">{html.escape(_word("transcript", env))}</a>'
            )
    if caption:
        shown += f"<figcaption>{html.escape(caption)}</figcaption>"
    return shown


def _render_footnote_anchor(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    ident = str(self.rules["footnote_anchor_name"](tokens, idx, options, env))
    if tokens[idx].meta.get("subId", -1) > 0:
        ident += f":{tokens[idx].meta['subId']}"
    label = html.escape(_word("back", env))
    return f' <a href="#fnref{ident}" class="footnote-backref" aria-label="{label}">\u21a9\ufe0e</a>'


def _render_footnote_block_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # Numbers run through the module: a page's list starts at its first note's number.
    first = next((t for t in tokens[idx:] if t.type == "footnote_open"), None)
    start = int(first.meta["id"]) + 1 if first is not None else 1
    attribute = f' start="{start}"' if start > 1 else ""
    return f'<hr class="footnotes-sep">\n<section class="footnotes">\n<ol class="footnotes-list"{attribute}>\n'


def _render_link_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if classify_url(str(token.attrs.get("href", ""))) == "remote":
        token.attrSet("target", "_blank")
    return str(self.renderToken(tokens, idx, options, env))


def _render_table_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    # Wide tables scroll inside their own box on a phone instead of widening the page.
    return '<div class="table-wrap" tabindex="0">' + str(self.renderToken(tokens, idx, options, env))


def _render_table_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


def _render_raw_html(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    ctx: RenderContext | None = env.get("ctx") if isinstance(env, dict) else None
    content = tokens[idx].content
    if _HTML_COMMENTS.fullmatch(content):
        return ""
    return content if ctx is not None and ctx.allow_html else html.escape(content)


@cache
def rendering_parser() -> MarkdownIt:
    """A parser of the same syntax whose renderer applies our rules (call-outs, links, tables,
    raw HTML); built here so that the syntax layer's shared parser is never patched."""
    md = new_markdown_parser()
    renderer: Any = md.renderer
    renderer.rules[f"container_{CALLOUT}_open"] = _render_callout.__get__(renderer)
    renderer.rules[f"container_{CALLOUT}_close"] = _render_callout.__get__(renderer)
    renderer.rules["link_open"] = _render_link_open.__get__(renderer)
    renderer.rules["table_open"] = _render_table_open.__get__(renderer)
    renderer.rules["table_close"] = _render_table_close.__get__(renderer)
    renderer.rules["html_block"] = _render_raw_html.__get__(renderer)
    renderer.rules["html_inline"] = _render_raw_html.__get__(renderer)
    renderer.rules["image"] = _render_image.__get__(renderer)
    renderer.rules["footnote_anchor"] = _render_footnote_anchor.__get__(renderer)
    renderer.rules["footnote_block_open"] = _render_footnote_block_open.__get__(renderer)
    return md
