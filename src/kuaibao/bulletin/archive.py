"""Storing imported bulletins in the archive, and feeding the glossary from them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Protocol

from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.store import Store

_YEAR = re.compile(r"^(\d{4})")


class ParsedLike(Protocol):
    """What every importer returns (see ``bulletin.importers``)."""

    items: list[Item]
    series: str | None
    year: int | None
    number: int | None
    date: date | None


@dataclass
class Archived:
    """The stored bulletin and what the import added to the glossary."""

    bulletin: Bulletin
    glossary_added: int


def _year_of(parsed: ParsedLike) -> int:
    if parsed.year:
        return parsed.year
    if parsed.date:
        return parsed.date.year
    for item in parsed.items:
        match = _YEAR.match(item.event_date or "")
        if match:
            return int(match.group(1))
    return datetime.now(UTC).year


def archive_bulletin(store: Store, parsed: ParsedLike, style: HouseStyle) -> Archived:
    """Store an imported bulletin as published, with its items, and learn its title pairs.

    A bulletin without a printed number gets the next free number of its series and year,
    so importing never overwrites or collides with an issue already in the archive.
    """
    now = datetime.now(UTC)
    series = parsed.series or style.series
    year = _year_of(parsed)
    last_number, last_running = store.bulletins.numbering(series, year)
    number = parsed.number
    taken = {b.number for b, _ in store.bulletins.all() if (b.series, b.year) == (series, year)}
    if number is None or number in taken:
        number = last_number + 1
    items = store.items.add_many(
        [replace(i, id=None, state=ItemState.PUBLISHED) for i in parsed.items],
        now=now,
        editor="import",
    )
    sections = list(dict.fromkeys([*style.sections, *(i.section for i in items if i.section)]))
    bulletin = store.bulletins.create(
        Bulletin(
            series=series,
            year=year,
            number=number,
            running_number=last_running + 1,
            date=parsed.date,
            issuing_unit=style.issuing_unit,
            sections=sections,
            items=items,
            state=BulletinState.PUBLISHED,
            published_at=now,
        ),
        now=now,
    )
    pairs = [(i.original_title, i.title, i.id) for i in items if i.original_title]
    added = store.glossary.add_pairs([(o, t, i) for o, t, i in pairs if o], now=now)
    return Archived(bulletin=bulletin, glossary_added=added)
