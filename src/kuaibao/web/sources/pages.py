"""Sources: the registry with each source's health; admins add, edit, pause and resume
(pages; their JSON twins are in ``web.sources.api``).

What the forms accept and how a new source is discovered is in ``web.sources.changes``:
the same discovery and field parsers as ``kuaibao sources add`` and a registry file.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.domain import SourceKind
from kuaibao.errors import ConflictError, KuaibaoError, SourceError
from kuaibao.sources.fields import MAX_NAME_CHARS, MAX_URL_CHARS
from kuaibao.store import Store
from kuaibao.web.core.auth.roles import AdminUser, AnalystUser, Principal
from kuaibao.web.core.deps import StateDep, StoreDep, forget_source_menu
from kuaibao.web.core.schemas import Id
from kuaibao.web.core.state import utcnow
from kuaibao.web.core.templating import render
from kuaibao.web.sources.changes import (
    SourceIn,
    add_source,
    apply_changes,
    get_source,
    set_enabled,
)
from kuaibao.web.sources.views import (
    FILTERS,
    AddForm,
    EditForm,
    SourceFilter,
    build_sources,
    source_report,
)

router = APIRouter(dependencies=[Depends(forget_source_menu)])


def _list_page(
    request: Request,
    me: Principal,
    store: Store,
    wanted: SourceFilter,
    *,
    status_code: int = 200,
    error: str | None = None,
    form: AddForm | None = None,
) -> HTMLResponse:
    return render(
        request,
        "sources.html",
        me,
        status_code=status_code,
        listing=build_sources(store, utcnow(), wanted),
        filters=FILTERS,
        error=error,
        form=form or AddForm(),
        kinds=list(SourceKind),
    )


def _kind(value: str) -> SourceKind | None:
    if not value:
        return None
    try:
        return SourceKind(value)
    except ValueError as exc:
        choices = ", ".join(k.value for k in SourceKind)
        raise SourceError(f"kind must be one of {choices}, got {value!r}") from exc


def _status(exc: KuaibaoError) -> int:
    return 409 if isinstance(exc, ConflictError) else 400


@router.get("/sources", include_in_schema=False)
def sources_page(
    request: Request,
    me: AnalystUser,
    store: StoreDep,
    filter: Annotated[SourceFilter, Query()] = "all",
) -> HTMLResponse:
    return _list_page(request, me, store, filter)


@router.post("/sources", include_in_schema=False)
def add_source_form(
    request: Request,
    me: AdminUser,
    state: StateDep,
    homepage: Annotated[str, Form(max_length=MAX_URL_CHARS)],
    name: Annotated[str, Form(max_length=MAX_NAME_CHARS)] = "",
    kind: Annotated[str, Form(max_length=20)] = "",
    allow_private: Annotated[bool, Form()] = False,
) -> Response:
    form = AddForm(homepage=homepage, name=name, kind=kind, allow_private=allow_private)
    try:
        chosen = _kind(kind)
        # Not validated again: add_source checks the URL and the name with the
        # registry's parsers, whose messages say what is expected.
        body = SourceIn.model_construct(
            homepage=homepage, name=name or None, kind=chosen, allow_private=allow_private
        )
        stored, _ = add_source(state.store, state.settings.fetch, body, utcnow())
    except KuaibaoError as exc:
        return _list_page(
            request, me, state.store, "all", status_code=_status(exc), error=str(exc), form=form
        )
    return RedirectResponse(f"/sources/{stored.id}?added=1", status_code=303)


def _detail_page(
    request: Request,
    me: Principal,
    store: Store,
    source_id: int,
    *,
    status_code: int = 200,
    error: str | None = None,
    notice: str | None = None,
    form: EditForm | None = None,
) -> HTMLResponse:
    source = source_report(store, source_id, utcnow())
    return render(
        request,
        "source.html",
        me,
        status_code=status_code,
        source=source,
        error=error,
        notice=notice,
        form=form or EditForm.of(source),
    )


@router.get("/sources/{source_id}", include_in_schema=False)
def source_page(
    request: Request,
    source_id: Id,
    me: AnalystUser,
    store: StoreDep,
    added: Annotated[bool, Query()] = False,
    saved: Annotated[bool, Query()] = False,
) -> HTMLResponse:
    notice = "added" if added else "saved" if saved else None
    return _detail_page(request, me, store, source_id, notice=notice)


@router.post("/sources/{source_id}", include_in_schema=False)
def edit_source_form(
    request: Request,
    source_id: Id,
    me: AdminUser,
    store: StoreDep,
    name: Annotated[str, Form(max_length=MAX_NAME_CHARS)],
    tier: Annotated[str, Form(max_length=2)],
    poll_interval: Annotated[str, Form(max_length=20)],
    country: Annotated[str, Form(max_length=8)] = "",
    language: Annotated[str, Form(max_length=20)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "",
    enabled: Annotated[bool, Form()] = False,
) -> Response:
    changes = EditForm(
        name=name,
        tier=tier,
        country=country,
        language=language,
        timezone=timezone,
        poll_interval_minutes=poll_interval,
        enabled=enabled,
    )
    source = get_source(store, source_id)
    try:
        store.sources.update(apply_changes(source, asdict(changes)))
    except SourceError as exc:
        return _detail_page(
            request, me, store, source_id, status_code=400, error=str(exc), form=changes
        )
    return RedirectResponse(f"/sources/{source_id}?saved=1", status_code=303)


@router.post("/sources/{source_id}/pause", include_in_schema=False)
def pause_source(source_id: Id, me: AdminUser, store: StoreDep) -> Response:
    set_enabled(store, source_id, False)
    return RedirectResponse(f"/sources#source-{source_id}", status_code=303)


@router.post("/sources/{source_id}/resume", include_in_schema=False)
def resume_source(source_id: Id, me: AdminUser, store: StoreDep) -> Response:
    set_enabled(store, source_id, True)
    return RedirectResponse(f"/sources#source-{source_id}", status_code=303)
