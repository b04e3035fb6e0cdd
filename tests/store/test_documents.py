from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event

from kuaibao.domain import Document, FetchLogEntry, Rejected
from kuaibao.store import Store

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def make_doc(n: int, **kw: object) -> Document:
    fields: dict[str, object] = {
        "url": f"https://news.example/a/{n}?utm_source=rss",
        "canonical_url": f"https://news.example/a/{n}",
        "title": f"标题 {n}",
        "text": f"Body number {n} about 量子计算.",
        "content_hash": f"{n:064x}",
        "fetched_at": NOW,
        "published_at": datetime(2026, 10, n % 28 + 1, tzinfo=UTC),
        "raw": b"<html>" + b"x" * 5000 + b"</html>",
        "language": "en",
    }
    fields.update(kw)
    return Document(**fields)  # type: ignore[arg-type]


def test_document_round_trip_keeps_text_times_and_raw(store: Store) -> None:
    doc, created = store.documents.add(make_doc(1))
    assert created and doc.id is not None
    back = store.documents.get(doc.id, with_raw=True)
    assert back is not None
    assert back.title == "标题 1" and "量子计算" in back.text
    assert back.published_at == datetime(2026, 10, 2, tzinfo=UTC)
    assert back.fetched_at == NOW
    assert back.raw == make_doc(1).raw


def test_same_canonical_url_or_same_hash_is_stored_once(store: Store) -> None:
    first, _ = store.documents.add(make_doc(1))
    dup_url, created_a = store.documents.add(make_doc(1, content_hash="f" * 64))
    dup_hash, created_b = store.documents.add(make_doc(2, content_hash=f"{1:064x}"))
    assert not created_a and not created_b
    assert dup_url.id == first.id == dup_hash.id
    assert store.documents.count() == 1


def test_known_urls_covers_entry_urls_canonical_urls_and_rejections(store: Store) -> None:
    store.documents.add(make_doc(1))
    store.documents.reject(Rejected(url="https://news.example/empty", reason="no_text"), now=NOW)
    known = store.documents.known_urls(
        [
            "https://news.example/a/1?utm_source=rss",
            "https://news.example/a/1",
            "https://news.example/empty",
            "https://news.example/new",
        ]
    )
    assert known == {
        "https://news.example/a/1?utm_source=rss",
        "https://news.example/a/1",
        "https://news.example/empty",
    }


def test_rejection_keeps_newest_reason(store: Store) -> None:
    url = "https://news.example/x"
    store.documents.reject(Rejected(url=url, reason="no_text", detail="empty body"), now=NOW)
    store.documents.reject(Rejected(url=url, reason="content_type", detail="image/png"), now=NOW)
    rejected = store.documents.rejections()
    assert [(r.reason, r.detail) for r in rejected] == [("content_type", "image/png")]


def test_list_filters_by_source_and_pages(store: Store) -> None:
    for n in range(1, 6):
        store.documents.add(make_doc(n))
    assert [d.title for d in store.documents.find(limit=2, offset=1)] == ["标题 2", "标题 3"]
    assert store.documents.count() == 5
    assert store.documents.find(source_id=42) == []


def test_fetch_log_and_validators(store: Store) -> None:
    entry = FetchLogEntry(
        url="https://news.example/feed",
        started_at=NOW,
        duration_ms=12,
        status=304,
        not_modified=True,
    )
    store.fetch_log.add_many(
        [
            entry,
            FetchLogEntry(
                url="https://news.example/b",
                started_at=NOW,
                duration_ms=5,
                error="timed out",
                error_kind="timeout",
            ),
        ]
    )
    recent = store.fetch_log.recent()
    assert [e.error_kind for e in recent] == ["timeout", None]
    assert recent[1].not_modified and recent[1].status == 304
    assert store.fetch_log.validators("https://news.example/feed") == (None, None)
    store.fetch_log.save_validators("https://news.example/feed", '"v1"', None, now=NOW)
    store.fetch_log.save_validators(
        "https://news.example/feed", '"v2"', "Tue, 03 Nov 2026 10:00:00 GMT", now=NOW
    )
    assert store.fetch_log.validators("https://news.example/feed") == (
        '"v2"',
        "Tue, 03 Nov 2026 10:00:00 GMT",
    )


def test_add_many_stores_a_batch_in_order_with_ids(store: Store) -> None:
    results = store.documents.add_many([make_doc(n) for n in (3, 1, 2)])
    assert [(d.title, created) for d, created in results] == [
        ("标题 3", True),
        ("标题 1", True),
        ("标题 2", True),
    ]
    ids = [d.id for d, _ in results]
    assert all(i is not None for i in ids) and len(set(ids)) == 3
    back = store.documents.get(ids[1] or 0, with_raw=True)
    assert back is not None and back.url == make_doc(1).url
    assert back.published_at == datetime(2026, 10, 2, tzinfo=UTC)
    assert back.fetched_at == NOW and back.raw == make_doc(1).raw
    assert store.documents.add_many([]) == []


def test_add_many_stores_each_exact_duplicate_once(store: Store) -> None:
    first, _ = store.documents.add(make_doc(1))
    batch = [
        make_doc(2),
        make_doc(1, content_hash="e" * 64),  # stored already, by canonical URL
        make_doc(9, content_hash=f"{1:064x}"),  # stored already, by content hash
        make_doc(2, content_hash="d" * 64),  # the batch's own doc 2, by canonical URL
        make_doc(3, content_hash=f"{2:064x}"),  # the batch's own doc 2, by content hash
        make_doc(4),
    ]
    results = store.documents.add_many(batch)
    assert [created for _, created in results] == [True, False, False, False, False, True]
    ids = [d.id for d, _ in results]
    assert ids[1] == ids[2] == first.id
    assert ids[3] == ids[4] == ids[0]
    assert store.documents.count() == 3


def test_add_many_falls_back_when_another_writer_stores_a_twin_first(
    store: Store, db_url: str
) -> None:
    other = Store(db_url, migrate=False)
    raced: list[int] = []

    def other_writer_first(*args: object) -> None:
        statement = str(args[2]).lstrip().lower()
        if statement.startswith("insert into documents") and not raced:
            twin, _ = other.documents.add(make_doc(2, content_hash="c" * 64))
            raced.append(twin.id or 0)

    event.listen(store.engine, "before_cursor_execute", other_writer_first)
    try:
        results = store.documents.add_many([make_doc(n) for n in (1, 2, 3)])
    finally:
        event.remove(store.engine, "before_cursor_execute", other_writer_first)
        other.close()
    assert raced, "the competing insert never ran"
    assert [created for _, created in results] == [True, False, True]
    assert results[1][0].id == raced[0]
    assert store.documents.count() == 3


def test_get_many_reads_in_one_go_and_skips_unknown_ids(store: Store) -> None:
    ids = [store.documents.add(make_doc(n))[0].id for n in (1, 2, 3)]
    assert all(i is not None for i in ids)
    got = store.documents.get_many([ids[2], 999, ids[0]])  # type: ignore[list-item]
    assert [d.title for d in got] == ["标题 1", "标题 3"]
