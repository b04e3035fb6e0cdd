"""Stories (clustered documents), triage decisions, and analyst notes on items.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kuaibao.store.models import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("items", sa.Column("notes", sa.JSON, nullable=True))
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column(
            "lead_document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("first_seen", UTCDateTime, nullable=False),
        sa.Column("last_seen", UTCDateTime, nullable=False),
        sa.Column("published_at", UTCDateTime, nullable=True),
        sa.Column("domain", sa.String(50), nullable=True),
        sa.Column("section", sa.String(50), nullable=True),
        sa.Column("relevance", sa.Float, nullable=False),
        sa.Column("reasons", sa.JSON, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("ranking", sa.JSON, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column(
            "item_id", sa.Integer, sa.ForeignKey("items.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", ["last_seen"])
    op.create_index("ix_stories_domain", "stories", ["domain"])
    op.create_index("ix_stories_state", "stories", ["state"])
    op.create_index("ix_stories_score", "stories", ["score"])
    op.create_table(
        "story_documents",
        sa.Column(
            "document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "story_id",
            sa.Integer,
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("near_duplicate_of", sa.Integer, nullable=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("added_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_story_documents_story_id", "story_documents", ["story_id"])
    op.create_table(
        "triage_decisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "story_id",
            sa.Integer,
            sa.ForeignKey("stories.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("domain", sa.String(50), nullable=True),
        sa.Column("section", sa.String(50), nullable=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("user", sa.String(100), nullable=True),
        sa.Column("at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_triage_decisions_story_id", "triage_decisions", ["story_id"])


def downgrade() -> None:
    op.drop_table("triage_decisions")
    op.drop_table("story_documents")
    op.drop_table("stories")
    with op.batch_alter_table("items") as batch:
        batch.drop_column("notes")
