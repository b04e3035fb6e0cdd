"""Stories, which document joined which story, and analysts' triage decisions.

The clustering index (``dedup.StoryIndex``) is a cache that can always be rebuilt from
``story_documents``: the store is written first, the index file after, so a crash between
the two leaves the index behind the store, never ahead of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Ranking, Story, StoryState, TriageAction, TriageDecision
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store.models import (
    DocumentRow,
    SourceRow,
    StoryDocumentRow,
    StoryRow,
    TriageDecisionRow,
)
from kuaibao.store.story_sql import (
    LEADS,
    MEMBERS,
    STORY_COLUMNS,
    apply_story,
    reported_by,
    story_of,
)


@dataclass(frozen=True)
class StoryLink:
    """One document's place: its story, the copy it repeats (if any), the joining score."""

    document_id: int
    story_id: int
    near_duplicate_of: int | None = None
    score: float = 0.0


@dataclass(frozen=True)
class StoryLead:
    """What a queue row links to: the lead report's title, URL and source (untrusted text)."""

    story_id: int
    document_id: int
    title: str
    url: str
    source_id: int | None
    source_name: str | None


class StoryRepository:
    """Stories and their documents; decisions are appended, never edited."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def unclustered(self, *, limit: int | None = None) -> list[int]:
        """Ids of stored documents that have not joined a story yet, oldest first."""
        with self._sessions() as session:
            query = (
                select(DocumentRow.id)
                .outerjoin(StoryDocumentRow, StoryDocumentRow.document_id == DocumentRow.id)
                .where(StoryDocumentRow.document_id.is_(None))
                .order_by(DocumentRow.id)
                .limit(limit)
            )
            return list(session.scalars(query))

    def links(self) -> list[StoryLink]:
        """Every document's story, in document order (to rebuild the clustering index)."""
        with self._sessions() as session:
            rows = session.scalars(select(StoryDocumentRow).order_by(StoryDocumentRow.document_id))
            return [
                StoryLink(r.document_id, r.story_id, r.near_duplicate_of, r.score) for r in rows
            ]

    def link_count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count(StoryDocumentRow.document_id))) or 0)

    def save(self, links: Sequence[StoryLink], stories: Sequence[Story], *, now: datetime) -> None:
        """Record new links and the refreshed summaries of the stories they touch, at once.

        A story's analyst-owned fields (state, item, and domain/section once a decision
        relabelled it) are kept as stored; the rest comes from ``stories``.
        """
        with self._sessions() as session:
            existing = {
                r.id: r
                for r in session.scalars(
                    select(StoryRow).where(StoryRow.id.in_([s.id for s in stories]))
                )
            }
            labelled = self._labelled(session, list(existing))
            for story in stories:
                row = existing.get(story.id)
                if row is None:
                    row = StoryRow(id=story.id, state=story.state.value, score=0.0, ranking={})
                    session.add(row)
                    apply_story(row, story)
                else:
                    kept = (row.state, row.item_id, row.domain, row.section)
                    apply_story(row, story)
                    row.state, row.item_id = kept[0], kept[1]
                    if story.id in labelled:
                        row.domain, row.section = kept[2], kept[3]
                row.updated_at = now
            session.flush()
            for link in links:
                session.add(
                    StoryDocumentRow(
                        document_id=link.document_id,
                        story_id=link.story_id,
                        near_duplicate_of=link.near_duplicate_of,
                        score=link.score,
                        added_at=now,
                    )
                )
            try:
                session.commit()
            except IntegrityError as exc:
                raise ConflictError(
                    "another clustering run placed some of these documents at the same time; "
                    "nothing of this batch was saved: run `kuaibao triage` again"
                ) from exc

    @staticmethod
    def _labelled(session: Session, story_ids: list[int]) -> set[int]:
        if not story_ids:
            return set()
        query = select(TriageDecisionRow.story_id).where(
            TriageDecisionRow.story_id.in_(story_ids),
            TriageDecisionRow.action.in_([TriageAction.RELABEL.value, TriageAction.ACCEPT.value]),
        )
        return set(session.scalars(query))

    def get(self, story_id: int) -> Story:
        found = self.get_many([story_id])
        return found[0]

    def get_many(self, story_ids: Sequence[int]) -> list[Story]:
        """Stories in the order asked; an unknown id raises NotFoundError."""
        ids = list(story_ids)
        with self._sessions() as session:
            rows = {r.id: r for r in session.scalars(select(StoryRow).where(StoryRow.id.in_(ids)))}
            missing = [i for i in ids if i not in rows]
            if missing:
                raise NotFoundError(
                    f"no story with id {', '.join(map(str, missing))}; `kuaibao triage` lists them"
                )
            docs = self._documents(session, ids)
            return [story_of(rows[i], docs.get(i, [])) for i in ids]

    def existing(self, story_ids: Sequence[int]) -> list[Story]:
        """The stories among ``story_ids`` that are stored, in the order asked."""
        ids = list(story_ids)
        with self._sessions() as session:
            rows = {r.id: r for r in session.scalars(select(StoryRow).where(StoryRow.id.in_(ids)))}
            docs = self._documents(session, list(rows))
            return [story_of(rows[i], docs.get(i, [])) for i in ids if i in rows]

    def find(
        self,
        *,
        states: Iterable[StoryState] | None = None,
        domain: str | None = None,
        since: datetime | None = None,
        min_relevance: float | None = None,
        limit: int | None = None,
    ) -> list[Story]:
        """Stories, most recently active first, filtered as asked."""
        with self._sessions() as session:
            query = select(StoryRow).order_by(StoryRow.last_seen.desc(), StoryRow.id.desc())
            if states is not None:
                query = query.where(StoryRow.state.in_([s.value for s in states]))
            if domain is not None:
                query = query.where(StoryRow.domain == domain)
            if since is not None:
                query = query.where(StoryRow.last_seen >= since)
            if min_relevance is not None:
                query = query.where(StoryRow.relevance >= min_relevance)
            rows = list(session.scalars(query.limit(limit)))
            docs = self._documents(session, [r.id for r in rows])
            return [story_of(r, docs.get(r.id, [])) for r in rows]

    def count_by_domain(
        self, *, states: Iterable[StoryState] | None = None, since: datetime | None = None
    ) -> dict[str | None, int]:
        """How many stories (in these states, active since then) each domain has; None
        counts the unclassified. One grouped count, however many stories match."""
        with self._sessions() as session:
            query = select(StoryRow.domain, func.count()).group_by(StoryRow.domain)
            if states is not None:
                query = query.where(StoryRow.state.in_([s.value for s in states]))
            if since is not None:
                query = query.where(StoryRow.last_seen >= since)
            return {domain: int(n) for domain, n in session.execute(query)}

    def count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count(StoryRow.id))) or 0)

    def ranked(
        self,
        *,
        states: Iterable[StoryState] | None = (StoryState.NEW,),
        domain: str | None = None,
        section: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        min_relevance: float | None = None,
        source_id: int | None = None,
        country: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> list[Story]:
        """Stories by their last ranking's score, best first, filtered as asked.

        One indexed query whatever the filters (the web queue pages through it): ``since``
        and ``until`` bound the last activity, ``source_id`` and ``country`` keep stories
        with at least one report from that source or from a source in that country.
        """
        with self._sessions() as session:
            query = select(*STORY_COLUMNS).order_by(StoryRow.score.desc(), StoryRow.id.desc())
            if until is not None:
                query = query.where(StoryRow.last_seen < until)
            if source_id is not None or country is not None:
                query = query.where(reported_by(session, source_id, country))
            if states is not None:
                query = query.where(StoryRow.state.in_([s.value for s in states]))
            if domain is not None:
                query = query.where(StoryRow.domain == domain)
            if section is not None:
                query = query.where(StoryRow.section == section)
            if since is not None:
                query = query.where(StoryRow.last_seen >= since)
            if min_relevance is not None:
                query = query.where(StoryRow.relevance >= min_relevance)
            rows = session.execute(query.offset(offset).limit(limit)).all()
            docs = self._documents(session, [r.id for r in rows])
            return [story_of(r, docs.get(r.id, [])) for r in rows]

    def save_ranks(self, ranks: Iterable[tuple[int, float, Ranking]]) -> int:
        """Store (story id, score, ranking details) from a ranking pass; returns how many."""
        n = 0
        with self._sessions() as session:
            for story_id, score, ranking in ranks:
                row = session.get(StoryRow, story_id)
                if row is not None:
                    row.score, row.ranking = score, ranking.to_json()
                    n += 1
            session.commit()
        return n

    def best_tiers(self, story_ids: Sequence[int]) -> dict[int, int]:
        """Each story's best (lowest) source tier; stories without a registered source: 3."""
        ids = list(story_ids)
        out = dict.fromkeys(ids, 3)
        if not ids:
            return out
        with self._sessions() as session:
            query = (
                select(StoryDocumentRow.story_id, func.min(SourceRow.tier))
                .join(DocumentRow, DocumentRow.id == StoryDocumentRow.document_id)
                .join(SourceRow, SourceRow.id == DocumentRow.source_id)
                .where(StoryDocumentRow.story_id.in_(ids))
                .group_by(StoryDocumentRow.story_id)
            )
            for story_id, tier in session.execute(query):
                if tier is not None:
                    out[story_id] = int(tier)
        return out

    def copies(self, story_ids: Sequence[int]) -> dict[int, int]:
        """Document id → the document it nearly repeats, for the stories given."""
        with self._sessions() as session:
            query = select(StoryDocumentRow.document_id, StoryDocumentRow.near_duplicate_of).where(
                StoryDocumentRow.story_id.in_(list(story_ids)),
                StoryDocumentRow.near_duplicate_of.is_not(None),
            )
            return {d: int(n) for d, n in session.execute(query) if n is not None}

    def leads(self, story_ids: Sequence[int]) -> dict[int, StoryLead]:
        """Each story's lead report (title, URL, source name) in one query, without texts."""
        ids = list(story_ids)
        if not ids:
            return {}
        with self._sessions() as session:
            return {
                row[0]: StoryLead(row[0], row[1], row[2], row[3], row[4], row[5])
                for row in session.execute(LEADS, {"ids": ids})
            }

    def decide(self, decision: TriageDecision, *, now: datetime) -> Story:
        """Record an accept, reject or relabel and apply it to the story."""
        with self._sessions() as session:
            row = session.get(StoryRow, decision.story_id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"no story with id {decision.story_id}")
            if decision.action is TriageAction.ACCEPT:
                row.state = StoryState.ACCEPTED.value
            elif decision.action is TriageAction.REJECT:
                row.state = StoryState.REJECTED.value
            if decision.action is not TriageAction.REJECT:
                row.domain = decision.domain or row.domain
                row.section = decision.section or row.section
            row.updated_at = now
            session.add(
                TriageDecisionRow(
                    story_id=decision.story_id,
                    action=decision.action.value,
                    domain=decision.domain if decision.domain else row.domain,
                    section=decision.section if decision.section else row.section,
                    title=decision.title,
                    text=decision.text,
                    user=decision.user,
                    at=now,
                )
            )
            session.commit()
            return story_of(row, self._documents(session, [row.id]).get(row.id, []))

    def link_item(
        self, story_id: int, item_id: int, *, now: datetime, state: StoryState | None = None
    ) -> None:
        """Remember the item drafted from a story, moving the story to ``state`` (the
        workflow's; by default drafting accepts a new story).

        A story keeps one item: linking another one while the first is still linked is
        refused (``ConflictError``), since overwriting the link would orphan the first. The
        row is locked while it is checked, so two drafts at once cannot both link."""
        with self._sessions() as session:
            row = session.get(StoryRow, story_id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"no story with id {story_id}")
            if row.item_id is not None and row.item_id != item_id:
                raise ConflictError(f"story {story_id} already has item {row.item_id}")
            row.item_id = item_id
            if state is not None:
                row.state = state.value
            elif row.state == StoryState.NEW.value:
                row.state = StoryState.ACCEPTED.value
            row.updated_at = now
            session.commit()

    def for_item(self, item_id: int) -> Story | None:
        """The story an item was drafted from (the latest, if several), or None: redrafting
        an item starts again from its story's documents."""
        with self._sessions() as session:
            query = select(StoryRow).where(StoryRow.item_id == item_id)
            row = session.scalars(query.order_by(StoryRow.id.desc()).limit(1)).first()
            if row is None:
                return None
            return story_of(row, self._documents(session, [row.id]).get(row.id, []))

    def decisions(self) -> list[TriageDecision]:
        """Every decision, oldest first (the classifier's training labels)."""
        with self._sessions() as session:
            rows = session.scalars(select(TriageDecisionRow).order_by(TriageDecisionRow.id))
            return [
                TriageDecision(
                    story_id=r.story_id,
                    action=TriageAction(r.action),
                    title=r.title,
                    text=r.text,
                    domain=r.domain,
                    section=r.section,
                    user=r.user,
                    at=r.at,
                    id=r.id,
                )
                for r in rows
            ]

    @staticmethod
    def _documents(session: Session, story_ids: list[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        if not story_ids:
            return out
        for story_id, doc_id in session.execute(MEMBERS, {"ids": story_ids}):
            out.setdefault(story_id, []).append(doc_id)
        return out
