"""Retry-After and backoff: garbage is ignored, every wait is bounded."""

from __future__ import annotations

import email.utils
import random

import pytest

from xapi import RetryPolicy
from xapi.retry import MAX_WAIT, parse_retry_after

NOW = 1_750_000_000.0


def http_date(offset: float) -> str:
    return email.utils.formatdate(NOW + offset, usegmt=True)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0.0),
        ("30", 30.0),
        (" 120 ", 120.0),
        ("3600", 3600.0),
        ("3601", MAX_WAIT),
        ("99999999999999", MAX_WAIT),
        ("9" * 5000, MAX_WAIT),
    ],
)
def test_delta_seconds_are_read_and_capped(value: str, seconds: float) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "²",  # str.isdigit() says yes, int() says no: this used to kill the sender
        "١٢٣",  # Arabic-Indic digits
        "-1",
        "1e9",
        "1.5",
        "+5",
        "0x10",
        "soon",
        "Mon, 99 Foo 2025 25:61:00 GMT",
        "Fri, 31 Dec 99999 23:59:59 GMT",
        "\x00\r\n",
        "Thu, 01 Jan 1970 00:00:00 GMT" * 10,
    ],
)
def test_garbage_is_ignored(value: str | None) -> None:
    assert parse_retry_after(value, NOW) is None


def test_http_dates_in_the_past_mean_now_and_far_future_ones_are_capped() -> None:
    assert parse_retry_after(http_date(90), NOW) == pytest.approx(90.0)
    assert parse_retry_after(http_date(-3600), NOW) == 0.0
    assert parse_retry_after(http_date(10 * 365 * 86400), NOW) == MAX_WAIT
    assert parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", NOW) == MAX_WAIT


def test_a_custom_cap() -> None:
    assert parse_retry_after("600", NOW, cap=5.0) == 5.0


def test_fuzzed_values_never_raise() -> None:
    rng = random.Random(7)
    alphabet = "0123456789²³¹-+.eE :,GMTMonJanDec\x00\r\n\u0660\u0661 "
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        seconds = parse_retry_after(text, NOW)
        assert seconds is None or 0.0 <= seconds <= MAX_WAIT


def test_policy_honours_retry_after_up_to_its_bound() -> None:
    policy = RetryPolicy(base=0.5, cap=60.0, max_retry_after=120.0)
    assert policy.delay(1, 100.0) == 100.0
    assert policy.delay(1, 1e12) == 120.0
    assert RetryPolicy().delay(1, float("inf")) == MAX_WAIT


def test_backoff_after_thousands_of_failures_stays_at_its_cap() -> None:
    # A weekend offline: 2**n used to overflow a float and kill delivery.
    for failures in (1, 64, 1100, 10**6):
        assert 0.0 < RetryPolicy(base=0.5, cap=60.0).delay(failures) <= 60.0
