"""What the sources pages accept, and the changes they make: add (with discovery), edit,
pause and resume.

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
from typing import Annotated, Any

import httpx
from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from kuaibao import phrases
from kuaibao.config import FetchSettings
from kuaibao.domain import Source, SourceKind
from kuaibao.errors import ConflictError, NotFoundError, SourceError
from kuaibao.pipeline.discovery import Discovery, discover, propose_source
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
    parse_timezone,
    parse_url,
)
from kuaibao.sources.registry import url_key
from kuaibao.store import Store

# null clears these; other nulls change nothing
CLEARABLE = frozenset({"country", "language", "timezone"})

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
        raise FieldValueError(phrases.UNUSABLE_URL(detail=exc)) from exc
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
    """Fields to change; those left out (or null) stay as they are, except ``country``,
    ``language`` and ``timezone``, which null clears."""

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
    timezone: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        default=None,
        description="IANA zone of times the site writes without one, e.g. Asia/Shanghai "
        "(unset: the country's capital)",
    )
    poll_interval_minutes: (
        Annotated[int, Field(ge=MIN_POLL_MINUTES, le=MAX_POLL_MINUTES)] | None
    ) = None
    enabled: bool | None = Field(default=None, description="false pauses the source")


# --- changing the registry -----------------------------------------------------------


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
    "timezone": _optional(parse_timezone),
    "poll_interval_minutes": parse_interval,
    "enabled": parse_bool,
}


def apply_changes(source: Source, changes: Mapping[str, object]) -> Source:
    """``source`` with ``changes`` applied, each checked as a registry file's would be;
    a bad value raises SourceError naming the field and what it accepts."""
    parsed: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _EDIT_PARSERS:
            raise SourceError(phrases.FIELD_FIXED(field=repr(key)))
        try:
            parsed[key] = _EDIT_PARSERS[key](value)
        except FieldValueError as exc:
            raise SourceError(phrases.FIELD_PROBLEM(field=key, problem=exc)) from exc
    return replace(source, **parsed)


def get_source(store: Store, source_id: int) -> Source:
    """The source, or NotFoundError: an unknown id is a missing page (404), not a bad form."""
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
        raise SourceError(phrases.FIELD_PROBLEM(field="name", problem=exc)) from exc
    try:
        homepage = checked_url(body.homepage)
    except FieldValueError as exc:
        raise SourceError(phrases.FIELD_PROBLEM(field="homepage", problem=exc)) from exc
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
    return store.sources.update(replace(get_source(store, source_id), enabled=enabled))
