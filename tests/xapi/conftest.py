"""Fixtures: the real test LRS (once per session) and a fault proxy in front of it per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.lrs import FaultProxy, LRSUnavailableError, RunningLRS, running_lrs


@pytest.fixture(scope="session")
def lrs_server() -> Iterator[RunningLRS]:
    try:
        with running_lrs() as server:
            yield server
    except LRSUnavailableError as exc:
        # Fail, never skip: CI must run these (npm ci --prefix tests/harness).
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture
def proxy(lrs_server: RunningLRS) -> Iterator[FaultProxy]:
    with FaultProxy(f"http://127.0.0.1:{lrs_server.port}", delay=1.0) as fault_proxy:
        yield fault_proxy
