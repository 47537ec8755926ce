"""Progress of a batch build on stderr: a bar redrawn in place on a terminal, plain lines
elsewhere (CI logs, pipes), where a carriage return would only garble the log."""

from __future__ import annotations

from typing import Final, TextIO

from ehealth_content._terminal import visible_controls

__all__ = ["Progress"]

_WIDTH: Final = 20
_CLEAR_LINE: Final = "\r\x1b[K"


class Progress:
    """``[3/5] ██████░░░░ d3-communication`` on a terminal, ``[3/5] d3-communication`` otherwise.

    On a terminal the bar counts modules as they finish; ``line()`` prints above it. Without
    a terminal nothing is drawn in place: ``item()`` writes one plain line per module, which
    the caller does in the order of its inputs so that logs compare from run to run.
    """

    def __init__(self, total: int, stream: TextIO, *, tty: bool) -> None:
        self.total = total
        self.tty = tty
        self._stream = stream
        # The bar's own control sequences must reach the terminal, which the CLI's filtered
        # stream would spell out; module names are shown, never obeyed.
        self._controls: TextIO = getattr(stream, "unfiltered", stream)
        self._done = 0
        self._last = ""

    def advance(self, name: str) -> None:
        """One more module finished (any order): redraw the bar on a terminal."""
        self._done += 1
        self._last = visible_controls(name)
        if self.tty:
            self._draw()

    def item(self, position: int, name: str) -> None:
        """The plain line for the module at ``position`` (1-based), when there is no terminal."""
        if not self.tty:
            self._stream.write(f"[{position}/{self.total}] {visible_controls(name)}\n")
            self._stream.flush()

    def clear(self) -> None:
        """Take the bar off the screen, before other output or at the end."""
        if self.tty and self._done:
            self._controls.write(_CLEAR_LINE)
            self._controls.flush()

    def redraw(self) -> None:
        if self.tty and self._done:
            self._draw()

    def _draw(self) -> None:
        filled = round(_WIDTH * self._done / self.total) if self.total else _WIDTH
        bar = "█" * filled + "░" * (_WIDTH - filled)
        self._controls.write(_CLEAR_LINE)
        self._stream.write(f"[{self._done}/{self.total}] {bar} {self._last}")
        self._stream.flush()
