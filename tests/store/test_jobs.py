"""Background jobs' records on SQLite and PostgreSQL: the life of a job, claiming it once,
and what a dead process leaves behind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kuaibao.errors import NotFoundError
from kuaibao.store import JobState, Store
from kuaibao.store.jobs import ERROR_CHARS

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def test_a_job_goes_from_queued_to_done_with_progress_and_result(store: Store) -> None:
    job = store.jobs.add("draft_story", {"story": 3, "llm": False}, created_by="ana", now=NOW)
    assert (job.state, job.done, job.total, job.started_at) == (JobState.QUEUED, 0, 0, None)
    assert store.jobs.start(job.id, now=NOW + timedelta(seconds=1))
    assert not store.jobs.start(job.id, now=NOW), "claimed once: a second runner gets nothing"
    store.jobs.progress(job.id, 1, 2)
    running = store.jobs.get(job.id)
    assert (running.state, running.done, running.total) == (JobState.RUNNING, 1, 2)
    assert running.started_at == NOW + timedelta(seconds=1) and not running.finished
    ended = store.jobs.finish(job.id, {"item": 7, "note": "备注"}, now=NOW + timedelta(seconds=5))
    again = store.jobs.get(job.id)
    assert ended == again and again.state is JobState.DONE and again.finished
    assert again.result == {"item": 7, "note": "备注"} and again.error is None
    assert again.params == {"story": 3, "llm": False} and again.created_by == "ana"
    assert again.created_at == NOW and again.finished_at == NOW + timedelta(seconds=5)


def test_a_failed_job_keeps_its_reason_cut_to_size(store: Store) -> None:
    job = store.jobs.add("draft_accepted", {}, created_by=None, now=NOW)
    store.jobs.start(job.id, now=NOW)
    failed = store.jobs.fail(job.id, "报道没有文档\x00" + "x" * 10_000, now=NOW)
    assert failed.state is JobState.FAILED and failed.result is None
    assert failed.error is not None and len(failed.error) <= ERROR_CHARS
    assert store.jobs.get(job.id).error == failed.error


def test_running_jobs_of_a_dead_process_are_queued_again(store: Store) -> None:
    done = store.jobs.add("draft_story", {"story": 1}, created_by=None, now=NOW)
    store.jobs.start(done.id, now=NOW)
    store.jobs.finish(done.id, {}, now=NOW)
    stale = [store.jobs.add("draft_story", {"story": n}, created_by=None, now=NOW) for n in (2, 3)]
    for job in stale:
        store.jobs.start(job.id, now=NOW)
    waiting = store.jobs.add("draft_story", {"story": 4}, created_by=None, now=NOW)
    assert [j.id for j in store.jobs.in_state(JobState.RUNNING)] == [j.id for j in stale]

    requeued = store.jobs.requeue_running()
    assert [j.id for j in requeued] == [j.id for j in stale]
    assert all(j.state is JobState.QUEUED and j.started_at is None for j in requeued)
    queued = [j.id for j in store.jobs.in_state(JobState.QUEUED)]
    assert queued == [stale[0].id, stale[1].id, waiting.id]
    assert store.jobs.get(done.id).state is JobState.DONE
    assert store.jobs.requeue_running() == []


def test_unknown_jobs_are_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.jobs.get(4242)
    with pytest.raises(NotFoundError):
        store.jobs.finish(4242, {}, now=NOW)
