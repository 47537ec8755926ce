"""``index.html``: the module rendered through the jinja2 templates in ``templates/``.

Autoescape is on and undefined names fail: only text the loader already sanitised
(:class:`RichText` ``.html``, :class:`Content` ``.html``) is inserted as markup, by the
``rich`` and ``legend`` filters and ``|safe`` on content blocks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from ehealth_content import (
    Case,
    Content,
    LongMenuQuestion,
    MatchingQuestion,
    Module,
    MultipleChoiceQuestion,
    OrderingQuestion,
    Question,
    RichText,
)
from ehealth_content.learner_time import estimate
from ehealth_content.typography import french_html, french_spacing

from .data import module_data, number
from .sources import cover_sources
from .strings import CATALOGUES, ui_strings
from .targets import target_named
from .theme import Theme

__all__ = ["render_index_html"]

# One paragraph and nothing else: its content can go where only phrasing content is allowed.
_ONE_PARAGRAPH = re.compile(r"\s*<p>((?:(?!</?p[\s>]).)*)</p>\s*", re.DOTALL)


def _is_french(context: jinja2.runtime.Context) -> bool:
    # question.html.j2 is imported "with context", so its macros see the module too.
    module = context.get("module")
    return module is not None and str(module.lang).split("-")[0].lower() == "fr"


@jinja2.pass_context
def _typeset(context: jinja2.runtime.Context, html: str) -> Markup:
    """Sanitised HTML as the learner reads it: French typography in a French module. Applied
    here, not in the model, so that exports and reports keep the author's own spaces."""
    return Markup(french_html(html) if _is_french(context) else html)


@jinja2.pass_context
def _typeset_text(context: jinja2.runtime.Context, text: str) -> str:
    """Plain text (a page title), still escaped by autoescape."""
    return french_spacing(text) if _is_french(context) else text


@jinja2.pass_context
def _rich(context: jinja2.runtime.Context, text: RichText) -> Markup:
    return _typeset(context, text.html)


@jinja2.pass_context
def _legend(context: jinja2.runtime.Context, text: RichText) -> Markup:
    """A prompt inside ``<legend>``, which takes phrasing content only: a one-paragraph prompt
    (nearly all of them) loses its ``<p>``; longer prompts stay whole, as browsers accept."""
    paragraph = _ONE_PARAGRAPH.fullmatch(text.html)
    return _typeset(context, paragraph.group(1) if paragraph else text.html)


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


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier run, as Python keeps ``.pyc`` files: compiling the two
    templates is a tenth of building a 500-question course.

    jinja2 keys each template by its path and checks the hash of its source, so an edited
    template is compiled again; the folder is the user's own (``_jinja2-cache-UID`` in the temp
    folder, mode 0700, both checked by jinja2). A cache that cannot be read or written is no
    cache: the build compiles, as it would without one.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged entry: compiled again, and replaced
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compiled_templates() -> jinja2.BytecodeCache | None:
    try:
        return _CompiledTemplates()
    except (OSError, RuntimeError):
        return None  # no temp folder of the user's own: compile every time


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("packager", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
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
    env.filters.update(typeset=_typeset, typeset_text=_typeset_text)
    env.tests["question"] = lambda block: not isinstance(block, (Content, Case))
    env.tests["case"] = lambda block: isinstance(block, Case)
    # Keep the data in module order and readable (accents as such); tojson still escapes <, >, &, '.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False, "separators": (",", ":")}
    return env


def render_index_html(
    module: Module,
    target: str,
    *,
    activity_base: str | None = None,
    theme: Theme | None = None,
    e1_pages: Sequence[str] | None = None,
) -> str:
    """The package's ``index.html`` for ``target``.

    Parameters:
        module: the module.
        target: a name of :data:`packager.targets.TARGETS`
            (:class:`packager.targets.UnknownTargetError` otherwise).
        activity_base: the module's activity id (targets that report in xAPI only).
        theme: the institution's theme (packager.theme); the player's own look without one.
        e1_pages: the page list ``E1`` states were saved against (:func:`packager.data.module_data`).
    """
    spec = target_named(target)
    template = _environment().get_template("index.html.j2")
    strings = ui_strings(module.lang)
    chosen = theme or Theme()
    return template.render(
        module=module,
        target=target,
        strings=strings,
        data=module_data(module, target, activity_base, e1_pages),
        reports_xapi=spec.reports_xapi,
        cover=cover(module, strings),
        # Validated values only (packager.theme): no "<", so no way out of the <style> element.
        theme={"css": Markup(chosen.css), "logo": chosen.logo, "logo_alt": ""},
    )


def duration_text(minutes: int, lang: str) -> str:
    """``90`` → ``1 h 30`` (fr) or ``1 h 30 min`` (en); ``45`` → ``45 min``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    if not rest:
        return f"{hours} h"
    return f"{hours} h {rest:02d}" if lang == "fr" else f"{hours} h {rest} min"


def cover(module: Module, strings: Mapping[str, str]) -> dict[str, Any]:
    """What the cover says: the duration (front matter, or estimated), pass mark, competencies and sources."""
    lang = module.lang.split("-")[0].lower()
    competencies = []
    for cid in module.competencies:
        found = module.framework.competency(cid) if module.framework is not None else None
        if found is not None:
            competencies.append((cid, found.label_fr if lang == "fr" else found.label_en))
    # A learner sees the questions outside pools and each pool's draw.
    scored = sum(1 for q in module.scored_questions if q.pool is None)
    for pool in module.pools:
        in_pool = sum(1 for q in module.scored_questions if q.pool == pool.name)
        scored += min(pool.pick, in_pool)
    # The author's figure when the front matter gives one, else the estimate `coverage` prints
    # (docs/learner-time.md), rounded to 5 minutes: a learner plans with it either way.
    duration = module.duration_minutes or 5 * max(1, round(estimate(module).minutes / 5))
    return {
        "kicker": strings["cover_kicker"].format(domain=module.domain) if module.domain else "",
        "duration": strings["cover_duration"].format(duration=duration_text(duration, lang)) if duration else "",
        "size": strings["cover_size"].format(
            pages=_counted(strings, "cover_pages", len(module.pages), lang),
            questions=_counted(strings, "cover_questions", scored, lang),
        ),
        "mastery": strings["mastery"].format(mastery=_percent(module.mastery_score, lang)),
        "competencies": competencies,
        # The front matter's references, under a disclosure at the bottom of the cover.
        "sources": cover_sources(module.references, module.lang),
        "sources_label": strings["cover_sources"].replace("{n}", str(len(module.references))),
    }


def _counted(strings: Mapping[str, str], key: str, n: int, lang: str) -> str:
    """``n`` with its noun: French puts 0 and 1 in the singular, English only 1."""
    singular = n < 2 if lang == "fr" else n == 1
    return strings[f"{key}_one" if singular else key].format(n=n)


def _percent(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text
