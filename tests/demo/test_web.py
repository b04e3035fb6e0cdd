"""The sample web over real HTTP on 127.0.0.1: types, encodings, robots, revalidation."""

from __future__ import annotations

import io
import json
import socket
import threading
from collections.abc import Iterator
from urllib.robotparser import RobotFileParser

import feedparser
import httpx
import lxml.html
import pytest
from lxml import etree
from pypdf import PdfReader

from kuaibao.demo import SampleWeb, serve_forever
from kuaibao.domain import SourceKind
from kuaibao.errors import ConfigError

EXPECTED_TYPES = {
    SourceKind.RSS: "application/rss+xml",
    SourceKind.ATOM: "application/atom+xml",
    SourceKind.JSON_FEED: "application/feed+json",
    SourceKind.SITEMAP: "application/xml",
    SourceKind.HTML: "text/html",
}


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    with SampleWeb() as running:
        yield running


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client(trust_env=False, timeout=5) as client:
        yield client


def test_each_site_serves_its_announcement_with_the_right_type(
    web: SampleWeb, http: httpx.Client
) -> None:
    kinds = set()
    for site in web.sites:
        response = http.get(site.feed_url)
        assert response.status_code == 200, site.key
        assert response.headers["content-type"].split(";")[0] == EXPECTED_TYPES[site.kind]
        kinds.add(site.kind)
    assert len(kinds) == len(EXPECTED_TYPES)


def test_feed_entries_parse_and_every_link_resolves(web: SampleWeb, http: httpx.Client) -> None:
    feeds = [s for s in web.sites if s.kind in (SourceKind.RSS, SourceKind.ATOM)]
    assert len(feeds) >= 4
    for site in feeds:
        response = http.get(site.feed_url)
        parsed = feedparser.parse(
            response.content, response_headers={"content-type": response.headers["content-type"]}
        )
        assert not parsed.bozo, (site.key, parsed.get("bozo_exception"))
        expected = [a for a in web.articles() if a.site_key == site.key]
        assert sorted(e.link for e in parsed.entries) == sorted(a.link for a in expected)
        for entry in parsed.entries:
            assert entry.published_parsed.tm_year == 2026
            assert http.get(entry.link).status_code == 200, entry.link


def test_json_feed_items_point_at_pages(web: SampleWeb, http: httpx.Client) -> None:
    site = next(s for s in web.sites if s.kind is SourceKind.JSON_FEED)
    doc = json.loads(http.get(site.feed_url).content)
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert len(doc["items"]) >= 5
    for item in doc["items"]:
        page = http.get(item["url"])
        assert page.status_code == 200
        assert item["title"].split(" ")[0] in page.text


def test_sitemap_has_lastmod_for_every_url(web: SampleWeb, http: httpx.Client) -> None:
    site = next(s for s in web.sites if s.kind is SourceKind.SITEMAP)
    root = etree.fromstring(http.get(site.feed_url).content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = root.findall("s:url", ns)
    assert len(urls) == len([a for a in web.articles() if a.site_key == site.key])
    for url in urls:
        assert url.findtext("s:lastmod", namespaces=ns, default="").startswith("2026-")
        assert http.get(url.findtext("s:loc", namespaces=ns)).status_code == 200
    robots = http.get(site.base_url + "/robots.txt").text
    assert f"Sitemap: {site.feed_url}" in robots


def test_listing_selectors_find_every_article_and_nothing_else(
    web: SampleWeb, http: httpx.Client
) -> None:
    site = next(s for s in web.sites if s.kind is SourceKind.HTML)
    assert site.selectors is not None
    tree = lxml.html.fromstring(http.get(site.feed_url).content, base_url=site.feed_url)
    tree.make_links_absolute()
    items = tree.cssselect(site.selectors.item)
    links = [item.cssselect(site.selectors.link)[0].get("href") for item in items]
    expected = {a.url for a in web.articles() if a.site_key == site.key}
    assert set(links) == expected
    assert len(tree.cssselect("a[href]")) > len(links)
    assert site.selectors.date is not None
    for item in items:
        assert item.cssselect(site.selectors.date)[0].get("datetime").startswith("2026-")


def test_gb18030_pages_do_not_decode_as_utf8_or_as_the_header_says(
    web: SampleWeb, http: httpx.Client
) -> None:
    article = next(a for a in web.articles() if a.language.startswith("zh"))
    response = http.get(article.url)
    assert response.headers["content-type"] == "text/html; charset=gb2312"
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("gb2312")
    page = response.content.decode("gb18030")
    assert '<meta charset="gb18030">' in page
    assert article.title in page


def test_gb18030_feed_parses_with_its_declared_encoding(web: SampleWeb, http: httpx.Client) -> None:
    site = next(s for s in web.sites if s.language.startswith("zh"))
    response = http.get(site.feed_url)
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response.headers["content-type"]}
    )
    assert parsed.encoding.lower() == "gb18030"
    titles = {a.title for a in web.articles() if a.site_key == site.key}
    assert {e.title for e in parsed.entries} == titles


