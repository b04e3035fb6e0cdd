"""JSON Feed 1.0 and 1.1: items, authors at both levels, dates and broken documents."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kuaibao.errors import FeedError
from kuaibao.fetch.jsonfeed import looks_like_json_feed, parse_json_feed

FEED_URL = "https://journal.example.org/feed.json"

JSON_FEED_11 = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Journal highlights",
    "home_page_url": "https://journal.example.org/",
    "authors": [{"name": "Editorial Desk"}],
    "items": [
        {
            "id": "2024-031",
            "url": "/articles/2024-031",
            "title": "Room-temperature &amp; ambient <i>superconductivity</i> refuted",
            "content_html": "<p>Replication attempts <b>failed</b>.</p>",
            "summary": "Three labs report negative results.",
            "date_published": "2024-03-15T10:00:00+08:00",
            "authors": [{"name": "Mei Chen"}, {"name": "Tom Reyes"}],
        },
        {
            "id": "https://journal.example.org/articles/2024-030",
            "content_text": "A note without title or url field.",
            "date_modified": "2024-03-14T00:00:00Z",
        },
        {"id": "no-url-here", "title": "Dropped"},
        {"id": "x", "external_url": "https://preprints.example.net/abs/1234", "title": "Linked"},
        {"id": "dup", "url": "https://journal.example.org/articles/2024-031", "title": "Dup"},
        "not an object",
    ],
}


def _body(document: object) -> bytes:
    return json.dumps(document).encode()


def test_items_are_read_in_order_with_their_fields() -> None:
    entries = parse_json_feed(_body(JSON_FEED_11), FEED_URL)
    assert [e.url for e in entries] == [
        "https://journal.example.org/articles/2024-031",
        "https://journal.example.org/articles/2024-030",
        "https://preprints.example.net/abs/1234",
    ]
    first = entries[0]
    assert first.title == "Room-temperature & ambient superconductivity refuted"
    assert first.content_html == "<p>Replication attempts <b>failed</b>.</p>"
    assert first.summary == "Three labs report negative results."
    assert first.published_at == datetime(2024, 3, 15, 2, 0, tzinfo=UTC)
    assert first.author == "Mei Chen"


def test_missing_fields_fall_back_sensibly() -> None:
    second = parse_json_feed(_body(JSON_FEED_11), FEED_URL)[1]
    assert second.title is None
    assert second.summary == "A note without title or url field."
    assert second.published_at == datetime(2024, 3, 14, tzinfo=UTC)
    assert second.author == "Editorial Desk"  # feed-level author


def test_version_10_single_author_object() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1",
        "title": "t",
        "items": [{"id": "1", "url": "https://a.example/1", "author": {"name": "Solo"}}],
    }
    (entry,) = parse_json_feed(_body(document), FEED_URL)
    assert entry.author == "Solo"


def test_cap_on_entries() -> None:
    items = [{"id": str(n), "url": f"https://a.example/{n}"} for n in range(20)]
    document = {"version": "https://jsonfeed.org/version/1.1", "items": items}
    assert len(parse_json_feed(_body(document), FEED_URL, max_entries=5)) == 5


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2, 3]", "no 'items'"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": "none"}', "no 'items'"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    ],
)
def test_broken_documents_raise(body: bytes, words: str) -> None:
    with pytest.raises(FeedError, match=words):
        parse_json_feed(body, FEED_URL)


def test_version_sniffing() -> None:
    assert looks_like_json_feed('{"version" : "https://jsonfeed.org/version/1.1"}')
    assert not looks_like_json_feed('{"version": "2.0", "items": []}')
