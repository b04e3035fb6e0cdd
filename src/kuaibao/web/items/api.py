"""The items' JSON API: list, read, edit, check, submit, approve and redraft under /api/.

The pages' twins (``web.items.pages``), on the same models and library calls. A save
based on an older version answers 409 with the current item, so a script never
overwrites someone else's edit; an approval the fact check refuses answers 400 with the
unsupported facts.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from starlette.responses import JSONResponse, Response

from kuaibao.domain import ItemState
from kuaibao.errors import ConflictError, ReviewError
from kuaibao.web.core.auth.roles import AnalystUser, EditorUser
from kuaibao.web.core.deps import StateDep, StoreDep
from kuaibao.web.core.jobs import JobOut, accepted, job_out
from kuaibao.web.core.schemas import Id, Label, errors
from kuaibao.web.items.changes import (
    ApproveIn,
    CheckIn,
    ItemEdit,
    RedraftIn,
    VersionIn,
    approve_at,
    redraft,
    save_edit,
    submit_at,
)
from kuaibao.web.items.desk_views import Desk, desk_for
from kuaibao.web.items.editing import ItemFields, paragraphs
from kuaibao.web.items.rewrite_changes import (
    MAX_PARAGRAPH,
    RewriteIn,
    RewriteNotReadyError,
    accept_rewrite,
    start_rewrite,
)
from kuaibao.web.items.views import (
    MAX_OFFSET,
    PAGE_SIZE,
    ApproveOut,
    ApproveRefused,
    CheckOut,
    FactOut,
    ItemConflict,
    ItemDetail,
    ItemList,
    ItemOut,
    RedraftOut,
    Revision,
    build_detail,
    build_list,
    history_of,
    run_check,
)

router = APIRouter()

_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ItemConflict, "description": "Someone saved the item since"}
}
_REFUSED: dict[int | str, dict[str, Any]] = {
    400: {"model": ApproveRefused, "description": "Not approved (the detail says why)"}
}


@router.get("/api/items", response_model=ItemList, responses=errors())
def list_items_api(
    me: AnalystUser,
    store: StoreDep,
    state: ItemState | None = None,
    domain: Label | None = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
) -> ItemList:
    """Items, newest first, optionally in one workflow state and one domain."""
    return build_list(store, state, domain, offset, limit)


@router.get("/api/items/{item_id}", response_model=ItemDetail, responses=errors(404))
def item_api(item_id: Id, me: AnalystUser, state: StateDep) -> ItemDetail:
    """One item with its sources, the fact check of its text and its edit history."""
    return build_detail(state, state.store.items.get(item_id))


@router.get("/api/items/{item_id}/history", response_model=list[Revision], responses=errors(404))
def history_api(item_id: Id, me: AnalystUser, store: StoreDep) -> list[Revision]:
    """Every saved version: number, time, editor, note (e.g. an approval override's
    reason) and the fields as saved."""
    store.items.get(item_id)
    return history_of(store, item_id)


@router.put(
    "/api/items/{item_id}",
    response_model=ItemOut,
    responses={**errors(400, 404), **_CONFLICT},
)
def edit_item_api(item_id: Id, body: ItemEdit, me: AnalystUser, state: StateDep) -> Response:
    """Save an edit based on ``version``. 409 with the current item when someone saved
    since (nothing is overwritten); 400 when a field is invalid or the item is published."""
    current = ItemFields.of(state.store.items.get(item_id))
    given = body.model_dump(exclude_unset=True, exclude={"version"})
    for key in ("title", "body", "contributors", "source_urls"):
        if given.get(key, "") is None:
            del given[key]  # required fields: null keeps them
    if "body" in given:
        given["body"] = paragraphs("\n".join(given["body"]))
    change = replace(current, **given)
    try:
        saved, _ = save_edit(state, item_id, body.version, change, editor=me.user.name)
    except ConflictError as exc:
        now = ItemOut.of(state.store.items.get(item_id))
        conflict = ItemConflict(detail=str(exc), current=now)
        return JSONResponse(conflict.model_dump(mode="json"), status_code=409)
    return JSONResponse(ItemOut.of(saved).model_dump(mode="json"))


@router.post("/api/items/{item_id}/check", response_model=CheckOut, responses=errors(404))
def check_item_api(item_id: Id, body: CheckIn, me: AnalystUser, state: StateDep) -> CheckOut:
    """Check text as typed against the item's sources (nothing is saved)."""
    item = state.store.items.get(item_id)
    text = body.body if isinstance(body.body, str) else "\n".join(body.body)
    return run_check(state.store, item, body.title, text, state.context.catalogs.named_gazetteer())


