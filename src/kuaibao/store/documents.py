"""Documents, rejections and the URLs we already know, stored once each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Document, Rejected
from kuaibao.store.convert import document_from_row, document_to_row, rejection_from_row
from kuaibao.store.models import DocumentRow, RejectionRow

_CHUNK = 500


class DocumentRepository:
    """Exact duplicates (same canonical URL or same content hash) are stored once."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these URLs are already stored as a document or a rejection."""
        wanted = list(dict.fromkeys(urls))
        known: set[str] = set()
        with self._sessions() as session:
            for i in range(0, len(wanted), _CHUNK):
                chunk = wanted[i : i + _CHUNK]
                known.update(
                    session.scalars(select(DocumentRow.url).where(DocumentRow.url.in_(chunk)))
                )
                known.update(
                    session.scalars(
                        select(DocumentRow.canonical_url).where(
                            DocumentRow.canonical_url.in_(chunk)
                        )
                    )
                )
                known.update(
                    session.scalars(select(RejectionRow.url).where(RejectionRow.url.in_(chunk)))
                )
        return known

    def find_duplicate(self, doc: Document) -> int | None:
        """The id of a stored document with the same canonical URL or content hash."""
        with self._sessions() as session:
            return session.scalar(
                select(DocumentRow.id).where(
                    or_(
                        DocumentRow.canonical_url == doc.canonical_url,
                        DocumentRow.content_hash == doc.content_hash,
                    )
                )
            )

    def add(self, doc: Document) -> tuple[Document, bool]:
        """Store a document unless an exact duplicate exists; (document, created)."""
        existing = self.find_duplicate(doc)
        if existing is not None:
            return replace(doc, id=existing), False
        with self._sessions() as session:
            row = document_to_row(doc)
            session.add(row)
            try:
                session.commit()
            except IntegrityError:
                # Another writer stored the same page between our check and insert.
                session.rollback()
                existing = self.find_duplicate(doc)
                return replace(doc, id=existing), False
            return replace(doc, id=row.id), True

    def get(self, doc_id: int, *, with_raw: bool = False) -> Document | None:
        with self._sessions() as session:
            row = session.get(DocumentRow, doc_id)
            return document_from_row(row, with_raw=with_raw) if row else None

    def find(
        self, *, source_id: int | None = None, limit: int | None = None, offset: int = 0
    ) -> list[Document]:
        with self._sessions() as session:
            query = select(DocumentRow).order_by(DocumentRow.id)
            if source_id is not None:
                query = query.where(DocumentRow.source_id == source_id)
            if limit is not None:
                query = query.limit(limit)
            query = query.offset(offset)
            return [document_from_row(row) for row in session.scalars(query)]

    def count(self, *, source_id: int | None = None) -> int:
        with self._sessions() as session:
            query = select(func.count(DocumentRow.id))
            if source_id is not None:
                query = query.where(DocumentRow.source_id == source_id)
            return int(session.scalar(query) or 0)

    def counts_by_source(self) -> dict[int, int]:
        with self._sessions() as session:
            rows = session.execute(
                select(DocumentRow.source_id, func.count(DocumentRow.id)).group_by(
                    DocumentRow.source_id
                )
            )
            return {sid: n for sid, n in rows if sid is not None}

    def reject(self, rejected: Rejected, *, now: datetime) -> None:
        """Record why a URL was dropped; the newest reason replaces an older one."""
        with self._sessions() as session:
            row = session.scalar(select(RejectionRow).where(RejectionRow.url == rejected.url))
            if row is None:
                row = RejectionRow(url=rejected.url)
                session.add(row)
            row.reason = rejected.reason
            row.detail = (rejected.detail or "")[:4000] or None
            row.source_id = rejected.source_id
            row.at = rejected.at or now
            session.commit()

    def rejections(self, *, source_id: int | None = None) -> list[Rejected]:
        with self._sessions() as session:
            query = select(RejectionRow).order_by(RejectionRow.id)
            if source_id is not None:
                query = query.where(RejectionRow.source_id == source_id)
            return [rejection_from_row(row) for row in session.scalars(query)]
