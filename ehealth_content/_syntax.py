"""The syntax layer: front matter, page headings, quiz blocks and content tokens, with positions.

Nothing here knows what a question means. Lines are 0-based. The front matter is replaced by
blank lines before markdown-it sees the body, so token line numbers are file line numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from ._report import Reporter

__all__ = [
    "FrontMatterText",
    "QuizBlock",
    "PageSyntax",
    "ModuleSyntax",
    "markdown_parser",
    "parse_syntax",
    "CALLOUT",
    "CASE",
    "token_line",
]

CALLOUT = "callout"
CASE = "case"
_FENCE_LINE = re.compile(r"^---[ \t]*$")
_PAGE_ID_SUFFIX = re.compile(r"\s*\{#([^}]*)\}\s*$")
_CALLOUT_PARAMS = re.compile(r"^\s*([A-Za-z][\w-]*)?\s*$")


@dataclass(frozen=True, slots=True)
class FrontMatterText:
    text: str
    first_line: int
    """Line of the first YAML line (the one after the opening ``---``)."""


@dataclass(frozen=True, slots=True)
class QuizBlock:
    text: str
    line: int
    """Line of the opening fence."""
    column: int
    """Indentation of the opening fence: YAML columns are offset by it."""
    end_line: int
    """Line of the closing fence (a fence's map includes it)."""


@dataclass(slots=True)
class PageSyntax:
    title: str
    explicit_id: str | None
    line: int
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
            "missing front matter: a module starts with '---', YAML, then '---'",
            0,
            0,
            hint="add id, title and version between two '---' lines at the top",
        )
        return None, text
    for end in range(1, len(lines)):
        if _FENCE_LINE.match(lines[end]) or lines[end].rstrip() == "...":
            front = FrontMatterText("\n".join(lines[1:end]), first_line=1)
            body = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
            return front, body
    report.error("E102", "front matter not closed: no '---' line after the YAML", 0, 0)
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
            pages.append(PageSyntax(title, explicit_id, token_line(token)))
            index += 3
            continue
        if pages:
            pages[-1].tokens.append(token)
        else:
            report.error(
                "E201",
                "content before the first page: start the body with a '# Title' heading",
                token_line(token),
                0,
            )
            # One diagnostic is enough: skip to the next top-level block.
            index = _skip_block(tokens, index)
            continue
        _check_closed(token, lines, report)
        index += 1
    return ModuleSyntax(front, pages, lines)


def quiz_block(token: Token, lines: list[str]) -> QuizBlock | None:
    if token.type != "fence" or token.info.strip() != "quiz":
        return None
    line = token_line(token)
    text = lines[line] if line < len(lines) else ""
    end = token.map[1] - 1 if token.map else line
    return QuizBlock(token.content, line, len(text) - len(text.lstrip(" ")), end)


def _heading_text(content: str) -> tuple[str, str | None]:
    match = _PAGE_ID_SUFFIX.search(content)
    if match is None:
        return content.strip(), None
    return content[: match.start()].strip(), match.group(1).strip()


def token_line(token: Token) -> int:
    """0-based first line of a token (0 for the few tokens without a map)."""
    return token.map[0] if token.map else 0


def _skip_block(tokens: list[Token], index: int) -> int:
    depth = 0
    while index < len(tokens):
        depth += tokens[index].nesting
        index += 1
        if depth <= 0:
            return index
    return index


def _check_closed(token: Token, lines: list[str], report: Reporter) -> None:
    """markdown-it closes an unterminated fence or call-out at the end of the file; we report it."""
    if token.map is None or token.nesting == -1:
        return
    last = lines[token.map[1] - 1].strip() if token.map[1] - 1 < len(lines) else ""
    if token.type == "fence":
        marker = token.markup
        closed = token.map[1] - token.map[0] >= 2 and last.startswith(marker) and set(last) <= {marker[0]}
        if not closed:
            token.meta["unclosed"] = True
            what = "quiz block" if token.info.strip() == "quiz" else "code block"
            report.error(
                "E410" if what == "quiz block" else "E308",
                f"{what} not closed: no closing '{marker}' line",
                token_line(token),
                0,
            )
    elif token.type in (f"container_{CALLOUT}_open", f"container_{CASE}_open"):
        # Unlike a fence's, a container's map stops before its closing line.
        closing = lines[token.map[1]].strip() if token.map[1] < len(lines) else ""
        if not re.fullmatch(r":{3,}", closing):
            if token.type == f"container_{CASE}_open":
                report.error("E441", "case not closed: no closing ':::' line", token_line(token), 0)
            else:
                report.error("E307", "call-out not closed: no closing ':::' line", token_line(token), 0)
