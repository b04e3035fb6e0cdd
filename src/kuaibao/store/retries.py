"""Articles whose fetch failed for a passing reason, waiting for their next attempt.

The crawler saves a feed's validators after every poll; an article that answered 503 or
timed out is not lost by that, because it is written here first and retried on later
passes whatever the feed answers (a 304 included). The back-off policy is the caller's
(:mod:`kuaibao.pipeline.retries`); this repository only keeps the records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.store.models import EntryRetryRow

_CHUNK = 500


@dataclass(frozen=True)
class EntryRetry:
    """One article URL that failed ``attempts`` times and is due again at ``next_attempt_at``."""

    url: str
    source_id: int | None
    attempts: int
    first_failed_at: datetime
    last_failed_at: datetime
    next_attempt_at: datetime
    last_reason: str
    last_detail: str | None = None


def _from_row(row: EntryRetryRow) -> EntryRetry:
    return EntryRetry(
        url=row.url,
        source_id=row.source_id,
        attempts=row.attempts,
        first_failed_at=row.first_failed_at,
        last_failed_at=row.last_failed_at,
        next_attempt_at=row.next_attempt_at,
        last_reason=row.last_reason,
        last_detail=row.last_detail,
    )


class EntryRetryRepository:
    """Retry records by URL; written before the feed's validators, so a kill loses none."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def for_sources(self, source_ids: Iterable[int]) -> dict[int, list[EntryRetry]]:
        """Every pending retry of these sources (due or not), by source, oldest first."""
        wanted = list(dict.fromkeys(source_ids))
        found: dict[int, list[EntryRetry]] = {}
        with self._sessions() as session:
            for i in range(0, len(wanted), _CHUNK):
                query = (
                    select(EntryRetryRow)
                    .where(EntryRetryRow.source_id.in_(wanted[i : i + _CHUNK]))
                    .order_by(EntryRetryRow.first_failed_at, EntryRetryRow.url)
                )
                for row in session.scalars(query):
                    found.setdefault(row.source_id or 0, []).append(_from_row(row))
        return found

    def get(self, url: str) -> EntryRetry | None:
        with self._sessions() as session:
            row = session.get(EntryRetryRow, url)
            return _from_row(row) if row is not None else None

    def save(self, retry: EntryRetry) -> None:
        """Insert or replace the record of ``retry.url``."""
        with self._sessions() as session:
            row = session.get(EntryRetryRow, retry.url) or EntryRetryRow(url=retry.url)
            row.source_id = retry.source_id
            row.attempts = retry.attempts
            row.first_failed_at = retry.first_failed_at
            row.last_failed_at = retry.last_failed_at
            row.next_attempt_at = retry.next_attempt_at
            row.last_reason = retry.last_reason[:60]
            row.last_detail = (retry.last_detail or "")[:4000] or None
            session.add(row)
            session.commit()

    def clear(self, urls: Sequence[str]) -> None:
        """Forget these URLs: stored, rejected for good, or given up."""
        wanted = list(dict.fromkeys(urls))
        if not wanted:
            return
        with self._sessions() as session:
            for i in range(0, len(wanted), _CHUNK):
                session.execute(
                    delete(EntryRetryRow).where(EntryRetryRow.url.in_(wanted[i : i + _CHUNK]))
                )
            session.commit()

    def all(self) -> list[EntryRetry]:
        with self._sessions() as session:
            query = select(EntryRetryRow).order_by(EntryRetryRow.next_attempt_at)
            return [_from_row(row) for row in session.scalars(query)]
