"""Cross-language search on both backends: 芯片 finds chip stories, quantum finds 量子."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import sessionmaker

from kuaibao.domain import Document, Item
from kuaibao.store import Store
from kuaibao.store.search import SearchHit, SearchRepository


def _doc(n: int, title: str, text: str) -> Document:
    return Document(
        id=n,
        url=f"https://news.example/{n}",
        canonical_url=f"https://news.example/{n}",
        title=title,
        text=text,
        content_hash=f"{n:064x}",
        published_at=datetime(2024, 1, n, tzinfo=UTC),
    )


DOCS = [
    _doc(1, "Chipmaker opens a new fab", "The semiconductor plant will make wafers from 2026."),
    _doc(2, "Quantum sensor maps the brain", "A quantum sensor measured weak magnetic fields."),
    _doc(3, "Glossary word only", "The firm's chip roadmap was shown to investors."),
    _doc(4, "Nordic Fusion Agency picks a site", "The agency chose a coastal site."),
]
ITEMS = [
    # The newest entry, and 量子 four times in its title: bm25 alone would rank it first.
    Item(
        id=1, title="量子量子量子量子", body=["量子传感器测量了微弱磁场。"], event_date="2024-02-01"
    ),
    Item(id=2, title="芯片法案获批", body=["芯片制造将获得补贴。"], event_date="2024-01-20"),
]


def ids(hits: list[SearchHit]) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in hits]


@pytest.fixture
def indexed(store: Store) -> Store:
    store.search.index_many(docs=DOCS, items=ITEMS)
    return store


def test_a_chinese_word_finds_english_chip_stories(indexed: Store) -> None:
    found = ids(indexed.search.search("芯片"))
    assert ("document", 1) in found  # says semiconductor, chipmaker, fab, wafers
    assert found[0] == ("item", 2)  # the word as typed ranks first


def test_an_english_word_finds_chinese_items_and_originals_rank_first(indexed: Store) -> None:
    hits = indexed.search.search("quantum")
    assert ids(hits) == [("document", 2), ("item", 1)]
    assert hits[0].score < hits[1].score  # ranked first although bm25 scores it lower
    assert "量子" in hits[1].title[slice(*hits[1].title_highlights[0])]


def test_exact_searches_only_the_words_as_typed(indexed: Store) -> None:
    assert ids(indexed.search.search("quantum", exact=True)) == [("document", 2)]
    assert ids(indexed.search.search("芯片", exact=True)) == [("item", 2)]
    assert indexed.search.expansion("quantum", exact=True).applied == ()
    assert indexed.search.facets("quantum", exact=True).counted == 1
    assert indexed.search.facets("quantum").counted == 2


def test_the_applied_counterparts_are_reported(indexed: Store) -> None:
    assert indexed.search.expansion("quantum").applied == ("量子",)
    assert "integrated circuit" in indexed.search.expansion("芯片").applied
    assert indexed.search.expansion("nothingknown").applied == ()
    assert indexed.search.expansion("-quantum lithium").applied == ()  # exclusions stay


def test_names_the_glossary_teaches_are_pairs_too(indexed: Store) -> None:
    assert indexed.search.expansion("NFA").applied == ()  # pairs built now
    title_pair = ("Nordic Fusion Agency (NFA) opens a test site", "北欧聚变署（NFA）启用试验场")
    indexed.glossary.add_pairs([(*title_pair, None)], now=datetime.now(UTC))
    fresh = SearchRepository(sessionmaker(indexed.engine))  # pairs are read on first use
    assert fresh.expansion('"Nordic Fusion Agency"').applied == ("北欧聚变署",)
    assert "Nordic Fusion Agency" in fresh.expansion("北欧聚变署").applied
    assert ("document", 4) in ids(fresh.search("北欧聚变署"))
    assert indexed.search.expansion("NFA").applied == ()  # built before the glossary grew


@pytest.mark.postgres
def test_both_backends_order_expanded_searches_alike(sqlite_url: str, postgres_url: str) -> None:
    stores = Store(sqlite_url), Store(postgres_url)
    try:
        for st in stores:
            st.search.index_many(docs=DOCS, items=ITEMS)
        for text in ("quantum", "量子", "芯片", "semiconductor", "芯片 OR quantum", "量子传感"):
            lite, pg = (st.search.search(text) for st in stores)
            assert ids(lite) == ids(pg), text
            assert [h.score for h in pg] == pytest.approx([h.score for h in lite], rel=1e-12)
    finally:
        for st in stores:
            st.close()
