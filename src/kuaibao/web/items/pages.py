"""Items: the work list and the editor pages (edit, live fact check, redraft, submit,
approve); their JSON twins are in ``web.items.api``.

Two people editing one item never overwrite each other silently: a save based on an older
version is refused, and the page then shows the other person's text beside the user's
own, which stays in the form. The fact check that gates approval also runs as the analyst
types (htmx posts the form to ``/items/{id}/check``) and marks the unsupported numbers,
dates and names in the draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import Item, ItemState, Role
from kuaibao.errors import ConflictError, KuaibaoError, ReviewError, StoreError
from kuaibao.store import Job
from kuaibao.web.core.auth.roles import AnalystUser, EditorUser, Principal
from kuaibao.web.core.deps import StateDep
from kuaibao.web.core.schemas import Id
from kuaibao.web.core.state import AppState
from kuaibao.web.core.templating import render
from kuaibao.web.items.changes import (
    MAX_VERSION,
    EditorForm,
    approve_at,
    redraft,
    save_edit,
    submit_at,
)
from kuaibao.web.items.desk_check import style_notes
from kuaibao.web.items.desk_views import desk_context, desk_for
from kuaibao.web.items.editing import MAX_LINE, EditRejectedError, normalise_newlines
from kuaibao.web.items.rewrite_changes import (
    MAX_PARAGRAPH,
    RewriteNotReadyError,
    accept_rewrite,
    rewrite_job,
    start_rewrite,
)
from kuaibao.web.items.views import (
    MAX_OFFSET,
    PAGE_SIZE,
    FactOut,
    ItemOut,
    build_list,
    check_with_faults,
    history_of,
    marked,
    sources_of,
)
from kuaibao.workflow.transitions import Action, allowed_actions

router = APIRouter()

DONE = ("saved", "unchanged", "submitted", "approved", "redrafted", "rewritten")
MAX_ID = 2_147_483_647


@dataclass(frozen=True)
class Conflict:
    """What the conflict panel shows: the stored version beside the user's unsaved text."""

    theirs: ItemOut
    editor: str | None
    at: datetime | None
    mine_title: str
    mine_body: str


def _options(names: list[str], *current: str | None) -> list[str]:
    """Select options: the taxonomy's names plus values the item already uses."""
    extra = [c for c in current if c and c not in names]
    return [*names, *dict.fromkeys(extra)]


def _editor(
    request: Request,
    me: Principal,
    state: AppState,
    item: Item,
    form: EditorForm | None = None,
    *,
    status_code: int = 200,
    done: str | None = None,
    error: str | None = None,
    conflict: Conflict | None = None,
    refused: list[FactOut] | None = None,
    report: int | None = None,
    rewrite: Job | None = None,
) -> HTMLResponse:
    """The editor page for ``item``, showing ``form`` (the user's text) if given, the
    desk on report ``report`` (the lead by default) and the rewrite job ``rewrite``."""
    store = state.store
    form = form or EditorForm.of(item)
    check, faults = check_with_faults(
        store, item, form.title, form.body, state.context.catalogs.named_gazetteer()
    )
    marked_title, marked_body = marked(form.title, form.body, check)
    desk = desk_for(state, item, report)
    labels = state.context.catalogs.taxonomy()
    actions = allowed_actions(item.state)  # the buttons the workflow allows, one rule
    return render(
        request,
        "items_editor.html",
        me,
        status_code=status_code,
        item=ItemOut.of(item),
        form=form,
        check=check,
        faults=faults,
        style=style_notes(form.title, form.body),
        marked_title=marked_title,
        marked_body=marked_body,
        desk=desk,
        **desk_context(desk),
        rewrite=rewrite,
        rewritable=state.settings.llm.enabled and Action.EDIT in actions,
        sources=sources_of(store, item),
        history=list(reversed(history_of(store, item.id or 0))),
        domains=_options(labels.domain_names, item.domain, form.domain),
        sections=_options(labels.section_names, item.section, form.section),
        editable=Action.EDIT in actions,
        can_submit=Action.SUBMIT in actions,
        can_approve=Action.APPROVE in actions and me.role.allows(Role.EDITOR),
        can_redraft=Action.REDRAFT in actions,
        llm=state.settings.llm.enabled,
        done=done,
        error=error,
        conflict=conflict,
        refused=refused,
    )


