"""Items with optimistic locking and an edit history."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from kuaibao import phrases
from kuaibao.domain import Item, ItemState
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store.convert import apply_item, item_from_row, item_snapshot
from kuaibao.store.models import ItemDocumentRow, ItemRevisionRow, ItemRow


class ItemRepository:
    """Every save bumps ``version``; saving an item read at an older version is refused."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        on_saved: Callable[[list[Item]], object] | None = None,
    ) -> None:
        self._sessions = sessions
        self._on_saved = on_saved

    def _saved(self, items: list[Item]) -> None:
        """Tell the listener (the search index) which items changed, after the commit."""
        if self._on_saved is not None and items:
            self._on_saved(items)

    def add(self, item: Item, *, now: datetime, editor: str | None = None) -> Item:
        with self._sessions() as session:
            stored = self._insert(session, item, now=now, editor=editor)
            session.commit()
        self._saved([stored])
        return stored

    def add_many(
        self, items: Iterable[Item], *, now: datetime, editor: str | None = None
    ) -> list[Item]:
        """Insert several items in one transaction (an import is all or nothing)."""
        with self._sessions() as session:
            stored = [self._insert(session, item, now=now, editor=editor) for item in items]
            session.commit()
        self._saved(stored)
        return stored

    def _insert(self, session: Session, item: Item, *, now: datetime, editor: str | None) -> Item:
        row = ItemRow(created_at=now, updated_at=now, version=1)
        apply_item(row, item)
        session.add(row)
        session.flush()
        for doc_id in dict.fromkeys(item.document_ids):
            session.add(ItemDocumentRow(item_id=row.id, document_id=doc_id))
        session.add(
            ItemRevisionRow(
                item_id=row.id,
                version=1,
                at=now,
                editor=editor,
                note=phrases.CREATED(),
                snapshot=item_snapshot(item),
            )
        )
        return replace(item, id=row.id, version=1, created_at=now, updated_at=now)

    def update(
        self, item: Item, *, now: datetime, editor: str | None = None, note: str | None = None
    ) -> Item:
        """Save an edit made on ``item.version``; ConflictError if someone saved since."""
        if item.id is None:
            raise NotFoundError("cannot update an item that was never stored")
        with self._sessions() as session:
            row = session.get(ItemRow, item.id, with_for_update=True)
            if row is None:
                raise NotFoundError(f"no item with id {item.id}")
            if row.version != item.version:
                raise ConflictError(
                    phrases.CHANGED_UNDER_EDIT(id=item.id, current=row.version, seen=item.version)
                )
            apply_item(row, item)
            row.version += 1
            row.updated_at = now
            session.add(
                ItemRevisionRow(
                    item_id=row.id,
                    version=row.version,
                    at=now,
                    editor=editor,
                    note=note,
                    snapshot=item_snapshot(item),
                )
            )
            session.commit()
            saved = replace(item, version=row.version, updated_at=now, created_at=row.created_at)
        self._saved([saved])
        return saved

    def set_state(self, item_ids: Iterable[int], state: ItemState, *, now: datetime) -> None:
        """Move items to a workflow state (publishing does this for a whole bulletin)."""
        ids = list(item_ids)
        with self._sessions() as session:
            for row in session.scalars(select(ItemRow).where(ItemRow.id.in_(ids))):
                if row.state != state.value:
                    row.state = state.value
                    row.version += 1
                    row.updated_at = now
            session.commit()
        if self._on_saved is not None and ids:
            self._saved(self.get_many(ids))

    def get(self, item_id: int) -> Item:
        with self._sessions() as session:
            row = session.get(ItemRow, item_id)
            if row is None:
                raise NotFoundError(f"no item with id {item_id}; `kuaibao items list` shows ids")
            return item_from_row(row, self._document_ids(session, [item_id]).get(item_id, []))

    def get_many(self, item_ids: list[int]) -> list[Item]:
        """Items in the order of ``item_ids``; unknown ids raise NotFoundError."""
        with self._sessions() as session:
            rows = {
                r.id: r for r in session.scalars(select(ItemRow).where(ItemRow.id.in_(item_ids)))
            }
            missing = [i for i in item_ids if i not in rows]
            if missing:
                raise NotFoundError(f"no item with id {', '.join(map(str, missing))}")
            docs = self._document_ids(session, item_ids)
            return [item_from_row(rows[i], docs.get(i, [])) for i in item_ids]

    def find(
        self,
        *,
        state: ItemState | None = None,
        domain: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
    ) -> list[Item]:
        """Items by id (oldest first, or newest first for a work list), filtered as asked."""
        with self._sessions() as session:
            order = ItemRow.id.desc() if newest_first else ItemRow.id
            query = select(ItemRow).order_by(order)
            if state is not None:
                query = query.where(ItemRow.state == state.value)
            if domain is not None:
                query = query.where(ItemRow.domain == domain)
            rows = list(session.scalars(query.offset(offset).limit(limit)))
            docs = self._document_ids(session, [r.id for r in rows])
            return [item_from_row(r, docs.get(r.id, [])) for r in rows]

    def count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count(ItemRow.id))) or 0)

    def history(self, item_id: int) -> list[dict[str, Any]]:
        """Each saved version: number, time, editor, note and the fields as saved."""
        with self._sessions() as session:
            rows = session.scalars(
                select(ItemRevisionRow)
                .where(ItemRevisionRow.item_id == item_id)
                .order_by(ItemRevisionRow.version)
            )
            return [
                {
                    "version": r.version,
                    "at": r.at,
                    "editor": r.editor,
                    "note": r.note,
                    "fields": r.snapshot,
                }
                for r in rows
            ]

    def link_documents(self, item_id: int, document_ids: Iterable[int]) -> None:
        with self._sessions() as session:
            session.execute(delete(ItemDocumentRow).where(ItemDocumentRow.item_id == item_id))
            for doc_id in dict.fromkeys(document_ids):
                session.add(ItemDocumentRow(item_id=item_id, document_id=doc_id))
            session.commit()

    @staticmethod
    def _document_ids(session: Session, item_ids: list[int]) -> dict[int, list[int]]:
        links: dict[int, list[int]] = {}
        if not item_ids:
            return links
        query = select(ItemDocumentRow).where(ItemDocumentRow.item_id.in_(item_ids))
        for link in session.scalars(query.order_by(ItemDocumentRow.document_id)):
            links.setdefault(link.item_id, []).append(link.document_id)
        return links
