"""The vocabulary of kuaibao: plain dataclasses shared by every stage.

Stages speak in these objects, never in database rows or dicts, so that the pure parts
(parsing, extraction, scoring) can be tested without a store and the store can change
without touching them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SourceKind(StrEnum):
    """How a source announces new documents."""

    RSS = "rss"
    ATOM = "atom"
    JSON_FEED = "jsonfeed"
    SITEMAP = "sitemap"
    HTML = "html"

    @property
    def is_feed(self) -> bool:
        """RSS, Atom and JSON Feed share one parser entry point (`fetch.feeds.parse_feed`)."""
        return self in (SourceKind.RSS, SourceKind.ATOM, SourceKind.JSON_FEED)


class OrgType(StrEnum):
    """What kind of organisation publishes a source; used in ranking and filters."""

    GOVERNMENT = "government"
    AGENCY = "agency"
    PARLIAMENT = "parliament"
    THINK_TANK = "think_tank"
    LAB = "lab"
    JOURNAL = "journal"
    UNIVERSITY = "university"
    COMPANY = "company"
    MEDIA = "media"
    AGGREGATOR = "aggregator"


@dataclass(frozen=True)
class ListingSelectors:
    """CSS selectors that find article links on an HTML listing page.

    ``item`` selects one element per article; ``link``, ``title`` and ``date`` are
    evaluated inside it (``link`` defaults to the first ``a[href]``).
    """

    item: str
    link: str = "a[href]"
    title: str | None = None
    date: str | None = None


@dataclass
class SourceHealth:
    """What the last polls of a source taught us; shown by ``sources check``."""

    last_attempt: datetime | None = None
    last_success: datetime | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    items_last_poll: int | None = None
    items_previous_poll: int | None = None
    documents_total: int = 0
    empty_extractions: int = 0


@dataclass
class Source:
    """One watched site: a feed, a sitemap or a listing page, with its metadata."""

    name: str
    homepage: str
    kind: SourceKind
    feed_url: str
    id: int | None = None
    selectors: ListingSelectors | None = None
    country: str | None = None
    org_type: OrgType | None = None
    tier: int = 2
    language: str | None = None
    poll_interval_minutes: int = 60
    enabled: bool = True
    allow_private: bool = False
    fetch_articles: bool = True
    health: SourceHealth = field(default_factory=SourceHealth)


@dataclass(frozen=True)
class FeedEntry:
    """One link a feed, sitemap or listing page points at, before the page is fetched."""

    url: str
    title: str | None = None
    published_at: datetime | None = None
    summary: str | None = None
    content_html: str | None = None
    author: str | None = None


@dataclass
class Document:
    """One extracted article (or PDF report), the unit everything later works on."""

    url: str
    canonical_url: str
    title: str
    text: str
    content_hash: str
    source_id: int | None = None
    id: int | None = None
    language: str | None = None
    published_at: datetime | None = None
    fetched_at: datetime | None = None
    author: str | None = None
    content_type: str = "text/html"
    raw: bytes | None = None


@dataclass(frozen=True)
class FetchLogEntry:
    """One HTTP attempt, successful or not; every attempt is logged."""

    url: str
    started_at: datetime
    duration_ms: int
    status: int | None = None
    bytes: int = 0
    error: str | None = None
    error_kind: str | None = None
    source_id: int | None = None
    not_modified: bool = False


@dataclass(frozen=True)
class Rejected:
    """A document that was dropped, with the reason, so analysts can ask why."""

    url: str
    reason: str
    detail: str | None = None
    source_id: int | None = None
    at: datetime | None = None
