"""Hostile documents in a crawl, on SQLite and PostgreSQL alike: each costs only itself.

PostgreSQL refuses what SQLite takes (NUL, over-wide values), and one refused row used
to abort the crawl and lose the fetch-log batch; here the same pages are crawled on both
backends and must leave the same store behind.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kuaibao.config import FetchSettings, Settings
from kuaibao.domain import Source, SourceKind
from kuaibao.extract import document as extract_document
from kuaibao.fetch.result import FetchResult
from kuaibao.pipeline.crawl import crawl
from kuaibao.store import Store
from tests.support.pages import article, prose, rss
from tests.support.server import LocalServer, Reply

NOW = datetime(2026, 11, 20, tzinfo=UTC)
FAST = FetchSettings(per_host_rate=500.0, per_host_concurrency=4, retries=0, total_timeout=10.0)
LONG_QUERY = "?" + "&".join(f"k{i}=v{i}" for i in range(400))  # a 3,000-character URL


def _serve(server: LocalServer) -> dict[str, str]:
    """The hostile site's RSS feed: path -> link of each page it lists."""
    pages = {
        "/fine.html": article("Fine story", prose("fine")),
        "/long.html": article("Long story", prose("long")),
        "/deep.html": "<html><body>" + "<div>" * 100_000 + "<p>deep</p></body></html>",
        "/trips.html": article("Trips story", prose("trips")),
        "/undecodable.html": article("Undecodable story", prose("undecodable")),
    }
    for path, html in pages.items():
        server.route(path, Reply(body=html))
    links = [server.url(p) + (LONG_QUERY if p == "/long.html" else "") for p in pages]
    server.route(
        "/feed.xml",
        Reply(body=rss([(u, f"Item {n}") for n, u in enumerate(links)]), content_type="text/xml"),
    )
    return dict(zip(pages, links, strict=True))


def _serve_json_feed(server: LocalServer) -> str:
    """A full-content JSON Feed: JSON strings may carry NUL, and this one does everywhere."""
    item = {
        "id": "1",
        "url": server.url("/j/1"),
        "title": "Quan\u0000tum chips",
        "authors": [{"name": "Ada\u0000 Lovelace"}],
        "content_html": "<p>" + "\u0000 ".join(prose("json")) + "</p>",
    }
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [item]}
    server.route("/feed.json", Reply(body=json.dumps(feed), content_type="application/feed+json"))
    return server.url("/j/1")


def test_hostile_documents_cost_only_themselves(
    store: Store, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    links = _serve(server)
    real_extract = extract_document.extract_html

    def tripping(html: str, url: str, **kw: object) -> object:
        if url.endswith("/trips.html"):
            raise RecursionError("maximum recursion depth exceeded")  # a library tripping
        return real_extract(html, url, **kw)  # type: ignore[arg-type]

    real_text = FetchResult.text

    def undecodable(result: FetchResult) -> str:
        if result.final_url.endswith("/undecodable.html"):
            raise LookupError("unknown encoding: x-hostile")  # decoding tripping
        return real_text(result)

    monkeypatch.setattr(extract_document, "extract_html", tripping)
    monkeypatch.setattr(FetchResult, "text", undecodable)
    source = Source(name="hostile", homepage=server.url("/"), kind=SourceKind.RSS,
                    feed_url=server.url("/feed.xml"), allow_private=True)  # fmt: skip
    sid = store.sources.add(source, now=NOW).id
    json_link = _serve_json_feed(server)
    json_source = Source(name="json", homepage=server.url("/"), kind=SourceKind.JSON_FEED,
                         feed_url=server.url("/feed.json"), allow_private=True,
                         fetch_articles=False)  # fmt: skip
    json_sid = store.sources.add(json_source, now=NOW).id
    settings = Settings(data_dir=tmp_path, fetch=FAST)

    report = crawl(store, settings, due_only=False)
    outcomes = {o.source_id: o for o in report.sources}
    # The over-long link is refused as data when the feed is read: never fetched, never kept.
    assert (outcomes[sid].status, outcomes[sid].stored, outcomes[sid].rejected) == ("ok", 1, 3)
    assert "/long.html" not in {r.path for r in server.requests}
    assert (outcomes[json_sid].status, outcomes[json_sid].stored) == ("ok", 1)

    (fine,) = store.documents.find(source_id=sid)
    assert fine.url == links["/fine.html"]
    (nul,) = store.documents.find(source_id=json_sid)
    assert (nul.url, nul.title, nul.author) == (json_link, "Quantum chips", "Ada Lovelace")
    assert "\x00" not in nul.text and "json paragraph 5" in nul.text
    reasons = {r.url: r.reason for r in store.documents.rejections(source_id=sid)}
    assert reasons == {
        links["/deep.html"]: "too_deep",
        links["/trips.html"]: "extract_failed",
        links["/undecodable.html"]: "extract_failed",
    }
    # Nothing of the fetch log is lost: the feed, robots.txt and every page fetched.
    logged = {e.url for e in store.fetch_log.recent(limit=50)}
    assert {u for p, u in links.items() if p != "/long.html"} <= logged
    health = store.sources.get(sid or 0).health
    assert health.consecutive_failures == 0 and health.last_success is not None

    # The next pass knows every page, the over-long one included: nothing is fetched again.
    hits_before = len(server.requests)
    crawl(store, settings, source_ids=[sid or 0])
    assert [r.path for r in server.requests[hits_before:]] == ["/feed.xml"]
