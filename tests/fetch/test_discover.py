"""Feed discovery: link tags, feed-looking anchors, probe paths and sniffing fetched bytes."""

from __future__ import annotations

import gzip

import pytest

from kuaibao.domain import SourceKind
from kuaibao.fetch.discover import (
    COMMON_FEED_PATHS,
    FeedCandidate,
    candidate_urls,
    discover_feeds,
    sniff_kind,
)

HOMEPAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Example Research Institute</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" hreflang="zh" href="https://institute.example.org/zh/">
<link rel="alternate" type="application/rss+xml" title="Institute &amp; News" href="/news/feed/">
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/atom+xml" title="Papers" href="https://institute.example.org/papers.atom">
<link rel="alternate" type="application/feed+json" title="JSON" href="feed.json">
<link rel="alternate" type="application/json" href="https://institute.example.org/wp-json/wp/v2/pages/2">
<link rel="alternate" type="application/json+oembed" href="https://institute.example.org/wp-json/oembed/1.0/embed?url=x">
<link rel="Alternate" type="Application/RSS+XML; charset=utf-8" href="/news/feed/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body>
<nav><a href="/about">About</a></nav>
<p>Follow our <a href="/events/rss.xml">events</a> or <a href="/podcast/">RSS</a>.</p>
<p><a href="/rss-policy.html">Our policy on reuse</a></p>
</body></html>"""


def test_link_tags_in_order_with_titles_comment_feed_last() -> None:
    found = discover_feeds(HOMEPAGE, "https://institute.example.org/")
    link_tags = [c for c in found if c.how == "link tag"]
    assert link_tags == [
        FeedCandidate(
            "https://institute.example.org/news/feed/",
            SourceKind.RSS,
            "Institute & News",
            "link tag",
        ),
        FeedCandidate(
            "https://institute.example.org/papers.atom", SourceKind.ATOM, "Papers", "link tag"
        ),
        FeedCandidate(
            "https://institute.example.org/feed.json", SourceKind.JSON_FEED, "JSON", "link tag"
        ),
        FeedCandidate(
            "https://institute.example.org/comments/feed/",
            SourceKind.RSS,
            "Comments Feed",
            "link tag",
        ),
    ]


def test_feed_anchors_follow_link_tags() -> None:
    found = discover_feeds(HOMEPAGE, "https://institute.example.org/")
    anchors = [(c.url, c.kind) for c in found if c.how == "anchor"]
    assert anchors == [
        ("https://institute.example.org/events/rss.xml", SourceKind.RSS),
        ("https://institute.example.org/podcast/", SourceKind.RSS),
    ]
    assert found[-1].url == "https://institute.example.org/comments/feed/"


def test_urls_are_unique() -> None:
    urls = [c.url for c in discover_feeds(HOMEPAGE, "https://institute.example.org/")]
    assert len(urls) == len(set(urls))


def test_relative_hrefs_follow_base_href() -> None:
    page = (
        '<html><head><base href="https://cdn.example.net/site/">'
        '<link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>'
    )
    (found,) = discover_feeds(page, "https://www.example.net/")
    assert found.url == "https://cdn.example.net/site/atom.xml"
    assert found.kind is SourceKind.ATOM


@pytest.mark.parametrize("page", ["", "<html><body>No feeds here.</body></html>"])
def test_pages_without_feeds(page: str) -> None:
    assert discover_feeds(page, "https://www.example.net/") == []


def test_candidate_urls_cover_section_then_site_root() -> None:
    urls = candidate_urls("https://www.example.gov/news/latest.html?page=1")
    assert urls[0] == "https://www.example.gov/news/feed"
    assert "https://www.example.gov/news/rss.xml" in urls
    assert "https://www.example.gov/feed" in urls
    assert urls[-1] == "https://www.example.gov/sitemap.xml"
    assert len(urls) == len(set(urls))
    assert all(u.startswith("https://www.example.gov/") for u in urls)


def test_candidate_urls_at_site_root() -> None:
    urls = candidate_urls("https://www.example.gov")
    assert urls == [f"https://www.example.gov{path}" for path in COMMON_FEED_PATHS]
    assert "/rss.xml" in COMMON_FEED_PATHS
    assert "/sitemap.xml" in COMMON_FEED_PATHS


@pytest.mark.parametrize("base", ["ftp://example.org/", "not a url", ""])
def test_candidate_urls_for_unusable_bases(base: str) -> None:
    assert candidate_urls(base) == []


URLSET = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "text/html", SourceKind.RSS),
        (b'<rdf:RDF xmlns:rdf="x"></rdf:RDF>', "application/xml", SourceKind.RSS),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"/>', "text/xml", SourceKind.ATOM),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/json",
         SourceKind.JSON_FEED),
        (URLSET, "application/xml", SourceKind.SITEMAP),
        (gzip.compress(URLSET), "application/x-gzip", SourceKind.SITEMAP),
        (b"https://a.example/1\nhttps://a.example/2\n", "text/plain", SourceKind.SITEMAP),
        (b"<!DOCTYPE html><html><body>hi</body></html>", "application/xml", None),
        (b'{"data": []}', "application/json", None),
        (b"", "text/html", None),
    ],
)  # fmt: skip
def test_sniff_kind(body: bytes, content_type: str, kind: SourceKind | None) -> None:
    assert sniff_kind(body, content_type) is kind
