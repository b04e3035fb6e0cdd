"""When an article that failed for a passing reason is tried again, and when we give up.

Real feeds keep listing pages that answer 5xx for days. Trying such a page on every
pass wastes the host's patience and ours; forgetting it loses the article when the
fault was brief. So each failure pushes the next attempt further away (doubling from
``BASE``, at most ``CAP``), and after ``MAX_ATTEMPTS`` failed passes the URL becomes a
rejection with the last reason, where ``documents rejected`` shows it.

These are passes, not requests: the fetcher already retries within one pass.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kuaibao.store.retries import EntryRetry

BASE = timedelta(minutes=30)
CAP = timedelta(hours=12)
MAX_ATTEMPTS = 5
GAVE_UP = "gave_up"


def next_delay(attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failure: 30 min, 1 h, 2 h, 4 h, … at most 12 h."""
    return min(CAP, BASE * (1 << min(max(attempts - 1, 0), 20)))


def after_failure(
    previous: EntryRetry | None,
    *,
    url: str,
    source_id: int | None,
    reason: str,
    detail: str,
    now: datetime,
) -> EntryRetry:
    """The record after one more failed pass (the first when ``previous`` is None)."""
    attempts = (previous.attempts if previous else 0) + 1
    first = previous.first_failed_at if previous else now
    return EntryRetry(
        url=url,
        source_id=source_id,
        attempts=attempts,
        first_failed_at=first,
        last_failed_at=now,
        next_attempt_at=now + next_delay(attempts),
        last_reason=reason,
        last_detail=detail,
    )


def exhausted(retry: EntryRetry, max_attempts: int = MAX_ATTEMPTS) -> bool:
    """True once the article has failed on ``max_attempts`` passes: give it up."""
    return retry.attempts >= max_attempts


def is_due(retry: EntryRetry, now: datetime) -> bool:
    return retry.next_attempt_at <= now


def give_up_detail(retry: EntryRetry) -> str:
    """The stored rejection's detail: how long we tried and the last fault."""
    span = retry.last_failed_at - retry.first_failed_at
    hours = span.total_seconds() / 3600
    return (
        f"gave up after {retry.attempts} failed passes over {hours:.1f} h; "
        f"last: {retry.last_reason}: {retry.last_detail or ''}"
    ).strip()
