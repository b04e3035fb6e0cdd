"""Sitemaps: indexes, gzip, Google News, plain text, robots.txt lines and hostile input."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime

import pytest

from kuaibao.errors import FeedError
from kuaibao.fetch.sitemaps import looks_like_sitemap, parse_sitemap, sitemaps_from_robots

SITEMAP_URL = "https://www.example.gov/sitemap.xml"

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://www.example.gov/press/2024/03/budget-for-science</loc>
       <lastmod>2024-03-15T09:00:00+01:00</lastmod>
       <image:image><image:loc>https://www.example.gov/img/budget.png</image:loc></image:image>
  </url>
  <url><loc>  https://www.example.gov/press/2024/03/ai-office  </loc>
       <lastmod>2024-03</lastmod></url>
  <url><loc>/press/relative-but-tolerated</loc></url>
  <url><loc>mailto:press@example.gov</loc></url>
  <url><loc>https://www.example.gov/press/2024/03/budget-for-science</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://www.example.gov/sitemap-press.xml.gz</loc>
           <lastmod>2024-03-15</lastmod></sitemap>
  <sitemap><loc>https://www.example.gov/sitemap-pages.xml</loc></sitemap>
  <sitemap><loc>https://www.example.gov/sitemap-press.xml.gz</loc></sitemap>
</sitemapindex>"""

NEWS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://news.example.cn/2024/0315/quantum.html</loc>
    <news:news>
      <news:publication><news:name>Example Daily</news:name><news:language>zh</news:language>
      </news:publication>
      <news:publication_date>2024-03-15T08:00:00+08:00</news:publication_date>
      <news:title>量子计算机实现新突破 &amp; 纠错里程碑</news:title>
    </news:news>
    <lastmod>2024-03-16</lastmod>
  </url>
</urlset>""".encode()

NEWS_WITHOUT_NAMESPACES = b"""<urlset>
  <url><loc>https://news.example.cn/a</loc>
    <news:news><news:publication_date>2024-03-14</news:publication_date>
    <news:title>Undeclared prefix</news:title></news:news></url>
