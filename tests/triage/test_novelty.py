"""Novelty: a story cited by a published item is covered; later reports say what is new."""

from __future__ import annotations

from datetime import timedelta

from kuaibao.domain import Bulletin, BulletinState, Item
from kuaibao.triage import Coverage, bulletin_label, covered_items
from tests.triage.corpus import DAY0, GRANT, document


def bulletin(*items: Item, published: bool = True) -> Bulletin:
    return Bulletin(
        series="科技快报",
        year=2026,
        number=5,
        id=3,
        items=list(items),
        state=BulletinState.PUBLISHED if published else BulletinState.OPEN,
        published_at=DAY0 + timedelta(hours=12) if published else None,
    )


ITEM = Item(
    id=7,
    title="英国研究与创新署投资1.2亿英镑建设五个量子计算中心",
    body=["2026年11月12日，英国研究与创新署宣布投资1.2亿英镑建设五个量子计算中心。"],
    source_urls=["https://agency.example/news/quantum-hubs?utm_source=x"],
    original_title="UKRI commits £120 million to five quantum computing hubs",
)


def coverage() -> Coverage:
    return Coverage(covered_items([bulletin(ITEM)]))


def test_label_names_year_and_number() -> None:
    assert bulletin_label(bulletin()) == "科技快报 2026年第5期"


def test_unpublished_bulletins_cover_nothing() -> None:
    assert covered_items([bulletin(ITEM, published=False)]) == []


def test_a_cited_url_makes_a_story_covered_even_with_tracking_parameters() -> None:
    doc = document(*GRANT[0], "https://agency.example/news/quantum-hubs", source_id=1)
    novelty = coverage().novelty([doc])
    assert novelty.covered is not None and novelty.covered.item_id == 7
    assert novelty.new_documents == 0 and novelty.score == 0.0
    assert "nothing new since" in novelty.reason


def test_the_original_title_alone_is_enough() -> None:
    doc = document(GRANT[0][0], "Other text.", "https://mirror.example/q", source_id=None)
    assert coverage().match([doc]) is not None


def test_a_near_identical_chinese_title_is_covered() -> None:
    doc = document(
        "英国研究与创新署投资1.2亿英镑建设五个量子计算中心！",
        "正文。",
        "https://cn.example/a",
        source_id=None,
    )
    assert coverage().match([doc]) is not None


def test_an_unrelated_story_is_new() -> None:
    doc = document("Germany opens a fusion test site", "Text.", "https://x.example/f", source_id=1)
    novelty = coverage().novelty([doc])
    assert novelty.covered is None and novelty.score == 1.0


def test_later_reports_with_new_figures_are_what_is_new() -> None:
    old = document(*GRANT[0], "https://agency.example/news/quantum-hubs", source_id=1)
    later = document(
        "UKRI adds £30 million to its quantum computing hubs",
        "UK Research and Innovation added £30 million to the £120 million quantum computing "
        "hubs award, raising industry co-funding to 25% of the total.",
        "https://agency.example/news/quantum-hubs-extra",
        source_id=1,
        day=3,
    )
    novelty = coverage().novelty([old, later])
    assert novelty.covered is not None
    assert novelty.new_documents == 1
    assert novelty.new_facts == ["3000万英镑", "25%"]
    assert 0.0 < novelty.score < 1.0
