"""The back-off and give-up policy for articles that failed for a passing reason."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from kuaibao.pipeline.retries import (
    CAP,
    MAX_ATTEMPTS,
    after_failure,
    exhausted,
    give_up_detail,
    is_due,
    next_delay,
)

T0 = datetime(2026, 12, 1, 8, tzinfo=UTC)


def test_delay_doubles_from_half_an_hour_and_stops_at_the_cap() -> None:
    delays = [next_delay(n) for n in range(1, 8)]
    assert delays[:4] == [timedelta(minutes=m) for m in (30, 60, 120, 240)]
    assert all(later >= earlier for earlier, later in itertools.pairwise(delays))
    assert max(delays) == CAP
    assert next_delay(10_000) == CAP  # no overflow however long a link stays dead


def test_each_failure_counts_keeps_the_first_time_and_pushes_the_next_try() -> None:
    first = after_failure(None, url="u", source_id=1, reason="http_503", detail="d1", now=T0)
    assert (first.attempts, first.first_failed_at) == (1, T0)
    assert first.next_attempt_at == T0 + timedelta(minutes=30)
    assert not is_due(first, T0 + timedelta(minutes=29))
    assert is_due(first, T0 + timedelta(minutes=30))
    later = T0 + timedelta(hours=1)
    second = after_failure(first, url="u", source_id=1, reason="timeout", detail="d2", now=later)
    assert (second.attempts, second.first_failed_at, second.last_failed_at) == (2, T0, later)
    assert (second.last_reason, second.last_detail) == ("timeout", "d2")
    assert second.next_attempt_at == later + timedelta(hours=1)


def test_gives_up_after_the_limit_saying_how_long_and_why() -> None:
    record = None
    now = T0
    for _ in range(MAX_ATTEMPTS):
        assert record is None or not exhausted(record)
        record = after_failure(
            record, url="u", source_id=1, reason="http_503", detail="HTTP 503", now=now
        )
        now = record.next_attempt_at
    assert record is not None and exhausted(record)
    detail = give_up_detail(record)
    assert f"{MAX_ATTEMPTS} failed passes" in detail and "http_503" in detail
