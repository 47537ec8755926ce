"""Loading modules: the driver that runs the stages below in order and gathers diagnostics.

read bytes → split front matter → markdown-it tokens → pages → content + questions
→ module-wide rules (unique ids, pools)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from markdown_it.token import Token

from ._fields import SLUG, slugify
from ._render import RenderContext, check_tokens, plain_text, render_tokens, rendering_parser
from ._report import Reporter
from ._source import SourceText, decode_source, read_source
from ._syntax import CASE, PageSyntax, parse_syntax, quiz_block, split_front_matter, token_first_line
from ._text import character_phrase, forbidden_character_positions
from ._yaml import load_yaml
from .cases import parse_case
from .diagnostics import Diagnostic, ModuleError, did_you_mean, has_errors
from .framework import SOCLE
from .front_matter import FrontMatter, parse_front_matter
from .i18n import Message, t
from .model import Case, Content, Module, Page, PageBlock, Pool, Question, Span
from .project import FrameworkResolver
from .questions import QuestionContext, claimed_pool, parse_question

__all__ = ["load_module", "load_text", "check", "iter_diagnostics", "find_module_files", "declared_lang"]


def load_module(
    path: str | Path, *, today: datetime.date | None = None, display_path: str | None = None
) -> tuple[Module | None, list[Diagnostic]]:
    """Load one module file: the model (None if it has errors) and every diagnostic, sorted.

    Parameters:
        path: the Markdown file.
        today: the date ``review_by`` is compared with (default: today).
        display_path: how diagnostics name the file (default: ``path`` as given).
    """
    path = Path(path)
    report = Reporter(display_path or str(path))
    source = read_source(path, report)
    module = _load(source, report, today) if source is not None else None
    return (None if has_errors(report.diagnostics) else module), report.sorted


def load_text(
    text: str | bytes, path: str | Path = "module.md", *, today: datetime.date | None = None
) -> tuple[Module | None, list[Diagnostic]]:
    """Load a module from memory; media paths are resolved against ``path``'s folder."""
    path = Path(path)
    report = Reporter(str(path))
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    source = decode_source(path, data, report)
    module = _load(source, report, today) if source is not None else None
    return (None if has_errors(report.diagnostics) else module), report.sorted


def iter_diagnostics(paths: Iterable[str | Path], *, today: datetime.date | None = None) -> Iterator[Diagnostic]:
    """Every diagnostic of every module file under ``paths``."""
    for file in find_module_files(paths):
        yield from load_module(file, today=today)[1]


def check(path: str | Path, *, today: datetime.date | None = None) -> Module:
    """Load a module or raise :class:`ModuleError` carrying every error at once."""
    module, diagnostics = load_module(path, today=today)
    if module is None:
        raise ModuleError([d for d in diagnostics if d.severity == "error"])
    return module


def find_module_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; folders searched for ``*.md`` files that start with front matter.

    A folder where no Markdown file starts with front matter gives all its Markdown files: one
    of them is a module that lost its front matter, and its E101 says so better than "no module".
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            markdown = [p for p in sorted(path.rglob("*.md")) if p.is_file()]
            modules = [p for p in markdown if _starts_with_front_matter(p)]
            found.extend(modules or markdown)
        else:
            found.append(path)
    return found


def declared_lang(path: str | Path) -> str | None:
    """The ``lang`` a module's front matter declares, as written, or None (no front matter, no
    ``lang``, a file that cannot be read): what its diagnostics are shown in by default."""
    report = Reporter(str(path))
    source = read_source(Path(path), report)
    if source is None:
        return None
    front, _ = split_front_matter(source.text, report)
    if front is None:
        return None
    doc, _ = load_yaml(front.text)
    data = doc.value if doc is not None else None
    lang = data.get("lang") if isinstance(data, dict) else None
    return lang if isinstance(lang, str) else None


def _starts_with_front_matter(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"---")


# Past this many lines, more of the same only buries the other diagnostics.
_MAX_CHARACTER_REPORTS = 20


