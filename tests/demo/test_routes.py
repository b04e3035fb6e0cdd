"""Route tables hold every page with validators; revalidation follows RFC 9110."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.demo.content import SiteContent, load_sites
from kuaibao.demo.routes import Resource, is_not_modified, site_routes

BASE = "http://127.0.0.1:8123"
CHANGED = datetime(2026, 11, 10, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def sites() -> dict[str, SiteContent]:
    return {s.key: s for s in load_sites()}


@pytest.fixture
def resource() -> Resource:
    return Resource(b"<rss/>", "application/rss+xml", CHANGED)


def test_etag_matches_in_any_form(resource: Resource) -> None:
    assert is_not_modified(resource, resource.etag, None)
    assert is_not_modified(resource, f'"other", W/{resource.etag}', None)
    assert is_not_modified(resource, "*", None)
    assert not is_not_modified(resource, '"stale"', None)


def test_etag_changes_with_the_body(resource: Resource) -> None:
    other = Resource(b"<rss></rss>", resource.content_type, resource.last_modified)
    assert other.etag != resource.etag


def test_if_modified_since_compares_dates(resource: Resource) -> None:
    assert is_not_modified(resource, None, "Tue, 10 Nov 2026 09:30:00 GMT")
    assert is_not_modified(resource, None, "Wed, 11 Nov 2026 00:00:00 GMT")
    assert not is_not_modified(resource, None, "Tue, 10 Nov 2026 09:29:59 GMT")
    assert not is_not_modified(resource, None, "yesterday")
    assert not is_not_modified(resource, None, None)


def test_if_none_match_wins_over_if_modified_since(resource: Resource) -> None:
    assert not is_not_modified(resource, '"stale"', "Wed, 11 Nov 2026 00:00:00 GMT")


def test_every_article_and_the_feed_have_a_route(sites: dict[str, SiteContent]) -> None:
    for site in sites.values():
        routes = site_routes(site, BASE)
        assert {"/", "/robots.txt", site.feed_path} <= routes.keys()
        assert {a.path for a in site.articles} <= routes.keys()


def test_article_pages_carry_extraction_metadata(sites: dict[str, SiteContent]) -> None:
    site = sites["gov-press"]
    article = site.articles[0]
    page = site_routes(site, BASE)[article.path].body.decode("utf-8")
    assert f'<link rel="canonical" href="{BASE}{article.path}">' in page
    assert f'content="{article.published.isoformat()}"' in page
    assert f'<time datetime="{article.published.isoformat()}">' in page
    for chrome in ('<nav class="main-nav"', '<aside class="sidebar"', 'class="related"', "<footer"):
        assert chrome in page
    assert "£185 million" in page


def test_gb18030_site_lies_in_its_html_header(sites: dict[str, SiteContent]) -> None:
    site = sites["yunlan"]
    routes = site_routes(site, BASE)
    page = routes[site.articles[0].path]
    assert page.content_type == "text/html; charset=gb2312"
    assert b'<meta charset="gb18030">' in page.body
    assert routes[site.feed_path].content_type == "application/rss+xml"
    assert routes[site.feed_path].body.startswith(b'<?xml version="1.0" encoding="gb18030"?>')


def test_sitemap_leaves_out_drafts_and_feeds_keep_them(sites: dict[str, SiteContent]) -> None:
    space = sites["nordic-space"]
    feed = site_routes(space, BASE)[space.feed_path].body.decode()
    assert feed.count("/drafts/") == sum(a.draft for a in space.articles) > 0
    lumen = sites["lumen"]
    sitemap = site_routes(lumen, BASE)[lumen.feed_path].body.decode()
    assert sitemap.count("<loc>") == len(lumen.articles)


def test_report_is_served_as_pdf(sites: dict[str, SiteContent]) -> None:
    site = sites["meridian"]
    assert site.report is not None
    pdf = site_routes(site, BASE)[site.report.path]
    assert pdf.content_type == "application/pdf"
    assert pdf.body.startswith(b"%PDF-")
