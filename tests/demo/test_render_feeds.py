"""Feeds, sitemaps and robots.txt rendered from content are well-formed and escaped."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import feedparser
import pytest
from lxml import etree

from kuaibao.demo import render_feeds as feeds
from kuaibao.demo.content import ArticleContent, SiteContent, load_sites
from kuaibao.domain import SourceKind

BASE = "http://127.0.0.1:8123"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def site() -> SiteContent:
    """A real site from the bundled content, with one title made hostile to XML."""
    original = next(s for s in load_sites() if s.key == "gov-press")
    first = replace(original.articles[0], title='Fab <grant> & "chips" for R&D', tracking=True)
    return replace(original, articles=(first, *original.articles[1:]))


def _items(site: SiteContent, full_text: bool = False) -> list[feeds.FeedItem]:
    return [feeds.article_item(BASE, a, full_text) for a in site.articles]


def test_rss_parses_and_keeps_escaped_titles_and_tracking_links(site: SiteContent) -> None:
    parsed = feedparser.parse(feeds.rss_feed(site, BASE, _items(site)))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == len(site.articles)
    entry = parsed.entries[0]
    assert entry.title == 'Fab <grant> & "chips" for R&D'
    assert entry.link == BASE + site.articles[0].path + feeds.TRACKING_QUERY
    assert "utm_medium=feed" in entry.link
    assert entry.author == site.articles[0].author
    assert entry.published_parsed[:3] == site.articles[0].published.utctimetuple()[:3]


def test_atom_parses_with_pdf_entry(site: SiteContent) -> None:
    report = next(s.report for s in load_sites() if s.report)
    items = [*_items(site), feeds.report_item(BASE, report)]
    parsed = feedparser.parse(feeds.atom_feed(site, BASE, items))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    pdf = parsed.entries[-1]
    assert pdf.link == BASE + report.path
    assert [e.href for e in pdf.enclosures] == [BASE + report.path]
    assert pdf.enclosures[0].type == "application/pdf"
    assert pdf.id.startswith("tag:gov-press.demo.kuaibao,2026:")


def test_json_feed_is_valid_json_feed_1_1(site: SiteContent) -> None:
    doc = json.loads(feeds.json_feed(site, BASE, _items(site, full_text=True)))
    assert doc["version"] == "https://jsonfeed.org/version/1.1"
    assert doc["feed_url"].startswith(BASE)
    first = doc["items"][0]
    assert first["title"] == 'Fab <grant> & "chips" for R&D'
    assert first["content_html"].count("<p>") == len(site.articles[0].paragraphs)
    assert datetime.fromisoformat(first["date_published"]) == site.articles[0].published
    assert len({item["id"] for item in doc["items"]}) == len(site.articles)


def test_sitemap_lists_canonical_urls_with_lastmod(site: SiteContent) -> None:
    corrected = replace(site.articles[1], updated=datetime(2026, 11, 21, 9, 0, tzinfo=UTC))
    articles = [site.articles[0], corrected]
    xml = feeds.sitemap(site, BASE, [feeds.article_item(BASE, a) for a in articles])
    root = etree.fromstring(xml.encode())
    locs = [el.text for el in root.iter(f"{SITEMAP_NS}loc")]
    mods = [el.text for el in root.iter(f"{SITEMAP_NS}lastmod")]
    assert locs == [BASE + a.path for a in articles]
    assert "?" not in "".join(locs)
    assert datetime.fromisoformat(mods[1]) == corrected.updated


def test_robots_lists_disallowed_paths_and_sitemap(site: SiteContent) -> None:
    strict = replace(site, robots_disallow=("/drafts/", "/internal/"), kind=SourceKind.SITEMAP)
    text = feeds.robots_txt(strict, BASE, "/sitemap.xml")
    assert "User-agent: *\nDisallow: /drafts/\nDisallow: /internal/" in text
    assert f"Sitemap: {BASE}/sitemap.xml" in text
    assert "User-agent: *\nDisallow:\n" in feeds.robots_txt(site, BASE, None)


def test_linked_url_only_tracks_flagged_articles(site: SiteContent) -> None:
    plain: ArticleContent = replace(site.articles[0], tracking=False)
    assert feeds.linked_url(BASE, plain) == BASE + plain.path
    assert feeds.linked_url(BASE, site.articles[0]).endswith(feeds.TRACKING_QUERY)
