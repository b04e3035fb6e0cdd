"""Fetched bytes -> Document: pick the extractor, canonicalise, hash, fill the gaps.

The one entry point later stages call. It decides HTML or PDF from the Content-Type and
the bytes themselves (servers mislabel PDFs as octet-stream and pages as text/plain),
lets feed data fill what the page leaves out, and refuses other types by name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum

from kuaibao.domain import Document, FeedEntry
from kuaibao.errors import ExtractionError
from kuaibao.extract.dates import to_utc
from kuaibao.extract.encoding import decode_html
from kuaibao.extract.extracted import Extracted
from kuaibao.extract.html import extract_html
from kuaibao.extract.language import detect_language
from kuaibao.extract.pdf import extract_pdf
from kuaibao.extract.urls import canonicalize_url
from kuaibao.fetch.zones import DateContext

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf", "application/acrobat"})
# Labels that say nothing about the content; the bytes decide.
GENERIC_TYPES = frozenset(
    {"", "application/octet-stream", "binary/octet-stream", "application/download",
     "application/force-download", "application/x-download", "text/plain",
     "application/xml", "text/xml"}
)  # fmt: skip
SNIFF_BYTES = 1024
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<title", b"<article", b"<p>")


class BodyKind(StrEnum):
    """The formats kuaibao can extract."""

    HTML = "text/html"
    PDF = "application/pdf"


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed and case folded, for exact dedup."""
    normalized = " ".join(text.split()).casefold()
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def media_type(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` -> ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def sniff_kind(content_type: str | None, body: bytes) -> BodyKind:
    """HTML or PDF, from the bytes first and the label second; refuse everything else."""
    head = body[:SNIFF_BYTES]
    media = media_type(content_type)
    if head.lstrip().startswith(b"%PDF-"):
        return BodyKind.PDF
    if media in HTML_TYPES:
        return BodyKind.HTML
    if media in PDF_TYPES:
        return BodyKind.PDF
    if media in GENERIC_TYPES:
        if b"%PDF-" in head:
            return BodyKind.PDF
        lowered = head.lower()
        if any(marker in lowered for marker in _HTML_MARKERS):
            return BodyKind.HTML
    raise ExtractionError(
        f"unsupported content type: {media or 'none given'} "
        "(kuaibao extracts HTML pages and PDF files only)",
        reason="content_type",
    )


def build_document(
    *,
    url: str,
    body: bytes,
    content_type: str,
    text_html: str | None,
    entry: FeedEntry | None,
    source_id: int | None,
    fetched_at: datetime,
    context: DateContext | None = None,
) -> Document:
    """Extract one fetched response into a Document, or raise ExtractionError saying why.

    ``context`` is the source's date context (zone, country), for dates without a zone.
    """
    with unexpected_failures_rejected(url):
        return _build_document(
            url=url,
            body=body,
            content_type=content_type,
            text_html=text_html,
            entry=entry,
            source_id=source_id,
            fetched_at=fetched_at,
            context=context,
        )


@contextmanager
def unexpected_failures_rejected(url: str) -> Iterator[None]:
    """Turn any failure of the libraries below into an ``extract_failed`` ExtractionError.

    Hostile bytes can trip lxml, trafilatura, pypdf or htmldate in ways no one listed
    (a RecursionError, a MemoryError, a library's own bug): whatever it is, it is this
    document's rejection, never the end of the crawl that fetched it.
    """
    try:
        yield
    except ExtractionError:
        raise
    except Exception as exc:
        message = f"extracting {url} failed unexpectedly: {type(exc).__name__}: {exc}"
        raise ExtractionError(message[:2000], reason="extract_failed") from exc


def _build_document(
    *,
    url: str,
    body: bytes,
    content_type: str,
    text_html: str | None,
    entry: FeedEntry | None,
    source_id: int | None,
    fetched_at: datetime,
    context: DateContext | None,
) -> Document:
    kind = sniff_kind(content_type, body)
    if kind is BodyKind.PDF:
        extracted = _from_pdf(body, url, entry)
    else:
        html = text_html if text_html is not None else decode_html(body, content_type)
        extracted = _from_html(html, url, entry, context)
    return Document(
        url=url,
        canonical_url=extracted.canonical_url or canonicalize_url(url),
        title=extracted.title,
        text=extracted.text,
        content_hash=content_hash(extracted.text),
        source_id=source_id,
        language=extracted.language or detect_language(extracted.text),
        published_at=extracted.published_at,
        fetched_at=fetched_at,
        author=extracted.author or (entry.author if entry else None),
        content_type=kind.value,
        raw=body,
    )


def _from_html(
    html: str, url: str, entry: FeedEntry | None, context: DateContext | None = None
) -> Extracted:
    """Extract the page; if it yields nothing, fall back to the feed's full content."""
    title = entry.title if entry else None
    published = entry.published_at if entry else None
    try:
        return extract_html(html, url, hint_title=title, hint_published=published, context=context)
    except ExtractionError as page_error:
        feed_html = entry.content_html if entry else None
        if not feed_html or not feed_html.strip():
            raise
        wrapped = f"<html><body><article>{feed_html}</article></body></html>"
        try:
            return extract_html(
                wrapped, url, hint_title=title, hint_published=published, context=context
            )
        except ExtractionError:
            raise page_error from None


def _from_pdf(body: bytes, url: str, entry: FeedEntry | None) -> Extracted:
    """Extract the PDF; the feed's title and date beat what PDF tools write."""
    extracted = extract_pdf(body, url)
    if entry is None:
        return extracted
    return Extracted(
        title=" ".join((entry.title or "").split()) or extracted.title,
        text=extracted.text,
        published_at=to_utc(entry.published_at) if entry.published_at else extracted.published_at,
        author=extracted.author or entry.author,
        language=extracted.language,
        canonical_url=extracted.canonical_url,
    )
