from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from kuaibao.domain import Bulletin, Item, ItemState
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store import Store

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)


def make_item(n: int = 1, **kw: object) -> Item:
    fields: dict[str, object] = {
        "title": f"英国投资{n}亿英镑建设芯片中心",
        "body": ["第一段。", "第二段。"],
        "domain": "半导体",
        "section": "科技政策与科研计划",
        "contributors": ["张三", "李四"],
        "source_urls": [f"https://www.gov.uk/n/{n}", "https://news.example/x"],
        "original_title": f"UK invests £{n} billion",
        "event_date": "2026-11-02",
    }
    fields.update(kw)
    return Item(**fields)  # type: ignore[arg-type]


def test_item_round_trip_keeps_lists_in_order(store: Store) -> None:
    stored = store.items.add(make_item(), now=NOW, editor="analyst")
    assert stored.id is not None and stored.version == 1
    back = store.items.get(stored.id)
    assert back.contributors == ["张三", "李四"]
    assert back.source_urls == ["https://www.gov.uk/n/1", "https://news.example/x"]
    assert back.body == ["第一段。", "第二段。"] and back.state is ItemState.DRAFT


def test_stale_update_is_refused_and_nothing_is_lost(store: Store) -> None:
    stored = store.items.add(make_item(), now=NOW)
    alice = replace(stored, title="甲的修改")
    bob = replace(stored, title="乙的修改")
    saved = store.items.update(alice, now=NOW, editor="alice")
    assert saved.version == 2
    with pytest.raises(ConflictError, match="changed by someone else"):
        store.items.update(bob, now=NOW, editor="bob")
    assert stored.id is not None
    assert store.items.get(stored.id).title == "甲的修改"
    history = store.items.history(stored.id)
    assert [(h["version"], h["editor"]) for h in history] == [(1, None), (2, "alice")]
    assert history[0]["fields"]["title"] == make_item().title


def test_bulletin_keeps_item_order_and_counts(store: Store) -> None:
    items = store.items.add_many([make_item(n) for n in (1, 2, 3)], now=NOW)
    bulletin = store.bulletins.create(
        Bulletin(
            series="科技快报",
            year=2026,
            number=1,
            running_number=10,
            date=date(2026, 11, 21),
            sections=["重点关注"],
            items=[items[2], items[0]],
        ),
        now=NOW,
    )
    assert bulletin.id is not None
    assert [i.id for i in store.bulletins.get(bulletin.id).items] == [items[2].id, items[0].id]
    ((listed, count),) = store.bulletins.all()
    assert (listed.number, count, listed.date) == (1, 2, date(2026, 11, 21))
    assert store.bulletins.numbering("科技快报", 2026) == (1, 10)
    assert store.bulletins.numbering("科技快报", 2027) == (0, 10)
    with pytest.raises(ConflictError, match="already exists"):
        store.bulletins.create(Bulletin(series="科技快报", year=2026, number=1), now=NOW)


def test_missing_ids_are_named(store: Store) -> None:
    with pytest.raises(NotFoundError, match="42"):
        store.items.get(42)
    with pytest.raises(NotFoundError, match="7"):
        store.bulletins.get(7)


def test_glossary_pairs_are_unique(store: Store) -> None:
    pairs = [("UK invests", "英国投资", None), ("UK invests", "英国投资", None), ("A", "甲", None)]
    assert store.glossary.add_pairs(pairs, now=NOW) == 2
    assert store.glossary.add_pairs(pairs, now=NOW) == 0
    assert store.glossary.all() == [("UK invests", "英国投资"), ("A", "甲")]
