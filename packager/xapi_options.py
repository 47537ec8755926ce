"""What the targets that report in xAPI (cmi5, xapi) need beyond the module: ``--base-iri``,
``--move-on``, ``--launch-method``."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from typing import Final

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

    def problems(self) -> list[str]:
        """What is wrong with these options, as sentences (empty when all is well)."""
        found = []
        parsed = urllib.parse.urlsplit(self.base_iri)
        if parsed.scheme not in ("https", "http") or not parsed.netloc or parsed.query or parsed.fragment:
            found.append(f"the base IRI '{self.base_iri}' must be an absolute http(s) IRI without query or fragment")
        if self.move_on not in MOVE_ON:
            found.append(f"unknown moveOn '{self.move_on}': expected one of {', '.join(MOVE_ON)}")
        if self.launch_method not in LAUNCH_METHODS:
            found.append(f"unknown launchMethod '{self.launch_method}': expected one of {', '.join(LAUNCH_METHODS)}")
        return found
