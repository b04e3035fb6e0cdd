"""``DocumentRepository.urls``: the addresses a result list links to, by id."""

from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.domain import Document
from kuaibao.store import Store


def test_urls_by_id_skip_unknown_ids(store: Store) -> None:
    ids = []
    for n, url in enumerate(["https://a.example/1", "javascript:alert(1)"]):
        stored, _ = store.documents.add(
            Document(
                url=url,
                canonical_url=f"https://canonical.example/{n}",
                title="t",
                text="text",
                content_hash=f"{n:064d}",
                fetched_at=datetime(2024, 1, 1, tzinfo=UTC),
            )
        )
        assert stored.id is not None
        ids.append(stored.id)
    assert store.documents.urls([*ids, 999]) == {
        ids[0]: "https://a.example/1",
        ids[1]: "javascript:alert(1)",
    }
    assert store.documents.urls([]) == {}
