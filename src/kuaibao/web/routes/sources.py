"""Sources: the registry with each source's health; admins add, edit, pause and resume.

Adding takes a homepage and runs the same discovery as ``kuaibao sources add`` (feeds
the page announces, common feed paths, robots.txt sitemaps, a guessed listing), through
the guarded fetcher: loopback and private addresses are refused unless the admin ticks
``allow_private`` (the CLI's ``--allow-private``, for intranet sites). Edits are checked
by the registry's own field parsers, so the page accepts what a registry file accepts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Annotated, Any, Literal

import httpx
from fastapi import APIRouter, Form, HTTPException, Query
from pydantic import AfterValidator, BaseModel, Field, StringConstraints
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.config import FetchSettings
from kuaibao.domain import OrgType, Source, SourceKind
from kuaibao.errors import ConflictError, KuaibaoError, NotFoundError, SourceError
from kuaibao.pipeline.discovery import Discovery, discover, propose_source
from kuaibao.pipeline.health import HealthReport, check_sources
from kuaibao.sources.fields import (
    ISO_COUNTRIES,
    MAX_NAME_CHARS,
    MAX_POLL_MINUTES,
    MAX_URL_CHARS,
    MIN_POLL_MINUTES,
    REGION_CODES,
    FieldValueError,
    parse_bool,
    parse_country,
    parse_interval,
    parse_language,
    parse_name,
    parse_tier,
    parse_url,
)
from kuaibao.sources.registry import url_key
from kuaibao.store import Store
from kuaibao.web.auth.roles import AdminUser, AnalystUser, Principal
from kuaibao.web.deps import StateDep, StoreDep
from kuaibao.web.schemas import Id, Problem, errors
from kuaibao.web.state import utcnow
from kuaibao.web.templating import render

router = APIRouter()

SourceFilter = Literal["all", "failing", "silent", "paused"]
FILTERS: tuple[SourceFilter, ...] = ("all", "failing", "silent", "paused")
FAILING_FLAGS = frozenset({"failing", "last_poll_failed"})
NOTHING_FOUND = "No feed, sitemap or listing found or fetched there (the detail says why)"
CLEARABLE = frozenset({"country", "language"})  # null clears these; other nulls change nothing


class Health(BaseModel):
    """What the polls and the extraction of one source have shown so far."""

    status: Literal["ok", "warning", "error"]
    flags: list[str] = Field(description="e.g. failing, silent, dropped_to_zero, never_polled")
    last_attempt: datetime | None
    last_success: datetime | None
    consecutive_failures: int
    last_error: str | None = Field(description="Crawled text: untrusted")
    items_last_poll: int | None
    documents: int
    rejected: int


class SourceOut(BaseModel):
    """One watched site. Name, URLs and errors may come from the web: treat as untrusted."""

    id: int
    name: str
    homepage: str
    feed_url: str
    kind: SourceKind
    tier: int
    country: str | None
    org_type: OrgType | None
    language: str | None
    poll_interval_minutes: int
    enabled: bool
    allow_private: bool
    health: Health


class SourceList(BaseModel):
    filter: SourceFilter
    sources: list[SourceOut]
    total: int = Field(description="Sources in the registry, whatever the filter")
    failing: int
    silent: int
    paused: int


# What the JSON API accepts, stated in its schema so clients (and schema-driven tests)
# know it up front; values the schema allows are what the registry's parsers accept.
_HOST = r"[A-Za-z0-9._~%!$&'()*+,;=-]+"  # ASCII (IDN hosts as xn--…), as httpx accepts
_PORT = (
    r"(?::(?:[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?"
)
HTTP_URL = rf"^[Hh][Tt][Tt][Pp][Ss]?://{_HOST}{_PORT}(?:[/?#][^\s\x00-\x1f\x7f]*)?$"
NAME = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"
LANGUAGE = r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$"
COUNTRIES = sorted(ISO_COUNTRIES | set(REGION_CODES))

Name = Annotated[str, StringConstraints(max_length=MAX_NAME_CHARS, pattern=NAME)]
Country = Annotated[str, Field(json_schema_extra={"enum": COUNTRIES})]


def checked_url(value: str) -> str:
    """The registry's URL check, plus what the HTTP client will accept (it refuses
    some hosts, e.g. invalid internationalised names, before the fetcher's own checks)."""
    url = parse_url(value)
    try:
        httpx.URL(url)
    except httpx.InvalidURL as exc:
        raise FieldValueError(f"is not a usable web address ({exc})") from exc
    return url


