"""What the targets that report in xAPI (cmi5, xapi) need beyond the module: ``--base-iri``,
``--move-on``, ``--launch-method``."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Final

from ehealth_content.i18n import Message, t

__all__ = ["DEFAULT_BASE_IRI", "LAUNCH_METHODS", "MOVE_ON", "XapiOptions"]

# example.org is reserved (RFC 2606): an obvious placeholder that can never name someone
# else's activities. A deployment sets its own, once, and keeps it: ids must stay stable.
DEFAULT_BASE_IRI: Final = "https://ehealth.example.org/xapi"
MOVE_ON: Final = ("CompletedAndPassed", "Completed", "Passed", "CompletedOrPassed", "NotApplicable")
LAUNCH_METHODS: Final = ("AnyWindow", "OwnWindow")


@dataclass(frozen=True, slots=True)
class XapiOptions:
    """What the cmi5 and xapi targets need beyond the module."""

    base_iri: str = DEFAULT_BASE_IRI
    """Root of every activity id (no trailing slash needed)."""
    move_on: str = "CompletedAndPassed"
    """cmi5 ``moveOn`` of every AU."""
    launch_method: str = "AnyWindow"
    """cmi5 ``launchMethod``: ``AnyWindow`` (the LMS may frame the AU) or ``OwnWindow``."""

    def problems(self) -> list[Message]:
        """What is wrong with these options, as sentences (empty when all is well)."""
        found = []
        parsed = urllib.parse.urlsplit(self.base_iri)
        if parsed.scheme not in ("https", "http") or not parsed.netloc or parsed.query or parsed.fragment:
            found.append(
                t("the base IRI '{iri}' must be an absolute http(s) IRI without query or fragment", iri=self.base_iri)
            )
        if self.move_on not in MOVE_ON:
            found.append(
                t("unknown moveOn '{value}': expected one of {values}", value=self.move_on, values=", ".join(MOVE_ON))
            )
        if self.launch_method not in LAUNCH_METHODS:
            found.append(
                t(
                    "unknown launchMethod '{value}': expected one of {values}",
                    value=self.launch_method,
                    values=", ".join(LAUNCH_METHODS),
                )
            )
        return found
