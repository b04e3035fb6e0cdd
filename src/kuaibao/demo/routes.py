"""Every URL of one sample site, rendered once into bytes with its HTTP validators.

Pure: given the site content and the base URL it will be served at, build a table
``path -> Resource``. The server only looks paths up here and answers conditional
requests with :func:`is_not_modified`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from kuaibao.demo import render_feeds as feeds
from kuaibao.demo import render_pages as pages
from kuaibao.demo.content import ArticleContent, SiteContent
from kuaibao.demo.pdf import build_pdf
from kuaibao.domain import SourceKind

SITE_EPOCH = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
STYLESHEET = "body{font-family:sans-serif;max-width:72rem;margin:auto}.sidebar{float:right}\n"
FEED_TYPES = {
    SourceKind.RSS: "application/rss+xml",
    SourceKind.ATOM: "application/atom+xml",
    SourceKind.JSON_FEED: "application/feed+json",
    SourceKind.SITEMAP: "application/xml",
    SourceKind.HTML: "text/html",
}


@dataclass(frozen=True)
class Resource:
    """One servable body with the headers a cache needs to revalidate it."""

    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        """A strong validator derived from the bytes, so it changes only when they do."""
        return '"' + hashlib.sha256(self.body).hexdigest()[:24] + '"'


def is_not_modified(
    resource: Resource, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    """RFC 9110 revalidation: If-None-Match wins; otherwise compare If-Modified-Since."""
    if if_none_match is not None:
        tags = [tag.strip() for tag in if_none_match.split(",")]
        return "*" in tags or any(tag.removeprefix("W/") == resource.etag for tag in tags)
    if not if_modified_since:
        return False
    try:
        since = parsedate_to_datetime(if_modified_since)
    except (TypeError, ValueError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return resource.last_modified.replace(microsecond=0) <= since


def html_content_type(site: SiteContent) -> str:
    """The Content-Type header of HTML pages; ``header_charset`` may deliberately lie."""
    if site.header_charset == "none":
        return "text/html"
    return f"text/html; charset={site.header_charset or site.encoding}"


def _feed_content_type(site: SiteContent) -> str:
    """Feed media type; non-UTF-8 XML omits charset so its own declaration decides."""
    base = FEED_TYPES[site.kind]
    if site.kind is SourceKind.HTML:
        return html_content_type(site)
    return f"{base}; charset=utf-8" if site.encoding == "utf-8" else base


def _related(articles: list[ArticleContent], index: int) -> list[ArticleContent]:
    """Up to three public neighbours by date, as a 'related stories' box would pick."""
    others = [a for i, a in enumerate(articles) if i != index and not a.draft]
    return sorted(others, key=lambda a: abs((a.published - articles[index].published).days))[:3]


def _feed_body(site: SiteContent, base_url: str, public: list[ArticleContent]) -> str:
    """The document at the site's feed path, in the format its kind announces."""
    listed = public if site.kind is SourceKind.SITEMAP else site.articles
    ordered = sorted(listed, key=lambda a: a.published, reverse=True)
    items = [feeds.article_item(base_url, a, site.kind is SourceKind.JSON_FEED) for a in ordered]
    if site.report:
        items.append(feeds.report_item(base_url, site.report))
        items.sort(key=lambda i: i.published, reverse=True)
    match site.kind:
        case SourceKind.RSS:
            return feeds.rss_feed(site, base_url, items)
        case SourceKind.ATOM:
            return feeds.atom_feed(site, base_url, items)
        case SourceKind.JSON_FEED:
            return feeds.json_feed(site, base_url, items)
        case SourceKind.SITEMAP:
            return feeds.sitemap(site, base_url, items)
        case SourceKind.HTML:
            return pages.listing_page(site, base_url, public)


def site_routes(site: SiteContent, base_url: str) -> dict[str, Resource]:
    """Render every page, feed, report and robots.txt of a site at ``base_url``."""
    encode = site.encoding
    html_type = html_content_type(site)
    articles = sorted(site.articles, key=lambda a: a.published, reverse=True)
    public = [a for a in articles if not a.draft]
    newest = max(a.modified for a in articles)
    routes = {
        "/": Resource(pages.home_page(site, base_url, public).encode(encode), html_type, newest),
        "/static/site.css": Resource(STYLESHEET.encode(), "text/css; charset=utf-8", SITE_EPOCH),
    }
    for index, article in enumerate(articles):
        page = pages.article_page(site, article, base_url, _related(articles, index))
        routes[article.path] = Resource(page.encode(encode), html_type, article.modified)
    if site.report:
        report = site.report
        pdf = build_pdf(report.title, report.author, report.paragraphs, report.published)
        routes[report.path] = Resource(pdf, "application/pdf", report.published)
        newest = max(newest, report.published)
    feed = _feed_body(site, base_url, public)
    routes[site.feed_path] = Resource(feed.encode(encode), _feed_content_type(site), newest)
    sitemap_path = site.feed_path if site.kind is SourceKind.SITEMAP else None
    robots = feeds.robots_txt(site, base_url, sitemap_path)
    routes["/robots.txt"] = Resource(robots.encode(), "text/plain; charset=utf-8", SITE_EPOCH)
    return routes
