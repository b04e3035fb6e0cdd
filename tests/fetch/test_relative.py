"""Relative dates resolve against the fetch time, calendar words in the source's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kuaibao.fetch.dates import parse_date
from kuaibao.fetch.relative import relative_date
from kuaibao.fetch.zones import date_context

# 2024-03-12 02:00 UTC: already the 12th in Beijing (10:00), still the 11th in New York.
FETCHED = datetime(2024, 3, 12, 2, 0, tzinfo=UTC)
BEIJING = date_context(None, "CN", FETCHED)
NEW_YORK = date_context(None, "US", FETCHED)


@pytest.mark.parametrize(
    ("text", "back"),
    [("3小时前", timedelta(hours=3)), ("发布于 15分钟前", timedelta(minutes=15)),
     ("2天前", timedelta(days=2)), ("半小时前", timedelta(minutes=30)),
     ("两小时前", timedelta(hours=2)), ("1周前", timedelta(weeks=1)),
     ("30秒前", timedelta(seconds=30)), ("刚刚", timedelta(0)),
     ("2 hours ago", timedelta(hours=2)), ("an hour ago", timedelta(hours=1)),
     ("Updated 5 mins ago", timedelta(minutes=5)), ("3 days ago", timedelta(days=3)),
     ("just now", timedelta(0)), ("1 week ago", timedelta(weeks=1))],
)  # fmt: skip
def test_ages_count_back_from_the_fetch(text: str, back: timedelta) -> None:
    assert relative_date(text, BEIJING) == FETCHED - back
    assert parse_date(text, NEW_YORK) == FETCHED - back


@pytest.mark.parametrize(
    ("text", "beijing", "new_york"),
    [
        ("昨天 10:30", datetime(2024, 3, 11, 2, 30), datetime(2024, 3, 10, 14, 30)),
        ("今天 08:05", datetime(2024, 3, 12, 0, 5), datetime(2024, 3, 11, 12, 5)),
        ("前天", datetime(2024, 3, 9, 16, 0), datetime(2024, 3, 9, 5, 0)),
        ("yesterday at 5:30 pm", datetime(2024, 3, 11, 9, 30), datetime(2024, 3, 10, 21, 30)),
        ("Today, 9:00 AM", datetime(2024, 3, 12, 1, 0), datetime(2024, 3, 11, 13, 0)),
    ],
)
def test_calendar_words_are_days_in_the_sources_zone(
    text: str, beijing: datetime, new_york: datetime
) -> None:
    assert parse_date(text, BEIJING) == beijing.replace(tzinfo=UTC)
    assert parse_date(text, NEW_YORK) == new_york.replace(tzinfo=UTC)


def test_without_a_fetch_time_an_age_is_no_date() -> None:
    assert parse_date("3小时前") is None
    assert parse_date("2 hours ago", date_context(None, "CN")) is None


@pytest.mark.parametrize("text", ["小时", "ago", "three hours ago", "昨天 25:00", "前进"])
def test_other_text_is_not_a_relative_date(text: str) -> None:
    assert relative_date(text, BEIJING) is None
