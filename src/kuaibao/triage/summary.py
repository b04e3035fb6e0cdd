"""A story's summary from its documents: lead report, title, independent sources, times.

The lead is the report from the most authoritative source (lowest tier), earliest first,
because an agency's own announcement is what a bulletin item cites first. Syndicated
copies (near-duplicates of a report from another source) do not count as independent
sources: three sites running one wire story are one source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from kuaibao.domain import Document, Source, Story
from kuaibao.sites import site_of

WORST_TIER = 3


def _when(doc: Document) -> datetime:
    when = doc.published_at or doc.fetched_at or datetime.min.replace(tzinfo=UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def tier_of(doc: Document, sources: Mapping[int, Source]) -> int:
    """The tier of the document's source (unknown sources count as the worst tier)."""
    source = sources.get(doc.source_id) if doc.source_id is not None else None
    return source.tier if source is not None else WORST_TIER


def pick_lead(docs: Sequence[Document], sources: Mapping[int, Source]) -> Document:
    """The report to cite first: best tier, then earliest, then lowest id."""
    return min(docs, key=lambda d: (tier_of(d, sources), _when(d), d.id or 0))


def _origin(doc: Document) -> str:
    """Who published the document: the site (registrable domain) its page is on.

    Two registered feeds of one site (news and press releases) are one publisher, and
    two blogs on one shared host (``alice.github.io``, ``bob.github.io``) are two; the
    registered source only stands in when the URL names no site.
    """
    site = site_of(doc.canonical_url or doc.url)
    if site is not None:
        return "site:" + site
    return f"source:{doc.source_id}" if doc.source_id is not None else "url:" + doc.url


def independent_sources(docs: Sequence[Document], copies: Mapping[int, int]) -> int:
    """How many publishers reported the story themselves (copies join their original)."""
    origin_of = {d.id: _origin(d) for d in docs if d.id is not None}
    origins: set[str] = set()
    for doc in docs:
        original = copies.get(doc.id) if doc.id is not None else None
        if original is not None and original in origin_of:
            origins.add(origin_of[original])
        else:
            origins.add(_origin(doc))
    return max(1, len(origins))


def summarize(
    story_id: int,
    docs: Sequence[Document],
    sources: Mapping[int, Source],
    copies: Mapping[int, int],
    *,
    now: datetime,
) -> Story:
    """The story's summary fields (classification is filled in by the caller)."""
    if not docs:
        raise ValueError(f"story {story_id} has no documents")
    lead = pick_lead(docs, sources)
    seen = [d.fetched_at or now for d in docs]
    published = [d.published_at for d in docs if d.published_at is not None]
    return Story(
        id=story_id,
        title=lead.title,
        document_ids=sorted(d.id for d in docs if d.id is not None),
        first_seen=min(seen),
        last_seen=max(seen),
        lead_document_id=lead.id,
        size=len(docs),
        sources=independent_sources(docs, copies),
        published_at=min(published) if published else None,
    )
