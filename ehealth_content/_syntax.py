"""The syntax layer: front matter, page headings, quiz blocks and content tokens, with positions.

Nothing here knows what a question means. Lines and columns are 1-based, as printed; only
indexes into ``lines`` and markdown-it's ``token.map`` rows are 0-based. The front matter is
replaced by blank lines before markdown-it sees the body, so token rows are file rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin

from ._report import Reporter
from .i18n import t
from .model import Span

__all__ = [
    "FrontMatterText",
    "QuizBlock",
    "PageSyntax",
    "ModuleSyntax",
    "markdown_parser",
    "parse_syntax",
    "split_front_matter",
    "CALLOUT",
    "CASE",
    "token_first_line",
]

CALLOUT = "callout"
CASE = "case"
_FENCE_LINE = re.compile(r"^---[ \t]*$")
_PAGE_ID_SUFFIX = re.compile(r"\s*\{#([^}]*)\}\s*$")
_CALLOUT_PARAMS = re.compile(r"^\s*([A-Za-z][\w-]*)?\s*$")


@dataclass(frozen=True, slots=True)
class FrontMatterText:
    text: str
    yaml_line: int
    """1-based line of the first YAML line (the one after the opening ``---``)."""


@dataclass(frozen=True, slots=True)
class QuizBlock:
    text: str
    fence_line: int
    """1-based line of the opening fence."""
    indent: int
    """Spaces before the opening fence: YAML columns are offset by it."""
    closing_line: int
    """1-based line of the closing fence (a fence's map includes it)."""

    @property
    def fence(self) -> Span:
        """Where the opening fence starts."""
        return Span(self.fence_line, self.indent + 1)

    @property
    def yaml_origin(self) -> Span:
        """Where the YAML text starts: the line after the fence, at the fence's indentation."""
        return Span(self.fence_line + 1, self.indent + 1)


@dataclass(slots=True)
class PageSyntax:
    title: str
    explicit_id: str | None
    heading_line: int
    """1-based line of the heading."""
    tokens: list[Token] = field(default_factory=list)
    """The page's tokens after its heading, quiz fences included."""


@dataclass(slots=True)
class ModuleSyntax:
    front_matter: FrontMatterText | None
    pages: list[PageSyntax]
    lines: list[str]
    """The body's lines (front matter blanked), for rules that look at the raw text."""
    readable: bool = True
    """False when the body could not be told apart from the front matter."""


def _callout_validate(params: str, markup: str) -> bool:
    return bool(_CALLOUT_PARAMS.match(params))


def new_markdown_parser() -> MarkdownIt:
    """CommonMark + tables + strikethrough + call-outs; raw HTML parsed so that we can refuse it."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Before call-outs, which would otherwise take ``::: case`` for a call-out kind.
    md.use(container_plugin, name=CASE)
    md.use(container_plugin, name=CALLOUT, validate=_callout_validate)
    md.use(footnote_plugin)
    return md


@cache
def markdown_parser() -> MarkdownIt:
    """The syntax layer's parser, shared; rendering uses its own (``_render.rendering_parser``)."""
    return new_markdown_parser()


def split_front_matter(text: str, report: Reporter) -> tuple[FrontMatterText | None, str | None]:
    """The front matter and the body, with the front matter's lines blanked in the body.

    The body is None when the front matter never ends: everything after it is unreadable.
    """
    lines = text.split("\n")
    if not lines or not _FENCE_LINE.match(lines[0]):
        report.error(
            "E101",
            t("missing front matter: a module starts with '---', YAML, then '---'"),
            at=Span(1),
            hint=t("add id, title and version between two '---' lines at the top"),
        )
        return None, text
    for end in range(1, len(lines)):
        if _FENCE_LINE.match(lines[end]) or lines[end].rstrip() == "...":
            front = FrontMatterText("\n".join(lines[1:end]), yaml_line=2)
            body = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
            return front, body
    report.error("E102", t("front matter not closed: no '---' line after the YAML"), at=Span(1))
    return None, None


def parse_syntax(text: str, report: Reporter) -> ModuleSyntax:
    front, body = split_front_matter(text, report)
    if body is None:
        return ModuleSyntax(None, [], [], readable=False)
    lines = body.split("\n")
    tokens = markdown_parser().parse(body)
    pages: list[PageSyntax] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h1" and token.level == 0:
            title, explicit_id = _heading_text(tokens[index + 1].content)
            pages.append(PageSyntax(title, explicit_id, token_first_line(token)))
            index += 3
            continue
        if pages:
            pages[-1].tokens.append(token)
        else:
            report.error(
                "E201",
                t("content before the first page: start the body with a '# Title' heading"),
                at=Span(token_first_line(token)),
            )
            # One diagnostic is enough: skip to the next top-level block.
            index = _skip_block(tokens, index)
            continue
        _check_closed(token, lines, report)
        index += 1
    _check_callout_nesting(tokens, report)
    notes_on_their_pages(pages)
    return ModuleSyntax(front, pages, lines)


def _check_callout_nesting(tokens: list[Token], report: Reporter) -> None:
    """A call-out missing its ':::' takes the next call-out's as its own and silently holds it.

    The inner one then ends on the outer one's last line: nesting on purpose (``::::`` around
    ``:::``) gives each its own closing line.
    """
    open_callouts: list[Token] = []
    for token in tokens:
        if token.type == f"container_{CALLOUT}_close" and open_callouts:
            open_callouts.pop()
        elif token.type == f"container_{CALLOUT}_open":
            outer = open_callouts[-1] if open_callouts else None
            if outer is not None and outer.map and token.map and outer.map[1] == token.map[1]:
                if not outer.meta.get("unclosed"):
                    outer.meta["unclosed"] = True
                    report.warning(
                        "W307",
                        t(
                            "call-out '{kind}' is not closed before the call-out at line {line}, which it now holds",
                            kind=outer.info.strip(),
                            line=token.map[0] + 1,
                        ),
                        at=Span(token_first_line(outer)),
                        hint=t("add a ':::' line where this call-out ends"),
                    )
            open_callouts.append(token)


def notes_on_their_pages(pages: list[PageSyntax]) -> None:
    """markdown-it lists every footnote after the module's last token; each note goes to the
    end of the first page that calls it, where the learner reads it (numbers stay module-wide)."""
    if not pages:
        return
    last = pages[-1].tokens
    start = next((i for i, token in enumerate(last) if token.type == "footnote_block_open"), None)
    if start is None:
        return
    notes: dict[int, list[Token]] = {}
    current: list[Token] = []
    for token in last[start + 1 : -1]:
        if token.type == "footnote_open":
            current = notes.setdefault(int(token.meta["id"]), [])
        current.append(token)
    del last[start:]
    placed: set[int] = set()
    for page in pages:
        called = sorted(
            {
                int(child.meta["id"])
                for token in page.tokens
                for child in token.children or ()
                if child.type == "footnote_ref" and int(child.meta["id"]) not in placed
            }
        )
        if called:
            page.tokens.append(Token("footnote_block_open", "", 1))
            for note in called:
                page.tokens.extend(notes.get(note, []))
            page.tokens.append(Token("footnote_block_close", "", -1))
            placed.update(called)


def quiz_block(token: Token, lines: list[str]) -> QuizBlock | None:
    if token.type != "fence" or token.info.strip() != "quiz":
        return None
    line = token_first_line(token)
    text = lines[line - 1] if line <= len(lines) else ""
    # map[1] is the 0-based row after the closing fence, so the 1-based line of that fence.
    end = token.map[1] if token.map else line
    return QuizBlock(token.content, line, len(text) - len(text.lstrip(" ")), end)


def _heading_text(content: str) -> tuple[str, str | None]:
    match = _PAGE_ID_SUFFIX.search(content)
    if match is None:
        return content.strip(), None
    return content[: match.start()].strip(), match.group(1).strip()


def token_first_line(token: Token) -> int:
    """1-based first line of a token (1 for the few tokens without a map).

    The 0-based ``token_line`` it replaces is gone rather than changed, as are the 0-based
    ``line`` fields of the syntax records: code still written for them fails to import or to
    type-check instead of pointing one line off."""
    return token.map[0] + 1 if token.map else 1


def _skip_block(tokens: list[Token], index: int) -> int:
    depth = 0
    while index < len(tokens):
        depth += tokens[index].nesting
        index += 1
        if depth <= 0:
            return index
    return index


def _check_swallowed(token: Token, report: Reporter) -> None:
    """A quiz block whose closing line is missing ends at the next block's: say so at its start.

    A line that opens a fence (marker and a language, at the left margin) cannot be YAML, so
    the block ran on past where the author meant it to end.
    """
    marker = token.markup
    opens = re.compile(rf"({re.escape(marker[0])}{{{len(marker)},}})\s*(\S+)")
    for offset, text in enumerate(token.content.split("\n")):
        opener = opens.match(text) if text.startswith(marker) else None
        if opener:
            report.error(
                "E410",
                t(
                    "quiz block not closed: the '{opener}' line at line {line} opens another block inside it",
                    opener=f"{opener.group(1)}{opener.group(2)}",
                    line=token_first_line(token) + offset + 1,
                ),
                at=Span(token_first_line(token)),
                hint=t("end the question with a '{marker}' line", marker=marker),
            )
            token.meta["unclosed"] = True
            return


def _check_closed(token: Token, lines: list[str], report: Reporter) -> None:
    """markdown-it closes an unterminated fence or call-out at the end of the file; we report it."""
    if token.map is None or token.nesting == -1:
        return
    if token.type == "fence":
        last = lines[token.map[1] - 1].strip() if token.map[1] - 1 < len(lines) else ""
        marker = token.markup
        closed = token.map[1] - token.map[0] >= 2 and last.startswith(marker) and set(last) <= {marker[0]}
        if closed and token.info.strip() == "quiz":
            _check_swallowed(token, report)
        if not closed:
            token.meta["unclosed"] = True
            quiz = token.info.strip() == "quiz"
            report.error(
                "E410" if quiz else "E308",
                t("quiz block not closed: no closing '{marker}' line", marker=marker)
                if quiz
                else t("code block not closed: no closing '{marker}' line", marker=marker),
                at=Span(token_first_line(token)),
            )
    elif token.type in (f"container_{CALLOUT}_open", f"container_{CASE}_open"):
        # Unlike a fence's, a container's map stops before its closing line.
        closing = lines[token.map[1]].strip() if token.map[1] < len(lines) else ""
        if not re.fullmatch(r":{3,}", closing):
            if token.type == f"container_{CASE}_open":
                report.error("E441", t("case not closed: no closing ':::' line"), at=Span(token_first_line(token)))
            else:
                report.error("E307", t("call-out not closed: no closing ':::' line"), at=Span(token_first_line(token)))
