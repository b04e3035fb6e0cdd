"""Ingest tables: sources, documents, fetch log, rejections, HTTP validators.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kuaibao.store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("homepage", sa.String(2000), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("feed_url", sa.String(2000), nullable=False, unique=True),
        sa.Column("selectors", sa.JSON, nullable=True),
        sa.Column("country", sa.String(10), nullable=True),
        sa.Column("org_type", sa.String(30), nullable=True),
        sa.Column("tier", sa.Integer, nullable=False),
        sa.Column("language", sa.String(20), nullable=True),
        sa.Column("poll_interval_minutes", sa.Integer, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("allow_private", sa.Boolean, nullable=False),
        sa.Column("fetch_articles", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("last_attempt", UTCDateTime, nullable=True),
        sa.Column("last_success", UTCDateTime, nullable=True),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("items_last_poll", sa.Integer, nullable=True),
        sa.Column("items_previous_poll", sa.Integer, nullable=True),
        sa.Column("empty_extractions", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("canonical_url", sa.String(2000), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(20), nullable=True),
        sa.Column("published_at", UTCDateTime, nullable=True),
        sa.Column("fetched_at", UTCDateTime, nullable=False),
        sa.Column("author", sa.String(500), nullable=True),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("raw_compressed", sa.LargeBinary, nullable=True),
    )
    op.create_index("ix_documents_source_id", "documents", ["source_id"])
    op.create_index("ix_documents_url", "documents", ["url"])
    op.create_index("ix_documents_fetched_at", "documents", ["fetched_at"])
    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("started_at", UTCDateTime, nullable=False),
        sa.Column("duration_ms", sa.Integer, nullable=False),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("bytes", sa.Integer, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("error_kind", sa.String(40), nullable=True),
        sa.Column("not_modified", sa.Boolean, nullable=False),
    )
    op.create_index("ix_fetch_log_source_started", "fetch_log", ["source_id", "started_at"])
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("url", sa.String(2000), nullable=False, unique=True),
        sa.Column("reason", sa.String(60), nullable=False),
        sa.Column("detail", sa.Text, nullable=True),
        sa.Column("at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_rejections_source_id", "rejections", ["source_id"])
    op.create_table(
        "http_cache",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column("etag", sa.String(500), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("http_cache", "rejections", "fetch_log", "documents", "sources"):
        op.drop_table(table)
