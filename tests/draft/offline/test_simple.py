from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Document, ItemState
from kuaibao.draft.offline.simple import draft_from_document


def test_draft_carries_sources_date_and_first_paragraphs() -> None:
    doc = Document(
        id=9,
        url="https://ex.gov/n?utm_source=rss",
        canonical_url="https://ex.gov/n",
        title="Government announces £1.1 billion quantum programme",
        text="First paragraph about funding.\nSecond.\nThird one here.\nFourth is cut.",
        content_hash="0" * 64,
        published_at=datetime(2026, 11, 3, 9, tzinfo=UTC),
    )
    item = draft_from_document(doc, load_taxonomy(), contributors=["王五"])
    assert item.body == ["First paragraph about funding.", "Second.", "Third one here."]
    assert (item.domain, item.section) == ("量子技术", "科技政策与科研计划")
    assert item.source_urls == ["https://ex.gov/n"]
    assert (item.original_title, item.event_date) == (doc.title, "2026-11-03")
    assert (item.state, item.document_ids, item.contributors) == (ItemState.DRAFT, [9], ["王五"])
