"""Source registry persistence and source health bookkeeping."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import Source
from kuaibao.errors import SourceError
from kuaibao.store.convert import apply_source, source_from_row
from kuaibao.store.models import SourceRow


class SourceRepository:
    """Sources by id and feed URL; health is updated only through ``record_poll``."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(self, source: Source, *, now: datetime) -> Source:
        """Insert a new source; a second source with the same feed URL is refused."""
        with self._sessions() as session:
            row = SourceRow(created_at=now, consecutive_failures=0, empty_extractions=0)
            apply_source(row, source)
            session.add(row)
            try:
                session.commit()
            except IntegrityError as exc:
                session.rollback()
                raise SourceError(
                    f"a source with feed URL {source.feed_url} is already registered; "
                    "use `kuaibao sources list` to find it"
                ) from exc
            return source_from_row(row)

    def upsert_many(self, sources: Iterable[Source], *, now: datetime) -> tuple[int, int]:
        """Insert new sources and update existing ones (matched by feed URL).

        Returns (added, updated). Health of existing sources is kept.
        """
        added = updated = 0
        with self._sessions() as session:
            for source in sources:
                row = session.scalar(select(SourceRow).where(SourceRow.feed_url == source.feed_url))
                if row is None:
                    row = SourceRow(created_at=now, consecutive_failures=0, empty_extractions=0)
                    session.add(row)
                    added += 1
                else:
                    updated += 1
                apply_source(row, source)
            session.commit()
        return added, updated

    def update(self, source: Source) -> Source:
        if source.id is None:
            raise SourceError("cannot update a source that has no id")
        with self._sessions() as session:
            row = session.get(SourceRow, source.id)
            if row is None:
                raise SourceError(f"no source with id {source.id}")
            apply_source(row, source)
            session.commit()
            return source_from_row(row)

    def get(self, source_id: int) -> Source:
        with self._sessions() as session:
            row = session.get(SourceRow, source_id)
            if row is None:
                raise SourceError(
                    f"no source with id {source_id}; `kuaibao sources list` shows the ids"
                )
            return source_from_row(row)

    def all(self, *, enabled_only: bool = False) -> list[Source]:
        with self._sessions() as session:
            query = select(SourceRow).order_by(SourceRow.id)
            if enabled_only:
                query = query.where(SourceRow.enabled.is_(True))
            return [source_from_row(row) for row in session.scalars(query)]

    def names(self) -> list[tuple[int, str, str | None]]:
        """(id, name, country) of every source, by name: menus need no more than that."""
        with self._sessions() as session:
            query = select(SourceRow.id, SourceRow.name, SourceRow.country).order_by(
                SourceRow.name, SourceRow.id
            )
            return [(int(i), str(n), c) for i, n, c in session.execute(query)]

    def due(self, now: datetime) -> list[Source]:
        """Enabled sources never polled, or whose poll interval has passed."""
        due: list[Source] = []
        for source in self.all(enabled_only=True):
            last = source.health.last_attempt
            if last is None or now - last >= timedelta(minutes=source.poll_interval_minutes):
                due.append(source)
        return due

    def record_poll(
        self,
        source_id: int,
        *,
        at: datetime,
        error: str | None,
        items_seen: int | None,
        empty_extractions: int = 0,
    ) -> None:
        """Update health after one poll: success resets the failure count."""
        self.record_polls([PollRecord(source_id, at, error, items_seen, empty_extractions)])

    def record_polls(self, polls: Sequence[PollRecord]) -> None:
        """Health updates of many polls in one transaction (a crawl of thousands of feeds)."""
        if not polls:
            return
        with self._sessions() as session:
            ids = list({p.source_id for p in polls})
            rows = {
                r.id: r for r in session.scalars(select(SourceRow).where(SourceRow.id.in_(ids)))
            }
            for poll in polls:
                row = rows.get(poll.source_id)
                if row is not None:
                    _apply_poll(row, poll)
            session.commit()


@dataclass(frozen=True)
class PollRecord:
    """The outcome of one poll, as health bookkeeping needs it."""

    source_id: int
    at: datetime
    error: str | None
    items_seen: int | None
    empty_extractions: int = 0


def _apply_poll(row: SourceRow, poll: PollRecord) -> None:
    row.last_attempt = poll.at
    if poll.error is None:
        row.last_success = poll.at
        row.consecutive_failures = 0
        row.last_error = None
        row.empty_extractions = poll.empty_extractions
    else:
        row.consecutive_failures += 1
        row.last_error = poll.error[:2000]
    if poll.items_seen is not None:
        row.items_previous_poll = row.items_last_poll
        row.items_last_poll = poll.items_seen
