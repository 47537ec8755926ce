"""Exports of our questions to other tools' formats: Moodle's question bank (XML and GIFT).

    >>> from ehealth_content.export import moodle_xml
    >>> data, notes = moodle_xml([module])   # bytes, and what Moodle could not take

Each export returns its output and a list of :class:`ExportNote`: questions left out or
details lost, for the CLI to print as warnings.
"""

from __future__ import annotations

from ._moodle import ExportNote, category_path
from .gift import gift, gift_escape
from .moodle_xml import moodle_xml

__all__ = ["ExportNote", "category_path", "gift", "gift_escape", "moodle_xml"]
