"""The crawl pass against real HTTP servers on 127.0.0.1 and real databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kuaibao.config import FetchSettings, Settings
from kuaibao.domain import Source, SourceKind
from kuaibao.pipeline.crawl import Crawler, crawl
from kuaibao.pipeline.health import check_sources
from kuaibao.store import Store
from tests.support.pages import article, prose, rss
from tests.support.server import LocalServer, Reply, Request

NOW = datetime(2026, 11, 20, tzinfo=UTC)
FAST = FetchSettings(
    per_host_rate=200.0,
    per_host_concurrency=4,
    retries=1,
    backoff_base=0.01,
    connect_timeout=2.0,
    read_timeout=2.0,
    total_timeout=5.0,
)


def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, fetch=FAST)


def register(store: Store, server: LocalServer, path: str = "/feed.xml", **kw: object) -> int:
    src = Source(
        name=kw.pop("name", "Local"),  # type: ignore[arg-type]
        homepage=server.url("/"),
        kind=kw.pop("kind", SourceKind.RSS),  # type: ignore[arg-type]
        feed_url=server.url(path),
        allow_private=True,
        **kw,  # type: ignore[arg-type]
    )
    stored = store.sources.add(src, now=NOW)
    assert stored.id is not None
    return stored.id


def serve_articles(server: LocalServer, names: list[str]) -> list[tuple[str, str]]:
    items = []
    for name in names:
        path = f"/news/{name}.html"
        server.route(path, Reply(body=article(f"Story {name}", prose(name))))
        items.append((server.url(path), f"Story {name}"))
    return items


def test_crawl_stores_articles_then_warm_poll_fetches_nothing_new(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["alpha", "beta", "gamma"])
    feed = rss(items)
    etag = '"feed-v1"'

    def feed_handler(req: Request) -> Reply:
        if req.headers.get("if-none-match") == etag:
            return Reply(304, b"", headers={"ETag": etag})
        return Reply(body=feed, content_type="application/rss+xml", headers={"ETag": etag})

    server.route("/feed.xml", feed_handler)
    sid = register(store, server)
    first = crawl(store, settings(tmp_path), due_only=False)
    assert first.total("stored") == 3 and first.failed_sources == 0
    docs = store.documents.find(source_id=sid)
    assert sorted(d.title for d in docs) == ["Story alpha", "Story beta", "Story gamma"]
    assert all("agency said the programme" in d.text for d in docs)
    assert all("Copyright notice" not in d.text for d in docs)

    second = crawl(store, settings(tmp_path), due_only=False)
    assert second.sources[0].status == "not_modified"
    assert store.documents.count() == 3
    assert len(server.hits("/news/alpha.html")) == 1
    assert server.hits("/feed.xml")[-1].headers.get("if-none-match") == etag


def test_bad_source_does_not_stop_the_good_one(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    server.route(
        "/good.xml",
        Reply(body=rss(serve_articles(server, ["one"])), content_type="application/rss+xml"),
    )
    server.route("/broken.xml", Reply(body=b"\x00\x01 not a feed \xff", content_type="text/xml"))
    server.route("/gone.xml", Reply(500, "boom"))
    good = register(store, server, "/good.xml", name="good")
    broken = register(store, server, "/broken.xml", name="broken")
    gone = register(store, server, "/gone.xml", name="gone")
    report = crawl(store, settings(tmp_path), due_only=False)
    status = {o.source_id: o.status for o in report.sources}
    assert status == {good: "ok", broken: "failed", gone: "failed"}
    assert store.documents.count(source_id=good) == 1
    health = {r.source.id: r for r in check_sources(store, NOW)}
    assert health[gone].source.health.consecutive_failures == 1
    assert "500" in (health[gone].source.health.last_error or "")
    assert health[broken].source.health.last_error
    assert any(e.status == 500 for e in store.fetch_log.recent())


def test_bad_articles_are_rejected_with_reasons_and_never_refetched(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["fine"])
    server.route("/news/missing.html", Reply(404, "nope"))
    server.route("/news/empty.html", Reply(body="<html><body></body></html>"))
    server.route(
        "/news/picture.png", Reply(body=b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")
    )
    server.route(
        "/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    )
    items += [
        (server.url(p), p)
        for p in ("/news/missing.html", "/news/empty.html", "/news/picture.png", "/private/x.html")
    ]
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    register(store, server)
    report = crawl(store, settings(tmp_path), due_only=False)
    assert report.total("stored") == 1 and report.total("rejected") == 4
    reasons = {r.url.rsplit("/", 1)[1]: r.reason for r in store.documents.rejections()}
    assert reasons["missing.html"] == "http_404"
    assert reasons["picture.png"] == "content_type"
    assert reasons["x.html"] == "robots"
    assert reasons["empty.html"] in ("empty", "no_text", "too_short")
    assert server.hits("/private/x.html") == []
    crawl(store, settings(tmp_path), due_only=False)
    assert len(server.hits("/news/missing.html")) == 1


def test_same_article_under_tracking_urls_and_copied_content_is_stored_once(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    page = Reply(body=article("Shared", prose("shared")))
    server.route("/a.html", page)
    server.route("/mirror.html", page)
    items = [
        (server.url("/a.html?utm_source=rss&utm_medium=feed"), "Shared"),
        (server.url("/a.html?utm_source=twitter"), "Shared again"),
        (server.url("/mirror.html"), "Shared copy"),
    ]
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    register(store, server)
    report = crawl(store, settings(tmp_path), due_only=False)
    assert store.documents.count() == 1
    assert report.total("stored") == 1
    assert report.total("duplicates") == 1
    (doc,) = store.documents.find()
    assert "utm_" not in doc.canonical_url


def test_item_count_dropping_to_zero_is_flagged(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    full = rss(serve_articles(server, ["x1", "x2"]))
    state = {"body": full}
    server.route(
        "/feed.xml", lambda _r: Reply(body=state["body"], content_type="application/rss+xml")
    )
    sid = register(store, server)
    crawl(store, settings(tmp_path), due_only=False)
    state["body"] = rss([])
    crawl(store, settings(tmp_path), due_only=False)
    (report,) = [r for r in check_sources(store, NOW) if r.source.id == sid]
    assert "dropped_to_zero" in report.flags and report.status == "error"


@pytest.mark.parametrize("kind", [SourceKind.SITEMAP, SourceKind.HTML])
def test_sitemap_and_listing_sources(
    kind: SourceKind, store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["s1", "s2"])
    if kind is SourceKind.SITEMAP:
        urls = "".join(
            f"<url><loc>{u}</loc><lastmod>2026-11-0{i + 1}</lastmod></url>"
            for i, (u, _) in enumerate(items)
        )
        server.route(
            "/sitemap.xml",
            Reply(
                body='<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{urls}</urlset>',
                content_type="application/xml",
            ),
        )
        register(store, server, "/sitemap.xml", kind=kind)
    else:
        teasers = "".join(
            f'<article class="teaser"><h2><a href="{u}">{t}</a></h2>'
            '<time datetime="2026-11-02">2 Nov</time></article>'
            for u, t in items
        )
        server.route("/news/", Reply(body=f"<html><body><main>{teasers}</main></body></html>"))
        from kuaibao.domain import ListingSelectors

        register(
            store,
            server,
            "/news/",
            kind=kind,
            selectors=ListingSelectors(item="article.teaser", title="h2", date="time"),
        )
    report = crawl(store, settings(tmp_path), due_only=False)
    assert report.total("stored") == 2, report.sources


def test_full_content_feeds_need_no_page_fetch_unless_the_content_is_a_teaser(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["full", "teaser"])
    bodies = ["".join(f"<p>{p}</p>" for p in prose("fullfeed")), "<p>Read more…</p>"]
    server.route(
        "/feed.xml", Reply(body=rss(items, content=bodies), content_type="application/rss+xml")
    )
    register(store, server, fetch_articles=False)
    report = crawl(store, settings(tmp_path), due_only=False)
    assert report.total("stored") == 2
    assert server.hits("/news/full.html") == []
    assert len(server.hits("/news/teaser.html")) == 1
    texts = {d.title: d.text for d in store.documents.find()}
    assert "fullfeed paragraph 0" in texts["Story full"]


@pytest.mark.parametrize("workers", [0, 2])
def test_full_content_feeds_stored_in_batches_with_or_without_worker_processes(
    workers: int, store: Store, server: LocalServer, tmp_path: Path
) -> None:
    feeds, per_feed = 6, 4
    for f in range(feeds):
        items, bodies = [], []
        for i in range(per_feed):
            items.append((server.url(f"/f{f}/{i}.html"), f"Story {f}-{i}"))
            bodies.append("".join(f"<p>{p}</p>" for p in prose(f"feed{f}item{i}")))
        if f == 1:  # the same article under a second URL, and a teaser whose page is read
            bodies[1] = bodies[0]
            bodies[2] = "<p>Read more…</p>"
            server.route("/f1/2.html", Reply(body=article("Story 1-2", prose("page12"))))
        server.route(
            f"/feed{f}.xml",
            Reply(body=rss(items, content=bodies), content_type="application/rss+xml"),
        )
        register(store, server, f"/feed{f}.xml", name=f"feed {f}", fetch_articles=False)

    crawler = Crawler(store, settings(tmp_path), workers=workers)
    report = asyncio.run(crawler.run(store.sources.all()))
    assert report.total("stored") == feeds * per_feed - 1
    assert report.total("duplicates") == 1 and report.failed_sources == 0
    assert len(server.hits("/f1/2.html")) == 1
    assert server.hits("/f0/0.html") == []
    texts = {d.title: d.text for d in store.documents.find()}
    assert "feed5item3 paragraph 0" in texts["Story 5-3"]
    assert "page12 paragraph 0" in texts["Story 1-2"]
    again = asyncio.run(
        Crawler(store, settings(tmp_path), workers=workers).run(store.sources.all())
    )
    assert again.total("new") == 1 and again.total("stored") == 0  # only the duplicate URL
    assert store.documents.count() == feeds * per_feed - 1


def test_robots_answers_are_remembered_between_runs_and_still_obeyed(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    items = serve_articles(server, ["ok1"])
    items.append((server.url("/private/p.html"), "private"))
    server.route("/private/p.html", Reply(body=article("P", prose("p"))))
    server.route(
        "/robots.txt",
        Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
    )
    server.route("/feed.xml", Reply(body=rss(items), content_type="application/rss+xml"))
    register(store, server)
    crawl(store, settings(tmp_path), due_only=False)
    first = {r.url: r.reason for r in store.documents.rejections()}
    assert first[server.url("/private/p.html")] == "robots"
    # A later run (a new process in real use) reads the remembered answer, not the network.
    server.route(
        "/feed.xml",
        Reply(
            body=rss(serve_articles(server, ["ok2"]) + items), content_type="application/rss+xml"
        ),
    )
    crawl(store, settings(tmp_path), due_only=False)
    assert len(server.hits("/robots.txt")) == 1
    assert server.hits("/private/p.html") == []
    assert store.documents.count() == 2


def test_a_chinese_sources_feed_and_pages_are_read_as_a_browser_in_beijing_would(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    """GBK feed labelled Latin-1, naive times, an id that is no link: all as the site meant."""
    page = article("量子计算原型机完成测试", prose("beijing")).replace(
        "<meta charset='utf-8'>",
        "<meta charset='utf-8'><meta property='article:published_time' "
        "content='2026-11-02 08:30:00'>",
    )
    server.route("/news/q.html", Reply(body=page))
    server.route("/news/undated.html", Reply(body=article("半导体产业新政策", prose("nodate"))))
    feed = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>量子计算原型机完成测试</title><link>{server.url('/news/q.html')}</link>"
        f'<guid isPermaLink="false">{server.url("/?p=1")}</guid>'
        "<pubDate>2026-11-02 08:30:00</pubDate></item>"
        f"<item><title>半导体产业新政策</title><link>{server.url('/news/undated.html')}</link>"
        "<pubDate>2026-11-03 09:15:00</pubDate></item>"
        "</channel></rss>"
    ).encode("gbk")
    server.route("/feed.xml", Reply(body=feed, content_type="application/rss+xml"))
    sid = register(store, server, country="CN")
    report = crawl(store, settings(tmp_path), due_only=False)
    assert report.total("stored") == 2, report.sources
    docs = {d.url: d for d in store.documents.find(source_id=sid)}
    assert set(docs) == {server.url("/news/q.html"), server.url("/news/undated.html")}
    dated, undated = docs[server.url("/news/q.html")], docs[server.url("/news/undated.html")]
    assert dated.published_at == datetime(2026, 11, 2, 0, 30, tzinfo=UTC)
    assert undated.published_at == datetime(2026, 11, 3, 1, 15, tzinfo=UTC)
    assert dated.title == "量子计算原型机完成测试"
    assert not server.hits("/")


def test_relative_listing_dates_resolve_against_the_fetch_in_the_sources_zone(
    store: Store, server: LocalServer, tmp_path: Path
) -> None:
    from kuaibao.domain import ListingSelectors

    items = serve_articles(server, ["aged"])
    teasers = "".join(
        f'<article class="teaser"><h2><a href="{u}">{t}</a></h2><span>3小时前</span></article>'
        for u, t in items
    )
    server.route("/news/", Reply(body=f"<html><body><main>{teasers}</main></body></html>"))
    selectors = ListingSelectors(item="article.teaser", title="h2", date="span")
    register(store, server, "/news/", kind=SourceKind.HTML, selectors=selectors, country="CN")
    before = datetime.now(UTC)
    crawl(store, settings(tmp_path), due_only=False)
    after = datetime.now(UTC)
    (doc,) = store.documents.find()
    assert doc.published_at is not None
    assert before - timedelta(hours=3, seconds=1) <= doc.published_at
    assert doc.published_at <= after - timedelta(hours=3)
