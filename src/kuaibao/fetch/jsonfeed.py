"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) as FeedEntry lists.

feedparser 6.0 reads only XML, so JSON Feed is read here with the standard library.
Version 1.1 names authors in an ``authors`` list; 1.0 used one ``author`` object;
both are accepted, at item level first and then at feed level.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from kuaibao import phrases
from kuaibao.domain import FeedEntry
from kuaibao.errors import FeedError
from kuaibao.fetch.dates import parse_date
from kuaibao.fetch.entries import (
    MAX_AUTHOR_CHARS,
    MAX_TITLE_CHARS,
    absolute_http_url,
    plain_text,
    unique_entries,
)
from kuaibao.fetch.zones import DateContext

_VERSION = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/version/')


def looks_like_json_feed(head: str) -> bool:
    """True when the start of a JSON document declares a jsonfeed.org version."""
    return bool(_VERSION.search(head))


def parse_json_feed(
    body: bytes, base_url: str, *, max_entries: int = 500, context: DateContext | None = None
) -> list[FeedEntry]:
    """Entries of a JSON Feed in feed order; FeedError when it is not one.

    ``context`` is the source's: dates written without a zone are in its zone.
    """
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise FeedError(phrases.JSON_FEED_INVALID(url=base_url, detail=exc)) from exc
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise FeedError(phrases.JSON_FEED_NO_ITEMS(url=base_url))
    feed_author = _author(document)
    entries = _entries(document["items"], base_url, feed_author, context)
    return unique_entries(entries, max_entries)


def _entries(
    items: list[Any], base_url: str, feed_author: str | None, context: DateContext | None
) -> Iterator[FeedEntry]:
    for item in items:
        if not isinstance(item, Mapping):
            continue
        url = _item_url(item, base_url)
        if url is None:
            continue
        content_html = _str(item.get("content_html"))
        yield FeedEntry(
            url=url,
            title=plain_text(_str(item.get("title")), MAX_TITLE_CHARS),
            published_at=parse_date(_str(item.get("date_published")), context)
            or parse_date(_str(item.get("date_modified")), context),
            summary=plain_text(_str(item.get("summary")) or _str(item.get("content_text"))),
            content_html=content_html if content_html and content_html.strip() else None,
            author=_author(item) or feed_author,
        )


def _item_url(item: Mapping[str, Any], base_url: str) -> str | None:
    """The item's own page, else the page it links to, else an id that is a URL."""
    for key in ("url", "external_url", "id"):
        url = absolute_http_url(_str(item.get(key)), base_url)
        if url and (key != "id" or str(item.get(key)).lower().startswith(("http:", "https:"))):
            return url
    return None


def _author(holder: Mapping[str, Any]) -> str | None:
    authors = holder.get("authors")
    candidates = list(authors) if isinstance(authors, list) else []
    candidates.append(holder.get("author"))
    for candidate in candidates:
        if isinstance(candidate, Mapping):
            name = plain_text(_str(candidate.get("name")), MAX_AUTHOR_CHARS)
            if name:
                return name
    return None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
