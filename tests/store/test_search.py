from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker

from kuaibao.domain import Document, Item
from kuaibao.store import Store
from kuaibao.store.search import SearchHit, SearchRepository


def item(n: int, title: str, *paragraphs: str, **kw: object) -> Item:
    return Item(id=n, title=title, body=list(paragraphs), **kw)  # type: ignore[arg-type]


def doc(n: int, title: str, text: str, **kw: object) -> Document:
    fields: dict[str, object] = {
        "id": n,
        "url": f"https://lab.example/{n}",
        "canonical_url": f"https://lab.example/{n}",
        "title": title,
        "text": text,
        "content_hash": f"{n:064x}",
    }
    fields.update(kw)
    return Document(**fields)  # type: ignore[arg-type]


ITEMS = [
    item(1, "中国科学院发布新型量子计算机原型",
         "研究团队表示，这台量子计算机采用超导量子比特，可在低温下稳定运行。",
         domain="信息", section="要闻", event_date="2024-03-15",
         original_title="Chinese Academy unveils a superconducting quantum computer"),
    item(2, "欧盟通过芯片法案修订", "修订后的法案为半导体制造提供补贴，并设立监测机制。",
         domain="信息", section="政策", event_date="2023-11"),
    item(3, "固态电池能量密度再创纪录", "实验室样品的能量密度超过五百瓦时每千克，但成本仍然较高。",
         domain="能源", section="要闻", event_date="2024"),
    item(4, "量子通信卫星完成星地链路试验", "卫星与地面站之间完成了密钥分发试验，链路稳定。",
         domain="空天", section="动态", event_date="2022-06-01"),
    item(5, "美国能源部资助核聚变项目", "资助覆盖磁约束与惯性约束两条路线。",
         domain="能源", section="政策"),
]  # fmt: skip
DOCS = [
    doc(11, "Lithium battery plant opens in Nevada",
        "The new plant will refine lithium for electric vehicle batteries. "
        "Officials expect the first shipments next spring.",
        source_id=1, published_at=datetime(2024, 5, 2, 8, 0, tzinfo=UTC)),
    doc(12, "Grid storage costs fall",
        "Analysts say lithium prices dropped, lithium supply grew and lithium demand from "
        "grid storage doubled over two years.",
        source_id=2, published_at=datetime(2024, 1, 20, tzinfo=UTC)),
    doc(13, "Quarterly market notes",
        "Among many topics, lithium appeared once in this long overview of commodity markets.",
        source_id=2, published_at=datetime(2023, 7, 1, tzinfo=UTC)),
    doc(14, "Researchers build faster quantum computers",
        "Superconducting qubits in the new computers keep coherence for longer; the computer "
        "architecture is modular.",
        source_id=1, published_at=datetime(2024, 3, 10, tzinfo=UTC)),
    doc(15, "量子计算产业报告发布",
        "报告认为量子计算仍处于早期阶段，但量子纠错研究进展迅速。",
        source_id=3, published_at=datetime(2024, 2, 1, tzinfo=UTC)),
    doc(16, "Computing with light",
        "Photonic chips move data with light; quantum effects are not involved here.",
        source_id=3, published_at=datetime(2022, 9, 9, tzinfo=UTC)),
]  # fmt: skip


@pytest.fixture
def indexed(store: Store) -> Store:
    assert store.search.index_many(docs=DOCS, items=ITEMS) == len(DOCS) + len(ITEMS)
    return store


def ids(hits: list[SearchHit]) -> list[tuple[str, int]]:
    return [(h.kind, h.id) for h in hits]


def test_chinese_query_finds_a_longer_word_through_search_mode_tokens(indexed: Store) -> None:
    hits = indexed.search.search("量子计算")
    assert ("item", 1) in ids(hits)  # its text only says 量子计算机
    assert set(ids(hits)) == {("item", 1), ("document", 15)}


