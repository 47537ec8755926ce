"""``index.html``: the module rendered through the jinja2 templates in ``templates/``.

Autoescape is on and undefined names fail: only text the loader already sanitised
(:class:`RichText` ``.html``, :class:`Content` ``.html``) is inserted as markup, by the
``rich`` and ``legend`` filters and ``|safe`` on content blocks.
"""

from __future__ import annotations

import functools
import re

import jinja2
from markupsafe import Markup

from ehealth_content import (
    Case,
    Content,
    MatchingQuestion,
    Module,
    OrderingQuestion,
    RichText,
)

from .data import module_data
from .strings import ui_strings

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


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("packager", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(
        rich=_rich, legend=_legend, letter=_letter, right_options=_right_options, rank_options=_rank_options
    )
    env.tests["question"] = lambda block: not isinstance(block, (Content, Case))
    env.tests["case"] = lambda block: isinstance(block, Case)
    # Keep the data in module order and readable (accents as such); tojson still escapes <, >, &, '.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False, "separators": (",", ":")}
    return env


def render_index_html(module: Module, target: str, *, activity_base: str | None = None) -> str:
    """The package's ``index.html`` for ``target``.

    Parameters:
        module: the module.
        target: ``scorm12``, ``scorm2004``, ``cmi5``, ``xapi`` or ``web``.
        activity_base: the module's activity id (cmi5 and xapi targets only).
    """
    template = _environment().get_template("index.html.j2")
    return template.render(
        module=module,
        target=target,
        strings=ui_strings(module.lang),
        data=module_data(module, target, activity_base),
        reports_xapi=target in ("cmi5", "xapi"),
    )
