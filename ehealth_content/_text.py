"""Characters that have no place in a module's text.

C0 control characters other than tab and newline, DEL and the C1 controls are invisible in an
editor and refused by XML (manifests, Moodle exports) or mangled by LMS; lone surrogates and
U+FFFE/U+FFFF cannot be written to a UTF-8 or XML file at all. They reach a module by accident
(a paste from a PDF, a form feed) or through a YAML escape such as ``"\\x01"``. U+2028 and U+2029
are kept: they are Unicode line separators that XML, JSON and JavaScript all accept.
"""

from __future__ import annotations

import re
import unicodedata

from .i18n import Message, t

__all__ = ["FORBIDDEN_CHARACTER", "codepoint", "character_phrase", "forbidden_character_positions"]

FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def codepoint(character: str) -> str:
    """``U+0001``, with the character's name when Unicode gives one."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def character_phrase(character: str) -> Message:
    """How a message names a forbidden character: ``the control character U+0001``."""
    if unicodedata.category(character) == "Cc":
        return t("the control character {codepoint}", codepoint=codepoint(character))
    return t("the character {codepoint}", codepoint=codepoint(character))


def forbidden_character_positions(text: str) -> list[tuple[int, int, str]]:
    """1-based (line, column, character) of the first forbidden character on each line."""
    found: list[tuple[int, int, str]] = []
    line = 1
    position = 0
    line_start = 0
    for match in FORBIDDEN_CHARACTER.finditer(text):
        newlines = text.count("\n", position, match.start())
        if newlines or not found:
            line += newlines
            line_start = text.rfind("\n", 0, match.start()) + 1
            if not found or found[-1][0] != line:
                found.append((line, match.start() - line_start + 1, match.group()))
        position = match.start()
    return found
