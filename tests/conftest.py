"""Settings shared by the whole suite.

Hypothesis judges "too slow" and per-example deadlines by wall-clock time, which a loaded CI
machine (two cores, Chromium and the LRS running beside) cannot promise; the properties under
test do not depend on speed, so time-based health checks and deadlines are off everywhere.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "suite",
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,  # fixtures here are read-only built modules
    ],
)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def _english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages follow the locale when neither ``--lang`` nor the module says French: pin an
    English one so that the suite reads the same on a French machine (subprocesses inherit it)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