@router.post("/api/items/{item_id}/submit", response_model=ItemOut, responses=errors(400, 404, 409))
def submit_item_api(item_id: Id, body: VersionIn, me: AnalystUser, store: StoreDep) -> ItemOut:
    """Send a draft for review."""
    return ItemOut.of(submit_at(store, item_id, body.version, editor=me.user.name))


@router.post(
    "/api/items/{item_id}/approve",
    response_model=ApproveOut,
    responses={**errors(404, 409), **_REFUSED},
)
def approve_item_api(item_id: Id, body: ApproveIn, me: EditorUser, state: StateDep) -> Response:
    """Approve (editors): refused with the unsupported facts unless the check passes or
    ``override`` gives a reason, which is kept in the item's history."""
    try:
        item, result = approve_at(state, item_id, body.version, body.override, editor=me.user.name)
    except ReviewError as exc:
        found = [FactOut(**u) for u in exc.unsupported]  # type: ignore[arg-type]
        refused = ApproveRefused(detail=str(exc), unsupported=found)
        return JSONResponse(refused.model_dump(mode="json"), status_code=400)
    out = ApproveOut(item=ItemOut.of(item), check=CheckOut.of(result))
    return JSONResponse(out.model_dump(mode="json"))


@router.post(
    "/api/items/{item_id}/redraft", response_model=RedraftOut, responses=errors(400, 404, 409)
)
def redraft_item_api(item_id: Id, body: RedraftIn, me: AnalystUser, state: StateDep) -> RedraftOut:
    """Write the item's text again from its sources (offline, or the LLM writer when
    configured); it goes back to draft and the old text stays in history."""
    outcome = redraft(state, item_id, body.version, llm=body.llm, editor=me.user.name)
    return RedraftOut.of(outcome)


# --- the writing desk ---------------------------------------------------------------


@router.get("/api/items/{item_id}/desk", response_model=Desk, responses=errors(404))
def desk_api(
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    report: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
) -> Desk:
    """The item's sources as the writing desk shows them: a tab per report of its story
    (lead first) and one report in full (the lead, or ``report``) with its facts
    (``zh``: the house-style Chinese form), its organisations with their standard Chinese
    names and the archive's past renderings, and the draft's key source sentences."""
    return desk_for(state, state.store.items.get(item_id), report)


@router.post(
    "/api/items/{item_id}/paragraphs/{number}/rewrite",
    response_model=JobOut,
    status_code=202,
    responses={**errors(404, 409)},
)
def rewrite_api(
    item_id: Id,
    number: Annotated[int, Path(ge=1, le=MAX_PARAGRAPH)],
    body: RewriteIn,
    me: AnalystUser,
    state: StateDep,
) -> Response:
    """Rewrite paragraph ``number`` (from 1) of the item as saved at ``version`` from its
    sources with the configured model, in the background: 202 with the job
    (``Location: /api/jobs/{id}``), whose result is the proposed paragraph
    (``{item, paragraph, version, original, text, unsupported, rounds, writer}``; offsets
    of ``unsupported`` count in ``text``). Nothing is saved until it is accepted. 409 when
    no model is configured, the item is published or it changed since ``version``; 404
    for a paragraph it does not have."""
    job = start_rewrite(state, item_id, number, body.version, user=me.user)
    return accepted(job_out(job))


@router.post(
    "/api/items/{item_id}/rewrites/{job_id}/accept",
    response_model=ItemOut,
    responses={**errors(400, 404), **_CONFLICT},
)
def accept_rewrite_api(
    item_id: Id, job_id: Id, body: VersionIn, me: AnalystUser, state: StateDep
) -> Response:
    """Put a finished rewrite into the item as saved at ``version`` and save it (the
    history notes the rewrite). 409 when the item changed since ``version`` or the job has
    not finished; 400 when the paragraph was changed since the rewrite was asked for."""
    fields = ItemFields.of(state.store.items.get(item_id))
    try:
        saved = accept_rewrite(state, item_id, job_id, body.version, fields, editor=me.user.name)
    except RewriteNotReadyError:
        raise
    except ConflictError as exc:
        now = ItemOut.of(state.store.items.get(item_id))
        conflict = ItemConflict(detail=str(exc), current=now)
        return JSONResponse(conflict.model_dump(mode="json"), status_code=409)
    return JSONResponse(ItemOut.of(saved).model_dump(mode="json"))
