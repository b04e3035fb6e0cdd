"""The story view: every report of a story side by side, facts marked, and drafting.

Drafting is a background job (``jobs.kinds.DRAFT_STORY``, which calls
``pipeline.drafting.draft_story`` as ``kuaibao triage draft`` does): the request answers at
once — 202 and the job for the API, a redirect to the job's page (``/jobs/{id}``) for the
form — and the item is written, fact-checked, stored and linked to the story, which it
accepts, while the page follows the job and then links to the item.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.draft.llm import writer_from_settings
from kuaibao.web.core.auth.roles import AnalystUser
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.jobs import JobOut, accepted, job_out
from kuaibao.web.core.schemas import Id, errors
from kuaibao.web.core.templating import render
from kuaibao.web.triage.changes import DraftIn, start_draft
from kuaibao.web.triage.fact_marks import KINDS, highlight
from kuaibao.web.triage.pages import labels_context
from kuaibao.web.triage.views import StoryDetail, build_story

router = APIRouter()


@router.get("/api/stories/{story_id}", response_model=StoryDetail, responses=errors(404))
def story_api(story_id: Id, me: AnalystUser, state: StateDep) -> StoryDetail:
    """A story with its reports (lead first): title, URL, source, dates, extracted text
    and the facts found in it as character spans of the text."""
    return build_story(state.store, story_id, state.context.catalogs.named_gazetteer())


@router.get("/stories/{story_id}", include_in_schema=False)
def story_page(request: Request, story_id: Id, me: AnalystUser, state: StateDep) -> HTMLResponse:
    detail = build_story(state.store, story_id, state.context.catalogs.named_gazetteer())
    texts = {d.id: highlight(d.text, [f.span() for f in d.facts]) for d in detail.documents}
    return render(
        request,
        "triage_story.html",
        me,
        detail=detail,
        story=detail.story,
        texts=texts,
        fact_kinds=KINDS,
        llm_available=writer_from_settings(state.settings) is not None,
        back=f"/stories/{story_id}",
        **labels_context(state),
    )


@router.post(
    "/api/stories/{story_id}/draft",
    response_model=JobOut,
    status_code=202,
    responses=errors(400, 404, 409),
)
def draft_api(story_id: Id, body: DraftIn, me: AnalystUser, state: StateDep) -> Response:
    """Draft a Chinese item for the story in the background: 202 with the job
    (``Location: /api/jobs/{id}``; its result names the item). The job checks the draft's
    facts against the reports, stores it and accepts the story. 409 when the story already
    has an item, 400 when the LLM is asked for but not configured."""
    job = start_draft(
        state.store, state.settings, state.jobs, story_id, use_llm=body.llm, user=me.user
    )
    return accepted(job_out(job))


@router.post("/stories/{story_id}/draft", include_in_schema=False)
def draft_form(
    story_id: Id,
    me: AnalystUser,
    state: StateDep,
    llm: Annotated[bool, Form()] = False,
) -> Response:
    job = start_draft(state.store, state.settings, state.jobs, story_id, use_llm=llm, user=me.user)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
