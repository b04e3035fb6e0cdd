from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.domain import FeedEntry
from kuaibao.errors import ExtractionError
from kuaibao.extract.feedcontent import document_from_entry, fragment_text

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def test_fragment_text_keeps_blocks_as_lines_and_drops_scripts() -> None:
    html = (
        "<p>First <b>bold</b> paragraph.</p><script>alert(1)</script>"
        "<ul><li>one</li><li>two</li></ul>text after<br>line two"
    )
    assert fragment_text(html) == "First bold paragraph.\none\ntwo\ntext after\nline two"


def test_fragment_text_of_garbage_is_empty_not_an_error() -> None:
    assert fragment_text("") == ""
    assert fragment_text("   ") == ""
    assert fragment_text("\x00\x01<<<>>>") in ("", "<<<>>>")


def test_document_from_entry_uses_feed_fields_and_canonical_url() -> None:
    body = "".join(f"<p>Paragraph {i} about the new semiconductor fab grant.</p>" for i in range(5))
    entry = FeedEntry(
        url="https://ex.org/a?utm_source=rss",
        title="Fab grant",
        published_at=NOW,
        content_html=body,
        author="Desk",
    )
    doc = document_from_entry(entry, source_id=3, fetched_at=NOW)
    assert doc.canonical_url == "https://ex.org/a"
    assert (doc.title, doc.author, doc.source_id, doc.language) == ("Fab grant", "Desk", 3, "en")
    assert doc.text.count("\n") == 4


def test_thin_feed_content_is_refused() -> None:
    entry = FeedEntry(url="https://ex.org/b", title="t", content_html="<p>Read more…</p>")
    with pytest.raises(ExtractionError) as info:
        document_from_entry(entry, source_id=None, fetched_at=NOW)
    assert info.value.reason == "too_short"
