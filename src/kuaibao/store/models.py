"""SQLAlchemy 2 table models. Only ``kuaibao.store`` imports this module.

Times are stored as UTC; ``UTCDateTime`` gives them back timezone-aware on both SQLite
(which keeps no zone) and PostgreSQL. The text columns the crawl writes use the types of
:mod:`kuaibao.store.values`, so what comes from the web is storable on both backends.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kuaibao.store.values import CleanString, CleanText, UrlString


class UTCDateTime(TypeDecorator[datetime]):
    """A datetime column that always round-trips as timezone-aware UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


class Base(DeclarativeBase):
    """Declarative base of all kuaibao tables."""


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(CleanString(300))
    homepage: Mapped[str] = mapped_column(UrlString)
    kind: Mapped[str] = mapped_column(CleanString(20))
    feed_url: Mapped[str] = mapped_column(UrlString, unique=True)
    selectors: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    country: Mapped[str | None] = mapped_column(CleanString(10), nullable=True)
    org_type: Mapped[str | None] = mapped_column(CleanString(30), nullable=True)
    tier: Mapped[int] = mapped_column(Integer, default=2)
    language: Mapped[str | None] = mapped_column(CleanString(20), nullable=True)
    poll_interval_minutes: Mapped[int] = mapped_column(Integer, default=60)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    fetch_articles: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_attempt: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(CleanText, nullable=True)
    items_last_poll: Mapped[int | None] = mapped_column(Integer, nullable=True)
    items_previous_poll: Mapped[int | None] = mapped_column(Integer, nullable=True)
    empty_extractions: Mapped[int] = mapped_column(Integer, default=0)
    timezone: Mapped[str | None] = mapped_column(CleanString(64), nullable=True)
    tags: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)
    region: Mapped[str | None] = mapped_column(CleanString(64), nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True, index=True
    )
    url: Mapped[str] = mapped_column(UrlString, index=True)
    canonical_url: Mapped[str] = mapped_column(UrlString, unique=True)
    title: Mapped[str] = mapped_column(CleanText)
    text: Mapped[str] = mapped_column(CleanText)
    language: Mapped[str | None] = mapped_column(CleanString(20), nullable=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    author: Mapped[str | None] = mapped_column(CleanString(500), nullable=True)
    content_type: Mapped[str] = mapped_column(CleanString(100))
    content_hash: Mapped[str] = mapped_column(CleanString(64), unique=True)
    raw_compressed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class FetchLogRow(Base):
    __tablename__ = "fetch_log"
    __table_args__ = (Index("ix_fetch_log_source_started", "source_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True
    )
    url: Mapped[str] = mapped_column(UrlString)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    bytes: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(CleanText, nullable=True)
    error_kind: Mapped[str | None] = mapped_column(CleanString(40), nullable=True)
    not_modified: Mapped[bool] = mapped_column(Boolean, default=False)


class RejectionRow(Base):
    __tablename__ = "rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True, index=True
    )
    url: Mapped[str] = mapped_column(UrlString, unique=True)
    reason: Mapped[str] = mapped_column(CleanString(60))
    detail: Mapped[str | None] = mapped_column(CleanText, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class EntryRetryRow(Base):
    """An article whose fetch failed for a passing reason, retried with back-off.

    Kept apart from the feed's validators so one dead link never turns off conditional
    GET for its whole feed; after the attempt limit the URL becomes a rejection.
    """

    __tablename__ = "entry_retries"

    url: Mapped[str] = mapped_column(UrlString, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), nullable=True, index=True
    )
    attempts: Mapped[int] = mapped_column(Integer)
    first_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_reason: Mapped[str] = mapped_column(CleanString(60))
    last_detail: Mapped[str | None] = mapped_column(CleanText, nullable=True)


class HttpCacheRow(Base):
    """Validators for conditional GET, one row per URL we poll repeatedly."""

    __tablename__ = "http_cache"

    url: Mapped[str] = mapped_column(UrlString, primary_key=True)
    etag: Mapped[str | None] = mapped_column(CleanString(500), nullable=True)
    last_modified: Mapped[str | None] = mapped_column(CleanString(100), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ItemRow(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[list[str]] = mapped_column(JSON)
    domain: Mapped[str | None] = mapped_column(String(50), nullable=True, index=True)
    section: Mapped[str | None] = mapped_column(String(50), nullable=True)
    contributors: Mapped[list[str]] = mapped_column(JSON)
    source_urls: Mapped[list[str]] = mapped_column(JSON)
    original_title: Mapped[str | None] = mapped_column(Text, nullable=True)
    event_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)
    notes: Mapped[list[str] | None] = mapped_column(JSON, nullable=True)


class ItemDocumentRow(Base):
    """Which crawled documents an item was written from."""

    __tablename__ = "item_documents"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )


class ItemRevisionRow(Base):
    """The edit history: a snapshot of an item after each change."""

    __tablename__ = "item_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    editor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class BulletinRow(Base):
    __tablename__ = "bulletins"
    __table_args__ = (
        Index("ux_bulletins_number", "series", "year", "number", "revision", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    series: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # empty on some imports
    running_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    date: Mapped[Any] = mapped_column(Date, nullable=True)
    editor: Mapped[str | None] = mapped_column(String(100), nullable=True)
    issuing_unit: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sections: Mapped[list[str]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20))
    revision: Mapped[int] = mapped_column(Integer)
    supersedes_id: Mapped[int | None] = mapped_column(
        ForeignKey("bulletins.id", ondelete="SET NULL"), nullable=True
    )
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BulletinItemRow(Base):
    __tablename__ = "bulletin_items"

    bulletin_id: Mapped[int] = mapped_column(
        ForeignKey("bulletins.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)


class GlossaryRow(Base):
    """Original-language title ↔ Chinese title pairs, learnt from imported bulletins."""

    __tablename__ = "glossary"
    __table_args__ = (Index("ux_glossary_pair", "original", "chinese", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    original: Mapped[str] = mapped_column(String(1000))
    chinese: Mapped[str] = mapped_column(String(1000))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="SET NULL"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RobotsRow(Base):
    """The last robots.txt answer of an origin, so runs within the TTL need not refetch it."""

    __tablename__ = "robots_cache"

    origin: Mapped[str] = mapped_column(CleanString(300), primary_key=True)
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StoryRow(Base):
    """A story: documents from one or more sources about one event (see ``dedup``).

    The ids are the story index's own, so the on-disk index and the store agree; the
    ranking fields are refreshed whenever the story gains a document.
    """

    __tablename__ = "stories"
    # The triage queue: one state's (and domain's) stories, best score first (0007).
    __table_args__ = (
        Index("ix_stories_state_score", "state", "score", "id"),
        Index("ix_stories_state_domain_score", "state", "domain", "score", "id"),
        # The dashboard's count of new stories since a visit, by domain (0008).
        Index("ix_stories_state_seen_domain", "state", "last_seen", "domain"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    lead_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), nullable=True
    )
    size: Mapped[int] = mapped_column(Integer)
    sources: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    domain: Mapped[str | None] = mapped_column(String(50), nullable=True, index=True)
    section: Mapped[str | None] = mapped_column(String(50), nullable=True)
    relevance: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float, index=True)
    ranking: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), index=True)
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("items.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StoryDocumentRow(Base):
    """Which story each clustered document joined, and how."""

    __tablename__ = "story_documents"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    near_duplicate_of: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score: Mapped[float] = mapped_column(Float)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TriageDecisionRow(Base):
    """An analyst's accept, reject or relabel of a story: a training label for the model."""

    __tablename__ = "triage_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(20))
    domain: Mapped[str | None] = mapped_column(String(50), nullable=True)
    section: Mapped[str | None] = mapped_column(String(50), nullable=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    user: Mapped[str | None] = mapped_column(String(100), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class UserRow(Base):
    """A web-app user; only an argon2 hash of the password is kept."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    previous_visit_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    display_name: Mapped[str | None] = mapped_column(String(100), nullable=True)


class WebSessionRow(Base):
    """A signed-in browser. The id is the SHA-256 of the cookie, so a leaked table is no key."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime)


class ApiTokenRow(Base):
    """A script's bearer token; only its SHA-256 is kept (the token is shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class JobRow(Base):
    """Work the web app runs in the background (drafting); the runner is replaceable, the
    rows are not: a job left ``running`` by a dead process is still visible here."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(60))
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(20), index=True)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error: Mapped[str | None] = mapped_column(CleanText, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
