"""Documents from concurrent polls share transactions; each poll gets its own results."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from kuaibao.domain import Document
from kuaibao.errors import StoreError
from kuaibao.pipeline.batching import DocumentBatcher

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def doc(name: str) -> Document:
    return Document(
        url=f"https://ex.org/{name}",
        canonical_url=f"https://ex.org/{name}",
        title=name,
        text=f"text of {name}",
        content_hash=name,
        fetched_at=NOW,
    )


class FakeStore:
    """Records each batch; a title starting with "old" counts as already stored."""

    def __init__(self, fail: bool = False) -> None:
        self.batches: list[list[str]] = []
        self.fail = fail

    def add_many(self, docs: Sequence[Document]) -> list[tuple[Document, bool]]:
        if self.fail:
            raise StoreError("database is locked")
        self.batches.append([d.title for d in docs])
        return [(d, not d.title.startswith("old")) for d in docs]


async def _polls(batcher: DocumentBatcher, groups: list[list[str]]) -> list[object]:
    return list(
        await asyncio.gather(
            *(batcher.add([doc(n) for n in group]) for group in groups), return_exceptions=True
        )
    )


def test_concurrent_polls_share_one_batch_and_get_their_own_results() -> None:
    store = FakeStore()
    batcher = DocumentBatcher(store.add_many, max_docs=100, max_wait=0.01)
    first, second, empty = asyncio.run(_polls(batcher, [["a", "old-b"], ["c"], []]))
    assert store.batches == [["a", "old-b", "c"]]
    assert [(d.title, created) for d, created in first] == [("a", True), ("old-b", False)]
    assert [(d.title, created) for d, created in second] == [("c", True)]
    assert empty == []


def test_a_full_batch_is_stored_without_waiting() -> None:
    store = FakeStore()
    batcher = DocumentBatcher(store.add_many, max_docs=3, max_wait=30.0)
    results = asyncio.run(
        asyncio.wait_for(_polls(batcher, [["a", "b"], ["c", "d"], ["e", "f", "g"]]), 5.0)
    )
    assert store.batches == [["a", "b", "c", "d"], ["e", "f", "g"]]
    assert [len(r) for r in results] == [2, 2, 3]  # type: ignore[arg-type]


def test_a_failed_batch_fails_every_poll_in_it() -> None:
    batcher = DocumentBatcher(FakeStore(fail=True).add_many, max_docs=10, max_wait=0.01)
    results = asyncio.run(_polls(batcher, [["a"], ["b"]]))
    assert all(isinstance(r, StoreError) for r in results)
    with pytest.raises(StoreError):
        asyncio.run(batcher.add([doc("c")]))
