"""Background jobs' records: what was asked, how far it got, and how it ended.

The records outlive the runner that executes them (a thread pool today, a task queue
later): whatever runs a job moves it queued → running → done | failed through this
repository only, so the pages that follow a job need not know who ran it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.errors import NotFoundError
from kuaibao.store.models import JobRow

ERROR_CHARS = 4_000


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Job:
    """One background job; ``done``/``total`` is its progress (0/0 before it counts)."""

    id: int
    kind: str
    params: dict[str, Any]
    state: JobState
    done: int
    total: int
    result: dict[str, Any] | None
    error: str | None
    created_by: str | None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)


def _from_row(row: JobRow) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        params=dict(row.params or {}),
        state=JobState(row.state),
        done=row.done,
        total=row.total,
        result=dict(row.result) if row.result is not None else None,
        error=row.error,
        created_by=row.created_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )


class JobRepository:
    """Jobs by id; every change is one short transaction, safe from any thread."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def add(
        self, kind: str, params: dict[str, Any], *, created_by: str | None, now: datetime
    ) -> Job:
        with self._sessions() as session:
            row = JobRow(
                kind=kind,
                params=params,
                state=JobState.QUEUED.value,
                done=0,
                total=0,
                created_by=created_by,
                created_at=now,
            )
            session.add(row)
            session.commit()
            return _from_row(row)

    def get(self, job_id: int) -> Job:
        with self._sessions() as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise NotFoundError(f"no job with id {job_id}")
            return _from_row(row)

    def start(self, job_id: int, *, now: datetime) -> bool:
        """Claim a queued job; False when it is not queued (another runner took it)."""
        with self._sessions() as session:
            claimed = session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.state == JobState.QUEUED.value)
                .values(state=JobState.RUNNING.value, started_at=now)
            )
            session.commit()
            return bool(claimed.rowcount)  # type: ignore[attr-defined]

    def progress(self, job_id: int, done: int, total: int) -> None:
        with self._sessions() as session:
            session.execute(
                update(JobRow).where(JobRow.id == job_id).values(done=done, total=total)
            )
            session.commit()

    def finish(self, job_id: int, result: dict[str, Any], *, now: datetime) -> Job:
        return self._end(job_id, JobState.DONE, now=now, result=result)

    def fail(self, job_id: int, error: str, *, now: datetime) -> Job:
        return self._end(job_id, JobState.FAILED, now=now, error=error[:ERROR_CHARS])

    def _end(
        self,
        job_id: int,
        state: JobState,
        *,
        now: datetime,
        result: dict[str, Any] | None = None,
        error: str | None = None,
    ) -> Job:
        with self._sessions() as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise NotFoundError(f"no job with id {job_id}")
            row.state = state.value
            row.result = result
            row.error = error
            row.finished_at = now
            session.commit()
            session.refresh(row)  # as stored (cleaned text), as ``get`` will answer
            return _from_row(row)

    def in_state(self, state: JobState) -> list[Job]:
        with self._sessions() as session:
            query = select(JobRow).where(JobRow.state == state.value).order_by(JobRow.id)
            return [_from_row(row) for row in session.scalars(query)]

    def requeue_running(self) -> list[Job]:
        """Queue again every job left ``running`` (its process died): the jobs' kinds are
        idempotent, so running one twice leaves what running it once would."""
        with self._sessions() as session:
            rows = list(
                session.scalars(
                    select(JobRow).where(JobRow.state == JobState.RUNNING.value).order_by(JobRow.id)
                )
            )
            for row in rows:
                row.state = JobState.QUEUED.value
                row.started_at = None
            session.commit()
            return [_from_row(row) for row in rows]
