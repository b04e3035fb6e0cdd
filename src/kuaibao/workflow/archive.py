"""Storing imported bulletins in the archive, and feeding the glossary from them.

One transaction per import: its items, the published issue and the glossary pairs are
stored together or not at all."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Protocol

from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.errors import ConflictError
from kuaibao.issue import issue_label
from kuaibao.store import Store

_YEAR = re.compile(r"^(\d{4})")


class ParsedLike(Protocol):
    """What every importer returns (see ``bulletin.importers``)."""

    items: list[Item]
    series: str | None
    year: int | None
    number: int | None
    running_number: int | None
    date: date | None


@dataclass(frozen=True)
class GivenFacts:
    """What the person importing states for what the text lacks (command-line options).

    A given value wins over the text's: the person knows the issue in hand.
    """

    series: str | None = None
    number: int | None = None
    running_number: int | None = None
    date: date | None = None


@dataclass
class Archived:
    """The stored bulletin and what the import added to the glossary."""

    bulletin: Bulletin
    glossary_added: int


def _year_of(parsed: ParsedLike, when: date | None) -> int:
    if parsed.year:
        return parsed.year
    if when:
        return when.year
    for item in parsed.items:
        match = _YEAR.match(item.event_date or "")
        if match:
            return int(match.group(1))
    return datetime.now(UTC).year


def _refuse_taken(store: Store, issue: Bulletin) -> None:
    """An issue already in the archive is not imported twice (nothing is stored)."""
    for other, _ in store.bulletins.all():
        if other.series != issue.series:
            continue
        same_number = issue.number is not None and (other.year, other.number) == (
            issue.year,
            issue.number,
        )
        same_running = (
            issue.running_number is not None and other.running_number == issue.running_number
        )
        if same_number or same_running:
            what = issue_label(issue) if same_number else f"总第{issue.running_number}期"
            raise ConflictError(
                f"{what} 已在档案中（快报 {other.id}），未导入。/ {what} is already in the "
                f"archive as bulletin {other.id}; nothing was imported (give --number or "
                "--running-number if the text's numbers are wrong)."
            )


def archive_bulletin(
    store: Store, parsed: ParsedLike, style: HouseStyle, given: GivenFacts | None = None
) -> Archived:
    """Store an imported bulletin as published, with its items, and learn its title pairs.

    Numbers are the text's or the ones given, never invented: an issue that printed no
    number stays unnumbered, so imports cannot shift the series' numbering. The running
    number (总第N期) it carries is what ``bulletin new`` continues from.
    """
    given = given or GivenFacts()
    now = datetime.now(UTC)
    when = given.date or parsed.date
    issue = Bulletin(
        series=given.series or parsed.series or style.series,
        year=_year_of(parsed, when) if given.date is None else given.date.year,
        number=given.number if given.number is not None else parsed.number,
        running_number=(
            given.running_number if given.running_number is not None else parsed.running_number
        ),
        date=when,
        issuing_unit=style.issuing_unit,
        state=BulletinState.PUBLISHED,
        published_at=now,
    )
    with store.transaction():  # an import is all or nothing: items, issue, glossary
        _refuse_taken(store, issue)
        items = store.items.add_many(
            [replace(i, id=None, state=ItemState.PUBLISHED) for i in parsed.items],
            now=now,
            editor="import",
        )
        issue.sections = list(
            dict.fromkeys([*style.sections, *(i.section for i in items if i.section)])
        )
        issue.items = items
        bulletin = store.bulletins.create(issue, now=now)
        pairs = [(i.original_title, i.title, i.id) for i in items if i.original_title]
        added = store.glossary.add_pairs([(o, t, i) for o, t, i in pairs if o], now=now)
    return Archived(bulletin=bulletin, glossary_added=added)
