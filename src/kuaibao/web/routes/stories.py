"""The story view: every report of a story side by side, facts marked, and drafting.

Drafting calls ``pipeline.drafting.draft_story`` (as ``kuaibao triage draft``): the item
is written, fact-checked, stored and linked to the story, which it accepts; the page then
goes to the item (``/items/{id}``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.draft.llm import writer_from_settings
from kuaibao.web.auth.roles import AnalystUser
from kuaibao.web.catalogs import gazetteer_for
from kuaibao.web.deps import StateDep
from kuaibao.web.fact_marks import KINDS, highlight
from kuaibao.web.routes.triage import labels_context
from kuaibao.web.schemas import Id, errors
from kuaibao.web.state import utcnow
from kuaibao.web.story_changes import DraftIn, DraftOut, draft, draft_out
from kuaibao.web.story_views import StoryDetail, build_story
from kuaibao.web.templating import render

router = APIRouter()


@router.get("/api/stories/{story_id}", response_model=StoryDetail, responses=errors(404))
def story_api(story_id: Id, me: AnalystUser, state: StateDep) -> StoryDetail:
    """A story with its reports (lead first): title, URL, source, dates, extracted text
    and the facts found in it as character spans of the text."""
    return build_story(state.store, story_id, gazetteer_for(state.store, state.settings))


@router.get("/stories/{story_id}", include_in_schema=False)
def story_page(request: Request, story_id: Id, me: AnalystUser, state: StateDep) -> HTMLResponse:
    detail = build_story(state.store, story_id, gazetteer_for(state.store, state.settings))
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
    response_model=DraftOut,
    status_code=201,
    responses=errors(400, 404, 409),
)
def draft_api(story_id: Id, body: DraftIn, me: AnalystUser, state: StateDep) -> DraftOut:
    """Draft a Chinese item for the story, check its facts against the reports, store it
    and accept the story. 409 when the story already has an item."""
    outcome = draft(
        state.store,
        state.settings,
        story_id,
        use_llm=body.llm,
        user=me.user,
        now=utcnow(),
    )
    return draft_out(story_id, outcome)


@router.post("/stories/{story_id}/draft", include_in_schema=False)
def draft_form(
    story_id: Id,
    me: AnalystUser,
    state: StateDep,
    llm: Annotated[bool, Form()] = False,
) -> Response:
    outcome = draft(state.store, state.settings, story_id, use_llm=llm, user=me.user, now=utcnow())
    return RedirectResponse(f"/items/{outcome.item.id}", status_code=303)
