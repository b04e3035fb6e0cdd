"""Documents, rejections and the URLs we already know, stored once each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, union
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Document, Rejected
from kuaibao.store.convert import (
    compress,
    document_from_row,
    document_to_row,
    rejection_from_row,
)
from kuaibao.store.models import DocumentRow, RejectionRow
from kuaibao.store.values import MAX_URL_CHARS, url_key, url_too_long

_CHUNK = 500
# Documents per duplicate query: two bound parameters each, well under every backend's limit.
_DEDUP_CHUNK = 250
_DOCUMENTS = cast(Table, DocumentRow.__table__)
# Built once: a crawl runs these for every feed it polls.
_KNOWN_URLS = union(
    select(DocumentRow.url).where(DocumentRow.url.in_(bindparam("urls", expanding=True))),
    select(DocumentRow.canonical_url).where(
        DocumentRow.canonical_url.in_(bindparam("urls", expanding=True))
    ),
    select(RejectionRow.url).where(RejectionRow.url.in_(bindparam("urls", expanding=True))),
)
_STORED_TWINS = select(DocumentRow.id, DocumentRow.canonical_url, DocumentRow.content_hash).where(
    or_(
        DocumentRow.canonical_url.in_(bindparam("canonical", expanding=True)),
        DocumentRow.content_hash.in_(bindparam("hashes", expanding=True)),
    )
)
_INSERT = insert(_DOCUMENTS).returning(_DOCUMENTS.c.id, sort_by_parameter_order=True)


class DocumentRepository:
    """Exact duplicates (same canonical URL or same content hash) are stored once."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of these URLs are already stored as a document or a rejection.

        The URLs asked for are returned, not the stored values: an over-long URL is kept
        as its :func:`~kuaibao.store.values.url_key` (a rejection), and must still be known.
        """
        wanted = list(dict.fromkeys(urls))
        as_stored = {url_key(url): url for url in wanted}
        known: set[str] = set()
        with self._sessions() as session:
            for i in range(0, len(wanted), _CHUNK):
                found = session.scalars(_KNOWN_URLS, {"urls": wanted[i : i + _CHUNK]})
                known.update(as_stored[value] for value in found if value in as_stored)
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
        """Store a document unless an exact duplicate exists; (document, created).

        A document whose URL does not fit the store is not stored: it becomes a
        ``url_too_long`` rejection and comes back without an id.
        """
        if self._refuse_over_long([doc]):
            return doc, False
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

    def add_many(self, docs: Sequence[Document]) -> list[tuple[Document, bool]]:
        """Store a batch in one transaction, each exact duplicate (stored or in the batch) once.

        Returns (document, created) per input, in order. The duplicate check and the
        insert are separate transactions (a SQLite snapshot that saw no twin could not
        write after another writer did); when another writer stores one of these pages
        in between, the batch falls back to :meth:`add`, which settles each race alone.
        """
        refused = self._refuse_over_long(docs)
        if refused:
            kept = [doc for i, doc in enumerate(docs) if i not in refused]
            added = iter(self.add_many(kept))
            return [(doc, False) if i in refused else next(added) for i, doc in enumerate(docs)]
        if not docs:
            return []
        with self._sessions() as session:
            stored = self._stored_ids(session, docs)
        fresh, twins = _plan_batch(docs, stored)
        try:
            with self._sessions() as session:
                rows = [_row_values(docs[i]) for i in fresh]
                new_ids = session.execute(_INSERT, rows).scalars().all() if rows else []
                session.commit()
        except IntegrityError:
            return [self.add(doc) for doc in docs]
        ids = dict(zip(fresh, new_ids, strict=True))
        results: list[tuple[Document, bool]] = []
        for index, (doc, twin) in enumerate(zip(docs, twins, strict=True)):
            if index in ids:
                results.append((replace(doc, id=ids[index]), True))
            else:
                known = ids[twin] if twin is not None else None
                known = known or stored.get(doc.canonical_url) or stored.get(doc.content_hash)
                results.append((replace(doc, id=known), False))
        return results

    def _refuse_over_long(self, docs: Sequence[Document]) -> set[int]:
        """Record a rejection for each document whose URL is too long to store; their indexes.

        Cutting the URL would store the page under an address that is not its own (and
        PostgreSQL would refuse the whole batch), so the page is refused by name instead.
        """
        refused: set[int] = set()
        for index, doc in enumerate(docs):
            too_long = [n for n, u in (("URL", doc.url), ("canonical URL", doc.canonical_url))
                        if url_too_long(u)]  # fmt: skip
            if not too_long:
                continue
            refused.add(index)
            longest = max(len(doc.url), len(doc.canonical_url))
            detail = (
                f"the page's {' and '.join(too_long)} has {longest} characters; the store keeps"
                f" URLs of at most {MAX_URL_CHARS}, so the page was not stored: {doc.url[:300]}…"
            )
            rejected = Rejected(
                url=doc.url, reason="url_too_long", detail=detail, source_id=doc.source_id
            )
            self.reject(rejected, now=doc.fetched_at or datetime.now(UTC))
        return refused

    def _stored_ids(self, session: Session, docs: Sequence[Document]) -> dict[str, int]:
        """Ids of stored documents keyed by each canonical URL and content hash they match.

        One dict serves both keys: a URL never looks like a hexadecimal digest.
        """
        found: dict[str, int] = {}
        for i in range(0, len(docs), _DEDUP_CHUNK):
            chunk = docs[i : i + _DEDUP_CHUNK]
            keys = {
                "canonical": list({d.canonical_url for d in chunk}),
                "hashes": list({d.content_hash for d in chunk}),
            }
            for doc_id, canonical_url, digest in session.execute(_STORED_TWINS, keys):
                found[canonical_url] = doc_id
                found[digest] = doc_id
        return found

    def get_many(self, doc_ids: list[int]) -> list[Document]:
        """Documents by id in one query, in id order; unknown ids are skipped."""
        with self._sessions() as session:
            query = select(DocumentRow).where(DocumentRow.id.in_(doc_ids)).order_by(DocumentRow.id)
            return [document_from_row(row) for row in session.scalars(query)]

    def urls(self, doc_ids: list[int]) -> dict[int, str]:
        """Id → URL for the given documents: what a result list links to, without the
        texts and compressed raw bodies ``get_many`` would load."""
        if not doc_ids:
            return {}
        with self._sessions() as session:
            query = select(DocumentRow.id, DocumentRow.url).where(DocumentRow.id.in_(doc_ids))
            return {doc_id: url for doc_id, url in session.execute(query)}

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


def _row_values(doc: Document) -> dict[str, Any]:
    """The column values of a new document row, for a multi-row insert."""
    return {
        "source_id": doc.source_id,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "title": doc.title,
        "text": doc.text,
        "language": doc.language,
        "published_at": doc.published_at,
        "fetched_at": doc.fetched_at,
        "author": doc.author,
        "content_type": doc.content_type,
        "content_hash": doc.content_hash,
        "raw_compressed": compress(doc.raw),
    }


def _plan_batch(
    docs: Sequence[Document], stored: dict[str, int]
) -> tuple[list[int], list[int | None]]:
    """Which documents to insert, and for each the index of an earlier copy in the batch."""
    first_of: dict[str, int] = {}  # canonical URL or hash -> index of its first new copy
    twins: list[int | None] = []
    fresh: list[int] = []
    for index, doc in enumerate(docs):
        keys = (doc.canonical_url, doc.content_hash)
        twin = next((first_of[k] for k in keys if k in first_of), None)
        twins.append(twin)
        if twin is None and not any(k in stored for k in keys):
            fresh.append(index)
            first_of.update(dict.fromkeys(keys, index))
    return fresh, twins
