"""Reading publication dates written by pages: ISO 8601, RFC 2822 and a few loose forms.

Every result is timezone-aware and in UTC, so dates from feeds, pages and PDFs compare
directly. A time without a zone is in the source's zone and an abbreviation (CST, CET)
means what it does in the source's country, both from the
:class:`~kuaibao.fetch.zones.DateContext` (UTC without one), as for feed dates; a date
without a time is midnight UTC, so it keeps its calendar day. A relative date ("3小时前",
"yesterday 10:30") counts back from the context's fetch time, when it has one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, tzinfo

from kuaibao.fetch.dates import parse_rfc822
from kuaibao.fetch.relative import relative_date
from kuaibao.fetch.zones import UTC_CONTEXT, DateContext, named_offset

EARLIEST_YEAR = 1990
# Pages in zones ahead of UTC may legitimately be up to a day "in the future".
FUTURE_TOLERANCE = timedelta(days=1)

_LOOSE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|[A-Za-z]{2,5})?$",
    re.IGNORECASE,
)


_HAS_TIME = re.compile(r"\d:\d\d")


def parse_datetime(value: str, context: DateContext | None = None) -> datetime | None:
    """Parse a date or timestamp as pages write it; ``None`` when it is not one."""
    text = value.strip()
    if not text or len(text) > 64:
        return None
    context = context or UTC_CONTEXT
    parsed = _parse_iso(text) or _parse_loose(text, context)
    if parsed is None:
        found = parse_rfc822(text, context)
        if found is None and context.now is not None:  # "3小时前" on the page, at fetch time
            found = relative_date(text, context)
        return found
    return to_utc(parsed, context.zone if _HAS_TIME.search(text) else UTC)


def to_utc(moment: datetime, zone: tzinfo = UTC) -> datetime:
    """Make a datetime aware (naive means in ``zone``) and express it in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone).astimezone(UTC)
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


def _parse_loose(text: str, context: DateContext) -> datetime | None:
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
    if zone and zone[0].isalpha():
        named = named_offset(zone, context.country)
        return moment.replace(tzinfo=named) if named is not None else None
    if zone:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return (moment - sign * offset).replace(tzinfo=UTC)
    return moment
