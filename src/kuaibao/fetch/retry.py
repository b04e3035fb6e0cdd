"""When to try a request again, and how long to wait first.

Only failures that can heal are retried: timeouts, refused or reset connections, 429 and
most 5xx answers. Waits use exponential back-off with *full jitter* (a uniform draw
between zero and the exponential cap) so that many workers failing together do not come
back in lock-step. A server's ``Retry-After`` overrides the back-off.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Error kinds (see kuaibao.errors.FetchError) worth another attempt.
RETRYABLE_KINDS = frozenset({"timeout", "connect", "network"})
# 501 Not Implemented, 505 HTTP Version Not Supported and 511 Network Authentication
# Required will not change on a second try.
_PERMANENT_5XX = frozenset({501, 505, 511})


def is_retryable_status(status: int) -> bool:
    """True for answers that mean "not now": 408, 429 and transient 5xx."""
    if status in (408, 429):
        return True
    return 500 <= status <= 599 and status not in _PERMANENT_5XX


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Full-jitter back-off before retry number ``attempt`` (1 for the first retry)."""
    ceiling = min(cap, base * (2 ** max(attempt - 1, 0)))
    return rng.uniform(0.0, ceiling)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Parse ``Retry-After`` (delta-seconds or an HTTP date) into seconds from now.

    Returns ``None`` when the header is absent or unparsable; dates in the past give 0.
    Fractional seconds are accepted although the standard only allows integers.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if seconds == seconds else None  # NaN guard
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
