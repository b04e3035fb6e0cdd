"""The date an item's body states first, as ISO at the precision the text gives.

Items open with the event's date (``2024年3月15日，…``); imported items keep it as
``2024``, ``2024-03`` or ``2024-03-15`` so that the archive can be searched by when
things happened, not only by when the bulletin appeared.
"""

from __future__ import annotations

import re
from datetime import date

from kuaibao.text.scripts import CJK_SYMBOLS, FULLWIDTH_FORMS, HAN

_URL_RE = re.compile(rf"(?:https?://|www\.)[^\s{CJK_SYMBOLS}{HAN}{FULLWIDTH_FORMS}]+")
_WITH_YEAR_RE = re.compile(
    r"(?<!\d)(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?"
)
_NO_YEAR_RE = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]")
_ISO_RE = re.compile(r"(?<![\d/.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d/.-])")
MIN_YEAR, MAX_YEAR = 1900, 2100


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO text at the given precision, or None when the parts are not a real date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        return None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _candidates(text: str, year: int | None) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for pattern in (_WITH_YEAR_RE, _ISO_RE):
        for match in pattern.finditer(text):
            m, d = match.group("m"), match.group("d")
            iso = _iso(int(match.group("y")), int(m) if m else None, int(d) if d else None)
            if iso:
                found.append((match.start(), iso))
    if year is not None:
        for match in _NO_YEAR_RE.finditer(text):
            iso = _iso(year, int(match.group("m")), int(match.group("d")))
            if iso:
                found.append((match.start(), iso))
    return found


def first_event_date(text: str, year: int | None = None) -> str | None:
    """The first date stated in ``text``; dates without a year take ``year`` if given."""
    text = _URL_RE.sub(lambda m: " " * len(m.group(0)), text)
    found = _candidates(text, year)
    return min(found)[1] if found else None
