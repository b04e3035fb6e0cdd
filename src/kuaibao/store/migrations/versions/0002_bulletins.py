"""Bulletins: items, their sources and history, bulletins and their order, glossary.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kuaibao.store.models import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("domain", sa.String(50), nullable=True),
        sa.Column("section", sa.String(50), nullable=True),
        sa.Column("contributors", sa.JSON, nullable=False),
        sa.Column("source_urls", sa.JSON, nullable=False),
        sa.Column("original_title", sa.Text, nullable=True),
        sa.Column("event_date", sa.String(10), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_items_domain", "items", ["domain"])
    op.create_index("ix_items_state", "items", ["state"])
    op.create_table(
        "item_documents",
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "item_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("editor", sa.String(100), nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.Column("snapshot", sa.JSON, nullable=False),
    )
    op.create_index("ix_item_revisions_item_id", "item_revisions", ["item_id"])
    op.create_table(
        "bulletins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("series", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("running_number", sa.Integer, nullable=True),
        sa.Column("date", sa.Date, nullable=True),
        sa.Column("editor", sa.String(100), nullable=True),
        sa.Column("issuing_unit", sa.String(200), nullable=True),
        sa.Column("sections", sa.JSON, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column(
            "supersedes_id",
            sa.Integer,
            sa.ForeignKey("bulletins.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("published_at", UTCDateTime, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index(
        "ux_bulletins_number", "bulletins", ["series", "year", "number", "revision"], unique=True
    )
    op.create_table(
        "bulletin_items",
        sa.Column(
            "bulletin_id",
            sa.Integer,
            sa.ForeignKey("bulletins.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_table(
        "glossary",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("original", sa.String(1000), nullable=False),
        sa.Column("chinese", sa.String(1000), nullable=False),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.create_index("ux_glossary_pair", "glossary", ["original", "chinese"], unique=True)


def downgrade() -> None:
    for table in (
        "glossary",
        "bulletin_items",
        "bulletins",
        "item_revisions",
        "item_documents",
        "items",
    ):
        op.drop_table(table)
