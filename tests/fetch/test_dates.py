"""Dates as feeds, sitemaps and listing pages print them, in English and Chinese."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.fetch.dates import parse_date, to_utc
from kuaibao.fetch.zones import DateContext, date_context


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


# Naive times are in the source's zone; zone names are read with its country.
SHANGHAI = date_context(None, "CN")
NEW_YORK = date_context(None, "US")
BERLIN = date_context("Europe/Berlin", None)


@pytest.mark.parametrize(
    ("text", "context", "expected"),
    [
        ("2024-03-12 08:30:00", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("2024-03-12T08:30:00", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("2024年3月12日 08:30", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("发布时间：2024-03-12 08:30", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("Tue, 12 Mar 2024 08:30:00", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("2024-03-12 08:30:00", NEW_YORK, datetime(2024, 3, 12, 12, 30)),  # EDT since 10 March
        ("2024-01-12 08:30:00", NEW_YORK, datetime(2024, 1, 12, 13, 30)),  # EST
        ("March 12, 2024 8:30 pm", NEW_YORK, datetime(2024, 3, 13, 0, 30)),
        ("2024-07-01 12:00", BERLIN, datetime(2024, 7, 1, 10, 0)),
        ("Tue, 12 Mar 2024 08:30:00 CST", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("Tue, 12 Mar 2024 08:30:00 CST", NEW_YORK, datetime(2024, 3, 12, 14, 30)),
        ("2024-03-12 08:30 CST", SHANGHAI, datetime(2024, 3, 12, 0, 30)),
        ("March 12, 2024 8:30 am EDT", SHANGHAI, datetime(2024, 3, 12, 12, 30)),
        ("12 Mar 2024 10:00 CET", NEW_YORK, datetime(2024, 3, 12, 9, 0)),
        ("Tue, 12 Mar 2024 08:30:00 PST", None, datetime(2024, 3, 12, 16, 30)),
        ("2024-03-12 08:30 (UTC+8)", NEW_YORK, datetime(2024, 3, 12, 0, 30)),
        ("2024-03-12 08:30 GMT+05:30", NEW_YORK, datetime(2024, 3, 12, 3, 0)),
        ("北京时间2024年3月12日 08:30", NEW_YORK, datetime(2024, 3, 12, 0, 30)),
        ("Tue, 12 Mar 2024 08:30:00 +0000", SHANGHAI, datetime(2024, 3, 12, 8, 30)),
        ("2024-03-12T08:30:00Z", SHANGHAI, datetime(2024, 3, 12, 8, 30)),
        # A date without a time keeps its calendar day, whatever the zone.
        ("2024-03-12", SHANGHAI, datetime(2024, 3, 12)),
        ("2024年3月12日", NEW_YORK, datetime(2024, 3, 12)),
    ],
)
def test_times_without_a_zone_are_in_the_sources_zone(
    text: str, context: DateContext | None, expected: datetime
) -> None:
    assert parse_date(text, context) == expected.replace(tzinfo=UTC)
