"""Relative dates as listing and article pages print them: "3小时前", "昨天 10:30", "2 hours ago".

News sites show recent items by age rather than by date. Such a date means something
only against the moment the page was fetched, and a calendar word ("yesterday",
"昨天") only in the source's own zone — a Beijing site's 昨天 starts at Beijing
midnight — so both come from the :class:`~kuaibao.fetch.zones.DateContext`. The result
is in UTC like every other parsed date; text that is not a relative date gives None.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

from kuaibao.fetch.zones import DateContext

_CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
               "八": 8, "九": 9, "十": 10, "半": 0.5}  # fmt: skip
_UNITS = {
    "秒": "seconds", "分钟": "minutes", "分": "minutes", "小时": "hours", "个小时": "hours",
    "天": "days", "日": "days", "周": "weeks", "星期": "weeks", "个星期": "weeks",
    "second": "seconds", "sec": "seconds", "minute": "minutes", "min": "minutes",
    "hour": "hours", "hr": "hours", "day": "days", "week": "weeks", "wk": "weeks",
}  # fmt: skip
_CHINESE_AGO = re.compile(
    r"(?P<n>\d+|[一两二三四五六七八九十半])\s*(?P<unit>秒|分钟|分|个小时|小时|天|日|个星期|星期|周)\s*(?:钟)?\s*(?:之)?前"
)
_ENGLISH_AGO = re.compile(
    r"\b(?P<n>\d+|an?|one)\s+(?P<unit>sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|w(?:ee)?k)s?\s+ago\b",
    re.I,
)
_JUST_NOW = re.compile(r"刚刚|刚才|\bjust now\b|\bmoments? ago\b", re.I)
_DAY_WORDS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2,
              "today": 0, "yesterday": 1}  # fmt: skip
_DAY_WORD = re.compile(
    r"(?P<word>今天|今日|昨天|昨日|前天|\btoday\b|\byesterday\b)"
    r"(?:\s*(?:,|at)?\s*(?P<hh>\d{1,2})[:：](?P<mm>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?",
    re.I,
)


def relative_date(text: str, context: DateContext) -> datetime | None:
    """The moment a relative date in ``text`` points at, in UTC; None if there is none."""
    now = context.fetched_at()
    ago = _CHINESE_AGO.search(text) or _ENGLISH_AGO.search(text)
    if ago:
        amount = _amount(ago.group("n"))
        unit = _UNITS[_unit_key(ago.group("unit"))]
        return now.astimezone(UTC) - timedelta(**{unit: amount})  # elapsed, not wall, time
    if _JUST_NOW.search(text):
        return now.astimezone(UTC)
    day = _DAY_WORD.search(text)
    if day:
        return _on_day(day, now, context)
    return None


def _on_day(match: re.Match[str], now: datetime, context: DateContext) -> datetime | None:
    """A calendar word, with its time of day if given (midnight, local, if not)."""
    back = _DAY_WORDS[match.group("word").lower()]
    hour, minute = int(match.group("hh") or 0), int(match.group("mm") or 0)
    ampm = (match.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    day = now.date() - timedelta(days=back)
    local = datetime.combine(day, time(hour, minute), tzinfo=context.zone)
    return local.astimezone(UTC)


def _amount(text: str) -> float:
    if text.isdigit():
        return int(text)
    if text.lower() in ("a", "an", "one"):
        return 1
    return _CN_NUMBERS[text]


def _unit_key(unit: str) -> str:
    lowered = unit.lower()
    if lowered in _UNITS:
        return lowered
    return {"s": "second", "m": "minute", "h": "hour", "d": "day", "w": "week"}[lowered[0]]
