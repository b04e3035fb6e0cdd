"""The facts found in a text: dates, sums of money, percentages, organisations, places.

Every hit keeps its character span in the input so that a reviewer (or the checker) can
point at the exact words. ``as_dict`` gives the JSON shape of ``kuaibao facts --json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


def json_number(value: float) -> int | float:
    """Integral floats print as integers in JSON (``1100000000``, not ``1.1e9``)."""
    return int(value) if float(value).is_integer() else value


class Spanned(Protocol):
    """Anything found in a text: it knows where."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def spans_of(*groups: Iterable[Spanned]) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of every hit in the groups."""
    return [(hit.start, hit.end) for group in groups for hit in group]


@dataclass(frozen=True)
class DateFact:
    """A date at the precision the text gives: year, month or day (year may be unknown)."""

    text: str
    iso: str
    zh: str
    start: int
    end: int
    year: int | None
    month: int | None = None
    day: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "iso": self.iso,
            "zh": self.zh,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Quantity:
    """A number as written: its value, the size of its last significant digit, any hedge.

    ``approx`` is ``about``, ``over`` or ``under`` when the text hedges the figure
    (约, 超过, 不到, 700多万 …); ``step`` lets a checker accept the rounding the hedge allows.
    """

    value: float
    step: float = 1.0
    approx: str | None = None


@dataclass(frozen=True)
class MoneyFact:
    """A sum of money in units of its ISO 4217 currency, with its Chinese house-style form."""

    text: str
    amount: float
    currency: str
    zh: str
    start: int
    end: int
    step: float = 1.0
    approx: str | None = None
    sign_only: bool = False  # the currency came from a bare sign such as ¥ or $

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "amount": json_number(self.amount),
            "currency": self.currency,
            "zh": self.zh,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class PercentFact:
    """A percentage (or percentage points) with its printed form ``62%``."""

    text: str
    value: float
    zh: str
    start: int
    end: int
    step: float = 1.0
    approx: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": json_number(self.value),
            "zh": self.zh,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class OrgFact:
    """An organisation, programme or law found through the gazetteer."""

    text: str
    zh: str
    canonical: str
    kind: str
    start: int
    end: int
    country: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "zh": self.zh,
            "canonical": self.canonical,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class PlaceFact:
    """A country, region or major place with its Chinese name and code."""

    text: str
    zh: str
    code: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "zh": self.zh,
            "code": self.code,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class NumberFact:
    """A plain number (``65个``, ``three``, ``2080亿``) that is not a date, sum or percentage."""

    text: str
    value: float
    start: int
    end: int
    step: float = 1.0
    approx: str | None = None
    fraction: bool = False  # 四分之一: the source may give the value or the denominator


@dataclass
class Facts:
    """Everything ``extract_facts`` found in one text, each list in text order."""

    dates: list[DateFact] = field(default_factory=list)
    money: list[MoneyFact] = field(default_factory=list)
    percentages: list[PercentFact] = field(default_factory=list)
    organisations: list[OrgFact] = field(default_factory=list)
    places: list[PlaceFact] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[dict[str, Any]]]:
        """The JSON shape of ``kuaibao facts --json``."""
        return {
            "dates": [d.as_dict() for d in self.dates],
            "money": [m.as_dict() for m in self.money],
            "percentages": [p.as_dict() for p in self.percentages],
            "organisations": [o.as_dict() for o in self.organisations],
            "places": [p.as_dict() for p in self.places],
        }
