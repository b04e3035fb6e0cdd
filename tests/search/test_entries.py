from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from kuaibao.domain import Document, Item
from kuaibao.search.entries import (
    MAX_BODY_CHARS,
    date_range,
    entry_for_document,
    entry_for_item,
    entry_id,
    id_bounds,
    pairs_literal,
    tsvector_literal,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", ("2024-01-01", "2024-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023-02", ("2023-02-01", "2023-02-28")),
        ("2024-03-15", ("2024-03-15", "2024-03-15")),
        ("2024-13", (None, None)),
        ("2024-02-30", (None, None)),
        ("March 2024", (None, None)),
        (None, (None, None)),
    ],
)
def test_partial_dates_become_ranges(value: str | None, expected: tuple[str, str]) -> None:
    assert date_range(value) == expected


def test_item_entry_searches_the_original_title_with_the_title() -> None:
    item = Item(
        id=4,
        title="量子芯片",
        body=["第一段。", "", "第二段。"],
        original_title="Quantum chip",
        domain="信息",
        section="要闻",
        event_date="2024-02",
    )
    entry = entry_for_item(item)
    assert entry.key == ("item", 4)
    assert entry.title == "量子芯片" and entry.body == "第一段。\n第二段。"
    assert entry.title_tokens == ("量子", "芯片", "quantum", "chip")
    assert (entry.date, entry.date_from, entry.date_to) == ("2024-02", "2024-02-01", "2024-02-29")
    assert (entry.domain, entry.section) == ("信息", "要闻")


def test_document_entry_is_dated_by_its_utc_publication_day_and_cut_to_size() -> None:
    late_evening = datetime(2024, 3, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    doc = Document(
        url="u", canonical_url="u", title="T", text="x " * MAX_BODY_CHARS, content_hash="h",
        id=9, source_id=3, published_at=late_evening,
    )  # fmt: skip
    entry = entry_for_document(doc)
    assert entry.date == entry.date_from == entry.date_to == "2024-03-02"
    assert entry.source_id == 3 and len(entry.body) == MAX_BODY_CHARS


def test_unsaved_objects_cannot_be_indexed() -> None:
    with pytest.raises(ValueError, match="no id"):
        entry_for_item(Item(title="t", body=[]))
    with pytest.raises(ValueError, match="no id"):
        entry_for_document(
            Document(url="u", canonical_url="u", title="t", text="", content_hash="h")
        )


def test_tsvector_literal_positions_weights_and_a_gap_between_title_and_body() -> None:
    item = Item(id=1, title="chip chip", body=["wafer chip"])
    entry = entry_for_item(item)
    assert tsvector_literal(entry) == "'chip':1A,2A,5B 'wafer':4B"
    assert pairs_literal(entry) == "'chip chip' 'wafer chip'"  # not "chip wafer": a gap


def test_tsvector_literal_quotes_lexemes() -> None:
    doc = Document(url="u", canonical_url="u", title="", text="", content_hash="h", id=1)
    entry = entry_for_document(doc)
    weird = entry.__class__(**{**entry.__dict__, "title_tokens": ("o'k", "a\\b")})
    assert tsvector_literal(weird) == "'o''k':1A 'a\\\\b':2A"
    assert pairs_literal(weird) == "'o''k a\\\\b'"


def test_naive_publication_times_are_taken_as_utc() -> None:
    doc = Document(
        url="u", canonical_url="u", title="t", text="", content_hash="h", id=1,
        published_at=datetime(2024, 1, 1, 23, 0),
    )  # fmt: skip
    assert entry_for_document(doc).date == "2024-01-01"


def test_id_bounds_hold_every_entry_the_date_filters_keep() -> None:
    low, high = id_bounds(date(2024, 12, 31), date(2025, 1, 1))
    assert low is not None and high is not None
    year_only = entry_id("item", 7, date_range("2024")[0])
    new_year = entry_id("document", 8, "2025-01-01")
    assert low <= year_only < high and low <= new_year < high
    assert entry_id("item", 9, "2025-01-02") >= high
    assert entry_id("item", 9, "2023-12-30") < low
    assert id_bounds(None, None) == (None, None)
