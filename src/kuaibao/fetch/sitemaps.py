"""Sitemaps as FeedEntry lists: XML (plain or gzipped), Google News, plain text, indexes.

Many official sites publish no feed but keep a sitemap, often a Google News sitemap
that carries titles and publication dates. XML is read with lxml in recovering mode (a
truncated sitemap still gives its first URLs), without its document type declaration
(no sitemap needs one, and libxml2 stops at the first over-amplified entity, losing
the rest) and with entities, DTDs and network access switched off. Gzipped bodies
are inflated only up to a size cap, so a small compressed "bomb" cannot fill memory.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from kuaibao import phrases
from kuaibao.domain import FeedEntry
from kuaibao.errors import FeedError
from kuaibao.fetch.dates import parse_date
from kuaibao.fetch.entries import (
    MAX_TITLE_CHARS,
    absolute_http_url,
    plain_text,
    unique_entries,
    unique_urls,
)
from kuaibao.fetch.feeds import SNIFF_BYTES, parse_feed, root_tag, strip_doctype
from kuaibao.fetch.zones import DateContext

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the protocol's own limit for one uncompressed file
MAX_SITEMAP_ENTRIES = 50_000  # likewise
GZIP_MAGIC = b"\x1f\x8b"

_SITEMAP_ROOTS = ("urlset", "sitemapindex")
_FEED_ROOTS = ("rss", "rdf", "feed")
_FULL_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_LEADING_JUNK = b"\xef\xbb\xbf \t\r\n"


@dataclass(frozen=True)
class SitemapResult:
    """Page URLs of a sitemap, and the child sitemaps when it is a sitemap index."""

    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_sitemap(
    body: bytes,
    base_url: str,
    *,
    max_entries: int = MAX_SITEMAP_ENTRIES,
    max_bytes: int = MAX_SITEMAP_BYTES,
    context: DateContext | None = None,
) -> SitemapResult:
    """Read an XML, gzipped or plain-text sitemap; FeedError when it is none of these.

    ``context`` is the source's: dates written without a zone are in its zone.
    """
    data = _gunzip(body, max_bytes, base_url) if body.startswith(GZIP_MAGIC) else body
    if len(data) > max_bytes:
        raise FeedError(phrases.SITEMAP_TOO_LARGE(url=base_url, limit=max_bytes))
    stripped = data.lstrip(_LEADING_JUNK)
    if not stripped:
        raise FeedError(phrases.SITEMAP_EMPTY(url=base_url))
    if not stripped.startswith(b"<") and not stripped.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _text_sitemap(stripped, base_url, max_entries)
    tag = root_tag(data)
    if tag in _FEED_ROOTS:  # search engines accept RSS and Atom as sitemaps, so do we
        entries = parse_feed(data, base_url, max_entries=max_entries, context=context)
        return SitemapResult(entries=entries)
    if tag not in _SITEMAP_ROOTS:
        raise FeedError(phrases.NOT_A_SITEMAP(url=base_url, tag=tag or "?"))
    root = _parse_xml(data, base_url)
    return SitemapResult(
        entries=unique_entries(_url_entries(root, base_url, context), max_entries),
        sitemaps=unique_urls(_child_sitemaps(root, base_url)),
    )


def sitemaps_from_robots(text: str, base_url: str) -> list[str]:
    """The sitemap URLs a robots.txt announces with ``Sitemap:`` lines, in order."""
    found: list[str | None] = []
    for line in text.splitlines():
        key, sep, value = line.split("#", 1)[0].partition(":")
        if sep and key.strip().lower() == "sitemap":
            found.append(absolute_http_url(value.strip(), base_url))
    return unique_urls(found)


def looks_like_sitemap(body: bytes, content_type: str = "") -> bool:
    """True for bytes that are (or inflate to) a sitemap, XML or a plain list of URLs."""
    if body.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, SNIFF_BYTES)
        except zlib.error:
            return False
        return looks_like_sitemap(head, content_type)
    if root_tag(body) in _SITEMAP_ROOTS:
        return True
    if "text/plain" not in content_type.lower():
        return False
    lines = [line.strip() for line in body[:SNIFF_BYTES].decode("utf-8", "replace").splitlines()]
    sample = [line for line in lines if line][:20]
    return bool(sample) and all(_FULL_URL.match(line) for line in sample)


def _text_sitemap(data: bytes, base_url: str, max_entries: int) -> SitemapResult:
    """A text sitemap: one full URL per line, UTF-8; other lines are ignored."""
    found: list[FeedEntry] = []
    for line in data.decode("utf-8", "replace").splitlines():
        candidate = line.strip()
        url = absolute_http_url(candidate, base_url) if _FULL_URL.match(candidate) else None
        if url:
            found.append(FeedEntry(url=url))
    if not found:
        raise FeedError(phrases.NOT_A_SITEMAP_TEXT(url=base_url))
    return SitemapResult(entries=unique_entries(found, max_entries))


def _gunzip(body: bytes, max_bytes: int, base_url: str) -> bytes:
    """Inflate a gzipped sitemap, refusing to produce more than ``max_bytes``."""
    try:
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FeedError(phrases.SITEMAP_CORRUPT(url=base_url, detail=exc)) from exc
    if len(data) > max_bytes:
        raise FeedError(phrases.SITEMAP_BOMB(url=base_url, limit=max_bytes))
    return data


def _parse_xml(data: bytes, base_url: str) -> Any:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, recover=True, remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        root = etree.fromstring(strip_doctype(data), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FeedError(phrases.SITEMAP_NOT_XML(url=base_url, detail=exc)) from exc
    if root is None:
        raise FeedError(phrases.SITEMAP_NO_ELEMENT(url=base_url))
    return root


def _url_entries(root: Any, base_url: str, context: DateContext | None) -> Iterator[FeedEntry]:
    for element in _children(root, "url"):
        fields = {_local(child): child for child in _children(element)}
        url = absolute_http_url(_text(fields.get("loc")), base_url)
        if url is None:
            continue
        news = fields.get("news")
        news_fields = (
            {_local(child): child for child in _children(news)} if news is not None else {}
        )
        yield FeedEntry(
            url=url,
            title=plain_text(_text(news_fields.get("title")), MAX_TITLE_CHARS),
            published_at=parse_date(_text(news_fields.get("publication_date")), context)
            or parse_date(_text(fields.get("lastmod")), context),
        )


def _child_sitemaps(root: Any, base_url: str) -> Iterator[str | None]:
    for element in _children(root, "sitemap"):
        for child in _children(element, "loc"):
            yield absolute_http_url(_text(child), base_url)


def _children(element: Any, name: str | None = None) -> Iterator[Any]:
    """Child elements (not comments or entity references), optionally by local name."""
    for child in element:
        if isinstance(child.tag, str) and (name is None or _local(child) == name):
            yield child


def _local(element: Any) -> str:
    """Local name of a tag whether its namespace is declared, missing or undeclared."""
    tag: str = element.tag
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _text(element: Any) -> str | None:
    """Text of an element; None when absent or when it leans on an (unexpanded) entity."""
    if element is None or next(element.iter(etree.Entity), None) is not None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None