def _load(source: SourceText, report: Reporter, today: datetime.date | None) -> Module | None:
    _check_characters(source.text, report)
    _check_placeholders(source.text, report)
    syntax = parse_syntax(source.text, report)
    frameworks = FrameworkResolver(source.path, report.file, report)
    if syntax.front_matter is not None:
        front = parse_front_matter(
            syntax.front_matter, report, today=today or datetime.date.today(), frameworks=frameworks
        )
    else:
        front = FrontMatter(framework=frameworks(None, None))
    ctx = RenderContext(source.path.parent, front.allow_html, front.lang, report, syntax.lines)
    broken_members: list[str] = []
    pages = _pages(syntax.pages, front, ctx, broken_members)
    if not syntax.pages and syntax.readable:
        report.error(
            "E203",
            t("a module needs at least one page: a '# Title' heading"),
            at=Span(len(syntax.lines) or 1),  # the last line
        )
    questions = [q for page in pages for q in page.questions]
    _check_unique_ids(questions, "E406", _question_id_taken, report)
    _check_unique_ids([case for page in pages for case in page.cases], "E440", _case_id_taken, report)
    pools = _pools(front, questions, broken_members, report)
    if front.id is None or front.title is None or front.version is None:
        return None
    return Module(
        id=front.id,
        title=front.title,
        version=front.version,
        lang=front.lang,
        description=front.description,
        duration_minutes=front.duration_minutes,
        domain=front.domain,
        competencies=front.competencies,
        mastery_score=front.mastery_score,
        pools=pools,
        authors=front.authors,
        reviewers=front.reviewers,
        references=front.references,
        review_by=front.review_by,
        license=front.license,
        allow_html=front.allow_html,
        framework=front.framework or SOCLE,
        pages=tuple(pages),
        source_path=source.path,
        assets=tuple(sorted(ctx.assets)),
    )


def _check_characters(text: str, report: Reporter) -> None:
    for line, column, character in forbidden_character_positions(text)[:_MAX_CHARACTER_REPORTS]:
        report.error(
            "E311",
            t("{character} is not allowed in a module", character=character_phrase(character)),
            at=Span(line, column),
            hint=t("delete it: most editors do not show it, and it often comes from a copy and paste"),
        )


def _check_placeholders(text: str, report: Reporter) -> None:
    from .scaffold import find_placeholders  # here: only ehealth new needs the rest of it

    for at, placeholder in find_placeholders(text):
        report.warning(
            "W002",
            t("'{text}' is text from the 'ehealth new' template", text=placeholder),
            at=at,
            hint=t("replace it with your own"),
        )


def _pages(pages: list[PageSyntax], front: FrontMatter, ctx: RenderContext, broken_members: list[str]) -> list[Page]:
    result: list[Page] = []
    first_line: dict[str, int] = {}
    for page in pages:
        # Headings may carry emphasis or code; a page title is shown and reported as plain text.
        page.title = plain_text(rendering_parser().renderInline(page.title))
        page_id = _page_id(page, ctx.report)
        if page_id in first_line:
            ctx.report.error(
                "E202",
                t("page id '{id}' is already used by the page at line {line}", id=page_id, line=first_line[page_id]),
                at=Span(page.heading_line),
                hint=t("give one of them an explicit id: # Title {{#other-id}}"),
                related=((Span(first_line[page_id]), t("first used here")),),
            )
        first_line.setdefault(page_id, page.heading_line)
        pools = frozenset(front.pools) if front.readable else None
        question_ctx = QuestionContext(
            page_id, pools, front.domain, ctx, front.framework, scoring=front.scoring, expect=front.expect
        )
        blocks = _page_blocks(page, question_ctx, broken_members)
        result.append(Page(page_id, page.title, tuple(blocks), Span(page.heading_line, 1, _last_line(page))))
    return result


def _last_line(page: PageSyntax) -> int:
    """1-based last line of a page's own content (its heading when it has none)."""
    # map[1] is the 0-based row after a token, so the 1-based number of its last line.
    return max((t.map[1] for t in page.tokens if t.map), default=page.heading_line)


def _page_id(page: PageSyntax, report: Reporter) -> str:
    if page.explicit_id is not None:
        if not SLUG.fullmatch(page.explicit_id) or len(page.explicit_id) > 64:
            report.error(
                "E204",
                t("page id '{id}' is not valid: lowercase letters, digits and '-'", id=page.explicit_id),
                at=Span(page.heading_line),
                hint=t("try {{#{slug}}}", slug=slugify(page.explicit_id)) if slugify(page.explicit_id) else None,
            )
        return page.explicit_id
    page_id = slugify(page.title)
    if not page_id:
        report.error(
            "E204",
            t("the title '{title}' gives no page id", title=page.title),
            at=Span(page.heading_line),
            hint=t("add an explicit id: # Title {{#page-id}}"),
        )
    return page_id or f"page-{page.heading_line}"


