"""The sources' JSON API under /api/: the registry with health, one source, add and edit.

The pages' twins (``web.sources.pages``), on the same models and checked changes;
adding and editing are for admins.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel, Field

from kuaibao.domain import SourceKind
from kuaibao.web.core.auth.roles import AdminUser, AnalystUser
from kuaibao.web.core.deps import StateDep, StoreDep, forget_source_menu
from kuaibao.web.core.schemas import Id, Problem, errors
from kuaibao.web.core.state import utcnow
from kuaibao.web.sources.changes import (
    CLEARABLE,
    DiscoveryError,
    SourceIn,
    SourcePatch,
    add_source,
    apply_changes,
    get_source,
)
from kuaibao.web.sources.views import (
    SourceFilter,
    SourceList,
    SourceOut,
    build_sources,
    source_report,
)

router = APIRouter(dependencies=[Depends(forget_source_menu)])

NOTHING_FOUND = "No feed, sitemap or listing found or fetched there (the detail says why)"


class Discovered(BaseModel):
    url: str
    kind: SourceKind
    how: str


class SourceAdded(BaseModel):
    source: SourceOut
    discovered: list[Discovered] = Field(description="Everything discovery found, best first")


@router.get("/api/sources", response_model=SourceList, responses=errors())
def sources_api(
    me: AnalystUser, store: StoreDep, filter: Annotated[SourceFilter, Query()] = "all"
) -> SourceList:
    """The registry with each source's health; ``filter`` keeps failing, silent or
    paused sources only."""
    return build_sources(store, utcnow(), filter)


@router.get("/api/sources/{source_id}", response_model=SourceOut, responses=errors(404))
def source_api(source_id: Id, me: AnalystUser, store: StoreDep) -> SourceOut:
    """One source and its health."""
    return source_report(store, source_id, utcnow())


@router.post(
    "/api/sources",
    response_model=SourceAdded,
    status_code=201,
    responses={**errors(409), 404: {"model": Problem, "description": NOTHING_FOUND}},
)
def add_source_api(body: SourceIn, me: AdminUser, state: StateDep) -> SourceAdded:
    """Discover the feed, sitemap or listing of a homepage and register it (admins).

    404 when nothing to read is found there (or the site cannot be fetched, or its
    address is private and ``allow_private`` is false); the detail says which."""
    try:
        stored, found = add_source(state.store, state.settings.fetch, body, utcnow())
    except DiscoveryError as exc:
        raise HTTPException(404, str(exc)) from exc
    return SourceAdded(
        source=source_report(state.store, stored.id or 0, utcnow()),
        discovered=[Discovered(url=f.url, kind=f.kind, how=f.how) for f in found.found],
    )


@router.patch("/api/sources/{source_id}", response_model=SourceOut, responses=errors(400, 404))
def edit_source_api(source_id: Id, body: SourcePatch, me: AdminUser, store: StoreDep) -> SourceOut:
    """Change name, tier, country, language, time zone, poll interval or enabled (pause: false)."""
    source = get_source(store, source_id)
    changes = {
        key: value
        for key in body.model_fields_set
        if (value := getattr(body, key)) is not None or key in CLEARABLE
    }
    store.sources.update(apply_changes(source, changes))
    return source_report(store, source_id, utcnow())
