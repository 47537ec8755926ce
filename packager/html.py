"""``index.html``: the module rendered through the jinja2 templates in ``templates/``.

Autoescape is on and undefined names fail: only text the loader already sanitised
(:class:`RichText` ``.html``, :class:`Content` ``.html``) is inserted as markup, by the
``rich`` and ``legend`` filters and ``|safe`` on content blocks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import jinja2
from markupsafe import Markup

from ehealth_content import (
    Content,
    LongMenuQuestion,
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    OrderingQuestion,
    Question,
    RichText,
)

from .data import module_data, number
from .strings import CATALOGUES, ui_strings
from .targets import target_named

__all__ = ["render_index_html"]

# One paragraph and nothing else: its content can go where only phrasing content is allowed.
_ONE_PARAGRAPH = re.compile(r"\s*<p>((?:(?!</?p[\s>]).)*)</p>\s*", re.DOTALL)


def _rich(text: RichText) -> Markup:
    return Markup(text.html)


def _legend(text: RichText) -> Markup:
    """A prompt inside ``<legend>``, which takes phrasing content only: a one-paragraph prompt
    (nearly all of them) loses its ``<p>``; longer prompts stay whole, as browsers accept."""
    paragraph = _ONE_PARAGRAPH.fullmatch(text.html)
    return Markup(paragraph.group(1) if paragraph else text.html)


def _letter(index: int) -> str:
    return chr(ord("a") + index)


def _right_options(question: MatchingQuestion) -> list[tuple[str, str]]:
    return [(str(i), right.plain) for i, right in enumerate(question.right_sides, start=1)]


def _rank_options(question: OrderingQuestion) -> list[tuple[str, str]]:
    return [(str(i), str(i)) for i in range(1, len(question.items) + 1)]


def _meta(question: Question, strings: Mapping[str, str]) -> list[tuple[str, str]]:
    """What a question says before it is answered, besides its number (which the runtime
    gives, once pool draws are known): points, attempts, "several answers possible"."""
    parts: list[tuple[str, str]] = []
    if question.scored:
        points = number(question.points)
        french = strings is CATALOGUES["fr"]
        # French counts below 2 in the singular (« 0,5 point »), English only 1.
        one = points < 2 if french else points == 1
        shown = str(points).replace(".", "," if french else ".")
        parts.append(("points", strings["point_one" if one else "point_many"].replace("{n}", shown)))
        parts.append(("attempts", strings["attempts_left"].replace("{n}", str(question.attempts))))
    if isinstance(question, MultipleChoiceQuestion) and question.expect:
        # QRP: the count replaces "several answers possible", which it makes precise.
        expect = strings["expect_one" if question.expect == 1 else "expect_many"]
        parts.append(("expect", expect.replace("{n}", str(question.expect))))
    elif question.type == "multiple":
        parts.append(("several", strings["several_answers"]))
    return parts


def _option_lists(module: Module) -> list[tuple[str, tuple[str, ...]]]:
    """Each ``longmenu`` list of the module once: (datalist id, entries)."""
    lists: dict[str, tuple[str, ...]] = {}
    for question in module.questions:
        if isinstance(question, LongMenuQuestion):
            lists.setdefault(question.list_id, question.options)
    return list(lists.items())


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("packager", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rich=_rich,
        legend=_legend,
        meta=_meta,
        letter=_letter,
        right_options=_right_options,
        rank_options=_rank_options,
        option_lists=_option_lists,
    )
    env.tests["question"] = lambda block: not isinstance(block, Content)
    # Keep the data in module order and readable (accents as such); tojson still escapes <, >, &, '.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False, "separators": (",", ":")}
    return env


def render_index_html(module: Module, target: str, *, activity_base: str | None = None) -> str:
    """The package's ``index.html`` for ``target``.

    Parameters:
        module: the module.
        target: a name of :data:`packager.targets.TARGETS`
            (:class:`packager.targets.UnknownTargetError` otherwise).
        activity_base: the module's activity id (targets that report in xAPI only).
    """
    spec = target_named(target)
    template = _environment().get_template("index.html.j2")
    return template.render(
        module=module,
        target=target,
        strings=ui_strings(module.lang),
        data=module_data(module, target, activity_base),
        reports_xapi=spec.reports_xapi,
    )
