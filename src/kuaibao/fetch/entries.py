"""Helpers that turn untrusted strings from feeds, sitemaps and pages into FeedEntry parts.

Every parser needs the same three things: a link made absolute and limited to http(s),
a title or summary reduced to plain text, and a list of entries without repeats and
without end. They live here once so the parsers agree on what a usable entry is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from lxml import etree
from lxml import html as lxml_html

from kuaibao.domain import FeedEntry

MAX_URL_LENGTH = 2000  # what the store's URL columns hold
MAX_TITLE_CHARS = 1000
MAX_AUTHOR_CHARS = 200
_INSIDE_URL_JUNK = re.compile(r"[\t\n\r]")
_SPACES = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object")
_BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
     "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}
)  # fmt: skip


def absolute_http_url(href: str | None, base_url: str) -> str | None:
    """Resolve ``href`` against ``base_url``; None unless it is a usable http(s) URL.

    A link from the web is data to check, not an address to trust: scheme, host (one
    the HTTP client can encode), port (1-65535; a larger one once crashed every crawl
    with OverflowError deep in the socket layer) and length are validated here, once
    for every parser. Fragments are dropped because they name a place inside a page,
    not another page, and would make one article look like several.
    """
    if not href:
        return None
    cleaned = _INSIDE_URL_JUNK.sub("", href).strip(" \x00\x0b\x0c")
    if not cleaned or len(cleaned) > MAX_URL_LENGTH:
        return None
    try:
        parts = urlsplit(urljoin(base_url, cleaned))
        port = parts.port  # ValueError when not a number or above 65535
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        return None
    if " " in parts.netloc:
        return None
    url = urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, ""))
    return url if len(url) <= MAX_URL_LENGTH and _client_accepts(url) else None


def _client_accepts(url: str) -> bool:
    """True when the HTTP client can parse the URL (its host encodes as IDNA, and so on)."""
    try:
        return bool(httpx.URL(url).host)
    except (httpx.InvalidURL, UnicodeError, ValueError, OverflowError):
        return False


def plain_text(markup: str | None, limit: int | None = None) -> str | None:
    """Reduce an HTML or escaped string to one line of text; None when nothing is left.

    ``limit`` cuts absurdly long values (a 300 KB "title") to that many characters.
    """
    if not markup:
        return None
    text = markup
    if "<" in text or "&" in text:
        text = _html_to_text(text)
        if "&" in text:  # doubly escaped input ("&amp;amp;") still carries entities
            text = html.unescape(text)
    text = _SPACES.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def _html_to_text(markup: str) -> str:
    """Text of an HTML fragment, with block boundaries kept as spaces and scripts dropped."""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(_TAG.sub(" ", markup))
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.text = " " + (element.text or "")
            element.tail = " " + (element.tail or "")
    return str(root.text_content())


def unique_entries(entries: Iterable[FeedEntry], max_entries: int) -> list[FeedEntry]:
    """Keep the first entry for each URL, in source order, and at most ``max_entries``."""
    seen: set[str] = set()
    kept: list[FeedEntry] = []
    for entry in entries:
        if len(kept) >= max_entries:
            break
        if entry.url in seen:
            continue
        seen.add(entry.url)
        kept.append(entry)
    return kept


def unique_urls(urls: Iterable[str | None]) -> list[str]:
    """Drop Nones and repeats, keeping first-seen order."""
    seen: set[str] = set()
    kept: list[str] = []
    for url in urls:
        if url and url not in seen:
            seen.add(url)
            kept.append(url)
    return kept
