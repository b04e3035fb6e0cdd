"""parse_datetime and plausible: every result is aware and in UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kuaibao.extract.dates import parse_datetime, plausible, to_utc
from kuaibao.fetch.zones import date_context


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-05-01T10:20:30Z", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("2024-05-01T10:20:30+08:00", datetime(2024, 5, 1, 2, 20, 30, tzinfo=UTC)),
        ("2024-05-01T10:20:30.123-0500", datetime(2024, 5, 1, 15, 20, 30, 123000, tzinfo=UTC)),
        ("2024-05-01", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024/05/01 10:20 +0800", datetime(2024, 5, 1, 2, 20, tzinfo=UTC)),
        ("2024.5.1", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024年5月1日", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024-05-01 10:20:30 GMT", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("Tue, 19 Nov 2019 10:00:00 +0100", datetime(2019, 11, 19, 9, 0, tzinfo=UTC)),
        ("  2024-05-01T10:20:30  ", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
    ],
)
def test_parse_datetime_reads_common_forms(raw: str, expected: datetime) -> None:
    parsed = parse_datetime(raw)
    assert parsed == expected
    assert parsed is not None
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("raw", ["", "yesterday", "2024-13-45", "99/99/9999", "x" * 100])
def test_parse_datetime_refuses_non_dates(raw: str) -> None:
    assert parse_datetime(raw) is None


def test_to_utc_treats_naive_as_utc_and_converts_aware() -> None:
    assert to_utc(datetime(2024, 1, 1, 12)) == datetime(2024, 1, 1, 12, tzinfo=UTC)
    east = timezone(timedelta(hours=8))
    converted = to_utc(datetime(2024, 1, 1, 12, tzinfo=east))
    assert converted.tzinfo is UTC
    assert converted.hour == 4


def test_plausible_bounds() -> None:
    now = datetime(2025, 6, 1, tzinfo=UTC)
    assert plausible(datetime(2025, 6, 1, 20, tzinfo=UTC), now)
    assert not plausible(datetime(2025, 6, 3, tzinfo=UTC), now)
    assert not plausible(datetime(1970, 1, 1, tzinfo=UTC), now)


@pytest.mark.parametrize(
    ("raw", "country", "expected"),
    [
        ("2024-05-01T10:20:30", "CN", datetime(2024, 5, 1, 2, 20, 30, tzinfo=UTC)),
        ("2024-05-01 10:20", "CN", datetime(2024, 5, 1, 2, 20, tzinfo=UTC)),
        ("2024/05/01 10:20 CST", "CN", datetime(2024, 5, 1, 2, 20, tzinfo=UTC)),
        ("2024/05/01 10:20 CST", "US", datetime(2024, 5, 1, 16, 20, tzinfo=UTC)),
        ("2024-05-01 10:20:30", "GB", datetime(2024, 5, 1, 9, 20, 30, tzinfo=UTC)),
        ("Wed, 01 May 2024 10:20:30", "JP", datetime(2024, 5, 1, 1, 20, 30, tzinfo=UTC)),
        ("2024-05-01T10:20:30Z", "CN", datetime(2024, 5, 1, 10, 20, 30, tzinfo=UTC)),
        ("2024-05-01", "CN", datetime(2024, 5, 1, tzinfo=UTC)),
    ],
)
def test_page_times_without_a_zone_are_in_the_sources_zone(
    raw: str, country: str, expected: datetime
) -> None:
    assert parse_datetime(raw, date_context(None, country)) == expected
