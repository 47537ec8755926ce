"""Reading a small text file an author names (a framework, a project file), bounded.

Like module sources (:mod:`._source`), these paths come from whatever a module or a folder
says: ``/dev/zero``, a pipe or a huge file must give one line of error, not a hang.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["SmallText", "read_small_text"]


@dataclass(frozen=True, slots=True)
class SmallText:
    text: str | None
    """Decoded, BOM removed, line endings normalised to LF; None when unreadable."""
    problem: str | None = None
    """Why it could not be read, in the words a diagnostic uses."""
    missing: bool = False
    """The file does not exist (the place that names it is then the one to point at)."""


def read_small_text(path: Path, limit: int) -> SmallText:
    try:
        if not path.exists():
            return SmallText(None, "no such file", missing=True)
        if not path.is_file():
            return SmallText(None, "not a regular file")
        size = path.stat().st_size
        if size > limit:
            return SmallText(None, f"file too large ({size:,} bytes; at most {limit:,})")
        with path.open("rb") as stream:
            # The size stat gave is a claim: the file may grow while it is read.
            data = stream.read(limit + 1)
    except OSError as exc:
        return SmallText(None, f"cannot read the file: {exc.strerror or exc}")
    except ValueError:  # a NUL in the path
        return SmallText(None, "the path holds a NUL character")
    if len(data) > limit:
        return SmallText(None, f"file too large (more than {limit:,} bytes)")
    if b"\x00" in data:
        return SmallText(None, "binary file: expected UTF-8 text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return SmallText(None, f"not valid UTF-8: byte 0x{data[exc.start]:02x} cannot start a character")
    return SmallText(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
