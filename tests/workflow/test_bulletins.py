from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import BulletinState, Item, ItemState
from kuaibao.errors import ConflictError
from kuaibao.store import Store
from kuaibao.workflow.bulletins import (
    CompileError,
    add_items,
    correct,
    new_bulletin,
    order_items,
    publish,
)

NOW = datetime(2026, 11, 21, tzinfo=UTC)
STYLE = HouseStyle()


def items(
    store: Store,
    sections: list[str | None],
    state: ItemState = ItemState.APPROVED,
    contributors: tuple[str, ...] = ("张娟",),
) -> list[int]:
    stored = store.items.add_many(
        [
            Item(
                title=f"标题{i}",
                body=["正文。"],
                section=s,
                domain="人工智能",
                state=state,
                contributors=list(contributors),
            )
            for i, s in enumerate(sections)
        ],
        now=NOW,
    )
    return [i.id for i in stored if i.id is not None]


def test_only_approved_items_go_in_unless_asked_otherwise(store: Store) -> None:
    b = new_bulletin(store, STYLE, when=date(2026, 11, 20))
    assert b.id is not None
    approved = items(store, ["产业动态"])
    drafts = items(store, ["产业动态", "重点关注"], ItemState.DRAFT)
    with pytest.raises(ConflictError, match=rf"not approved: {drafts[0]} \(draft\)"):
        add_items(store, b.id, [*approved, *drafts])
    assert store.bulletins.get(b.id).items == []  # nothing of the refused call went in
    b = add_items(store, b.id, [*approved, *drafts], approved_only=False)
    assert [i.id for i in b.items] == [drafts[1], approved[0], drafts[0]]


def test_numbering_runs_per_year_and_overall(store: Store) -> None:
    first = new_bulletin(store, STYLE, when=date(2026, 1, 5))
    second = new_bulletin(store, STYLE, when=date(2026, 2, 5))
    next_year = new_bulletin(store, STYLE, when=date(2027, 1, 5))
    assert [(b.year, b.number, b.running_number) for b in (first, second, next_year)] == [
        (2026, 1, 1),
        (2026, 2, 2),
        (2027, 1, 3),
    ]
    assert first.sections == list(STYLE.sections)


def test_items_are_grouped_by_section_order_and_reordered_within(store: Store) -> None:
    b = new_bulletin(store, STYLE, when=date(2026, 11, 21))
    assert b.id is not None
    ids = items(store, ["产业动态", "重点关注", "前沿研究动态", "重点关注"])
    b = add_items(store, b.id, ids)
    assert [i.id for i in b.items] == [ids[1], ids[3], ids[2], ids[0]]
    b = order_items(store, b.id, [ids[3]])
    assert [i.id for i in b.items] == [ids[3], ids[1], ids[2], ids[0]]
    with pytest.raises(CompileError, match="not in bulletin"):
        order_items(store, b.id, [999])


def test_item_without_section_needs_one(store: Store) -> None:
    b = new_bulletin(store, STYLE)
    assert b.id is not None
    (loose,) = items(store, [None])
    with pytest.raises(CompileError, match="--section"):
        add_items(store, b.id, [loose])
    b = add_items(store, b.id, [loose], section="产业动态")
    assert b.items[0].section == "产业动态"


def test_published_bulletin_is_immutable_and_corrections_are_revisions(store: Store) -> None:
    b = new_bulletin(store, STYLE, when=date(2026, 11, 21))
    assert b.id is not None
    ids = items(store, ["重点关注", "产业动态"])
    add_items(store, b.id, ids)
    published = publish(store, b.id)
    assert published.state is BulletinState.PUBLISHED and published.published_at is not None
    assert {i.state for i in published.items} == {ItemState.PUBLISHED}
    with pytest.raises(ConflictError, match="published"):
        add_items(store, b.id, items(store, ["重点关注"]))
    with pytest.raises(ConflictError):
        publish(store, b.id)
    fix = correct(store, b.id)
    assert (fix.revision, fix.supersedes_id, fix.state) == (2, b.id, BulletinState.OPEN)
    assert [i.title for i in fix.items] == [i.title for i in published.items]
    assert {i.id for i in fix.items}.isdisjoint(ids)
    assert store.bulletins.get(b.id).items[0].id == ids[0]


def test_empty_bulletin_cannot_be_published(store: Store) -> None:
    b = new_bulletin(store, STYLE)
    assert b.id is not None
    with pytest.raises(CompileError, match="no items"):
        publish(store, b.id)


def test_an_item_without_a_contributor_is_not_published_and_is_named(store: Store) -> None:
    b = new_bulletin(store, STYLE)
    assert b.id is not None
    signed = items(store, ["重点关注"])
    unsigned = items(store, ["产业动态"], contributors=(" ", ""))  # blank names credit nobody
    add_items(store, b.id, [*signed, *unsigned])
    with pytest.raises(
        CompileError, match=rf"no contributor \(供稿\) on item {unsigned[0]} 「标题0」"
    ):
        publish(store, b.id)
    assert store.bulletins.get(b.id).state is BulletinState.OPEN
    assert store.items.get(signed[0]).state is ItemState.APPROVED  # nothing was published
