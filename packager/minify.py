"""The player as packages ship it: the runtime's commented sources, minified.

The repository keeps ``packager/runtime/*.js`` and ``*.css`` readable (their comments say why);
every learner downloads them, so packages carry them without comments and layout whitespace
(issue 13: the player stays within 25 KiB gzipped). ``rjsmin`` and ``rcssmin`` do it: they only
drop what the browser ignores (no renaming, regex literals and strings kept as they are), so
what ships behaves as the sources do (tests/packager/test_minify.py replays the scoring vectors
against both).

A build process minifies each source once: the result is cached by the source's bytes, so a
preview that rebuilds on every edit still sees a runtime file edited meanwhile.
"""

from __future__ import annotations

import functools
from typing import Final

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

__all__ = ["minified"]

# Someone opening a package finds where the readable source lives; the project's licence.
_HEADER: Final = "/* ehealth-content (MIT) packager/runtime/{name}, minified: read the commented source there */\n"


def minified(name: str, source: bytes) -> bytes:
    """What a package carries for the runtime file ``name`` (``runtime/ehealth.js``) whose source is ``source``.

    ``.js`` and ``.css`` files are minified under a one-line provenance header; any other file
    ships as it is.
    """
    suffix = name.rpartition(".")[2]
    if suffix not in ("js", "css"):
        return source
    return _minified(name.rpartition("/")[2], suffix, source)


@functools.lru_cache(maxsize=16)
def _minified(base: str, suffix: str, source: bytes) -> bytes:
    text = source.decode("utf-8")
    body: str = rjsmin.jsmin(text) if suffix == "js" else rcssmin.cssmin(text)
    return (_HEADER.format(name=base) + body + "\n").encode("utf-8")