def _http_url(value: str) -> str:
    try:
        return checked_url(value)
    except FieldValueError as exc:
        raise ValueError(str(exc)) from exc


def _country(value: str | None) -> str | None:
    if value is not None and value not in COUNTRIES:
        raise ValueError("must be an ISO 3166-1 alpha-2 code such as US, or EU or INT")
    return value


class SourceIn(BaseModel):
    """A site to add: its homepage (or feed) URL; discovery finds what to read."""

    homepage: Annotated[
        str,
        StringConstraints(max_length=MAX_URL_CHARS, pattern=HTTP_URL),
        AfterValidator(_http_url),
    ]
    name: Name | None = Field(default=None, description="Default: the feed's title")
    kind: SourceKind | None = Field(default=None, description="Insist on this kind of find")
    allow_private: bool = Field(
        default=False, description="Allow loopback and private addresses (intranet sites)"
    )


class SourcePatch(BaseModel):
    """Fields to change; those left out (or null) stay as they are, except ``country``
    and ``language``, which null clears."""

    name: Name | None = None
    tier: Annotated[int, Field(ge=1, le=3)] | None = Field(
        default=None, description="1 official, 2 reputable secondary, 3 aggregator/other"
    )
    country: Annotated[Country | None, AfterValidator(_country)] = Field(
        default=None, description="ISO 3166-1 alpha-2 code, EU or INT"
    )
    language: Annotated[str, StringConstraints(pattern=LANGUAGE)] | None = Field(
        default=None, description="e.g. en, zh, zh-Hans, pt-BR"
    )
    poll_interval_minutes: (
        Annotated[int, Field(ge=MIN_POLL_MINUTES, le=MAX_POLL_MINUTES)] | None
    ) = None
    enabled: bool | None = Field(default=None, description="false pauses the source")


class Discovered(BaseModel):
    url: str
    kind: SourceKind
    how: str


class SourceAdded(BaseModel):
    source: SourceOut
    discovered: list[Discovered] = Field(description="Everything discovery found, best first")


# --- pure parts ----------------------------------------------------------------------


def matches_filter(report: HealthReport, wanted: SourceFilter) -> bool:
    """failing: the last poll failed; silent: no success for a long while; paused: off."""
    if wanted == "failing":
        return bool(FAILING_FLAGS & set(report.flags))
    if wanted == "silent":
        return "silent" in report.flags
    if wanted == "paused":
        return not report.source.enabled
    return True


def _optional(parse: Callable[[object], str]) -> Callable[[object], str | None]:
    def parse_or_clear(value: object) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse(value)

    return parse_or_clear


_EDIT_PARSERS: dict[str, Callable[[object], Any]] = {
    "name": parse_name,
    "tier": parse_tier,
    "country": _optional(parse_country),
    "language": _optional(parse_language),
    "poll_interval_minutes": parse_interval,
    "enabled": parse_bool,
}


def apply_changes(source: Source, changes: Mapping[str, object]) -> Source:
    """``source`` with ``changes`` applied, each checked as a registry file's would be;
    a bad value raises SourceError naming the field and what it accepts."""
    parsed: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _EDIT_PARSERS:
            raise SourceError(f"field {key!r} cannot be changed here")
        try:
            parsed[key] = _EDIT_PARSERS[key](value)
        except FieldValueError as exc:
            raise SourceError(f"{key} {exc}") from exc
    return replace(source, **parsed)


# --- store and network ---------------------------------------------------------------


def _out(report: HealthReport) -> SourceOut:
    s, h = report.source, report.source.health
    status: Literal["ok", "warning", "error"] = (
        "error" if report.status == "error" else "warning" if report.status == "warning" else "ok"
    )
    return SourceOut(
        id=s.id or 0,
        name=s.name,
        homepage=s.homepage,
        feed_url=s.feed_url,
        kind=s.kind,
        tier=s.tier,
        country=s.country,
        org_type=s.org_type,
        language=s.language,
        poll_interval_minutes=s.poll_interval_minutes,
        enabled=s.enabled,
        allow_private=s.allow_private,
        health=Health(
            status=status,
            flags=report.flags,
            last_attempt=h.last_attempt,
            last_success=h.last_success,
            consecutive_failures=h.consecutive_failures,
            last_error=h.last_error,
            items_last_poll=h.items_last_poll,
            documents=report.documents,
            rejected=report.rejected,
        ),
    )


