"""Hostile text from the web is storable, the same way, on SQLite and PostgreSQL.

PostgreSQL refuses NUL, lone surrogates and values wider than a VARCHAR; SQLite takes
most of them. Each test runs on both backends (the ``store`` fixture) and checks what
comes back, so the two cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import String, Text

from kuaibao.domain import Document, FetchLogEntry, Rejected, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.store import Store
from kuaibao.store.models import Base
from kuaibao.store.sources import PollRecord
from kuaibao.store.values import (
    MAX_URL_CHARS,
    CleanString,
    CleanText,
    UrlString,
    clean_text,
    url_key,
)

NOW = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)
HOSTILE = "Quan\x00tum \udcff chips\x00"  # NUL, and a lone surrogate (surrogateescape)
CLEANED = "Quantum \ufffd chips"
LONG_URL = "https://news.example/a?" + "q=1&" * 700  # 2,823 characters
# The tables the crawl writes.
CRAWL_TABLES = (
    "sources",
    "documents",
    "fetch_log",
    "rejections",
    "entry_retries",
    "http_cache",
    "robots_cache",
)


def _doc(n: int, **kw: object) -> Document:
    fields: dict[str, object] = {
        "url": f"https://news.example/a/{n}",
        "canonical_url": f"https://news.example/a/{n}",
        "title": f"Title {n}",
        "text": f"Body {n}",
        "content_hash": f"{n:064x}",
        "fetched_at": NOW,
    }
    return Document(**{**fields, **kw})  # type: ignore[arg-type]


def test_clean_text_and_url_key() -> None:
    assert clean_text(HOSTILE) == CLEANED
    assert clean_text("普通的文字") == "普通的文字"
    assert url_key("https://a.example/") == "https://a.example/"
    key = url_key(LONG_URL)
    assert len(key) == MAX_URL_CHARS and key != LONG_URL[:MAX_URL_CHARS]
    assert "url too long" in key and str(len(LONG_URL)) in key
    assert url_key(LONG_URL + "x") != key  # a different URL, a different key


@pytest.mark.parametrize("table", CRAWL_TABLES)
def test_every_text_column_the_crawl_writes_is_cleaned(table: str) -> None:
    """A new text column on these tables must use the cleaning types, or this fails."""
    for column in Base.metadata.tables[table].columns:
        if isinstance(column.type, String | Text):
            assert isinstance(column.type, CleanText | CleanString | UrlString), column


def test_hostile_text_in_a_batch_of_documents_is_stored_cleaned(store: Store) -> None:
    hostile = _doc(
        1, title=HOSTILE, text=HOSTILE * 100, author="A" * 900 + "\x00", language="en" * 30
    )
    results = store.documents.add_many([_doc(0), hostile, _doc(2)])
    assert [created for _doc, created in results] == [True, True, True]
    back = store.documents.get(results[1][0].id or 0)
    assert back is not None
    assert back.title == CLEANED and back.text == CLEANED * 100
    assert back.author == "A" * 500 and back.language == "en" * 10


def test_documents_with_over_long_urls_are_rejected_by_name_not_cut(store: Store) -> None:
    long_page = _doc(1, url=LONG_URL, canonical_url=LONG_URL)
    long_canonical = _doc(2, canonical_url=LONG_URL + "#c")
    results = store.documents.add_many([_doc(0), long_page, long_canonical, _doc(3)])
    assert [created for _doc, created in results] == [True, False, False, True]
    assert [d.id is None for d, _created in results] == [False, True, True, False]
    assert store.documents.count() == 2
    reasons = {r.reason for r in store.documents.rejections()}
    assert reasons == {"url_too_long"}
    (detail,) = {r.detail for r in store.documents.rejections() if r.url == url_key(LONG_URL)}
    assert detail and f"{len(LONG_URL)} characters" in detail
    # The next poll recognises the URL it was given, so the page is not fetched again.
    assert store.documents.known_urls([LONG_URL, "https://news.example/new"]) == {LONG_URL}
    doc, created = store.documents.add(long_page)
    assert (doc.id, created) == (None, False)


def test_fetch_log_rejections_and_validators_take_hostile_values(store: Store) -> None:
    entries = [
        FetchLogEntry(url=LONG_URL, started_at=NOW, duration_ms=1, error=HOSTILE),
        FetchLogEntry(
            url="https://ok.example/", started_at=NOW, duration_ms=1, error_kind="x" * 99
        ),
    ]
    store.fetch_log.add_many(entries)
    logged = {e.url: e for e in store.fetch_log.recent()}
    assert logged[url_key(LONG_URL)].error == CLEANED
    assert logged["https://ok.example/"].error_kind == "x" * 40

    store.documents.reject(Rejected(url=LONG_URL, reason="r\x00" * 50, detail=HOSTILE), now=NOW)
    (rejected,) = store.documents.rejections()
    assert (rejected.url, rejected.reason, rejected.detail) == (
        url_key(LONG_URL),
        "r" * 50,
        CLEANED,
    )

    store.fetch_log.save_validators(LONG_URL, '"e\x00tag"', "Mon\x00", now=NOW)
    assert store.fetch_log.validators(LONG_URL) == ('"etag"', "Mon")
    assert store.fetch_log.validators_many([LONG_URL]) == {url_key(LONG_URL): ('"etag"', "Mon")}


def test_source_health_takes_a_hostile_error_and_long_urls_are_refused(store: Store) -> None:
    source = Source(name="s", homepage="https://s.example/", kind=SourceKind.RSS,
                    feed_url="https://s.example/feed")  # fmt: skip
    stored = store.sources.add(source, now=NOW)
    assert stored.id is not None
    store.sources.record_polls([PollRecord(stored.id, NOW, HOSTILE, None)])
    assert store.sources.get(stored.id).health.last_error == CLEANED
    too_long = Source(name="t", homepage="https://t.example/", kind=SourceKind.RSS,
                      feed_url=LONG_URL)  # fmt: skip
    with pytest.raises(SourceError, match="at most 2000"):
        store.sources.add(too_long, now=NOW)
