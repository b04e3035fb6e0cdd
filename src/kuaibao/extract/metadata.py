"""What a page says about itself: title, date, author, canonical link and language.

Reads the ``<head>`` tags publishers fill for search engines and social networks
(Open Graph, Twitter cards, Dublin Core, schema.org JSON-LD) with cheap XPath lookups
over an already parsed tree. Guessing from the body is left to htmldate, and only when
the page declares nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from lxml.etree import XPath
from lxml.html import HtmlElement

from kuaibao.extract.dates import parse_datetime
from kuaibao.fetch.zones import DateContext

MAX_JSON_LD_CHARS = 1_000_000
MAX_JSON_DEPTH = 8
MAX_FIELD_CHARS = 300

TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title", "headline")
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article.published", "publishdate", "publish-date", "pubdate", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
    "citation_publication_date", "citation_date", "date",
)  # fmt: skip
AUTHOR_KEYS = (
    "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author",
    "sailthru.author", "byl", "citation_author",
)  # fmt: skip
ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle",
     "scholarlyarticle", "techarticle", "report", "pressrelease", "webpage", "posting",
     "socialmediaposting", "liveblogposting", "opinionnewsarticle"}
)  # fmt: skip


# Compiled once: a query string passed to ``.xpath()`` is compiled again on every call.
_TITLE_TEXT = XPath("//title[1]//text()", smart_strings=False)
_MARKED_TIMES = XPath(
    "//time[@datetime][@pubdate or @itemprop='datePublished' or "
    "contains(translate(@class, 'PUBLISHED', 'published'), 'publish')]/@datetime",
    smart_strings=False,
)
_FIRST_TIME = XPath("(//time[@datetime])[1]/@datetime", smart_strings=False)
# A <time> without the attribute says it in words: "2024年3月12日 08:30", "3小时前".
_TIME_TEXTS = XPath("(//time[not(@datetime)])[position() <= 3]", smart_strings=False)
_JSON_LD_SCRIPTS = XPath("//script[@type='application/ld+json']")


@dataclass(frozen=True)
class PageMetadata:
    """The self-description of one page; every field is optional."""

    title: str | None = None
    document_title: str | None = None
    headings: tuple[str, ...] = ()
    published_at: datetime | None = None
    author: str | None = None
    canonical: str | None = None
    language: str | None = None


def read_metadata(tree: HtmlElement, context: DateContext | None = None) -> PageMetadata:
    """Collect the metadata a page declares in its markup (no guessing from prose).

    ``context`` is the source's: a date the page writes without a zone is in its zone.
    """
    meta = _meta_values(tree)
    ld = _json_ld_article(tree)
    title = _first(meta, TITLE_KEYS) or _clean(_as_text(ld.get("headline")))
    published = _first_date(
        [*(meta.get(key) for key in DATE_KEYS), _as_text(ld.get("datePublished"))], context
    )
    author = _author(meta, ld)
    return PageMetadata(
        title=title,
        document_title=_clean(" ".join(_TITLE_TEXT(tree))),
        headings=tuple(h for h in (_clean(el.text_content()) for el in tree.iter("h1")) if h),
        published_at=published or _time_element_date(tree, context),
        author=author,
        canonical=_canonical_href(tree),
        language=_declared_language(tree, meta),
    )


def normalize_language_tag(tag: str | None) -> str | None:
    """``zh-Hans-CN`` -> ``zh``; ``None`` for anything that is not a language tag."""
    if not tag:
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha() else None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    """Map each lower-cased meta name/property/itemprop to its first non-empty content."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = _clean(element.get("content"))
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and key not in values:
                values[key] = content
    return values


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The value of the first key present."""
    for key in keys:
        if meta.get(key):
            return meta[key]
    return None


def _first_date(candidates: list[str | None], context: DateContext | None) -> datetime | None:
    """The first candidate that parses as a date."""
    for candidate in candidates:
        if candidate:
            parsed = parse_datetime(candidate, context)
            if parsed is not None:
                return parsed
    return None


def _time_element_date(tree: HtmlElement, context: DateContext | None) -> datetime | None:
    """A ``<time datetime>`` that marks itself as the publication date, else the first."""
    marked = _MARKED_TIMES(tree)
    worded = [" ".join(element.text_content().split()) for element in _TIME_TEXTS(tree)]
    return _first_date([*marked[:3], *_FIRST_TIME(tree), *worded], context)


def _author(meta: dict[str, str], ld: dict[str, Any]) -> str | None:
    """The byline, from meta tags or JSON-LD; URLs (profile links) are not names."""
    names = _ld_names(ld.get("author"))
    candidate = _first(meta, AUTHOR_KEYS) or (", ".join(names) if names else None)
    if not candidate or candidate.startswith(("http://", "https://")):
        return None
    if candidate.lower().startswith("by "):
        candidate = candidate[3:].strip()
    return candidate[:MAX_FIELD_CHARS] or None


def _ld_names(value: Any) -> list[str]:
    """Names from a JSON-LD author value (a string, an object or a list of either)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        text = _clean(_as_text(name))
        if text:
            names.append(text)
    return names


def _json_ld_article(tree: HtmlElement) -> dict[str, Any]:
    """The first schema.org article-like object in the page's JSON-LD, or ``{}``."""
    for script in _JSON_LD_SCRIPTS(tree):
        raw = script.text or ""
        if not raw or len(raw) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for node in _walk(data, 0):
            if _is_article(node):
                return node
    return {}


def _walk(node: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Yield every object in a JSON tree, breadth-limited by ``MAX_JSON_DEPTH``."""
    if depth > MAX_JSON_DEPTH:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            if isinstance(value, (dict, list)):
                yield from _walk(value, depth + 1)
    elif isinstance(node, list):
        for value in node[:100]:
            yield from _walk(value, depth + 1)


def _is_article(node: dict[str, Any]) -> bool:
    """Tell whether a JSON-LD object describes an article (its ``@type`` may be a list)."""
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds)


def _canonical_href(tree: HtmlElement) -> str | None:
    """The raw ``href`` of ``<link rel=canonical>`` (relative links are resolved later)."""
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return href
    return None


def _declared_language(tree: HtmlElement, meta: dict[str, str]) -> str | None:
    """The language the page claims (``<html lang>``, Content-Language, ``og:locale``)."""
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("xml:lang"), meta.get("content-language")]
    candidates.append(meta.get("og:locale"))
    for candidate in candidates:
        tag = normalize_language_tag(candidate)
        if tag:
            return tag
    return None


def _as_text(value: Any) -> str | None:
    """A JSON value as text when it is a string (lists use their first string)."""
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), None)
    return value if isinstance(value, str) else None


def _clean(text: str | None) -> str | None:
    """Collapse whitespace and cap length; ``None`` for empty strings."""
    if not text:
        return None
    cleaned = " ".join(text.split())[:MAX_FIELD_CHARS]
    return cleaned or None