def test_robots_txt_disallows_drafts_that_the_feed_points_to(
    web: SampleWeb, http: httpx.Client
) -> None:
    site = next(s for s in web.sites if s.key == "nordic-space")
    robots = RobotFileParser()
    robots.parse(http.get(site.base_url + "/robots.txt").text.splitlines())
    links = [e.link for e in feedparser.parse(http.get(site.feed_url).content).entries]
    blocked = [link for link in links if not robots.can_fetch("kuaibao", link)]
    allowed = [link for link in links if robots.can_fetch("kuaibao", link)]
    truth = [a for a in web.articles() if a.site_key == site.key]
    assert sorted(blocked) == sorted(a.link for a in truth if not a.robots_allowed)
    assert all("/drafts/" in link for link in blocked)
    assert len(blocked) >= 1
    assert len(allowed) >= 3


@pytest.mark.parametrize("target", ["feed", "page"])
def test_conditional_get_returns_304(web: SampleWeb, http: httpx.Client, target: str) -> None:
    site = web.sites[0]
    url = (
        site.feed_url
        if target == "feed"
        else next(a.url for a in web.articles() if a.site_key == site.key)
    )
    first = http.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    by_etag = http.get(url, headers={"If-None-Match": etag})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag.headers["etag"] == etag
    by_date = http.get(url, headers={"If-Modified-Since": modified})
    assert by_date.status_code == 304
    changed = http.get(url, headers={"If-None-Match": '"something-else"'})
    assert changed.status_code == 200
    assert changed.content == first.content
    older = http.get(url, headers={"If-Modified-Since": "Thu, 01 Jan 2026 00:00:00 GMT"})
    assert older.status_code == 200


def test_tracking_links_serve_the_canonical_page(web: SampleWeb, http: httpx.Client) -> None:
    tracked = [a for a in web.articles() if "utm_source=" in a.link]
    assert len(tracked) >= 3
    for article in tracked:
        page = http.get(article.link)
        assert page.status_code == 200
        assert f'<link rel="canonical" href="{article.url}">' in page.text
        assert "?" not in article.url


def test_pdf_report_is_readable(web: SampleWeb, http: httpx.Client) -> None:
    report = next(a for a in web.articles() if a.content_type == "application/pdf")
    response = http.get(report.url)
    assert response.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content), strict=True)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "52 gigawatts" in text
    assert " ".join(report.text.split()[:8]) in " ".join(text.split())


def test_sources_are_ready_to_register(web: SampleWeb) -> None:
    sources = web.sources()
    assert len(sources) == len(web.sites) >= 6
    assert all(s.allow_private for s in sources)
    assert len({s.feed_url.split("/")[2] for s in sources}) == len(sources)
    for source, site in zip(sources, web.sites, strict=True):
        assert source.feed_url == site.feed_url
        assert source.feed_url.startswith(site.base_url)
        assert (source.selectors is not None) == (source.kind is SourceKind.HTML)
        assert source.org_type is not None
        assert source.country


def test_articles_give_ground_truth(web: SampleWeb) -> None:
    articles = web.articles()
    html = [a for a in articles if a.content_type == "text/html"]
    assert len(html) >= 45
    pair = [a for a in articles if a.story == "caldera-fab-grant"]
    assert len({a.site_key for a in pair}) == 2
    assert all(a.text and a.published.year == 2026 for a in articles)


def test_requests_are_recorded_per_site(web: SampleWeb, http: httpx.Client) -> None:
    site = web.sites[1]
    http.get(site.homepage, headers={"User-Agent": "kuaibao-test/1"})
    seen = web.requests(site.key)
    assert any(r.path == "/" and r.headers["user-agent"] == "kuaibao-test/1" for r in seen)
    assert all(r.site_key == site.key for r in seen)


def test_unknown_paths_are_404_and_head_has_no_body(web: SampleWeb, http: httpx.Client) -> None:
    site = web.sites[0]
    assert http.get(site.base_url + "/no/such/page").status_code == 404
    head = http.head(site.feed_url)
    assert head.status_code == 200
    assert int(head.headers["content-length"]) > 0
    assert head.content == b""


def test_sites_are_only_available_while_running() -> None:
    web = SampleWeb()
    with pytest.raises(ConfigError, match="not running"):
        _ = web.sites
    with web:
        url = web.sites[0].feed_url
    with pytest.raises(httpx.ConnectError):
        httpx.get(url, trust_env=False, timeout=2)


def test_busy_base_port_is_a_config_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(ConfigError, match="base port"), SampleWeb(base_port=port):
            pass


def test_serve_forever_announces_sites_and_stops() -> None:
    lines: list[str] = []
    ready, stop = threading.Event(), threading.Event()

    def announce(line: str) -> None:
        lines.append(line)
        if len(lines) >= 6:
            ready.set()

    thread = threading.Thread(target=serve_forever, kwargs={"announce": announce, "stop": stop})
    thread.start()
    try:
        assert ready.wait(timeout=10)
        url = lines[0].split()[-1]
        assert httpx.get(url, trust_env=False, timeout=5).status_code == 200
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
