"""What the ``ehealth`` command prints must not drive the terminal it prints to.

Paths, ids, titles, diagnostics quoting a source, an LRS's answers: much of what the CLI
echoes comes from files or servers, and an ESC there (``\\x1b]0;…\\x07`` retitles the window,
``\\x1b[2J`` clears it) would act on the terminal rather than show. So the command's standard
output and error are wrapped once, in :func:`ehealth_content.cli.main`, and every C0 control
character but tab and line feed, DEL and every C1 control character goes out as a visible
``\\u001b``. That spelling is also a JSON escape of the same character, so JSON output stays
valid and means the same. Code that must send a control sequence of its own (the progress
bar) writes to the stream's ``unfiltered`` one.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO, TextIO

__all__ = ["VisibleBytes", "VisibleText", "visible_controls", "visible_output"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible_controls(text: str) -> str:
    """``text`` with control characters (but tab and line feed) spelt ``\\uXXXX``."""
    return _CONTROL.sub(_escape, text)


class VisibleBytes(io.RawIOBase):
    """A binary stream whose UTF-8 text goes through :func:`visible_controls`.

    Payloads written as bytes (``ehealth export … --out -``) pass here too, and click falls
    back to the binary stream when the text one looks misconfigured.
    """

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__()
        self.unfiltered = stream

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        # surrogateescape: bytes that are not UTF-8 go through untouched.
        text = bytes(data).decode("utf-8", "surrogateescape")
        self.unfiltered.write(visible_controls(text).encode("utf-8", "surrogateescape"))
        return len(data)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()


class VisibleText(io.TextIOBase):
    """A text stream that writes through :func:`visible_controls` to ``unfiltered``."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.unfiltered = stream
        binary = getattr(stream, "buffer", None)
        self._buffer = VisibleBytes(binary) if binary is not None else None

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.unfiltered.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self.unfiltered.errors

    @property
    def buffer(self) -> VisibleBytes | None:
        return self._buffer

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.unfiltered.write(visible_controls(text))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()


@contextmanager
def visible_output() -> Iterator[None]:
    """Standard output and error filtered through :class:`VisibleText` while inside."""
    saved = sys.stdout, sys.stderr
    if saved[0] is not None:
        sys.stdout = VisibleText(saved[0])
    if saved[1] is not None:
        sys.stderr = VisibleText(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
