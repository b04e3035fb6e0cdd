"""HTML page -> Extracted: main text from trafilatura, metadata from the page's own tags.

The page is parsed once; the text passes and the metadata lookups share the tree.
Feed data (``hint_title``, ``hint_published``) fills what the page leaves out.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from urllib.parse import urljoin, urlsplit

from htmldate import find_date
from lxml.html import HtmlElement

from kuaibao.errors import ExtractionError
from kuaibao.extract.dates import parse_datetime, plausible, to_utc
from kuaibao.extract.extracted import Extracted
from kuaibao.extract.language import detect_language, mostly_cjk
from kuaibao.extract.maintext import drop_title_line, main_text
from kuaibao.extract.metadata import PageMetadata, read_metadata
from kuaibao.extract.parsing import parse_html
from kuaibao.extract.urls import canonicalize_url
from kuaibao.fetch.zones import DateContext
from kuaibao.sites import same_site

__all__ = ["Extracted", "extract_html", "min_text_chars"]

MIN_TEXT_CHARS = 100
# Chinese, Japanese and Korean say in 40 characters what English says in 100.
MIN_CJK_TEXT_CHARS = 40
MAX_TITLE_CHARS = 300
# Longer texts are cut at a line break: no article needs more, a hostile page may have more.
MAX_TEXT_CHARS = 500_000
# An absolute http(s) link needs no resolving against the page URL.
_ABSOLUTE_HTTP = re.compile(r"https?://[^/?#]", re.IGNORECASE)


def extract_html(
    html: str,
    url: str,
    *,
    hint_title: str | None = None,
    hint_published: datetime | None = None,
    context: DateContext | None = None,
) -> Extracted:
    """Extract the article of an HTML page, or raise ExtractionError saying why not.

    ``context`` (the source's zone and country) places dates the page writes without a
    zone; see :mod:`kuaibao.fetch.zones`.
    """
    tree = parse_html(html)
    meta = read_metadata(tree, context)
    text = main_text(tree, url)
    if not text:
        message = f"no main text found in {url} (it may be built by JavaScript; try the feed text)"
        raise ExtractionError(message, reason="no_text")
    text = _cap(drop_title_line(text, _title_candidates(meta, hint_title)))
    if len(text) < min_text_chars(text):
        raise ExtractionError(f"text too short: {len(text)} chars in {url}", reason="too_short")
    return Extracted(
        title=_choose_title(meta, hint_title, text),
        text=text,
        published_at=_choose_published(tree, url, meta, hint_published),
        author=meta.author,
        language=detect_language(text) or meta.language,
        canonical_url=_choose_canonical(meta.canonical, url),
    )


def min_text_chars(text: str) -> int:
    """The shortest text worth keeping, lower for CJK scripts."""
    return MIN_CJK_TEXT_CHARS if mostly_cjk(text) else MIN_TEXT_CHARS


def _cap(text: str) -> str:
    """Cut text longer than ``MAX_TEXT_CHARS`` at the last line break before the limit."""
    if len(text) <= MAX_TEXT_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_TEXT_CHARS)
    return text[: cut if cut > 0 else MAX_TEXT_CHARS]


def _title_candidates(meta: PageMetadata, hint_title: str | None) -> list[str]:
    """Every spelling of the title a page may repeat as the first text line."""
    found = [meta.title, hint_title, meta.document_title, *meta.headings[:2]]
    return [title for title in found if title]


def _choose_title(meta: PageMetadata, hint_title: str | None, text: str) -> str:
    """Page metadata first, then the feed's title, then ``<title>``, then the first line."""
    for candidate in (meta.title, hint_title, meta.document_title):
        cleaned = " ".join((candidate or "").split())
        if cleaned:
            return cleaned[:MAX_TITLE_CHARS]
    return text.split("\n", 1)[0][:MAX_TITLE_CHARS]


def _choose_published(
    tree: HtmlElement, url: str, meta: PageMetadata, hint: datetime | None
) -> datetime | None:
    """The page's declared date, else htmldate's guess, else the feed's date."""
    now = datetime.now(UTC)
    hint_utc = to_utc(hint) if hint is not None else None
    if meta.published_at is not None and plausible(meta.published_at, now):
        return meta.published_at
    guessed = _guess_date(tree, url, now)
    if guessed is None:
        return hint_utc
    if hint_utc is not None and hint_utc.date() == guessed.date():
        return hint_utc  # same day, and the feed also knows the time
    return guessed


def _guess_date(tree: HtmlElement, url: str, now: datetime) -> datetime | None:
    """htmldate's reading of the page (a date without time, as midnight UTC)."""
    try:
        found = find_date(
            tree,
            url=url,
            original_date=True,
            extensive_search=False,
            max_date=now.strftime("%Y-%m-%d"),
        )
    except Exception:  # htmldate has no error contract; a failed guess is just no guess
        return None
    parsed = parse_datetime(found) if found else None
    if parsed is None or not plausible(parsed, now):
        return None
    return datetime.combine(parsed.date(), time(), tzinfo=UTC)


def _choose_canonical(href: str | None, url: str) -> str | None:
    """The canonical link, only when it is http(s) and on the same site as the page."""
    if not href:
        return None
    try:
        absolute = href if _ABSOLUTE_HTTP.match(href) else urljoin(url, href)
        if urlsplit(absolute).scheme.lower() not in ("http", "https"):
            return None
        return canonicalize_url(absolute) if same_site(absolute, url) else None
    except ValueError:  # a malformed href (bad IPv6 literal, bad port) is no canonical
        return None
