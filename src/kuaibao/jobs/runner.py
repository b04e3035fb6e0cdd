"""The in-process runner: a small thread pool that executes queued jobs.

It is the one part a real task queue replaces: it only claims a job (queued → running),
calls its kind's function with a progress callback that writes to the job's record, and
ends it as done (with the result) or failed (with the error's message). Anything
unexpected fails the job rather than the process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from kuaibao.jobs.kinds import JobContext, kind_function
from kuaibao.store import Job, JobState, Store

log = logging.getLogger(__name__)


class JobRunner:
    """Runs jobs of ``store.jobs`` on ``workers`` threads; ``context_for`` builds each
    job's context (the app's store and catalogues, and the user who asked)."""

    def __init__(
        self,
        store: Store,
        context_for: Callable[[Job], JobContext],
        *,
        workers: int = 2,
    ) -> None:
        self._store = store
        self._context_for = context_for
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kuaibao-job")

    def submit(self, kind: str, params: dict[str, Any], *, created_by: str | None) -> Job:
        """Record a job and queue it; the caller answers with it at once."""
        kind_function(kind)  # an unknown kind is refused here, not in the background
        job = self._store.jobs.add(kind, params, created_by=created_by, now=_now())
        self._queue(job.id)
        return job

    def resume(self) -> list[Job]:
        """At start-up: queue again the jobs a dead process left running, and the queued
        ones nobody ran."""
        self._store.jobs.requeue_running()
        pending = self._store.jobs.in_state(JobState.QUEUED)
        for job in pending:
            self._queue(job.id)
        return pending

    def _queue(self, job_id: int) -> None:
        self._pool.submit(self.run, job_id)

    def run(self, job_id: int) -> None:
        """Run one job to its end, here and now (the pool's threads call this)."""
        jobs = self._store.jobs
        if not jobs.start(job_id, now=_now()):
            return
        job = jobs.get(job_id)
        try:
            function = kind_function(job.kind)
            result = function(
                self._context_for(job),
                job.params,
                lambda done, total: jobs.progress(job_id, done, total),
            )
        except Exception as exc:  # a job's failure is its record's, never the app's
            log.info("job %s (%s) failed: %s", job_id, job.kind, exc)
            jobs.fail(job_id, str(exc) or type(exc).__name__, now=_now())
            return
        jobs.finish(job_id, result, now=_now())

    def shutdown(self, *, wait: bool = True) -> None:
        """Stop taking jobs; with ``wait``, let the running ones end first. Jobs not begun
        stay ``queued`` in the store and are run at the next start (``resume``)."""
        self._pool.shutdown(wait=wait, cancel_futures=True)


def _now() -> datetime:
    return datetime.now(UTC)
