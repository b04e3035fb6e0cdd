"""Retry decisions: which answers are retried, back-off bounds, Retry-After parsing."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from kuaibao.fetch.retry import backoff_delay, is_retryable_status, retry_after_seconds


@pytest.mark.parametrize(
    ("status", "retry"),
    [
        (429, True),
        (503, True),
        (500, True),
        (504, True),
        (408, True),
        (501, False),
        (404, False),
        (403, False),
        (200, False),
        (304, False),
    ],
)
def test_retryable_statuses(status: int, retry: bool) -> None:
    assert is_retryable_status(status) is retry


def test_backoff_is_full_jitter_under_an_exponential_cap() -> None:
    rng = random.Random(7)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (10, 30.0)]:
        draws = [backoff_delay(attempt, 0.5, 30.0, rng) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in draws)
        assert max(draws) > ceiling * 0.8  # the whole range is used, not a fixed delay
        assert min(draws) < ceiling * 0.2


def test_retry_after_seconds_and_dates() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120", now) == 120.0
    assert retry_after_seconds(" 3 ", now) == 3.0
    assert retry_after_seconds("Wed, 01 May 2024 12:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert retry_after_seconds("-5", now) == 0.0
    assert retry_after_seconds("soon", now) is None
    assert retry_after_seconds(None, now) is None
    assert retry_after_seconds("", now) is None
