"""The vocabulary of kuaibao: plain dataclasses shared by every stage.

Stages speak in these objects, never in database rows or dicts, so that the pure parts
(parsing, extraction, scoring) can be tested without a store and the store can change
without touching them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


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
    homepage: str | None  # None: the site has no known homepage (a feed-only import)
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
    timezone: str | None = None
    tags: tuple[str, ...] = ()
    health: SourceHealth = field(default_factory=SourceHealth)
    region: str | None = None  # province and/or city in Chinese (云岚省, 广东省深圳市)


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
class RobotsAnswer:
    """What one origin's robots.txt said, and when (kept between runs within the TTL)."""

    origin: str
    status: int
    body: bytes
    fetched_at: datetime


@dataclass(frozen=True)
class Rejected:
    """A document that was dropped, with the reason, so analysts can ask why."""

    url: str
    reason: str
    detail: str | None = None
    source_id: int | None = None
    at: datetime | None = None


class ItemState(StrEnum):
    """Where an item is in the editorial workflow."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"


class BulletinState(StrEnum):
    """An open bulletin can change; a published one is immutable (corrections are revisions)."""

    OPEN = "open"
    PUBLISHED = "published"


@dataclass
class Item:
    """One bulletin entry: a Chinese title and body with its facts, sources and analysts.

    ``event_date`` is ISO at the precision the text gives: ``2024``, ``2024-02`` or
    ``2024-03-15``. ``body`` holds paragraphs, in order. ``notes`` are for the analyst
    only (key source sentences, check results) and are never printed in a bulletin.
    """

    title: str
    body: list[str]
    domain: str | None = None
    section: str | None = None
    contributors: list[str] = field(default_factory=list)
    source_urls: list[str] = field(default_factory=list)
    original_title: str | None = None
    event_date: str | None = None
    state: ItemState = ItemState.DRAFT
    id: int | None = None
    document_ids: list[int] = field(default_factory=list)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    version: int = 1
    notes: list[str] = field(default_factory=list)


@dataclass
class Bulletin:
    """One numbered issue of a series (e.g. 科技快报 2024年第12期), its items in order."""

    series: str
    year: int
    number: int | None  # None: an imported issue that printed no number (none is invented)
    id: int | None = None
    running_number: int | None = None
    date: date | None = None
    editor: str | None = None
    issuing_unit: str | None = None
    sections: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    state: BulletinState = BulletinState.OPEN
    revision: int = 1
    supersedes_id: int | None = None
    published_at: datetime | None = None

    def items_in(self, section: str) -> list[Item]:
        """Items of one section, in bulletin order."""
        return [item for item in self.items if item.section == section]

    def ordered_sections(self) -> list[str]:
        """Declared sections first, then any section an item names that was not declared."""
        extra = [i.section for i in self.items if i.section and i.section not in self.sections]
        return [*self.sections, *dict.fromkeys(extra)]


class StoryState(StrEnum):
    """Where a story is in triage: waiting, taken into an item, or set aside."""

    NEW = "new"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class TriageAction(StrEnum):
    """An analyst's decision on a story; each one is kept as a training label."""

    ACCEPT = "accept"
    REJECT = "reject"
    RELABEL = "relabel"


@dataclass(frozen=True)
class CoveredIn:
    """The item of a published bulletin that already covered a story."""

    label: str  # how analysts name the issue: 2024年第3期
    bulletin_id: int | None = None
    item_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"bulletin": self.bulletin_id, "label": self.label, "item": self.item_id}

    @classmethod
    def from_json(cls, data: object) -> CoveredIn | None:
        """The stored form back; anything without a label reads as not covered."""
        if not isinstance(data, Mapping) or data.get("label") is None:
            return None
        bulletin, item = data.get("bulletin"), data.get("item")
        return cls(
            label=str(data["label"]),
            bulletin_id=bulletin if isinstance(bulletin, int) else None,
            item_id=item if isinstance(item, int) else None,
        )


