"""The pieces the story repository builds its SQL from: rows to stories and back, the
filter for stories reported by a source or country, and the statements every queue page
runs, prepared once (a statement object caches its compiled SQL).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from kuaibao.domain import Ranking, Story, StoryState
from kuaibao.store.models import DocumentRow, SourceRow, StoryDocumentRow, StoryRow


def story_of(row: Any, document_ids: list[int]) -> Story:
    """A story from its row: a ``StoryRow``, or a Core row of ``STORY_COLUMNS`` (faster to
    read when nothing is written back)."""
    return Story(
        id=row.id,
        title=row.title,
        document_ids=document_ids,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        lead_document_id=row.lead_document_id,
        size=row.size,
        sources=row.sources,
        published_at=row.published_at,
        domain=row.domain,
        section=row.section,
        relevance=row.relevance,
        reasons=list(row.reasons or []),
        state=StoryState(row.state),
        item_id=row.item_id,
        updated_at=row.updated_at,
        score=row.score,
        ranking=Ranking.from_json(row.ranking),
    )


def apply_story(row: StoryRow, story: Story) -> None:
    row.title = story.title
    row.lead_document_id = story.lead_document_id
    row.size = story.size
    row.sources = story.sources
    row.first_seen = story.first_seen
    row.last_seen = story.last_seen
    row.published_at = story.published_at
    row.domain = story.domain
    row.section = story.section
    row.relevance = story.relevance
    row.reasons = list(story.reasons)
    row.state = story.state.value
    row.item_id = story.item_id


COMMON_REPORTS = 20_000  # SQLite: a filter matching this many reports walks the score index


def reports_from(query: Select[Any], source_id: int | None, country: str | None) -> Select[Any]:
    """``query`` (over documents) narrowed to reports from the source and/or the country."""
    if source_id is not None:
        query = query.where(DocumentRow.source_id == source_id)
    if country is not None:
        query = query.where(
            DocumentRow.source_id.in_(select(SourceRow.id).where(SourceRow.country == country))
        )
    return query


def reported_by(session: Session, source_id: int | None, country: str | None) -> Any:
    """Stories with a report from this source and/or from a source in this country.

    PostgreSQL plans the semi-join itself. SQLite runs the form it is given, so it is
    chosen here: ``IN`` (the stories of the matching reports) when the filter is
    selective, else a correlated ``EXISTS`` checked while walking the score index, which
    fills a page of a common source or country early. A count of at most
    ``COMMON_REPORTS`` index entries tells which.
    """
    if session.get_bind().dialect.name == "sqlite":
        matching = reports_from(select(DocumentRow.id), source_id, country).limit(COMMON_REPORTS)
        if (session.scalar(select(func.count()).select_from(matching.subquery())) or 0) >= (
            COMMON_REPORTS
        ):
            report = (
                select(DocumentRow.id)
                .join(StoryDocumentRow, StoryDocumentRow.document_id == DocumentRow.id)
                .where(StoryDocumentRow.story_id == StoryRow.id)
            )
            return reports_from(report, source_id, country).exists()
    reports = reports_from(select(DocumentRow.id), source_id, country)
    stories = select(StoryDocumentRow.story_id).where(StoryDocumentRow.document_id.in_(reports))
    return StoryRow.id.in_(stories)


STORY_COLUMNS = tuple(StoryRow.__table__.c)
# Queries every queue page runs, built once: a statement object caches its SQL, so the
# per-request cost is binding the ids (``expanding``: one parameter for the id list).
MEMBERS = (
    select(StoryDocumentRow.story_id, StoryDocumentRow.document_id)
    .where(StoryDocumentRow.story_id.in_(bindparam("ids", expanding=True)))
    .order_by(StoryDocumentRow.document_id)
)
LEADS = (
    select(
        StoryRow.id,
        DocumentRow.id,
        DocumentRow.title,
        DocumentRow.url,
        DocumentRow.source_id,
        SourceRow.name,
    )
    .join(DocumentRow, DocumentRow.id == StoryRow.lead_document_id)
    .outerjoin(SourceRow, SourceRow.id == DocumentRow.source_id)
    .where(StoryRow.id.in_(bindparam("ids", expanding=True)))
)