def test_english_query_is_plural_stemmed(indexed: Store) -> None:
    assert ids(indexed.search.search("computer", exact=True)) == [("document", 14), ("item", 1)]
    assert ids(indexed.search.search("Batteries", exact=True)) == [("document", 11)]


def test_mixed_query_matches_english_original_title_and_chinese_body(indexed: Store) -> None:
    assert ids(indexed.search.search("superconducting 量子比特", exact=True)) == [("item", 1)]


def test_phrase_needs_adjacent_words_in_order(indexed: Store) -> None:
    assert ids(indexed.search.search('"quantum computers"')) == [("document", 14), ("item", 1)]
    assert indexed.search.search('"computers quantum"') == []
    assert indexed.search.search('"quantum superconducting"') == []
    assert ids(indexed.search.search('"量子纠错"')) == [("document", 15)]


def test_exclusion_and_or(indexed: Store) -> None:
    assert ids(indexed.search.search("量子 -卫星", kinds=["item"])) == [("item", 1)]
    found = set(ids(indexed.search.search("芯片 OR 核聚变")))
    assert found == {("item", 2), ("item", 5)}


def test_filters_by_domain_section_kind_and_source(indexed: Store) -> None:
    search = indexed.search.search
    assert {h.id for h in search("量子", domain="空天")} == {4}
    assert {h.id for h in search("法案 OR 资助", section="政策")} == {2, 5}
    assert {h.kind for h in search("量子", kinds=["document"])} == {"document"}
    assert {h.id for h in search("lithium", source_id=2)} == {12, 13}


def test_date_filters_treat_partial_dates_as_ranges(indexed: Store) -> None:
    search = indexed.search.search
    # item 3 is dated only "2024": it overlaps any window inside that year
    assert {h.id for h in search("电池", since=date(2024, 6, 1))} == {3}
    assert {h.id for h in search("电池", since=date(2024, 12, 31))} == {3}  # its last day
    assert search("电池", since=date(2025, 1, 1)) == []
    assert {h.id for h in search("电池", until=date(2024, 1, 1))} == {3}  # its first day
    # item 2 is "2023-11": it ends before December and starts before the 15th
    assert search("芯片", since=date(2023, 12, 1)) == []
    assert {h.id for h in search("芯片", until=date(2023, 11, 15))} == {2}
    # entries without a date drop out once a date filter is given
    assert search("核聚变", since=date(2000, 1, 1)) == []
    window = search("lithium", since=date(2024, 1, 1), until=date(2024, 3, 31))
    assert ids(window) == [("document", 12)]


def test_title_match_ranks_above_body_only_and_more_matches_rank_higher(indexed: Store) -> None:
    # 11 has lithium in the title; 12 says it three times in its body; 13 once.
    assert ids(indexed.search.search("lithium")) == [
        ("document", 11),
        ("document", 12),
        ("document", 13),
    ]
    scores = [h.score for h in indexed.search.search("lithium")]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0


def test_reindexing_replaces_the_old_text(indexed: Store) -> None:
    edited = replace(ITEMS[2], title="钠离子电池量产", body=["首条产线投产。"])
    indexed.search.index_item(edited)
    assert indexed.search.search("固态电池", exact=True) == []
    assert ids(indexed.search.search("钠离子", exact=True)) == [("item", 3)]
    assert indexed.search.count() == len(DOCS) + len(ITEMS)


def test_remove_drops_only_that_entry(indexed: Store) -> None:
    indexed.search.remove("document", 15)
    indexed.search.remove("document", 999)  # not indexed: nothing happens
    assert ids(indexed.search.search("量子计算")) == [("item", 1)]
    assert indexed.search.count() == len(DOCS) + len(ITEMS) - 1


