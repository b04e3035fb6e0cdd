"""Background jobs: their state as JSON, a page that follows one, and batch drafting.

The page polls a small fragment with htmx (``hx-trigger="every 1s"``) until the job ends,
then shows a link to what it made; without htmx a plain reload shows the same.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from kuaibao.jobs.kinds import DRAFT_ACCEPTED, REWRITE_PARAGRAPH
from kuaibao.web.core.auth.roles import AnalystUser
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.jobs import JobOut, accepted, job_item, job_out
from kuaibao.web.core.schemas import Id, errors
from kuaibao.web.core.templating import render
from kuaibao.web.triage.changes import DraftIn

router = APIRouter()


@router.get("/api/jobs/{job_id}", response_model=JobOut, responses=errors(404))
def job_api(job_id: Id, me: AnalystUser, state: StateDep) -> JobOut:
    """A background job's state, progress, and result or error."""
    return job_out(state.store.jobs.get(job_id))


@router.post(
    "/api/drafts",
    response_model=JobOut,
    status_code=202,
    responses=errors(),
)
def draft_accepted_api(body: DraftIn, me: AnalystUser, state: StateDep) -> Response:
    """Draft every accepted story that has no item yet, in the background: 202 with the
    job (``Location: /api/jobs/{id}``); its result lists the items and the failures. Asked
    for the LLM writer when none is configured, the job fails with that reason."""
    job = state.jobs.submit(DRAFT_ACCEPTED, {"llm": body.llm}, created_by=me.user.name)
    return accepted(job_out(job))


@router.post("/drafts", include_in_schema=False)
def draft_accepted_form(me: AnalystUser, state: StateDep) -> Response:
    job = state.jobs.submit(DRAFT_ACCEPTED, {"llm": False}, created_by=me.user.name)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", include_in_schema=False)
def job_page(request: Request, job_id: Id, me: AnalystUser, state: StateDep) -> Response:
    """The job's page, or (asked by htmx's poll) its state fragment.

    A finished one-story draft sends the browser on to the item editor (a 303, or
    ``HX-Redirect`` for the poll): the analyst clicked 起草 to write, not to watch a job.
    A batch stays on its page, which lists what it made.
    """
    job = state.store.jobs.get(job_id)
    item = job_item(job)
    # A paragraph rewrite is shown in the editor, beside the text it would replace.
    target = f"/items/{item}" + (f"?rewrite={job.id}" if job.kind == REWRITE_PARAGRAPH else "")
    polled = bool(request.headers.get("HX-Request"))
    if item is not None and not polled:
        return RedirectResponse(target, status_code=303)
    response = render(request, "job_state.html" if polled else "job.html", me, job=job, item=item)
    if item is not None:
        response.headers["HX-Redirect"] = target
    return response
