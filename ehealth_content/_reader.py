"""Reading one quiz block's YAML: the generic helpers every question type's builder uses.

:class:`Reader` pairs the block's :class:`~._fields.Fields` (typed reads, each problem reported
at its line) with the rendering context, so that Markdown fields come back as
:class:`~.model.RichText`. Nothing here knows a question type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ._fields import Fields, describe, text_hint
from ._render import RenderContext, is_plain_text, render_markdown_text, render_plain_text
from ._yaml import Path
from .framework import SOCLE, Framework
from .i18n import t
from .model import RichText, Span

__all__ = ["QuestionContext", "Reader"]


@dataclass(frozen=True, slots=True)
class QuestionContext:
    page_id: str
    pools: frozenset[str] | None
    """The pools the front matter declares; None when it could not be read (no pool is checked)."""
    module_domain: str | None
    render: RenderContext
    framework: Framework | None = SOCLE
    """The framework competencies are checked against; None when it could not be used (reported)."""
    scoring: str | None = None
    """The module's scoring rule for ``multiple`` questions (front matter), if it gives one."""
    expect: bool = False
    """Whether the module's ``multiple`` questions state their number of right answers."""


class Reader:
    """Reads one question mapping; ``fields`` reports, ``rich`` renders Markdown fields."""

    def __init__(self, fields: Fields, ctx: QuestionContext) -> None:
        self.fields = fields
        self.ctx = ctx

    def rich(self, value: Any, path: Path, *, inline: bool) -> RichText | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fields.invalid(path, t("expected text, not {value}", value=describe(value)), hint=text_hint(value))
            return None
        text = str(value)
        if is_plain_text(text):
            return render_plain_text(text, inline=inline)  # no parse, so no position to look up
        column = self.fields.at(path).column
        return render_markdown_text(text, self.fields.text_first_line(path), column, self.ctx.render, inline=inline)

    def span(self, path: Path) -> Span:
        return self.fields.at(path)

    def list(self, data: dict[str, Any], key: str, minimum: int, maximum: int) -> list[Any] | None:
        """``data[key]`` when it is a list of ``minimum`` to ``maximum`` entries (else reported)."""
        value = data.get(key)
        if not isinstance(value, list):
            self.fields.invalid((key,), t("'{key}' must be a list, not {value}", key=key, value=describe(value)))
            return None
        if not minimum <= len(value) <= maximum:
            self.fields.invalid(
                (key,),
                t(
                    "'{key}' needs {minimum} to {maximum} entries, not {count}",
                    key=key,
                    minimum=minimum,
                    maximum=maximum,
                    count=len(value),
                ),
            )
            return None
        return value

    def rich_list(self, data: dict[str, Any], key: str, minimum: int, maximum: int) -> tuple[RichText, ...] | None:
        """``data[key]`` as a list of inline Markdown texts, or None when any is wrong (reported)."""
        items = self.list(data, key, minimum, maximum)
        if items is None:
            return None
        rendered = [self.rich(item, (key, index), inline=True) for index, item in enumerate(items)]
        if any(r is None for r in rendered):
            return None
        return tuple(r for r in rendered if r is not None)
