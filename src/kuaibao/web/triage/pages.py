"""The triage queue: ranked stories with filters, and accept / reject / relabel decisions.

Every decision is stored (``store.stories.decisions()``) as a training label for the
classifier, with the name of the analyst who made it. The queue is one indexed query per
page (``store.stories.ranked``), so it stays fast on a large store.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query
from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import TriageAction
from kuaibao.web.core.auth.roles import AnalystUser, Principal
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.schemas import Id, errors
from kuaibao.web.core.state import AppState, utcnow
from kuaibao.web.core.templating import render
from kuaibao.web.triage.changes import DecisionIn, decide
from kuaibao.web.triage.views import (
    QueueFilters,
    StateFilter,
    StoryOut,
    StoryPage,
    build_queue,
    country_choices,
    domain_choices,
    one_story,
    safe_return,
    section_choices,
    source_choices,
    stays_in_queue,
)

router = APIRouter()

QUEUE = "/triage"


def labels_context(state: AppState) -> dict[str, Any]:
    """What the row and story templates need to offer and name domains and sections."""
    taxonomy = state.context.catalogs.taxonomy()
    sections = section_choices(taxonomy)
    return {
        "domains": domain_choices(taxonomy),
        "sections": sections,
        "section_en": {c.value: c.en for c in sections},
    }


@router.get("/api/stories", response_model=StoryPage, responses=errors())
def stories_api(
    me: AnalystUser, state: StateDep, filters: Annotated[QueueFilters, Query()]
) -> StoryPage:
    """Ranked stories, best first, with the reasons for their rank; filter and page with
    the query parameters (``next_offset`` is null on the last page)."""
    return build_queue(state.store, filters)


@router.get("/triage", include_in_schema=False)
def triage_page(
    request: Request, me: AnalystUser, state: StateDep, filters: Annotated[QueueFilters, Query()]
) -> HTMLResponse:
    page = build_queue(state.store, filters)
    sources = state.source_names.get()
    here = QUEUE + (f"?{request.url.query}" if request.url.query else "")

    def page_url(offset: int | None) -> str | None:
        if offset is None:
            return None
        query = filters.query(offset=offset)
        return QUEUE + (f"?{query}" if query else "")

    return render(
        request,
        "triage.html",
        me,
        page=page,
        filters=filters,
        source_options=source_choices(sources),
        countries=country_choices(sources),
        states=["new", "accepted", "rejected", "all"],
        back=here,
        queue_state=filters.state,
        previous_url=page_url(page.previous_offset),
        next_url=page_url(page.next_offset),
        **labels_context(state),
    )


@router.post(
    "/api/stories/{story_id}/decision", response_model=StoryOut, responses=errors(400, 404)
)
def decision_api(story_id: Id, body: DecisionIn, me: AnalystUser, state: StateDep) -> StoryOut:
    """Accept, reject or relabel a story (relabel needs a domain and/or section; unknown
    ones are refused with 400). The decision is kept as a training label."""
    story = decide(
        state.store,
        state.context.catalogs.taxonomy(),
        story_id,
        body,
        user=me.user.name,
        now=utcnow(),
    )
    return one_story(state.store, story.id)


def _decision_in(action: TriageAction, domain: str, section: str) -> DecisionIn:
    try:
        return DecisionIn(action=action, domain=domain or None, section=section or None)
    except ValidationError as exc:
        raise HTTPException(422, "invalid domain or section") from exc


@router.post("/stories/{story_id}/decision", include_in_schema=False)
def decision_form(
    request: Request,
    story_id: Id,
    me: AnalystUser,
    state: StateDep,
    action: Annotated[TriageAction, Form()],
    domain: Annotated[str, Form(max_length=100)] = "",
    section: Annotated[str, Form(max_length=100)] = "",
    back: Annotated[str, Form(alias="next", max_length=2000)] = "",
    queue_state: Annotated[StateFilter | None, Form()] = None,
) -> Response:
    """The queue's and the story view's decision forms. From the queue with htmx, the
    answer is the story's row again, or nothing when the story has left the queue shown
    (accepting removes the row in place); otherwise back to the page (POST-redirect-GET)."""
    decision = _decision_in(action, domain, section)
    story = decide(
        state.store,
        state.context.catalogs.taxonomy(),
        story_id,
        decision,
        user=me.user.name,
        now=utcnow(),
    )
    if request.headers.get("HX-Request") and queue_state is not None:
        return _row(request, me, state, one_story(state.store, story.id), queue_state, back)
    return RedirectResponse(safe_return(back, QUEUE), status_code=303)


def _row(
    request: Request,
    me: Principal,
    state: AppState,
    story: StoryOut,
    queue_state: StateFilter,
    back: str,
) -> Response:
    if not stays_in_queue(story, queue_state):
        return HTMLResponse("")
    return render(
        request,
        "triage_row.html",
        me,
        story=story,
        queue_state=queue_state,
        back=safe_return(back, QUEUE),
        **labels_context(state),
    )
