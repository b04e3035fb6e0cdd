"""build_document: dispatch by type and bytes, canonical URL, hash, feed fallbacks."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from kuaibao.domain import FeedEntry
from kuaibao.errors import ExtractionError
from kuaibao.extract.document import BodyKind, build_document, content_hash, sniff_kind
from tests.extract.pages import PARAGRAPHS, article_page
from tests.extract.pdfs import make_pdf

URL = "https://wire.example.com/news/quantum?utm_source=rss&id=7#comments"
FETCHED = datetime(2025, 1, 1, 12, tzinfo=UTC)
PDF_LINES = [
    "Annual Review of Semiconductor Policy",
    "The review covers export controls, subsidies and new fabrication plants in 2024.",
]


def test_html_document_is_complete() -> None:
    body = article_page().encode("utf-8")
    doc = build_document(
        url=URL,
        body=body,
        content_type="text/html; charset=utf-8",
        text_html=None,
        entry=None,
        source_id=3,
        fetched_at=FETCHED,
    )
    assert doc.url == URL
    assert doc.canonical_url == "https://wire.example.com/news/quantum?id=7"
    assert doc.text.split("\n") == PARAGRAPHS
    assert doc.content_hash == content_hash(doc.text)
    assert doc.language == "en"
    assert doc.source_id == 3
    assert doc.fetched_at == FETCHED
    assert doc.content_type == "text/html"
    assert doc.raw == body


def test_same_site_canonical_link_wins() -> None:
    page = article_page(head='<link rel="canonical" href="https://www.example.com/q">')
    doc = build_document(
        url=URL,
        body=b"",
        content_type="text/html",
        text_html=page,
        entry=None,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.canonical_url == "https://www.example.com/q"


def test_decoded_text_from_fetcher_is_preferred_over_bytes() -> None:
    page = article_page()
    doc = build_document(
        url=URL,
        body=page.encode("utf-16"),  # would decode too, but text_html is authoritative
        content_type="text/html",
        text_html=page,
        entry=None,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.text.split("\n") == PARAGRAPHS


def test_feed_entry_hints_fill_title_date_and_author() -> None:
    entry = FeedEntry(
        url=URL,
        title="Feed title",
        published_at=datetime(2024, 12, 30, 8, tzinfo=UTC),
        author="Desk",
    )
    page = article_page().replace("<title>", "<x-title>").replace("</title>", "</x-title>")
    doc = build_document(
        url="https://wire.example.com/story",
        body=page.encode(),
        content_type="text/html",
        text_html=None,
        entry=entry,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.title == "Feed title"
    assert doc.published_at == entry.published_at
    assert doc.author == "Desk"


def test_feed_content_is_used_when_the_page_has_no_text() -> None:
    entry = FeedEntry(
        url=URL, title="Feed title", content_html="".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    )
    empty_shell = b"<html><body><div id='app'></div><script>render()</script></body></html>"
    doc = build_document(
        url=URL,
        body=empty_shell,
        content_type="text/html",
        text_html=None,
        entry=entry,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.text.split("\n") == PARAGRAPHS
    assert doc.title == "Feed title"


def test_page_error_is_kept_when_feed_content_is_useless_too() -> None:
    entry = FeedEntry(url=URL, content_html="<p>teaser</p>")
    with pytest.raises(ExtractionError, match="page is empty"):
        build_document(
            url=URL,
            body=b"<html><body></body></html>",
            content_type="text/html",
            text_html=None,
            entry=entry,
            source_id=None,
            fetched_at=FETCHED,
        )


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "application/octet-stream", "text/html", ""]
)
def test_pdf_is_recognised_by_type_or_magic_bytes(content_type: str) -> None:
    body = make_pdf([PDF_LINES], info={"Title": "Semiconductor Policy Review"})
    doc = build_document(
        url="https://think.example.org/review.pdf",
        body=body,
        content_type=content_type,
        text_html=None,
        entry=None,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.content_type == "application/pdf"
    assert doc.title == "Semiconductor Policy Review"
    assert doc.text.split("\n") == PDF_LINES
    assert doc.language == "en"
    assert doc.raw == body


def test_feed_title_and_date_beat_pdf_metadata() -> None:
    body = make_pdf([PDF_LINES], info={"Title": "untitled", "CreationDate": "D:20200101000000Z"})
    entry = FeedEntry(
        url="https://think.example.org/review.pdf",
        title="Review of semiconductor policy",
        published_at=datetime(2024, 6, 1, tzinfo=UTC),
    )
    doc = build_document(
        url=entry.url,
        body=body,
        content_type="application/pdf",
        text_html=None,
        entry=entry,
        source_id=None,
        fetched_at=FETCHED,
    )
    assert doc.title == "Review of semiconductor policy"
    assert doc.published_at == datetime(2024, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("content_type", "body", "named"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("application/zip", b"PK\x03\x04....", "application/zip"),
        ("application/octet-stream", b"\x00\x01binary", "application/octet-stream"),
        ("", b"just some bytes", "none given"),
        ("video/mp4; codecs=avc1", b"<html>", "video/mp4"),
    ],
)
def test_unsupported_types_are_refused_by_name(content_type: str, body: bytes, named: str) -> None:
    with pytest.raises(ExtractionError, match="unsupported content type") as caught:
        build_document(
            url=URL,
            body=body,
            content_type=content_type,
            text_html=None,
            entry=None,
            source_id=None,
            fetched_at=FETCHED,
        )
    assert named in str(caught.value)
    assert caught.value.reason == "content_type"


@pytest.mark.parametrize(
    ("content_type", "body", "kind"),
    [
        ("text/html; charset=utf-8", b"<html></html>", BodyKind.HTML),
        ("application/xhtml+xml", b"<html/>", BodyKind.HTML),
        ("text/plain", b"  <!DOCTYPE html><html>", BodyKind.HTML),
        ("application/octet-stream", b"<HTML><BODY>", BodyKind.HTML),
        ("text/html", b"%PDF-1.7\n", BodyKind.PDF),
        ("application/x-pdf", b"", BodyKind.PDF),
        ("binary/octet-stream", b"\r\n%PDF-1.4", BodyKind.PDF),
    ],
)
def test_sniff_kind(content_type: str, body: bytes, kind: BodyKind) -> None:
    assert sniff_kind(content_type, body) is kind


def test_content_hash_ignores_whitespace_and_case() -> None:
    expected = hashlib.sha256(b"quantum chips advance").hexdigest()
    assert content_hash("Quantum  Chips\n\nADVANCE ") == expected
    assert content_hash("Quantum chips advance") != content_hash("Quantum chips advanced")
