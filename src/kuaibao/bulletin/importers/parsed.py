"""What importing a past bulletin yields: its items, its masthead facts, and leftovers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kuaibao.domain import Item


@dataclass(frozen=True)
class Unplaced:
    """Text the importer could not attribute to an item; 1-based, inclusive line numbers."""

    first_line: int
    last_line: int
    text: str


@dataclass
class ParsedBulletin:
    """Items in bulletin order; masthead fields are None when the text has no masthead."""

    items: list[Item]
    series: str | None = None
    year: int | None = None
    number: int | None = None
    running_number: int | None = None
    date: date | None = None
    unplaced: list[Unplaced] = field(default_factory=list)
