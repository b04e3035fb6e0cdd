"""Reading publication dates written by pages: ISO 8601, RFC 2822 and a few loose forms.

Every result is timezone-aware and in UTC, so dates from feeds, pages and PDFs compare
directly. A date without a zone is taken as UTC; a date without a time as midnight.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

EARLIEST_YEAR = 1990
# Pages in zones ahead of UTC may legitimately be up to a day "in the future".
FUTURE_TOLERANCE = timedelta(days=1)

_LOOSE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)


def parse_datetime(value: str) -> datetime | None:
    """Parse a date or timestamp as pages write it; ``None`` when it is not one."""
    text = value.strip()
    if not text or len(text) > 64:
        return None
    parsed = _parse_iso(text) or _parse_loose(text) or _parse_rfc2822(text)
    return to_utc(parsed) if parsed is not None else None


def to_utc(moment: datetime) -> datetime:
    """Make a datetime aware (naive means UTC) and express it in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def plausible(moment: datetime, now: datetime) -> bool:
    """Reject dates before the web news era or later than tomorrow."""
    return moment.year >= EARLIEST_YEAR and moment <= to_utc(now) + FUTURE_TOLERANCE


def _parse_iso(text: str) -> datetime | None:
    """ISO 8601 as Python reads it (with ``Z``, offsets and fractions)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_loose(text: str) -> datetime | None:
    """``2024/05/01 10:00 +0800``, ``2024.5.1``, ``2024年5月1日`` and similar."""
    match = _LOOSE.match(text)
    if match is None:
        return None
    parts = match.groupdict()
    try:
        moment = datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            int(parts["S"] or 0),
        )
    except ValueError:
        return None
    zone = (parts["tz"] or "").upper()
    if zone in ("Z", "UTC", "GMT"):
        return moment.replace(tzinfo=UTC)
    if zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return (moment - sign * offset).replace(tzinfo=UTC)
    return moment


def _parse_rfc2822(text: str) -> datetime | None:
    """``Tue, 19 Nov 2019 10:00:00 +0000`` as feeds and some meta tags write it."""
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
