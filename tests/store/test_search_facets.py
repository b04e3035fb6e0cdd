"""Facet counts of the search index: kind, domain and year over a query's newest matches."""

from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.domain import Document, Item
from kuaibao.store import Store
from kuaibao.store.search_backends import FacetCell


def _doc(n: int, title: str, year: int | None) -> Document:
    return Document(
        id=n,
        url=f"https://lab.example/{n}",
        canonical_url=f"https://lab.example/{n}",
        title=title,
        text=f"{title}. More words about the topic.",
        content_hash=f"{n:064x}",
        published_at=datetime(year, 6, 1, tzinfo=UTC) if year else None,
    )


def _item(n: int, title: str, domain: str | None, date: str | None) -> Item:
    return Item(id=n, title=title, body=["正文。"], domain=domain, event_date=date)


def _index(store: Store) -> None:
    store.search.index_many(
        docs=[
            _doc(1, "Quantum sensors at sea", 2024),
            _doc(2, "Quantum networks", 2023),
            _doc(3, "Quantum in orbit", None),
            _doc(4, "Battery plant opens", 2024),
        ],
        items=[
            _item(11, "量子计算 新进展 quantum", "量子信息", "2024-02"),
            _item(12, "量子通信 quantum 卫星", "空天", "2024"),
            _item(13, "quantum 政策", None, "2022-01-05"),
        ],
    )


def test_counts_split_by_kind_domain_and_year(store: Store) -> None:
    _index(store)
    counts = store.search.facets("quantum")
    assert sorted(counts.cells, key=repr) == sorted(
        [
            FacetCell("document", None, "2024", 1),
            FacetCell("document", None, "2023", 1),
            FacetCell("document", None, None, 1),
            FacetCell("item", "量子信息", "2024", 1),
            FacetCell("item", "空天", "2024", 1),
            FacetCell("item", None, "2022", 1),
        ],
        key=repr,
    )
    assert counts.counted == 6 and counts.truncated is False


def test_only_the_newest_matches_are_counted(store: Store) -> None:
    _index(store)
    counts = store.search.facets("quantum", window=2)
    assert counts.counted == 2 and counts.truncated is True
    # Ids sort by date: the two newest matches are the ones dated 2024-06-01 and 2024-02.
    assert {(c.kind, c.year) for c in counts.cells} == {("document", "2024"), ("item", "2024")}


def test_phrases_exclusions_and_empty_queries(store: Store) -> None:
    _index(store)
    assert store.search.facets('"quantum networks"', exact=True).counted == 1
    assert store.search.facets("quantum -卫星 -orbit", exact=True).counted == 4
    assert store.search.facets("量子", exact=True).counted == 2
    assert store.search.facets("   ").cells == []
    assert store.search.facets("nothingmatcheshere").cells == []
