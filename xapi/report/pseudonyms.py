"""Pseudonymous learner ids: a keyed hash (HMAC-SHA-256) of the learner's identifier.

The key never leaves the machine that runs the report; without it, a pseudonym cannot be
linked back to a learner, and the same key gives the same pseudonym from one run to the next,
so that a learner can be followed over a year without being named.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

__all__ = ["PSEUDONYM_LENGTH", "load_or_create_key", "pseudonym"]

PSEUDONYM_LENGTH = 16
"""Hex characters kept: 64 bits, no collision in practice among a few million learners."""


def pseudonym(key: bytes, identifier: str) -> str:
    """The pseudonym of ``identifier`` (an account name, ``mailto:…``, …) under ``key``."""
    digest = hmac.new(key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
    return "L" + digest[: PSEUDONYM_LENGTH - 1]


def load_or_create_key(path: Path) -> bytes:
    """The key in ``path``, created (32 random bytes, mode 0600) when the file does not exist."""
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        # O_EXCL: two runs started together must not each write their own key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes()
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        return key
    if len(key) < 16:
        raise ValueError(f"{path}: a pseudonymisation key needs at least 16 bytes")
    return key