def _page_blocks(page: PageSyntax, ctx: QuestionContext, broken_members: list[str]) -> list[PageBlock]:
    """The page's content, questions and cases; the pools of questions that could not be built
    go to ``broken_members``."""
    return _blocks(page.tokens, ctx, 0, broken_members)


def _blocks(tokens: list[Token], ctx: QuestionContext, level: int, broken_members: list[str]) -> list[PageBlock]:
    """Content, questions and (at a page's top level) cases of ``tokens``, whose quiz blocks
    sit at ``level`` (0 on a page, 1 in a case's step)."""
    blocks: list[PageBlock] = []
    pending: list[Token] = []

    def flush() -> None:
        if pending:
            check_tokens(pending, ctx.render)
            line = next((token_first_line(t) for t in pending if t.map), token_first_line(tokens[0]) if tokens else 1)
            end = max((t.map[1] for t in pending if t.map), default=line)
            blocks.append(Content(render_tokens(pending, ctx.render), Span(line, 1, end)))
            pending.clear()

    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.type == f"container_{CASE}_open":
            end = _container_end(tokens, index - 1)
            if token.level == 0 == level:
                flush()
                case = parse_case(tokens[index - 1 : end], ctx, _step_blocks)
                if case is not None:
                    blocks.append(case)
            else:
                ctx.render.report.error(
                    "E442",
                    t("a case must sit at the top level of a page, not inside a case, list, quote or call-out"),
                    at=Span(token_first_line(token)),
                )
            index = end
            continue
        block = quiz_block(token, ctx.render.lines)
        if block is None:
            _check_near_quiz(token, ctx.render.report)
            pending.append(token)
            continue
        if token.level != level:
            ctx.render.report.error(
                "E411",
                t("a quiz block must sit at the top level of a page, not inside a list, quote or call-out"),
                at=block.fence,
            )
            continue
        flush()
        if token.meta.get("unclosed"):
            continue
        question = parse_question(block, ctx)
        if question is not None:
            blocks.append(question)
        elif (pool := claimed_pool(block)) is not None:
            broken_members.append(pool)
    flush()
    return blocks


def _step_blocks(tokens: list[Token], ctx: QuestionContext, level: int) -> list[Content | Question]:
    # No question of a case is in a pool (E444): its broken members concern no pool.
    return [b for b in _blocks(tokens, ctx, level, []) if not isinstance(b, Case)]


def _container_end(tokens: list[Token], start: int) -> int:
    """The index after the token that closes the container opened at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index + 1
    return len(tokens)


def _check_near_quiz(token: Token, report: Reporter) -> None:
    """A fence labelled ``Quiz`` or ``quizz`` is shown as code: the question would vanish unseen."""
    if token.type != "fence" or not token.info.strip():
        return
    label = token.info.split()[0]
    if label != "quiz" and did_you_mean(label.lower(), ["quiz"]):
        report.warning(
            "W403",
            t("code block '{label}' is shown as code, not as a question", label=label),
            at=Span(token_first_line(token)),
            hint=did_you_mean(label.lower(), ["quiz"]),
        )


def _check_unique_ids(
    items: Sequence[Question | Case], code: str, already: Callable[[str, int], Message], report: Reporter
) -> None:
    """Each id once: a second use is an error at it, pointing back at the first."""
    first: dict[str, Question | Case] = {}
    for item in items:
        if item.id in first:
            earlier = first[item.id].span.line
            report.error(
                code, already(item.id, earlier), at=item.span, related=((Span(earlier), t("first used here")),)
            )
        else:
            first[item.id] = item


def _question_id_taken(ident: str, line: int) -> Message:
    return t("question id '{id}' is already used by the question at line {line}", id=ident, line=line)


def _case_id_taken(ident: str, line: int) -> Message:
    return t("case id '{id}' is already used by the case at line {line}", id=ident, line=line)


def _pools(
    front: FrontMatter, questions: list[Question], broken_members: list[str], report: Reporter
) -> tuple[Pool, ...]:
    pools = []
    for name, declaration in front.pools.items():
        members = tuple(q.id for q in questions if q.pool == name)
        # A question with errors is still there: the pool is short only if the author must add one.
        present = len(members) + broken_members.count(name)
        if declaration.pick > present:
            report.error(
                "E414",
                t(
                    "pool '{name}' picks {pick} questions but has {count}",
                    name=name,
                    pick=declaration.pick,
                    count=present,
                ),
                at=declaration.at,
            )
        pools.append(Pool(name, declaration.pick, members, declaration.at))
    return tuple(pools)
