"""Which time zone a source writes its times in, and what its zone abbreviations mean.

A feed's ``2024-03-12 08:30:00`` carries no zone, and a Chinese ministry means Beijing
time by it: taking it as UTC puts the item eight hours late. So a naive time is read in
the source's zone: its ``timezone`` field (an IANA name) when set, else the zone of its
country's capital (see :data:`CAPITAL_ZONES`; a country with one zone needs no entry),
else UTC. Abbreviations are ambiguous — CST is Beijing (+08:00) to a Chinese site and
Chicago (-06:00) to an American one, IST is India, Ireland or Israel — so they are
resolved with the source's country, and without one by the usual English meaning.

:class:`DateContext` carries what date parsing needs to know about the source (zone,
country) and the fetch (its time, against which "3小时前" and "2 hours ago" resolve).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# Countries with several zones: the zone of the capital (or seat of government).
CAPITAL_ZONES = {
    "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo", "CA": "America/Toronto", "CD": "Africa/Kinshasa",
    "CL": "America/Santiago", "CN": "Asia/Shanghai", "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin", "EC": "America/Guayaquil", "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa", "KZ": "Asia/Almaty", "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar", "MX": "America/Mexico_City", "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti", "PG": "Pacific/Port_Moresby",
    "PS": "Asia/Hebron", "PT": "Europe/Lisbon", "RU": "Europe/Moscow", "UA": "Europe/Kyiv",
    "UM": "Pacific/Wake", "US": "America/New_York", "UZ": "Asia/Tashkent",
    # Region codes of the source registry.
    "EU": "Europe/Brussels", "INT": "UTC",
}  # fmt: skip

# Abbreviation -> (UTC offset in minutes, countries that mean it); the first is the default.
_US_CA = frozenset({"US", "CA"})
_ABBREVIATIONS: dict[str, tuple[tuple[int, frozenset[str]], ...]] = {
    "EST": ((-300, _US_CA | {"MX", "PA", "JM"}), (600, frozenset({"AU"}))),
    "EDT": ((-240, _US_CA), (660, frozenset({"AU"}))),
    "CST": ((-360, _US_CA | {"MX"}), (480, frozenset({"CN", "TW", "HK", "MO"})),
            (-300, frozenset({"CU"})), (570, frozenset({"AU"}))),
    "CDT": ((-300, _US_CA | {"MX"}), (-240, frozenset({"CU"})), (630, frozenset({"AU"}))),
    "MST": ((-420, _US_CA | {"MX"}),),
    "MDT": ((-360, _US_CA | {"MX"}),),
    "PST": ((-480, _US_CA | {"MX"}), (480, frozenset({"PH"}))),
    "PDT": ((-420, _US_CA | {"MX"}),),
    "AKST": ((-540, frozenset({"US"})),), "AKDT": ((-480, frozenset({"US"})),),
    "HST": ((-600, frozenset({"US"})),),
    "AST": ((-240, frozenset({"CA", "PR"})), (180, frozenset({"SA", "KW", "IQ", "QA"}))),
    "ADT": ((-180, frozenset({"CA"})),),
    "NST": ((-210, frozenset({"CA"})),), "NDT": ((-150, frozenset({"CA"})),),
    "BST": ((60, frozenset({"GB"})), (360, frozenset({"BD"}))),
    "IST": ((330, frozenset({"IN"})), (60, frozenset({"IE"})), (120, frozenset({"IL"}))),
    "WET": ((0, frozenset()),), "WEST": ((60, frozenset()),),
    "CET": ((60, frozenset()),), "CEST": ((120, frozenset()),),
    "MET": ((60, frozenset()),), "MEST": ((120, frozenset()),),
    "EET": ((120, frozenset()),), "EEST": ((180, frozenset()),),
    "MSK": ((180, frozenset({"RU"})),),
    "JST": ((540, frozenset({"JP"})),), "KST": ((540, frozenset({"KR"})),),
    "HKT": ((480, frozenset({"HK"})),), "SGT": ((480, frozenset({"SG"})),),
    "BJT": ((480, frozenset({"CN"})),), "CCT": ((480, frozenset({"CN"})),),
    "AWST": ((480, frozenset({"AU"})),), "ACST": ((570, frozenset({"AU"})),),
    "ACDT": ((630, frozenset({"AU"})),), "AEST": ((600, frozenset({"AU"})),),
    "AEDT": ((660, frozenset({"AU"})),),
    "NZST": ((720, frozenset({"NZ"})),), "NZDT": ((780, frozenset({"NZ"})),),
    "SAST": ((120, frozenset({"ZA"})),), "PKT": ((300, frozenset({"PK"})),),
    "ICT": ((420, frozenset({"TH", "VN"})),), "WIB": ((420, frozenset({"ID"})),),
}  # fmt: skip
UTC_NAMES = frozenset({"Z", "UT", "UTC", "GMT"})
ABBREVIATIONS = frozenset(_ABBREVIATIONS) | UTC_NAMES


@dataclass(frozen=True)
class DateContext:
    """How to read a source's dates: its zone, its country, and when the page was fetched."""

    zone: tzinfo = UTC
    country: str | None = None
    now: datetime | None = field(default=None)

    def fetched_at(self) -> datetime:
        """The fetch time in the source's zone (now, if none was given)."""
        return (self.now or datetime.now(UTC)).astimezone(self.zone)


