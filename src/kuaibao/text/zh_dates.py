"""A date as Chinese writes it: ``2024年3月15日``, ``2024年3月`` or ``2024年``.

The fact finders give every date this form, the writers put it in drafts and the bulletin
prints it, so it lives below all three. Numbers carry no leading zeros (GB/T 15835).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

# Years named relative to a text's date, as Chinese writes them: the writers put the year
# in their place (去年 in a 2026 report → 2025年) and the check accepts that year.
ZH_RELATIVE_YEARS: Final[dict[str, int]] = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2}

_ISO_PARTIAL_RE: Final = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def format_date_zh(value: date | str) -> str:
    """``2024年3月15日``, ``2024年3月`` or ``2024年`` from a date or an ISO (partial) string."""
    if isinstance(value, date):
        return f"{value.year}年{value.month}月{value.day}日"
    match = _ISO_PARTIAL_RE.match(value.strip())
    if not match:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"not a real date: {value!r}") from exc
    if month is None:
        return f"{year}年"
    if day is None:
        return f"{year}年{month}月"
    return f"{year}年{month}月{day}日"