def build_sources(store: Store, now: datetime, wanted: SourceFilter) -> SourceList:
    """Every source with its health (one pass over the registry and the counts)."""
    reports = check_sources(store, now)
    return SourceList(
        filter=wanted,
        sources=[_out(r) for r in reports if matches_filter(r, wanted)],
        total=len(reports),
        failing=sum(matches_filter(r, "failing") for r in reports),
        silent=sum(matches_filter(r, "silent") for r in reports),
        paused=sum(matches_filter(r, "paused") for r in reports),
    )


def source_report(store: Store, source_id: int, now: datetime) -> SourceOut:
    for report in check_sources(store, now):
        if report.source.id == source_id:
            return _out(report)
    raise NotFoundError(f"no source with id {source_id}")


def _get(store: Store, source_id: int) -> Source:
    try:
        return store.sources.get(source_id)
    except SourceError as exc:
        raise NotFoundError(str(exc)) from exc


def add_source(
    store: Store, fetch: FetchSettings, body: SourceIn, now: datetime
) -> tuple[Source, Discovery]:
    """Check the URL, discover the site's feed over the network, store the proposal."""
    try:
        name = parse_name(body.name) if body.name and body.name.strip() else None
    except FieldValueError as exc:
        raise SourceError(f"name {exc}") from exc
    try:
        homepage = checked_url(body.homepage)
    except FieldValueError as exc:
        raise SourceError(f"homepage {exc}") from exc
    # Runs in the route's worker thread, on its own event loop, so a slow site never
    # holds up the server's loop.
    try:
        found = asyncio.run(discover(homepage, fetch, allow_private=body.allow_private))
        source = propose_source(found, name=name, kind=body.kind, allow_private=body.allow_private)
    except SourceError as exc:
        raise DiscoveryError(str(exc)) from exc
    wanted = url_key(source.feed_url)
    for known in store.sources.all():
        if url_key(known.feed_url) == wanted:
            raise ConflictError(f"source {known.id} ({known.name}) already reads {source.feed_url}")
    return store.sources.add(source, now=now), found


class DiscoveryError(SourceError):
    """The site could not be fetched, was refused (private address), or offers nothing
    to read: depends on the site, not on the request's form."""


def set_enabled(store: Store, source_id: int, enabled: bool) -> Source:
    return store.sources.update(replace(_get(store, source_id), enabled=enabled))


# --- JSON API ------------------------------------------------------------------------


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
    """Change name, tier, country, language, poll interval or enabled (pause: false)."""
    source = _get(store, source_id)
    changes = {
        key: value
        for key in body.model_fields_set
        if (value := getattr(body, key)) is not None or key in CLEARABLE
    }
    store.sources.update(apply_changes(source, changes))
    return source_report(store, source_id, utcnow())


# --- pages ---------------------------------------------------------------------------


def _list_page(
    request: Request,
    me: Principal,
    store: Store,
    wanted: SourceFilter,
    *,
    status_code: int = 200,
    error: str | None = None,
    form: Mapping[str, object] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "sources.html",
        me,
        status_code=status_code,
        listing=build_sources(store, utcnow(), wanted),
        filters=FILTERS,
        error=error,
        form=form or {},
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
    form = {"homepage": homepage, "name": name, "kind": kind, "allow_private": allow_private}
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
    form: Mapping[str, object] | None = None,
) -> HTMLResponse:
    return render(
        request,
        "source.html",
        me,
        status_code=status_code,
        source=source_report(store, source_id, utcnow()),
        error=error,
        notice=notice,
        form=form,
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
    enabled: Annotated[bool, Form()] = False,
) -> Response:
    changes = {
        "name": name,
        "tier": tier,
        "country": country,
        "language": language,
        "poll_interval_minutes": poll_interval,
        "enabled": enabled,
    }
    source = _get(store, source_id)
    try:
        store.sources.update(apply_changes(source, changes))
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