UTC_CONTEXT = DateContext()


def date_context(
    timezone_name: str | None, country: str | None, now: datetime | None = None
) -> DateContext:
    """The context for a source with this ``timezone`` field and ``country``.

    A stored name this machine's tzdata does not know (edited in the database by hand,
    or retired by a tzdata release) falls back to the country's zone rather than
    stopping the crawl.
    """
    try:
        zone = ZoneInfo(effective_timezone(timezone_name, country))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(effective_timezone(None, country))
    return DateContext(zone=zone, country=country, now=now)


def effective_timezone(timezone_name: str | None, country: str | None) -> str:
    """The IANA zone a source's naive times are in: its own, else its country's, else UTC."""
    if timezone_name:
        return timezone_name
    return country_timezone(country) or "UTC"


def country_timezone(country: str | None) -> str | None:
    """The zone of a country's capital, or None for an unknown code."""
    if not country:
        return None
    code = country.upper()
    return CAPITAL_ZONES.get(code) or _zones_by_country().get(code)


def check_timezone(value: str) -> str:
    """The IANA zone name ``value`` spells, canonically cased; ValueError saying why not."""
    name = value.strip()
    if name.upper() in ("UTC", "Z", "GMT"):
        return "UTC"
    if name in _zone_names():
        return name
    lowered = {zone.lower(): zone for zone in _zone_names()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    hint = " (an abbreviation such as CST is ambiguous; name the zone)" if name.isalpha() else ""
    raise ValueError(
        f"{value!r} is not an IANA time zone name such as Asia/Shanghai, Europe/Berlin "
        f"or America/New_York{hint}"
    )


def named_offset(name: str, country: str | None = None) -> timezone | None:
    """The fixed offset an abbreviation (CST, EDT, CET …) means to a source in ``country``."""
    key = name.upper()
    if key in UTC_NAMES:
        return UTC
    meanings = _ABBREVIATIONS.get(key)
    if not meanings:
        return None
    chosen = next((m for m in meanings if country and country.upper() in m[1]), meanings[0])
    return timezone(timedelta(minutes=chosen[0]))


@functools.cache
def _zone_names() -> frozenset[str]:
    try:
        return frozenset(available_timezones())
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata is a dependency
        return frozenset({"UTC"})


@functools.cache
def _zones_by_country() -> dict[str, str]:
    """Countries with exactly one zone in tzdata's ``zone.tab``, and that zone."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text("utf-8")
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _coordinates, name, *_ = line.split("\t")
            zones.setdefault(code, []).append(name)
    return {code: names[0] for code, names in zones.items() if len(names) == 1}
