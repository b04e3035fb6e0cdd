"""Bulletins, the order of their items, and the glossary imports feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Bulletin, BulletinState
from kuaibao.errors import ConflictError, NotFoundError, StoreError
from kuaibao.issue import issue_label
from kuaibao.store.convert import bulletin_from_row, item_from_row
from kuaibao.store.models import BulletinItemRow, BulletinRow, GlossaryRow, ItemRow

GLOSSARY_MAX = 300


class BulletinRepository:
    """Bulletins by id; their items are kept as an ordered list of item ids."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def create(self, bulletin: Bulletin, *, now: datetime) -> Bulletin:
        """Store a new bulletin with its items (which must already be stored)."""
        with self._sessions() as session:
            row = BulletinRow(
                series=bulletin.series,
                year=bulletin.year,
                number=bulletin.number,
                running_number=bulletin.running_number,
                date=bulletin.date,
                editor=bulletin.editor,
                issuing_unit=bulletin.issuing_unit,
                sections=list(bulletin.sections),
                state=bulletin.state.value,
                revision=bulletin.revision,
                supersedes_id=bulletin.supersedes_id,
                published_at=bulletin.published_at,
                created_at=now,
            )
            session.add(row)
            try:
                session.flush()
            except IntegrityError as exc:
                session.rollback()
                raise ConflictError(
                    f"{issue_label(bulletin)} (revision {bulletin.revision}) already exists"
                ) from exc
            for position, item in enumerate(bulletin.items):
                if item.id is None:
                    raise StoreError("store the items before the bulletin that holds them")
                session.add(BulletinItemRow(bulletin_id=row.id, item_id=item.id, position=position))
            session.commit()
            bulletin_id = row.id
        return self.get(bulletin_id)

    def get(self, bulletin_id: int) -> Bulletin:
        with self._sessions() as session:
            row = session.get(BulletinRow, bulletin_id)
            if row is None:
                raise NotFoundError(
                    f"no bulletin with id {bulletin_id}; `kuaibao bulletin list` shows ids"
                )
            query = (
                select(ItemRow)
                .join(BulletinItemRow, BulletinItemRow.item_id == ItemRow.id)
                .where(BulletinItemRow.bulletin_id == bulletin_id)
                .order_by(BulletinItemRow.position)
            )
            items = [item_from_row(r) for r in session.scalars(query)]
            return bulletin_from_row(row, items)

    def all(self) -> list[tuple[Bulletin, int]]:
        """Every bulletin (without items) with its item count, newest first."""
        with self._sessions() as session:
            count_rows = session.execute(
                select(BulletinItemRow.bulletin_id, func.count(BulletinItemRow.item_id)).group_by(
                    BulletinItemRow.bulletin_id
                )
            )
            counts = {bulletin_id: int(n) for bulletin_id, n in count_rows}
            rows = session.scalars(
                select(BulletinRow).order_by(
                    BulletinRow.year.desc(),
                    BulletinRow.number.desc().nulls_last(),
                    BulletinRow.date.desc().nulls_last(),
                    BulletinRow.revision.desc(),
                )
            )
            return [(bulletin_from_row(r, []), counts.get(r.id, 0)) for r in rows]

    def set_items(self, bulletin_id: int, item_ids: list[int]) -> None:
        """Replace the bulletin's item order; only an open bulletin can change."""
        with self._sessions() as session:
            row = self._open_row(session, bulletin_id)
            session.execute(delete(BulletinItemRow).where(BulletinItemRow.bulletin_id == row.id))
            for position, item_id in enumerate(dict.fromkeys(item_ids)):
                session.add(BulletinItemRow(bulletin_id=row.id, item_id=item_id, position=position))
            session.commit()

    def update_meta(self, bulletin: Bulletin) -> None:
        """Save sections, date, editor and similar fields of an open bulletin."""
        if bulletin.id is None:
            raise NotFoundError("cannot update a bulletin that was never stored")
        with self._sessions() as session:
            row = self._open_row(session, bulletin.id)
            row.sections = list(bulletin.sections)
            row.date = bulletin.date
            row.editor = bulletin.editor
            row.issuing_unit = bulletin.issuing_unit
            row.running_number = bulletin.running_number
            session.commit()

    def mark_published(self, bulletin_id: int, *, now: datetime) -> None:
        with self._sessions() as session:
            row = self._open_row(session, bulletin_id)
            row.state = BulletinState.PUBLISHED.value
            row.published_at = now
            session.commit()

    def holding(self, item_ids: Iterable[int]) -> dict[int, int]:
        """item id → id of a bulletin that holds it."""
        with self._sessions() as session:
            rows = session.scalars(
                select(BulletinItemRow).where(BulletinItemRow.item_id.in_(list(item_ids)))
            )
            return {r.item_id: r.bulletin_id for r in rows}

    def numbering(self, series: str, year: int) -> tuple[int, int]:
        """(highest number this year, highest running number) of a series; 0 when none."""
        with self._sessions() as session:
            number = session.scalar(
                select(func.max(BulletinRow.number)).where(
                    BulletinRow.series == series, BulletinRow.year == year
                )
            )
            running = session.scalar(
                select(func.max(BulletinRow.running_number)).where(BulletinRow.series == series)
            )
            return int(number or 0), int(running or 0)

    @staticmethod
    def _open_row(session: Session, bulletin_id: int) -> BulletinRow:
        row = session.get(BulletinRow, bulletin_id)
        if row is None:
            raise NotFoundError(f"no bulletin with id {bulletin_id}")
        if row.state != BulletinState.OPEN.value:
            raise ConflictError(
                f"bulletin {bulletin_id} is published and cannot change; "
                "`kuaibao bulletin correct` makes a new revision"
            )
        return row


class GlossaryRepository:
    """Original ↔ Chinese title pairs, the seed of the translation glossary."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_pairs(self, pairs: Iterable[tuple[str, str, int | None]], *, now: datetime) -> int:
        """Add (original, chinese, item id) pairs not seen before; returns how many were new."""
        added = 0
        with self._sessions() as session:
            for original, chinese, item_id in pairs:
                key = (original.strip()[:GLOSSARY_MAX], chinese.strip()[:GLOSSARY_MAX])
                if not all(key):
                    continue
                exists = session.scalar(
                    select(GlossaryRow.id).where(
                        GlossaryRow.original == key[0], GlossaryRow.chinese == key[1]
                    )
                )
                if exists is None:
                    session.add(
                        GlossaryRow(
                            original=key[0], chinese=key[1], item_id=item_id, created_at=now
                        )
                    )
                    session.flush()
                    added += 1
            session.commit()
        return added

    def all(self) -> list[tuple[str, str]]:
        with self._sessions() as session:
            rows = session.execute(
                select(GlossaryRow.original, GlossaryRow.chinese).order_by(GlossaryRow.id)
            )
            return [(o, c) for o, c in rows]
