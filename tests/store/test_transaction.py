"""``Store.transaction``: several repository calls saved all together or not at all."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.domain import Item
from kuaibao.store import Store

NOW = datetime(2026, 11, 21, 10, tzinfo=UTC)


def _item(n: int) -> Item:
    return Item(title=f"条目{n}", body=["正文。"], domain="半导体", section="产业动态")


def _add_then_fail(store: Store) -> None:
    with store.transaction():
        first = store.items.add(_item(1), now=NOW)
        assert store.items.get(first.id or 0).title == "条目1"  # seen inside the transaction
        raise RuntimeError("second step failed")


def test_a_failure_inside_undoes_every_write_before_it(store: Store) -> None:
    with pytest.raises(RuntimeError, match="second step"):
        _add_then_fail(store)
    assert store.items.count() == 0


def test_writes_inside_are_kept_together_and_nesting_joins(store: Store) -> None:
    with store.transaction():
        store.items.add(_item(1), now=NOW)
        with store.transaction():
            store.items.add(_item(2), now=NOW)
    assert [i.title for i in store.items.find()] == ["条目1", "条目2"]
    store.items.add(_item(3), now=NOW)  # outside: commits on its own, as before
    assert store.items.count() == 3
