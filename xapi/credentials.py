"""Checks on LRS credentials before they go into a header, without ever showing them.

A password pasted from a file often ends with ``\\n`` or ``\\r``; in a header that is either a
request the HTTP library refuses with the raw value in its message (printed, then stored in the
outbox as the last error), or a header injection. So credentials are refused when configured,
and the message names which credential and what is wrong with it, never its value: not whole,
not in part, not escaped.
"""

from __future__ import annotations

import re

from xapi.errors import ConfigurationError

__all__ = ["check_credential", "check_token", "check_token_scheme"]

# C0 controls, DEL and C1 controls: never meant in a credential, and C1 ones (U+0085 NEL)
# count as line breaks for some parsers.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# RFC 9110 token: what an auth scheme may be.
_SCHEME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
# A token is sent as is in a header: visible ASCII only (RFC 6750 b64token is a subset).
_VISIBLE_ASCII = re.compile(r"[\x21-\x7e]+")

_HINT = " (often a line break or carriage return left by reading it from a file or pasting it); the value is not shown"


def check_credential(name: str, value: str | None) -> None:
    """Refuse a user name or password (sent base64-encoded, so any printable text is fine)."""
    if value is None:
        return
    if _CONTROL.search(value):
        raise ConfigurationError(f"the LRS {name} contains a control character{_HINT}")
    if name == "username" and ":" in value:
        # RFC 7617: the user-id ends at the first colon, so the LRS would see another user.
        raise ConfigurationError(
            "the LRS username contains a colon, which Basic authentication cannot carry; the value is not shown"
        )


def check_token(value: str) -> None:
    """Refuse a token that cannot go verbatim into an ``Authorization`` header."""
    if not value:
        raise ConfigurationError("the LRS token is empty")
    if _CONTROL.search(value):
        raise ConfigurationError(f"the LRS token contains a control character{_HINT}")
    if not _VISIBLE_ASCII.fullmatch(value):
        raise ConfigurationError(
            "the LRS token must be visible ASCII characters without spaces "
            "(it is sent as is in a header); the value is not shown"
        )


def check_token_scheme(value: str) -> None:
    """Refuse an auth scheme that is not an HTTP token (``Bearer``, ``Basic``...)."""
    if not _SCHEME.fullmatch(value):
        # Not echoed either: a token pasted in the wrong option lands here.
        raise ConfigurationError(
            "the LRS token scheme must be a single word such as Bearer or Basic; the value is not shown"
        )
