"""French typography: the spaces that keep a punctuation mark with its word.

French sets a space before ``; : ! ? »`` and after ``«``; typed as an ordinary space, a phone
wraps the mark alone onto the next line. Only spaces the author typed are changed (a mark
typed with no space before it may be code, a clock or a ratio), except inside guillemets. :func:`french_spacing` makes that space a narrow
no-break space (U+202F) in plain text (the player's words, a page title); :func:`french_html`
does the same in the text of rendered HTML, leaving tags, attributes, code and URLs alone.
"""

from __future__ import annotations

import re

__all__ = ["NBSP", "NNBSP", "french_html", "french_spacing"]

NBSP = "\u00a0"
NNBSP = "\u202f"

_KEEP = NBSP + NNBSP
# Ordinary spaces before a mark that takes one (a no-break space already there is kept).
_SPACE_BEFORE = re.compile(r"[ \t\n]+(?=[;:!?»%])")
_SPACE_AFTER = re.compile(r"(?<=«)[ \t\n]+")
# Guillemets are never code nor a clock: a missing space is added.
_TIGHT_BEFORE = re.compile(r"(?<=[^\s" + _KEEP + r"«])»")
_TIGHT_AFTER = re.compile(r"«(?=[^\s" + _KEEP + r"»])")
# Words the rules above must not touch: URLs, e-mail addresses, and character references in HTML.
_PROTECTED = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+|\S+@\S+\.\S+|&#?\w+;")
# Text without any of these marks is left as it is: most text nodes (a 500-question course has
# tens of thousands) skip the rules above.
_MARKS = re.compile(r"[;:!?«»%]")
# Elements whose text is code or not text at all.
_LITERAL = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "var"})
_TAG = re.compile(r"""<(/?)([a-zA-Z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<!--.*?-->""", re.DOTALL)
# _TAG as one group, for re.split; and how any tag of a _LITERAL element starts.
_TAG_SPLIT = re.compile(r"""(</?[a-zA-Z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>|<!--.*?-->)""", re.DOTALL)
_LITERAL_START = re.compile(r"</?(?:" + "|".join(sorted(_LITERAL)) + ")", re.IGNORECASE)


def _space(text: str) -> str:
    text = _SPACE_BEFORE.sub(NNBSP, text)
    # The other rules need a guillemet, which none of the rules adds or removes: most text has
    # none, and a rule that starts with a look-behind is tried at every character.
    if "«" in text:
        text = _SPACE_AFTER.sub(NNBSP, text)
    if "»" in text:
        text = _TIGHT_BEFORE.sub(NNBSP + "»", text)
    if "«" in text:
        text = _TIGHT_AFTER.sub("«" + NNBSP, text)
    return text


def french_spacing(text: str) -> str:
    """``text`` with French spaces around its punctuation; URLs and e-mail addresses untouched.

    Idempotent: a no-break space already in place stays as it is (U+00A0 before ``:`` too).
    """
    if not _MARKS.search(text):
        return text
    if "://" not in text and "@" not in text and "&" not in text:
        return _space(text)  # nothing _PROTECTED could match, and it is slow to find nothing
    out: list[str] = []
    last = 0
    for match in _PROTECTED.finditer(text):
        out.append(_space(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_space(text[last:]))
    return "".join(out)


def french_html(markup: str) -> str:
    """:func:`french_spacing` applied to each text node of ``markup`` outside code elements.

    ``markup`` is sanitised HTML (the renderer's output); tags and their attributes are copied
    as they are.
    """
    if not _LITERAL_START.search(markup):
        # No code element, so every text node is typeset: splitting at _TAG finds the same text
        # nodes as the loop below without a match object per tag (a page has thousands).
        pieces = _TAG_SPLIT.split(markup)
        pieces[::2] = [french_spacing(text) for text in pieces[::2]]
        return "".join(pieces)
    out: list[str] = []
    literal_depth = 0
    last = 0
    for match in _TAG.finditer(markup):
        text = markup[last : match.start()]
        out.append(text if literal_depth else french_spacing(text))
        out.append(match.group())
        name = (match.group(2) or "").lower()
        if name in _LITERAL:
            literal_depth = max(0, literal_depth + (-1 if match.group(1) else 1))
        last = match.end()
    tail = markup[last:]
    out.append(tail if literal_depth else french_spacing(tail))
    return "".join(out)