def _conflict(state: AppState, item_id: int, form: EditorForm) -> tuple[Item, EditorForm, Conflict]:
    """The current item, the user's form re-based on it (a second save is then a deliberate
    overwrite of what they have now seen), and the panel comparing the two."""
    current = state.store.items.get(item_id)
    last = state.store.items.history(item_id)[-1:]
    conflict = Conflict(
        theirs=ItemOut.of(current),
        editor=last[0]["editor"] if last else None,
        at=last[0]["at"] if last else current.updated_at,
        mine_title=form.title,
        mine_body=normalise_newlines(form.body),
    )
    return current, form.model_copy(update={"version": current.version}), conflict


def _back(item_id: int, done: str) -> RedirectResponse:
    return RedirectResponse(f"/items/{item_id}?done={done}", status_code=303)


@router.get("/items", include_in_schema=False)
def items_page(
    request: Request,
    me: AnalystUser,
    state: StateDep,
    item_state: Annotated[str, Query(alias="state", max_length=20)] = "",
    domain: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE)] = 1,
) -> HTMLResponse:
    chosen = ItemState(item_state) if item_state in {s.value for s in ItemState} else None
    listing = build_list(
        state.store, chosen, domain.strip() or None, (page - 1) * PAGE_SIZE, PAGE_SIZE
    )
    return render(
        request,
        "items.html",
        me,
        listing=listing,
        page=page,
        states=list(ItemState),
        domains=state.context.catalogs.taxonomy().domain_names,
    )


@router.get("/items/{item_id}", include_in_schema=False)
def editor_page(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    done: Annotated[str, Query(max_length=20)] = "",
    report: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    rewrite: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> HTMLResponse:
    item = state.store.items.get(item_id)
    job = rewrite_job(state.store, item_id, rewrite) if rewrite is not None else None
    return _editor(
        request, me, state, item, done=done if done in DONE else None, report=report, rewrite=job
    )


@router.post("/items/{item_id}", include_in_schema=False)
def save_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    form: Annotated[EditorForm, Form()],
) -> Response:
    try:
        _, changed = save_edit(state, item_id, form.version, form.fields(), editor=me.user.name)
    except ConflictError:
        current, rebased, conflict = _conflict(state, item_id, form)
        return _editor(request, me, state, current, rebased, status_code=409, conflict=conflict)
    except EditRejectedError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, form, status_code=400, error=str(exc))
    return _back(item_id, "saved" if changed else "unchanged")


@router.post("/items/{item_id}/check", include_in_schema=False)
def check_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    form: Annotated[EditorForm, Form()],
) -> HTMLResponse:
    """htmx: the check panel for the text as typed; without JavaScript: the whole editor."""
    item = state.store.items.get(item_id)
    if not request.headers.get("HX-Request"):
        return _editor(request, me, state, item, form)
    check, faults = check_with_faults(
        state.store, item, form.title, form.body, state.context.catalogs.named_gazetteer()
    )
    marked_title, marked_body = marked(form.title, form.body, check)
    return render(
        request,
        "items_check.html",
        me,
        check=check,
        faults=faults,
        style=style_notes(form.title, form.body),
        marked_title=marked_title,
        marked_body=marked_body,
    )


@router.post("/items/{item_id}/submit", include_in_schema=False)
def submit_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
) -> Response:
    try:
        submit_at(state.store, item_id, version, editor=me.user.name)
    except (ConflictError, ReviewError) as exc:
        item = state.store.items.get(item_id)
        status = 409 if isinstance(exc, ConflictError) else 400
        return _editor(request, me, state, item, status_code=status, error=str(exc))
    return _back(item_id, "submitted")


@router.post("/items/{item_id}/approve", include_in_schema=False)
def approve_item_form(
    request: Request,
    item_id: Id,
    me: EditorUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
    override: Annotated[str, Form(max_length=MAX_LINE)] = "",
) -> Response:
    try:
        approve_at(state, item_id, version, override.strip() or None, editor=me.user.name)
    except (ConflictError, ReviewError) as exc:
        item = state.store.items.get(item_id)
        status = 409 if isinstance(exc, ConflictError) else 400
        found = exc.unsupported if isinstance(exc, ReviewError) else []
        refused = [FactOut(**u) for u in found]  # type: ignore[arg-type]
        return _editor(
            request, me, state, item, status_code=status, error=str(exc), refused=refused
        )
    return _back(item_id, "approved")


