"""Source time zones: defaults from the country, validation, abbreviations read in context."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kuaibao.fetch.zones import (
    CAPITAL_ZONES,
    check_timezone,
    country_timezone,
    date_context,
    effective_timezone,
    named_offset,
)
from kuaibao.sources.fields import ISO_COUNTRIES, REGION_CODES


@pytest.mark.parametrize(
    ("country", "zone"),
    [("CN", "Asia/Shanghai"), ("US", "America/New_York"), ("GB", "Europe/London"),
     ("JP", "Asia/Tokyo"), ("AU", "Australia/Sydney"), ("RU", "Europe/Moscow"),
     ("DE", "Europe/Berlin"), ("FR", "Europe/Paris"), ("TW", "Asia/Taipei"),
     ("EU", "Europe/Brussels"), ("INT", "UTC"), ("cn", "Asia/Shanghai")],
)  # fmt: skip
def test_default_zone_is_the_capitals(country: str, zone: str) -> None:
    assert country_timezone(country) == zone


def test_every_registry_country_has_a_real_zone() -> None:
    """Multi-zone countries need a capital entry; the rest come from tzdata's zone.tab."""
    missing = []
    for code in sorted(ISO_COUNTRIES | set(REGION_CODES)):
        zone = country_timezone(code)
        if zone is None:
            missing.append(code)
        else:
            ZoneInfo(zone)
    assert set(missing) <= {"AQ", "BV", "HM"}  # uninhabited: no civil time to speak of
    assert all(ZoneInfo(zone) for zone in CAPITAL_ZONES.values())


def test_own_zone_beats_the_country_and_unknown_countries_are_utc() -> None:
    assert effective_timezone("Asia/Hong_Kong", "CN") == "Asia/Hong_Kong"
    assert effective_timezone(None, "CN") == "Asia/Shanghai"
    assert effective_timezone(None, None) == "UTC"


@pytest.mark.parametrize(
    ("value", "name"),
    [("Asia/Shanghai", "Asia/Shanghai"), ("asia/shanghai", "Asia/Shanghai"),
     (" Europe/Berlin ", "Europe/Berlin"), ("utc", "UTC"),
     ("America/New_York", "America/New_York")],
)  # fmt: skip
def test_valid_zone_names_are_canonical(value: str, name: str) -> None:
    assert check_timezone(value) == name


@pytest.mark.parametrize(
    ("value", "words"),
    [("CST", "ambiguous"), ("Beijing", "IANA"), ("Asia/Beijing", "Asia/Shanghai"),
     ("+08:00", "IANA"), ("", "IANA")],
)  # fmt: skip
def test_invalid_zone_names_say_what_is_expected(value: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        check_timezone(value)


@pytest.mark.parametrize(
    ("name", "country", "hours"),
    [("CST", "CN", 8), ("CST", "TW", 8), ("CST", "US", -6), ("CST", None, -6),
     ("CST", "CU", -5), ("IST", "IN", 5.5), ("IST", "IE", 1), ("IST", "IL", 2),
     ("EDT", "US", -4), ("PST", None, -8), ("CET", "DE", 1), ("CEST", None, 2),
     ("BST", "GB", 1), ("JST", None, 9), ("GMT", "CN", 0), ("edt", None, -4)],
)  # fmt: skip
def test_abbreviations_mean_what_they_mean_in_the_country(
    name: str, country: str | None, hours: float
) -> None:
    assert named_offset(name, country) is not None
    offset = named_offset(name, country)
    assert offset is not None and offset.utcoffset(None) == timedelta(hours=hours)


def test_unknown_abbreviations_name_no_zone() -> None:
    assert named_offset("at") is None and named_offset("XYZ", "CN") is None


def test_a_stored_zone_tzdata_does_not_know_falls_back_to_the_country() -> None:
    context = date_context("Mars/Olympus_Mons", "CN")
    assert context.zone == ZoneInfo("Asia/Shanghai")
    now = datetime(2024, 3, 12, tzinfo=UTC)
    assert date_context(None, "JP", now).fetched_at().utcoffset() == timedelta(hours=9)
