"""What the sources pages show: the registry with each source's health, for page and JSON.

The routes (``web.sources.pages`` for pages, ``web.sources.api`` for JSON) render
or return the same pydantic models. Health comes from ``pipeline.health.check_sources``,
the same report as ``kuaibao sources health``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from kuaibao.domain import OrgType, SourceKind
from kuaibao.errors import NotFoundError
from kuaibao.fetch.zones import effective_timezone
from kuaibao.pipeline.health import HealthReport, check_sources
from kuaibao.store import Store

SourceFilter = Literal["all", "failing", "silent", "paused"]
FILTERS: tuple[SourceFilter, ...] = ("all", "failing", "silent", "paused")
FAILING_FLAGS = frozenset({"failing", "last_poll_failed"})


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
    homepage: str | None
    feed_url: str
    kind: SourceKind
    tier: int
    country: str | None
    org_type: OrgType | None
    language: str | None
    timezone: str | None = Field(description="The zone set for the source, if any")
    effective_timezone: str = Field(
        description="The zone its times without one are read in: its own, else its country's"
    )
    poll_interval_minutes: int
    enabled: bool
    allow_private: bool
    tags: list[str] = Field(description="Folders and labels, e.g. from an OPML import")
    health: Health


class SourceList(BaseModel):
    filter: SourceFilter
    sources: list[SourceOut]
    total: int = Field(description="Sources in the registry, whatever the filter")
    failing: int
    silent: int
    paused: int


def matches_filter(report: HealthReport, wanted: SourceFilter) -> bool:
    """failing: the last poll failed; silent: no success for a long while; paused: off."""
    if wanted == "failing":
        return bool(FAILING_FLAGS & set(report.flags))
    if wanted == "silent":
        return "silent" in report.flags
    if wanted == "paused":
        return not report.source.enabled
    return True


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
        timezone=s.timezone,
        effective_timezone=effective_timezone(s.timezone, s.country),
        poll_interval_minutes=s.poll_interval_minutes,
        enabled=s.enabled,
        allow_private=s.allow_private,
        tags=list(s.tags),
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


# The forms as the pages show them. Typed, not dicts: the templates read every field, and
# a dict that lacks one renders as a 500 under StrictUndefined, on the one role (admin)
# that sees the form, which tests signed in as analysts never open.


@dataclass(frozen=True)
class AddForm:
    """The add-source form: empty, or as posted when adding failed."""

    homepage: str = ""
    name: str = ""
    kind: str = ""
    allow_private: bool = False


@dataclass(frozen=True)
class EditForm:
    """The edit form of one source: its stored values, or as posted when saving failed."""

    name: str
    tier: str
    country: str
    language: str
    timezone: str
    poll_interval_minutes: str
    enabled: bool

    @classmethod
    def of(cls, source: SourceOut) -> EditForm:
        return cls(
            name=source.name,
            tier=str(source.tier),
            country=source.country or "",
            language=source.language or "",
            timezone=source.timezone or "",
            poll_interval_minutes=str(source.poll_interval_minutes),
            enabled=source.enabled,
        )
