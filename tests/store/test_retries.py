"""Retry records of articles that failed for a passing reason, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from kuaibao.domain import Source, SourceKind
from kuaibao.store import EntryRetry, Store

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _source(store: Store, n: int) -> int:
    added = store.sources.add(
        Source(
            name=f"S{n}",
            homepage=f"https://s{n}.example.org/",
            kind=SourceKind.RSS,
            feed_url=f"https://s{n}.example.org/feed.xml",
        ),
        now=NOW,
    )
    assert added.id is not None
    return added.id


def _retry(url: str, source_id: int, attempts: int = 1) -> EntryRetry:
    return EntryRetry(
        url=url,
        source_id=source_id,
        attempts=attempts,
        first_failed_at=NOW,
        last_failed_at=NOW,
        next_attempt_at=NOW + timedelta(minutes=30),
        last_reason="http_503",
        last_detail="answered HTTP 503",
    )


def test_save_replaces_by_url_and_reads_back_by_source(store: Store) -> None:
    a, b = _source(store, 1), _source(store, 2)
    store.retries.save(_retry("https://s1.example.org/x", a))
    store.retries.save(_retry("https://s2.example.org/y", b))
    later = replace(_retry("https://s1.example.org/x", a, attempts=2), last_reason="timeout")
    store.retries.save(later)
    by_source = store.retries.for_sources([a, b, 999])
    assert by_source[a] == [later]
    assert [r.url for r in by_source[b]] == ["https://s2.example.org/y"]
    assert 999 not in by_source
    got = store.retries.get("https://s1.example.org/x")
    assert got is not None and got.next_attempt_at == NOW + timedelta(minutes=30)
    assert got.next_attempt_at.tzinfo is not None


def test_clear_forgets_only_the_named_urls(store: Store) -> None:
    a = _source(store, 1)
    for i in range(3):
        store.retries.save(_retry(f"https://s1.example.org/{i}", a))
    store.retries.clear(["https://s1.example.org/0", "https://s1.example.org/2", "unknown"])
    assert [r.url for r in store.retries.all()] == ["https://s1.example.org/1"]
    store.retries.clear([])
    assert len(store.retries.all()) == 1