def test_hits_carry_snippets_with_highlight_offsets(indexed: Store) -> None:
    (hit,) = indexed.search.search("qubits coherence")
    assert hit.title == "Researchers build faster quantum computers"
    assert hit.date == "2024-03-10" and hit.domain is None
    marked = [hit.snippet[a:b] for a, b in hit.highlights]
    assert marked == ["qubits", "coherence"]
    (chinese,) = indexed.search.search("量子计算", kinds=["item"])
    assert [chinese.title[a:b] for a, b in chinese.title_highlights] == ["量子计算"]
    assert (chinese.domain, chinese.section, chinese.date) == ("信息", "要闻", "2024-03-15")


def test_limit_and_offset_page_through_the_ranking(indexed: Store) -> None:
    everything = ids(indexed.search.search("lithium"))
    pages = [ids(indexed.search.search("lithium", limit=1, offset=n)) for n in range(4)]
    assert [p for page in pages for p in page] == everything
    assert indexed.search.search("lithium", limit=0) == []


@pytest.mark.parametrize("text", ["", "  ", "the of", "-量子", "的", '""'])
def test_empty_or_stop_word_queries_find_nothing(indexed: Store, text: str) -> None:
    assert indexed.search.search(text) == []


LITHIUM = {("document", 11), ("document", 12), ("document", 13)}
HOSTILE = [
    ("NEAR(quantum computer, 2)", set()),  # "near quantum" is a phrase; "2" a word
    ("title:lithium", set()),  # a phrase "title lithium", not a column filter
    ("^lithium", LITHIUM),
    ("qubit*", {("document", 14)}),
    ('"unbalanced lithium', set()),  # the phrase runs to the end
    ('lithium"', LITHIUM),
    ("(lithium OR", LITHIUM),
    ("lithium) AND (", LITHIUM),  # "and" is a stop word
    ("'; DROP TABLE search_entries; --", set()),
    ("lithium' OR '1'='1", LITHIUM),
    ("!lithium & 'x' | <-> :*", set()),
    ("\\\\ \\' \\\"", set()),
    ("NOT AND OR", {("document", 16)}),  # the word "not" (in doc 16), not an operator
    ("{title body}: lithium", set()),
    ("- -- ---lithium", set()),  # only an exclusion: nothing to look for
    ("量子\x00计算", {("item", 1), ("document", 15)}),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE)
def test_hostile_queries_are_plain_words_and_never_raise(
    indexed: Store, text: str, expected: set[tuple[str, int]]
) -> None:
    assert set(ids(indexed.search.search(text, exact=True))) == expected


def test_unknown_kind_is_a_programming_error(indexed: Store) -> None:
    with pytest.raises(ValueError, match="unknown search kind"):
        indexed.search.search("量子", kinds=["bulletin"])


def test_only_the_newest_matches_are_ranked(store: Store) -> None:
    small = SearchRepository(sessionmaker(store.engine), rank_window=2)
    small.index_many(docs=DOCS)
    # lithium is in 11 (May 2024), 12 (January 2024) and 13 (2023): 13 is not ranked
    assert ids(small.search("lithium")) == [("document", 11), ("document", 12)]
    assert ids(small.search("lithium", until=date(2024, 3, 1))) == [
        ("document", 12),
        ("document", 13),
    ]


QUERIES = [
    "量子",
    "量子计算",
    "芯片",
    "chips",
    "lithium",
    "quantum",
    "computer",
    "电池 OR lithium",
    '"quantum computers"',
    '"quantum computers" superconducting',
    "量子 -卫星",
    "法案 OR 资助 OR 核聚变",
    "light OR lithium OR quantum",
    "量子 量子计算",
]


def scored(hits: list[SearchHit]) -> list[tuple[str, int, float]]:
    return [(h.kind, h.id, h.score) for h in hits]


def same_results(lite: SearchRepository, pg: SearchRepository, text: str, **kw: Any) -> bool:
    expected = scored(lite.search(text, **kw))
    got = scored(pg.search(text, **kw))
    assert [h[:2] for h in got] == [h[:2] for h in expected], (text, kw)
    assert [h[2] for h in got] == pytest.approx([h[2] for h in expected], rel=1e-12), (text, kw)
    return bool(expected)


