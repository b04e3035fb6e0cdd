"""Finding where a site publishes: announced feeds, well-known paths, and sniffing bytes.

Adding a source usually starts from a homepage. Its ``<link rel="alternate">`` tags name
its feeds; failing that, feeds often live at a handful of conventional paths, which the
orchestrator probes; whatever it fetches, ``sniff_kind`` says what the bytes really are,
since servers label feeds as text/html and HTML as application/xml often enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from kuaibao.domain import SourceKind
from kuaibao.errors import FeedError
from kuaibao.fetch.entries import absolute_http_url, plain_text, unique_urls
from kuaibao.fetch.feeds import feed_kind
from kuaibao.fetch.listing import page_base, parse_html
from kuaibao.fetch.sitemaps import looks_like_sitemap

# Probed in this order after the announced feeds; sitemaps come last on purpose.
COMMON_FEED_PATHS: tuple[str, ...] = (
    "/feed",
    "/rss",
    "/rss.xml",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/feed.json",
    "/index.rss",
    "/feeds/all.atom.xml",
    "/?feed=rss2",
    "/news/rss",
    "/news/feed",
    "/news/rss.xml",
    "/blog/feed",
    "/en/rss",
    "/sitemap_news.xml",
    "/news-sitemap.xml",
    "/sitemap.xml",
)
# Tried below a section URL ("https://example.org/news/") before the site root.
SECTION_FEED_PATHS: tuple[str, ...] = (
    "feed",
    "rss",
    "rss.xml",
    "feed.xml",
    "atom.xml",
    "index.xml",
)

_LINK_TYPES = {
    "application/rss+xml": SourceKind.RSS,
    "application/rdf+xml": SourceKind.RSS,
    "application/x-rss+xml": SourceKind.RSS,
    "application/atom+xml": SourceKind.ATOM,
    "application/feed+json": SourceKind.JSON_FEED,
    "application/json": SourceKind.JSON_FEED,
}
# WordPress announces its REST API and oEmbed as application/json alternates; not feeds.
_NOT_JSON_FEEDS = ("/wp-json/", "oembed")
_FEED_PATH = re.compile(
    r"(/(feed|rss|atom)/?|\.(rss|atom)|/(rss|feed|atom|index)\.xml|feed\.json)$", re.IGNORECASE
)
_FEED_WORDS = frozenset({"rss", "atom", "feed", "rss feed", "订阅", "rss订阅"})


@dataclass(frozen=True)
class FeedCandidate:
    """A feed a page points at; ``how`` says where it was seen (for the user to judge)."""

    url: str
    kind: SourceKind
    title: str | None
    how: str


def discover_feeds(html: str, base_url: str) -> list[FeedCandidate]:
    """Feeds announced by link tags, then feed-looking anchors; comment feeds go last."""
    try:
        root = parse_html(html, base_url)
    except FeedError:
        return []
    base = page_base(root, base_url)
    found = [*_link_tags(root, base), *_anchors(root, base)]
    found.sort(key=lambda candidate: _is_comment_feed(candidate))
    seen: set[str] = set()
    unique: list[FeedCandidate] = []
    for candidate in found:
        if candidate.url not in seen:
            seen.add(candidate.url)
            unique.append(candidate)
    return unique


def candidate_urls(base_url: str) -> list[str]:
    """URLs worth probing for a feed: conventional paths under the section, then the root."""
    try:
        parts = urlsplit(base_url)
    except ValueError:
        return []
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return []
    site = f"{parts.scheme.lower()}://{parts.netloc}"
    section = parts.path if parts.path.endswith("/") else parts.path.rsplit("/", 1)[0] + "/"
    urls: list[str | None] = []
    if section != "/":
        urls.extend(
            absolute_http_url(urljoin(site + section, p), base_url) for p in SECTION_FEED_PATHS
        )
    urls.extend(absolute_http_url(site + path, base_url) for path in COMMON_FEED_PATHS)
    return unique_urls(urls)


def sniff_kind(body: bytes, content_type: str) -> SourceKind | None:
    """What fetched bytes really are: a feed, a sitemap, or None (HTML or anything else)."""
    kind = feed_kind(body)
    if kind is not None:
        return kind
    if looks_like_sitemap(body, content_type):
        return SourceKind.SITEMAP
    return None


def _link_tags(root: Any, base: str) -> Iterator[FeedCandidate]:
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        media_type = (link.get("type") or "").split(";")[0].strip().lower()
        kind = _LINK_TYPES.get(media_type)
        if "alternate" not in rel and "feed" not in rel:
            continue
        url = absolute_http_url(link.get("href"), base)
        if url is None:
            continue
        if kind is None and "feed" in rel:
            kind = _kind_from_url(url)
        if kind is None or (media_type == "application/json" and _not_a_json_feed(url)):
            continue
        yield FeedCandidate(url, kind, plain_text(link.get("title")), "link tag")


def _anchors(root: Any, base: str) -> Iterator[FeedCandidate]:
    for anchor in root.iter("a"):
        url = absolute_http_url(anchor.get("href"), base)
        if url is None:
            continue
        text = (plain_text(str(anchor.text_content())) or "").lower()
        path = urlsplit(url).path
        if _FEED_PATH.search(path) or "feed=rss" in url or text in _FEED_WORDS:
            yield FeedCandidate(url, _kind_from_url(url), plain_text(anchor.get("title")), "anchor")


def _kind_from_url(url: str) -> SourceKind:
    lowered = url.lower()
    if "atom" in lowered:
        return SourceKind.ATOM
    if lowered.endswith(".json"):
        return SourceKind.JSON_FEED
    return SourceKind.RSS


def _not_a_json_feed(url: str) -> bool:
    return any(marker in url.lower() for marker in _NOT_JSON_FEEDS)


def _is_comment_feed(candidate: FeedCandidate) -> bool:
    text = f"{candidate.url} {candidate.title or ''}".lower()
    return "comment" in text or "评论" in text