</urlset>"""


def test_urlset_entries_with_lastmod_in_order_without_repeats() -> None:
    result = parse_sitemap(URLSET, SITEMAP_URL)
    assert result.sitemaps == []
    assert [e.url for e in result.entries] == [
        "https://www.example.gov/press/2024/03/budget-for-science",
        "https://www.example.gov/press/2024/03/ai-office",
        "https://www.example.gov/press/relative-but-tolerated",
    ]
    assert result.entries[0].published_at == datetime(2024, 3, 15, 8, 0, tzinfo=UTC)
    assert result.entries[1].published_at == datetime(2024, 3, 1, tzinfo=UTC)
    assert result.entries[2].published_at is None


def test_sitemap_index_lists_child_sitemaps() -> None:
    result = parse_sitemap(INDEX, SITEMAP_URL)
    assert result.entries == []
    assert result.sitemaps == [
        "https://www.example.gov/sitemap-press.xml.gz",
        "https://www.example.gov/sitemap-pages.xml",
    ]


def test_google_news_sitemap_gives_title_and_publication_date() -> None:
    (entry,) = parse_sitemap(NEWS, "https://news.example.cn/news-sitemap.xml").entries
    assert entry.title == "量子计算机实现新突破 & 纠错里程碑"
    assert entry.published_at == datetime(2024, 3, 15, 0, 0, tzinfo=UTC)


def test_namespaces_missing_or_undeclared_are_tolerated() -> None:
    (entry,) = parse_sitemap(NEWS_WITHOUT_NAMESPACES, SITEMAP_URL).entries
    assert entry.url == "https://news.example.cn/a"
    assert entry.title == "Undeclared prefix"
    assert entry.published_at == datetime(2024, 3, 14, tzinfo=UTC)


def test_gzipped_sitemap_is_inflated() -> None:
    result = parse_sitemap(gzip.compress(NEWS), "https://news.example.cn/news.xml.gz")
    assert [e.url for e in result.entries] == ["https://news.example.cn/2024/0315/quantum.html"]


def test_gzip_bomb_is_refused() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (8 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(FeedError, match="inflates to more than"):
        parse_sitemap(bomb, SITEMAP_URL, max_bytes=1024 * 1024)
    assert time.monotonic() - started < 2


def test_corrupt_gzip_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="corrupt"):
        parse_sitemap(b"\x1f\x8b" + b"\x00" * 40, SITEMAP_URL)


def test_truncated_sitemap_keeps_complete_urls() -> None:
    cut = URLSET[: URLSET.index(b"<url><loc>/press")]
    assert len(parse_sitemap(cut, SITEMAP_URL).entries) == 2


def test_text_sitemap_one_url_per_line() -> None:
    body = (
        b"\xef\xbb\xbfhttps://www.example.gov/a\r\n\r\n# a comment line\n"
        b"https://www.example.gov/b\nnot a url\n/relative/ignored\nhttps://www.example.gov/a\n"
    )
    result = parse_sitemap(body, "https://www.example.gov/sitemap.txt")
    assert [e.url for e in result.entries] == [
        "https://www.example.gov/a",
        "https://www.example.gov/b",
    ]


def test_entries_are_capped() -> None:
    urls = "".join(f"<url><loc>https://www.example.gov/p/{n}</loc></url>" for n in range(50))
    body = f"<urlset>{urls}</urlset>".encode()
    assert len(parse_sitemap(body, SITEMAP_URL, max_entries=10).entries) == 10


def test_billion_laughs_neither_expands_nor_loses_the_rest() -> None:
    entities = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY l0 "lol">{entities}]>'
        "<urlset><url><loc>https://www.example.gov/&l9;</loc></url>"
        "<url><loc>https://www.example.gov/after</loc></url></urlset>"
    ).encode()
    started = time.monotonic()
    result = parse_sitemap(body, SITEMAP_URL)
    assert time.monotonic() - started < 2
    assert [e.url for e in result.entries] == ["https://www.example.gov/after"]


def test_external_entities_are_not_fetched_or_read() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        b"<urlset><url><loc>https://www.example.gov/&x;</loc></url></urlset>"
    )
    assert parse_sitemap(body, SITEMAP_URL).entries == []


def test_rss_given_as_sitemap_is_read_as_a_feed() -> None:
    body = (
        b'<rss version="2.0"><channel><title>t</title><item><title>Hi</title>'
        b"<link>https://www.example.gov/hi</link></item></channel></rss>"
    )
    (entry,) = parse_sitemap(body, SITEMAP_URL).entries
    assert entry.title == "Hi"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"", "empty"),
        (b"<html><body>Not here</body></html>", "root element is <html>"),
        (b"Sorry, nothing to see.", "neither XML nor a list of URLs"),
    ],
)
def test_non_sitemaps_raise(body: bytes, words: str) -> None:
    with pytest.raises(FeedError, match=words):
        parse_sitemap(body, SITEMAP_URL)


def test_sitemaps_from_robots() -> None:
    robots = (
        "# robots for example.gov\n"
        "User-agent: *\nDisallow: /private/\n"
        "Sitemap: https://www.example.gov/sitemap.xml   # main\n"
        "sitemap:/news-sitemap.xml\n"
        "SITEMAP : https://www.example.gov/sitemap.xml\n"
        "Sitemap: javascript:alert(1)\n"
        "Allow: /sitemap-in-a-rule.xml\n"
    )
    assert sitemaps_from_robots(robots, "https://www.example.gov/robots.txt") == [
        "https://www.example.gov/sitemap.xml",
        "https://www.example.gov/news-sitemap.xml",
    ]
    assert sitemaps_from_robots("User-agent: *\nDisallow:\n", "https://a.example/") == []


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (URLSET, "application/xml", True),
        (INDEX, "text/xml", True),
        (gzip.compress(NEWS), "application/octet-stream", True),
        (b"https://a.example/1\nhttps://a.example/2\n", "text/plain; charset=utf-8", True),
        (b"https://a.example/1\nhello\n", "text/plain", False),
        (b"https://a.example/1\n", "text/html", False),
        (b"<rss version='2.0'/>", "application/rss+xml", False),
        (b"\x1f\x8bnot really gzip", "", False),
    ],
)
def test_looks_like_sitemap(body: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_sitemap(body, content_type) is expected
