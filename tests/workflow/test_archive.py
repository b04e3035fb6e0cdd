"""Archiving imported issues: numbers are the text's or the given ones, never invented."""

from __future__ import annotations

from datetime import date

import pytest

from kuaibao.bulletin.importers.parsed import ParsedBulletin
from kuaibao.bulletin.render import render
from kuaibao.domain import Item
from kuaibao.errors import ConflictError
from kuaibao.issue import issue_label
from kuaibao.store import Store
from kuaibao.workflow.archive import GivenFacts, archive_bulletin
from kuaibao.workflow.bulletins import correct, new_bulletin
from tests.bulletin.render_samples import STYLE


def _parsed(**masthead: object) -> ParsedBulletin:
    item = Item(
        title="某机构发布量子路线图",
        body=["2024年3月5日，某机构发布量子路线图，提出三个方向。"],
        section="重点关注",
        contributors=["张三"],
        source_urls=["https://q.example.org/roadmap"],
        original_title="Quantum roadmap",
    )
    return ParsedBulletin(items=[item], **masthead)  # type: ignore[arg-type]


def test_an_issue_without_a_number_stays_unnumbered_and_moves_no_numbering(
    store: Store,
) -> None:
    for _ in range(4):  # the same unnumbered text imported four times
        archived = archive_bulletin(store, _parsed(), STYLE).bulletin
        assert (archived.number, archived.running_number) == (None, None)
    opened = new_bulletin(store, STYLE, when=date(2026, 11, 20))
    assert (opened.number, opened.running_number) == (1, 1)


def test_the_next_issue_continues_the_imported_running_number(store: Store) -> None:
    archive_bulletin(
        store, _parsed(series="科技快报", year=2024, number=12, running_number=345), STYLE
    )
    opened = new_bulletin(store, STYLE, when=date(2024, 12, 1))
    assert (opened.number, opened.running_number) == (13, 346)


def test_given_facts_fill_in_and_win_over_the_text(store: Store) -> None:
    given = GivenFacts(series="前沿快讯", number=3, running_number=88, date=date(2025, 5, 6))
    b = archive_bulletin(store, _parsed(number=9, year=2024), STYLE, given).bulletin
    assert (b.series, b.year, b.number, b.running_number, b.date) == (
        "前沿快讯",
        2025,
        3,
        88,
        date(2025, 5, 6),
    )


@pytest.mark.parametrize(
    "again",
    [
        {"year": 2024, "number": 12},  # same 第N期 of the year
        {"year": 2025, "number": 1, "running_number": 345},  # same 总第N期
    ],
)
def test_an_issue_already_archived_is_refused_and_nothing_is_stored(
    store: Store, again: dict[str, int]
) -> None:
    archive_bulletin(store, _parsed(year=2024, number=12, running_number=345), STYLE)
    items_before = store.items.count()
    with pytest.raises(ConflictError, match="already in the archive"):
        archive_bulletin(store, _parsed(**again), STYLE)
    assert len(store.bulletins.all()) == 1
    assert store.items.count() == items_before


def test_unnumbered_issues_are_named_sorted_and_corrected_apart(store: Store) -> None:
    first = archive_bulletin(store, _parsed(date=date(2024, 3, 20)), STYLE).bulletin
    second = archive_bulletin(store, _parsed(year=2024), STYLE).bulletin
    numbered = archive_bulletin(store, _parsed(year=2024, number=2), STYLE).bulletin
    assert issue_label(first) == "科技快报 2024年3月20日"
    assert issue_label(second) == "科技快报 2024年"
    listed = [b.id for b, _ in store.bulletins.all()]
    assert listed[0] == numbered.id  # numbered issues first within a year, on any database
    assert correct(store, first.id).revision == 2
    assert correct(store, second.id).revision == 2  # not 3: a different unnumbered issue
    fixed = correct(store, first.id)
    assert fixed.revision == 3


@pytest.mark.parametrize("fmt", ["html", "md", "json", "feed", "docx"])
def test_an_unnumbered_issue_renders_without_a_number(store: Store, fmt: str) -> None:
    b = archive_bulletin(store, _parsed(date=date(2024, 3, 20)), STYLE).bulletin
    data = render(store.bulletins.get(b.id), fmt, STYLE)
    assert b"None" not in data
    if fmt in ("html", "md"):
        text = data.decode("utf-8")
        assert "2024年3月20日" in text and "期" not in text.split("重点关注")[0]
