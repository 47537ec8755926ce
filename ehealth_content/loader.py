"""Loading modules: the driver that runs the stages below in order and gathers diagnostics.

read bytes → split front matter → markdown-it tokens → pages → content + questions
→ module-wide rules (unique ids, pools)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from pathlib import Path

from markdown_it.token import Token

from ._fields import SLUG, slugify
from ._render import RenderContext, check_tokens, plain_text, render_tokens, rendering_parser
from ._report import Reporter
from ._source import SourceText, decode_source, read_source
from ._syntax import CASE, PageSyntax, parse_syntax, quiz_block, token_line
from ._text import character_phrase, forbidden_characters
from .cases import parse_case
from .diagnostics import Diagnostic, ModuleError, did_you_mean, has_errors
from .framework import SOCLE
from .front_matter import FrontMatter, parse_front_matter
from .model import Case, Content, Module, Page, PageBlock, Pool, Question, Span
from .project import FrameworkResolver
from .questions import QuestionContext, parse_question

__all__ = ["load_module", "load_text", "check", "iter_diagnostics", "find_module_files"]


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
    """Files as given; folders searched for ``*.md`` files that start with front matter."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.md")) if p.is_file() and _starts_with_front_matter(p))
        else:
            found.append(path)
    return found


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
    syntax = parse_syntax(source.text, report)
    frameworks = FrameworkResolver(source.path, report.file, report)
    if syntax.front_matter is not None:
        front = parse_front_matter(
            syntax.front_matter, report, today=today or datetime.date.today(), frameworks=frameworks
        )
    else:
        front = FrontMatter(framework=frameworks(None, 0, 0))
    ctx = RenderContext(source.path.parent, front.allow_html, front.lang, report, syntax.lines)
    pages = _pages(syntax.pages, front, ctx)
    if not syntax.pages and syntax.readable:
        report.error(
            "E203",
            "a module needs at least one page: a '# Title' heading",
            len(syntax.lines) - 1 if syntax.lines else 0,
            0,
        )
    questions = [q for page in pages for q in page.questions]
    _check_unique_questions(questions, report)
    _check_unique_cases([case for page in pages for case in page.cases], report)
    pools = _pools(front, questions, report)
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
    for line, column, character in forbidden_characters(text)[:_MAX_CHARACTER_REPORTS]:
        report.error(
            "E311",
            f"{character_phrase(character)} is not allowed in a module",
            line,
            column,
            hint="delete it: most editors do not show it, and it often comes from a copy and paste",
        )


def _pages(pages: list[PageSyntax], front: FrontMatter, ctx: RenderContext) -> list[Page]:
    result: list[Page] = []
    first_line: dict[str, int] = {}
    for page in pages:
        # Headings may carry emphasis or code; a page title is shown and reported as plain text.
        page.title = plain_text(rendering_parser().renderInline(page.title))
        page_id = _page_id(page, ctx.report)
        if page_id in first_line:
            ctx.report.error(
                "E202",
                f"page id '{page_id}' is already used by the page at line {first_line[page_id] + 1}",
                page.line,
                0,
                hint="give one of them an explicit id: # Title {#other-id}",
                related=((first_line[page_id], 0, "first used here"),),
            )
        first_line.setdefault(page_id, page.line)
        question_ctx = QuestionContext(page_id, frozenset(front.pools), front.domain, ctx, front.framework)
        blocks = _page_blocks(page, question_ctx)
        result.append(Page(page_id, page.title, tuple(blocks), Span(page.line + 1, 1, _last_line(page))))
    return result


def _last_line(page: PageSyntax) -> int:
    """1-based last line of a page's own content (its heading when it has none)."""
    return max((t.map[1] for t in page.tokens if t.map), default=page.line + 1)


def _page_id(page: PageSyntax, report: Reporter) -> str:
    if page.explicit_id is not None:
        if not SLUG.fullmatch(page.explicit_id) or len(page.explicit_id) > 64:
            report.error(
                "E204",
                f"page id '{page.explicit_id}' is not valid: lowercase letters, digits and '-'",
                page.line,
                0,
                hint=f"try {{#{slugify(page.explicit_id)}}}" if slugify(page.explicit_id) else None,
            )
        return page.explicit_id
    page_id = slugify(page.title)
    if not page_id:
        report.error(
            "E204",
            f"the title '{page.title}' gives no page id",
            page.line,
            0,
            hint="add an explicit id: # Title {#page-id}",
        )
    return page_id or f"page-{page.line + 1}"


def _page_blocks(page: PageSyntax, ctx: QuestionContext) -> list[PageBlock]:
    return _blocks(page.tokens, ctx, 0)


def _blocks(tokens: list[Token], ctx: QuestionContext, level: int) -> list[PageBlock]:
    """Content, questions and (at a page's top level) cases of ``tokens``, whose quiz blocks
    sit at ``level`` (0 on a page, 1 in a case's step)."""
    blocks: list[PageBlock] = []
    pending: list[Token] = []

    def flush() -> None:
        if pending:
            check_tokens(pending, ctx.render)
            line = next((t.map[0] for t in pending if t.map), token_line(tokens[0]) if tokens else 0)
            end = max((t.map[1] for t in pending if t.map), default=line + 1)
            blocks.append(Content(render_tokens(pending, ctx.render), Span(line + 1, 1, end)))
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
                    "a case must sit at the top level of a page, not inside a case, list, quote or call-out",
                    token_line(token),
                    0,
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
                "a quiz block must sit at the top level of a page, not inside a list, quote or call-out",
                block.line,
                block.column,
            )
            continue
        flush()
        if token.meta.get("unclosed"):
            continue
        question = parse_question(block, ctx)
        if question is not None:
            blocks.append(question)
    flush()
    return blocks


def _step_blocks(tokens: list[Token], ctx: QuestionContext, level: int) -> list[Content | Question]:
    return [b for b in _blocks(tokens, ctx, level) if not isinstance(b, Case)]


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
            f"code block '{label}' is shown as code, not as a question",
            token_line(token),
            hint="did you mean 'quiz'?",
        )


def _check_unique_questions(questions: list[Question], report: Reporter) -> None:
    first: dict[str, Question] = {}
    for question in questions:
        if question.id in first:
            earlier = first[question.id].span.line
            report.error(
                "E406",
                f"question id '{question.id}' is already used by the question at line {earlier}",
                question.span.line - 1,
                question.span.column - 1,
                related=((earlier - 1, 0, "first used here"),),
            )
        else:
            first[question.id] = question


def _check_unique_cases(cases: list[Case], report: Reporter) -> None:
    first: dict[str, Case] = {}
    for case in cases:
        if case.id in first:
            earlier = first[case.id].span.line
            report.error(
                "E440",
                f"case id '{case.id}' is already used by the case at line {earlier}",
                case.span.line - 1,
                0,
                related=((earlier - 1, 0, "first used here"),),
            )
        else:
            first[case.id] = case


def _pools(front: FrontMatter, questions: list[Question], report: Reporter) -> tuple[Pool, ...]:
    pools = []
    for name, declaration in front.pools.items():
        members = tuple(q.id for q in questions if q.pool == name)
        if declaration.pick > len(members):
            report.error(
                "E414",
                f"pool '{name}' picks {declaration.pick} questions but has {len(members)}",
                declaration.line,
                declaration.column,
            )
        pools.append(Pool(name, declaration.pick, members, Span(declaration.line + 1, declaration.column + 1)))
    return tuple(pools)
