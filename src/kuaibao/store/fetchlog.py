"""The fetch log (every HTTP attempt) and stored validators for conditional GET."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.domain import FetchLogEntry, RobotsAnswer
from kuaibao.store.convert import log_from_row, log_to_row
from kuaibao.store.models import FetchLogRow, HttpCacheRow, RobotsRow


class FetchLogRepository:
    """Append-only log of attempts plus the ETag/Last-Modified cache."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add_many(self, entries: Sequence[FetchLogEntry]) -> None:
        if not entries:
            return
        with self._sessions() as session:
            session.add_all([log_to_row(e) for e in entries])
            session.commit()

    def recent(self, *, source_id: int | None = None, limit: int = 100) -> list[FetchLogEntry]:
        with self._sessions() as session:
            query = select(FetchLogRow).order_by(FetchLogRow.id.desc()).limit(limit)
            if source_id is not None:
                query = query.where(FetchLogRow.source_id == source_id)
            return [log_from_row(row) for row in session.scalars(query)]

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) last seen for this URL, for a conditional GET."""
        with self._sessions() as session:
            row = session.get(HttpCacheRow, url)
            return (row.etag, row.last_modified) if row else (None, None)

    def validators_many(self, urls: Sequence[str]) -> dict[str, tuple[str | None, str | None]]:
        """Validators of many URLs in a few queries, for a crawl of thousands of feeds."""
        found: dict[str, tuple[str | None, str | None]] = {}
        wanted = list(dict.fromkeys(urls))
        with self._sessions() as session:
            for i in range(0, len(wanted), 500):
                query = select(HttpCacheRow).where(HttpCacheRow.url.in_(wanted[i : i + 500]))
                for row in session.scalars(query):
                    found[row.url] = (row.etag, row.last_modified)
        return found

    def save_validators(
        self, url: str, etag: str | None, last_modified: str | None, *, now: datetime
    ) -> None:
        if not etag and not last_modified:
            return
        with self._sessions() as session:
            row = session.get(HttpCacheRow, url)
            if row is None:
                row = HttpCacheRow(url=url)
                session.add(row)
            row.etag = etag[:500] if etag else None
            row.last_modified = last_modified[:100] if last_modified else None
            row.updated_at = now
            session.commit()

    def robots_answers(self, origins: Sequence[str]) -> dict[str, RobotsAnswer]:
        """Remembered robots.txt answers of these origins."""
        found: dict[str, RobotsAnswer] = {}
        wanted = list(dict.fromkeys(origins))
        with self._sessions() as session:
            for i in range(0, len(wanted), 500):
                query = select(RobotsRow).where(RobotsRow.origin.in_(wanted[i : i + 500]))
                for row in session.scalars(query):
                    found[row.origin] = RobotsAnswer(
                        row.origin, row.status, row.body, row.fetched_at
                    )
        return found

    def save_robots(self, answers: Sequence[RobotsAnswer]) -> None:
        """Remember robots.txt answers (the newest per origin wins)."""
        if not answers:
            return
        latest = {a.origin: a for a in answers}
        with self._sessions() as session:
            for answer in latest.values():
                row = session.get(RobotsRow, answer.origin) or RobotsRow(origin=answer.origin)
                row.status = answer.status
                row.body = answer.body[:500_000]
                row.fetched_at = answer.fetched_at
                session.add(row)
            session.commit()