@router.post("/items/{item_id}/redraft", include_in_schema=False)
def redraft_item_form(
    request: Request,
    item_id: Id,
    me: AnalystUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
    writer: Annotated[str, Form(pattern="^(offline|llm)$")] = "offline",
) -> Response:
    try:
        redraft(state, item_id, version, llm=writer == "llm", editor=me.user.name)
    except ConflictError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, status_code=409, error=str(exc))
    except StoreError:
        raise  # not found (404) or the database (503): the error page says so
    except KuaibaoError as exc:  # no documents, LLM not configured, published
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, status_code=400, error=str(exc))
    return _back(item_id, "redrafted")


# --- the writing desk: another report, a paragraph rewritten from the sources ------------


@router.get("/items/{item_id}/reports/{document_id}", include_in_schema=False)
def report_fragment(
    request: Request, item_id: Id, document_id: Id, me: AnalystUser, state: StateDep
) -> Response:
    """htmx: the desk showing another report of the item's story (built only now, so the
    editor opens fast); without JavaScript the editor page shows it (``?report=``)."""
    item = state.store.items.get(item_id)
    if not request.headers.get("HX-Request"):
        desk_for(state, item, document_id)  # a report of another story: 404, not a page
        return RedirectResponse(f"/items/{item_id}?report={document_id}", status_code=303)
    desk = desk_for(state, item, document_id)
    return render(
        request, "items_desk.html", me, item=ItemOut.of(item), desk=desk, **desk_context(desk)
    )


@router.post("/items/{item_id}/paragraphs/{number}/rewrite", include_in_schema=False)
def rewrite_form(
    request: Request,
    item_id: Id,
    number: Annotated[int, Path(ge=1, le=MAX_PARAGRAPH)],
    me: AnalystUser,
    state: StateDep,
    version: Annotated[int, Form(ge=1, le=MAX_VERSION)],
) -> Response:
    """Ask the model for paragraph ``number`` again; the editor then follows the job."""
    try:
        job = start_rewrite(state, item_id, number, version, user=me.user)
    except ConflictError as exc:  # no model, a published item, a newer version
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, status_code=409, error=str(exc))
    return RedirectResponse(f"/items/{item_id}?rewrite={job.id}", status_code=303)


@router.get("/items/{item_id}/rewrites/{job_id}", include_in_schema=False)
def rewrite_fragment(
    request: Request, item_id: Id, job_id: Id, me: AnalystUser, state: StateDep
) -> Response:
    """htmx: the rewrite panel, polled every second until the job ends."""
    job = rewrite_job(state.store, item_id, job_id)
    if not request.headers.get("HX-Request"):
        return RedirectResponse(f"/items/{item_id}?rewrite={job_id}", status_code=303)
    item = state.store.items.get(item_id)
    return render(request, "items_rewrite.html", me, item=ItemOut.of(item), rewrite=job)


@router.post("/items/{item_id}/rewrites/{job_id}/accept", include_in_schema=False)
def accept_rewrite_form(
    request: Request,
    item_id: Id,
    job_id: Id,
    me: AnalystUser,
    state: StateDep,
    form: Annotated[EditorForm, Form()],
) -> Response:
    """Put the rewritten paragraph into the editor's text (as posted, unsaved typing
    included) and save it as an edit made on the form's version."""
    job = rewrite_job(state.store, item_id, job_id)
    try:
        accept_rewrite(state, item_id, job_id, form.version, form.fields(), editor=me.user.name)
    except RewriteNotReadyError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, form, status_code=409, error=str(exc), rewrite=job)
    except ConflictError:
        current, rebased, conflict = _conflict(state, item_id, form)
        return _editor(
            request, me, state, current, rebased, status_code=409, conflict=conflict, rewrite=job
        )
    except EditRejectedError as exc:
        item = state.store.items.get(item_id)
        return _editor(request, me, state, item, form, status_code=400, error=str(exc), rewrite=job)
    return _back(item_id, "rewritten")