@pytest.fixture
def both(sqlite_url: str, postgres_url: str) -> Iterator[tuple[Store, Store]]:
    stores = Store(sqlite_url), Store(postgres_url)
    yield stores
    for st in stores:
        st.close()


@pytest.mark.postgres
def test_both_backends_give_the_same_hits_scores_and_order(both: tuple[Store, Store]) -> None:
    for st in both:
        st.search.index_many(docs=DOCS, items=ITEMS)
    found = 0
    for text in QUERIES:
        for kw in ({}, {"kinds": ["document"]}, {"since": date(2024, 1, 1)}):
            found += same_results(both[0].search, both[1].search, text, **kw)
    assert found >= 20


WORDS_ZH = ["量子", "芯片", "卫星", "电池", "算法", "疫苗", "光刻机", "储能", "基因", "火箭",
            "研究", "技术", "发布", "团队"]  # fmt: skip
WORDS_EN = ["quantum", "chip", "satellite", "battery", "model", "vaccine", "wafer", "grid",
            "gene", "rocket", "research", "technology", "the", "new"]  # fmt: skip


def generated(n: int) -> tuple[list[Document], list[Item]]:
    """Entries of random words with a skewed frequency, so some words are everywhere."""
    rng = random.Random(7)
    weights = [1 / (rank + 1) for rank in range(len(WORDS_EN))]

    def words(pool: list[str], k: int, sep: str) -> str:
        return sep.join(rng.choices(pool, weights=weights, k=k))

    docs = [
        doc(i, words(WORDS_EN, 5, " "), words(WORDS_EN, rng.randint(5, 60), " "),
            published_at=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=rng.randrange(900)))
        for i in range(1, n + 1)
    ]  # fmt: skip
    items = [
        item(i, words(WORDS_ZH, 4, ""), words(WORDS_ZH, rng.randint(5, 60), "，"),
             domain=rng.choice(["能源", "信息"]), event_date=f"202{rng.randrange(4)}")
        for i in range(1, n + 1)
    ]  # fmt: skip
    return docs, items


@pytest.mark.postgres
def test_both_backends_agree_on_a_larger_archive_with_a_small_window(
    both: tuple[Store, Store],
) -> None:
    docs, items = generated(150)
    repos = [SearchRepository(sessionmaker(st.engine), rank_window=25) for st in both]
    for repo in repos:
        repo.index_many(docs=docs, items=items)
    queries = [*WORDS_ZH, *WORDS_EN, "量子 芯片", "quantum chip", '"quantum chip"',
               "电池 OR 火箭", "电池 OR 储能火箭", "研究 -技术", '"研究技术"',
               "gene OR grid OR rocket"]  # fmt: skip
    found = 0
    for text in queries:
        for kw in ({}, {"domain": "能源"}, {"since": date(2021, 6, 1), "limit": 50}):
            found += same_results(repos[0], repos[1], text, **kw)
    assert found >= 40


def test_concurrent_writers_leave_a_consistent_index(store: Store, tmp_path: Path) -> None:
    docs, items = generated(60)
    batches = [items[k * 10 : k * 10 + 30] for k in range(4)]  # overlapping
    errors: list[BaseException] = []

    def work(batch: list[Item]) -> None:
        try:
            store.search.index_many(docs=docs[:20], items=batch)
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.search.count() == 20 + 60
    # Same scores as an archive indexed by one writer: counts and totals stayed right.
    reference = Store(f"sqlite:///{tmp_path / 'reference.db'}")
    reference.search.index_many(docs=docs[:20], items=items)
    for text in ["量子", "芯片 卫星", "quantum", "研究 OR gene"]:
        got = scored(store.search.search(text, limit=100))
        expected = scored(reference.search.search(text, limit=100))
        assert [h[:2] for h in got] == [h[:2] for h in expected], text
        assert [h[2] for h in got] == pytest.approx([h[2] for h in expected], rel=1e-12)
    reference.close()
