"""A background job as the API and the pages show it.

Only the record is shown (``store.jobs``), never the runner, so the same answers hold
when a task queue runs the jobs instead of the app's threads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from starlette.responses import JSONResponse

from kuaibao.store import Job, JobState


class JobOut(BaseModel):
    """A job: follow it at ``/api/jobs/{id}`` until ``state`` is ``done`` or ``failed``."""

    id: int
    kind: str
    state: JobState
    done: int = Field(description="Steps finished (stories drafted or failed)")
    total: int = Field(description="Steps in all; 0 until the job has counted them")
    params: dict[str, Any]
    result: dict[str, Any] | None = Field(
        description="draft_story: {story, item, writer, note, check_ok}; "
        "draft_accepted: {drafted: [...], failed: [{story, error}]}; "
        "rewrite_paragraph: {item, paragraph, version, original, text, unsupported, "
        "rounds, writer, key_sentences}"
    )
    error: str | None
    item: int | None = Field(
        description="The item a finished draft_story job made or found, or a finished "
        "rewrite_paragraph job rewrote a paragraph of"
    )
    created_by: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def job_item(job: Job) -> int | None:
    """The item a finished single-story draft points to (the page links to it)."""
    if job.state is not JobState.DONE or job.result is None:
        return None
    item = job.result.get("item")
    return item if isinstance(item, int) else None


def job_out(job: Job) -> JobOut:
    return JobOut(
        id=job.id,
        kind=job.kind,
        state=job.state,
        done=job.done,
        total=job.total,
        params=job.params,
        result=job.result,
        error=job.error,
        item=job_item(job),
        created_by=job.created_by,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
    )


def accepted(job: JobOut) -> JSONResponse:
    """202 with the job, and where to follow it."""
    return JSONResponse(
        job.model_dump(mode="json"),
        status_code=202,
        headers={"Location": f"/api/jobs/{job.id}"},
    )