@dataclass(frozen=True)
class Ranking:
    """Why a story scored what it did in the last ranking pass (``pipeline.ranking``).

    ``signals`` are the 0–1 values behind the score (relevance, tier, sources, recency,
    novelty); ``reasons`` say the same for analysts, one per signal; ``covered_in`` and
    ``new_figures`` come from comparing the story with published bulletins. Stored as JSON
    in the story's row (``to_json``), read back with ``from_json``.
    """

    signals: dict[str, float] = field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    covered_in: CoveredIn | None = None
    new_figures: tuple[str, ...] = ()
    suggest_focus: bool = False  # one of the few suggested for 重点关注

    def to_json(self) -> dict[str, Any]:
        return {
            "signals": {k: round(v, 3) for k, v in self.signals.items()},
            "reasons": list(self.reasons),
            "covered_in": self.covered_in.to_json() if self.covered_in else None,
            "new_figures": list(self.new_figures),
            "suggest_focus": self.suggest_focus,
        }

    @classmethod
    def from_json(cls, data: object) -> Ranking:
        """The stored form back, read defensively: a story never ranked has ``{}``, and a
        value of the wrong type reads as absent rather than failing the page."""
        if not isinstance(data, Mapping):
            return cls()
        signals = data.get("signals")
        return cls(
            signals={
                str(k): float(v)
                for k, v in (signals.items() if isinstance(signals, Mapping) else ())
                if isinstance(v, int | float)
            },
            reasons=tuple(str(r) for r in _listed(data.get("reasons"))),
            covered_in=CoveredIn.from_json(data.get("covered_in")),
            new_figures=tuple(str(f) for f in _listed(data.get("new_figures"))),
            suggest_focus=bool(data.get("suggest_focus")),
        )


def _listed(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


@dataclass
class Story:
    """Documents from one or more sources about one event, as triage shows it.

    ``sources`` counts independent sources (syndicated copies count once); ``reasons``
    are the classifier's, and ranking adds its own when it orders stories.
    """

    id: int
    title: str
    document_ids: list[int]
    first_seen: datetime
    last_seen: datetime
    lead_document_id: int | None = None
    size: int = 1
    sources: int = 1
    published_at: datetime | None = None
    domain: str | None = None
    section: str | None = None
    relevance: float = 0.0
    reasons: list[str] = field(default_factory=list)
    state: StoryState = StoryState.NEW
    item_id: int | None = None
    updated_at: datetime | None = None
    score: float = 0.0  # the last ranking's score, 0–100
    ranking: Ranking = field(default_factory=Ranking)  # its signals, reasons, coverage


@dataclass(frozen=True)
class TriageDecision:
    """One accept, reject or relabel, with the text it labels."""

    story_id: int
    action: TriageAction
    title: str
    text: str
    domain: str | None = None
    section: str | None = None
    user: str | None = None
    at: datetime | None = None
    id: int | None = None


class Role(StrEnum):
    """What a web-app user may do; each role includes the ones below it.

    admin (users, sources, settings) > editor (compile and publish bulletins, approve items)
    > analyst (triage, draft, edit, submit for review).
    """

    ADMIN = "admin"
    EDITOR = "editor"
    ANALYST = "analyst"

    @property
    def rank(self) -> int:
        """Higher ranks include the rights of lower ones."""
        return {Role.ANALYST: 1, Role.EDITOR: 2, Role.ADMIN: 3}[self]

    def allows(self, needed: Role) -> bool:
        """True when this role may do what ``needed`` may do."""
        return self.rank >= needed.rank


@dataclass
class User:
    """A person who signs in to the web app; the password hash stays in the store.

    ``previous_visit_at`` is when the user was last active before the current login, so
    pages can say what is new "since your last visit".
    """

    name: str
    role: Role
    id: int | None = None
    created_at: datetime | None = None
    disabled: bool = False
    last_seen_at: datetime | None = None
    previous_visit_at: datetime | None = None
    display_name: str | None = None

    @property
    def byline(self) -> str:
        """The name printed on a 供稿 line: the display name (张娟), else the login name."""
        return self.display_name or self.name
