"""Dates as feeds, sitemaps and listing pages print them, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.fetch.dates import parse_date, to_utc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-15", datetime(2024, 3, 15, tzinfo=UTC)),
        ("2024-03-15T10:00:00Z", datetime(2024, 3, 15, 10, tzinfo=UTC)),
        ("2024-03-15T10:00:00+08:00", datetime(2024, 3, 15, 2, tzinfo=UTC)),
        ("2024-03", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024", datetime(2024, 1, 1, tzinfo=UTC)),
        ("Fri, 15 Mar 2024 10:00:00 +0800", datetime(2024, 3, 15, 2, tzinfo=UTC)),
        ("Fri, 15 Mar 2024 10:00:00 GMT", datetime(2024, 3, 15, 10, tzinfo=UTC)),
        ("March 15, 2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("Mar. 15, 2024 3:45 pm", datetime(2024, 3, 15, 15, 45, tzinfo=UTC)),
        ("Friday, March 15th, 2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("Sept 5, 2024", datetime(2024, 9, 5, tzinfo=UTC)),
        ("15 Mar 2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("15 March, 2024 09:30", datetime(2024, 3, 15, 9, 30, tzinfo=UTC)),
        ("2024年3月15日", datetime(2024, 3, 15, tzinfo=UTC)),
        ("发布时间：2024年03月15日 14:30", datetime(2024, 3, 15, 14, 30, tzinfo=UTC)),
        ("２０２４年３月１５日", datetime(2024, 3, 15, tzinfo=UTC)),
        ("2024/3/15", datetime(2024, 3, 15, tzinfo=UTC)),
        ("Posted 15.03.2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("03/15/2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("15/03/2024", datetime(2024, 3, 15, tzinfo=UTC)),
        ("2024-03-15 10:00 -0500", datetime(2024, 3, 15, 15, tzinfo=UTC)),
        ("Published 2 May 2023 | Updated 2024-01-01", datetime(2023, 5, 2, tzinfo=UTC)),
    ],
)
def test_known_shapes(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "not a date", "2024-02-30", "03/04/2024", "1800-01-01", "12 hours ago"],
)
def test_unknown_impossible_or_ambiguous_dates_give_none(text: str | None) -> None:
    assert parse_date(text) is None


def test_to_utc_gives_naive_values_a_zone() -> None:
    assert to_utc(datetime(2024, 1, 1)) == datetime(2024, 1, 1, tzinfo=UTC)
