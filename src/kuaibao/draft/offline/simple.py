"""The simplest useful draft: one item per document, in the source's own words.

It files the item by keyword, keeps the first paragraphs as the body for the analyst to
translate and condense, and carries the source URL, original title and event date. The
triage stage's writer supersedes it with Chinese drafts built from extracted facts.
"""

from __future__ import annotations

from kuaibao.classify.keywords import guess_domain, guess_section
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.domain import Document, Item, ItemState

BODY_PARAGRAPHS = 3
FALLBACK_SECTION = "产业动态"


def draft_from_document(
    doc: Document, taxonomy: Taxonomy, *, contributors: list[str] | None = None
) -> Item:
    """A draft item for one stored document."""
    paragraphs = [p.strip() for p in doc.text.split("\n") if len(p.strip()) > 1]
    section = guess_section(taxonomy, doc.title, doc.text)
    sections = taxonomy.section_names
    if section is None or section == (sections[0] if sections else None):
        section = FALLBACK_SECTION if FALLBACK_SECTION in sections else sections[-1]
    return Item(
        title=doc.title,
        body=paragraphs[:BODY_PARAGRAPHS],
        domain=guess_domain(taxonomy, doc.title, doc.text) or taxonomy.domain_names[-1],
        section=section,
        contributors=list(contributors or []),
        source_urls=[doc.canonical_url],
        original_title=doc.title,
        event_date=doc.published_at.date().isoformat() if doc.published_at else None,
        state=ItemState.DRAFT,
        document_ids=[doc.id] if doc.id is not None else [],
    )
