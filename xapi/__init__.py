"""xAPI emitter: validate, queue durably, deliver exactly once to a Learning Record Store."""

from __future__ import annotations
