"""Dates as sources print them, turned into timezone-aware UTC datetimes.

Feeds, sitemaps and listing pages write dates in many shapes: W3C/ISO 8601, RFC 822,
"March 15, 2024", "15 Mar 2024", "2024年3月15日", "15.03.2024". One forgiving parser
serves them all so that every entry carries a comparable ``published_at`` or none.
A date whose day and month cannot be told apart ("03/04/2024") is refused rather than
guessed.

A time without a zone is in the source's zone, and a zone abbreviation means what it
means in the source's country (CST is +08:00 to a Chinese site): both come from the
:class:`~kuaibao.fetch.zones.DateContext`, UTC when none is given. A date without a
time keeps its calendar day, as midnight UTC, so it reads as the same day everywhere.
Relative dates ("3小时前", "昨天 10:30", "2 hours ago") resolve against the context's
fetch time (see :mod:`kuaibao.fetch.relative`), and only when it has one.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

from kuaibao.fetch.relative import relative_date
from kuaibao.fetch.zones import UTC_CONTEXT, DateContext, named_offset
from kuaibao.text.months import MONTH_PATTERN, month_number
from kuaibao.text.normalise import nfkc

MIN_YEAR = 1970
MAX_YEAR = 2100

_MONTH = rf"(?P<mon>{MONTH_PATTERN})\.?"
_TIME = (
    r"(?:(?:\s*(?:at|,|T|\s)\s*)(?P<hh>\d{1,2})[:h](?P<mm>\d{2})(?::(?P<ss>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?\s*\(?(?P<tz>(?:UTC|GMT)\s*[+-]\d{1,2}(?::?\d{2})?|"
    r"[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}\b)?)?"
)
_PATTERNS = (
    # 2024-03-15, 2024/03/15, 2024.03.15 with an optional time and zone
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)" + _TIME, re.I),
    # 2024年3月15日 14:30
    re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?" + _TIME, re.I),
    # March 15, 2024 / Mar. 15 2024 / Friday, March 15th, 2024
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?!\d)" + _TIME,
        re.I,
    ),
    # 15 Mar 2024 / 15 March, 2024 / 15-Mar-2024
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s-]+"
        + _MONTH
        + r",?[\s-]+(?P<y>\d{4})(?!\d)"
        + _TIME,
        re.I,
    ),
    # 15.03.2024 (day first, as written in most of Europe)
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)" + _TIME, re.I),
    # 03/15/2024 or 15/03/2024, only when one side is over 12
    re.compile(r"(?<!\d)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\d)" + _TIME, re.I),
)
_W3C_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_TRAILING_NAME = re.compile(r"\s+\(?([A-Za-z]{1,5})\)?$")
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2}):?(\d{2})?$", re.I)
_HAS_TIME = re.compile(r"\d:\d\d")
_TWELVE_HOUR = re.compile(r"\d\s*[ap]\.?m\b", re.I)
_BEIJING_TIME = re.compile(r"北京时间|\(?Beijing [Tt]ime\)?")


def to_utc(value: datetime, zone: tzinfo = UTC) -> datetime:
    """Give every datetime a zone (``zone`` when it has none) and express it in UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone).astimezone(UTC)
    return value.astimezone(UTC)


def parse_date(text: str | None, context: DateContext | None = None) -> datetime | None:
    """Find the first date in ``text`` and return it in UTC, or None when there is none.

    ``context`` says which zone naive times are in and when the page was fetched; see
    the module's docstring.
    """
    if not text:
        return None
    cleaned = nfkc(text).strip()[:500]
    if not cleaned:
        return None
    context = context or UTC_CONTEXT
    if _BEIJING_TIME.search(cleaned):  # "北京时间2024年3月12日 08:30" names the zone in words
        cleaned = _BEIJING_TIME.sub(" ", cleaned).strip()
        context = DateContext(zone=timezone(timedelta(hours=8)), country="CN", now=context.now)
    found = _parse_exact(cleaned, context)
    if found is None:
        found = _parse_in_text(cleaned, context)
    if found is None and context.now is not None:  # "2 hours ago" means nothing undated
        found = relative_date(cleaned, context)
    if found is None or not MIN_YEAR <= found.year <= MAX_YEAR:
        return None
    return found


def _parse_exact(text: str, context: DateContext) -> datetime | None:
    """Whole-string forms: ISO 8601 / W3C (including "2024" and "2024-03") and RFC 822."""
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        pass
    else:
        return to_utc(value, context.zone if _HAS_TIME.search(text) else UTC)
    partial = _W3C_PARTIAL.match(text)
    if partial:
        return _build(int(partial.group(1)), int(partial.group(2) or 1), 1)
    if "," in text or re.match(r"^[A-Za-z]{3} ", text) or re.search(r"\d{2}:\d{2}", text):
        return parse_rfc822(text, context)
    return None


def parse_rfc822(text: str, context: DateContext = UTC_CONTEXT) -> datetime | None:
    """RFC 822 with a numeric zone, a zone name read in the source's country, or none."""
    if _TWELVE_HOUR.search(text):
        return None  # not RFC 822, whose parser would drop the "pm"
    zone: tzinfo | None = None
    named = _TRAILING_NAME.search(text)
    if named and named_offset(named.group(1), context.country) is not None:
        zone = named_offset(named.group(1), context.country)
        text = text[: named.start()] + " +0000"
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if zone is not None:
        return value.replace(tzinfo=zone).astimezone(UTC)
    return to_utc(value, context.zone)


def _parse_in_text(text: str, context: DateContext) -> datetime | None:
    """Search free text ("Posted on 15 March 2024 by …") for the first known date shape."""
    best: tuple[int, datetime] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _from_match(match, context)
            if value is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), value)
                break
    return best[1] if best else None


def _from_match(match: re.Match[str], context: DateContext) -> datetime | None:
    parts = match.groupdict()
    year = int(parts["y"])
    if parts.get("mon"):
        month = month_number(parts["mon"]) or 0  # 0 cannot happen: the pattern names months
        day = int(parts["d"])
    elif parts.get("a"):
        first, second = int(parts["a"]), int(parts["b"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return None
    else:
        month, day = int(parts["m"]), int(parts["d"])
    return _build(year, month, day, parts, context)


def _build(
    year: int,
    month: int,
    day: int,
    parts: dict[str, str | None] | None = None,
    context: DateContext = UTC_CONTEXT,
) -> datetime | None:
    """Assemble a UTC datetime, or None when the fields cannot form one (30 February).

    A time of day without a zone is in the context's zone; a bare date stays in UTC.
    """
    parts = parts or {}
    hour = int(parts.get("hh") or 0)
    minute = int(parts.get("mm") or 0)
    second = int(parts.get("ss") or 0)
    ampm = (parts.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = _zone(parts.get("tz"), context)
    if zone is None:
        zone = context.zone if parts.get("hh") else UTC
    try:
        value = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
    return value.astimezone(UTC)


def _zone(text: str | None, context: DateContext) -> tzinfo | None:
    """The zone a date names (offset, UTC±h or abbreviation); None when it names none."""
    if not text:
        return None
    offset = _OFFSET.match(text.strip())
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        delta = timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3) or 0))
        return timezone(sign * delta) if delta < timedelta(hours=15) else None
    return named_offset(text, context.country)
