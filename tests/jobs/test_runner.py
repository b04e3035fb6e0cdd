"""The in-process runner on a real store: results and progress are recorded, an unexpected
error fails the job (not the process), and jobs not begun at shutdown stay queued."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pytest

from kuaibao.errors import KuaibaoError
from kuaibao.jobs import kinds
from kuaibao.jobs.kinds import JobContext, Progress
from kuaibao.jobs.runner import JobRunner
from kuaibao.store import Job, JobState, Store
from tests.web.conftest import web_settings


def ended(store: Store, job_id: int) -> Job:
    """The job once it has ended (bounded polls, not a timing)."""
    for _ in range(600):
        job = store.jobs.get(job_id)
        if job.finished:
            return job
        threading.Event().wait(0.05)
    raise AssertionError(f"job {job_id} never ended")


@pytest.fixture
def runner(store: Store, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> JobRunner:
    release = threading.Event()

    def waits(ctx: JobContext, params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        progress(0, 2)
        release.wait(30)
        progress(2, 2)
        return {"echo": params.get("n")}

    def breaks(ctx: JobContext, params: Mapping[str, Any], progress: Progress) -> dict[str, Any]:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(kinds.KINDS, "waits", waits)
    monkeypatch.setitem(kinds.KINDS, "breaks", breaks)
    settings = web_settings(tmp_path, store.url)

    def context_for(job: Job) -> JobContext:
        return JobContext(store, settings, taxonomy=lambda: None, gazetteer=lambda: None)  # type: ignore[arg-type,return-value]

    made = JobRunner(store, context_for, workers=1)
    made.release = release  # type: ignore[attr-defined]
    return made


def test_results_errors_and_unknown_kinds(runner: JobRunner, store: Store) -> None:
    runner.release.set()  # type: ignore[attr-defined]
    ok = runner.submit("waits", {"n": 3}, created_by="ana")
    broken = runner.submit("breaks", {}, created_by="ana")
    with pytest.raises(KuaibaoError, match="unknown job kind"):
        runner.submit("nonsense", {}, created_by="ana")
    for job in (ok, broken):
        ended(store, job.id)
    runner.shutdown()
    done = store.jobs.get(ok.id)
    assert done.state is JobState.DONE and done.result == {"echo": 3}
    assert (done.done, done.total) == (2, 2)
    failed = store.jobs.get(broken.id)
    assert failed.state is JobState.FAILED and failed.error == "division by zero"


def test_jobs_not_begun_at_shutdown_stay_queued(runner: JobRunner, store: Store) -> None:
    first = runner.submit("waits", {"n": 1}, created_by=None)
    second = runner.submit("waits", {"n": 2}, created_by=None)
    for _ in range(600):  # the first one has begun
        if store.jobs.get(first.id).total:
            break
        threading.Event().wait(0.05)
    stopping = threading.Thread(target=runner.shutdown)
    stopping.start()
    runner.release.set()  # type: ignore[attr-defined]
    stopping.join()
    assert store.jobs.get(first.id).state is JobState.DONE
    assert store.jobs.get(second.id).state is JobState.QUEUED, "left for the next start"
