"""What the first week on the real web asked of the schema.

- ``sources.timezone`` (an IANA name; naive times on the source's pages are in it) and
  ``sources.tags`` (folders of an imported OPML file, or the analyst's own labels).
- ``entry_retries``: one row per article URL whose fetch failed for a passing reason, so
  the feed's validators can be saved after every poll while the failed entry is still
  retried with back-off, and given up (as a rejection) after a limit.
- ``users.display_name``: the name printed on the 供稿 line (张娟), not the login name.
- ``bulletins.number`` may be empty: an imported issue whose text has no number keeps none.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kuaibao.store.models import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("timezone", sa.String(64), nullable=True))
        batch.add_column(sa.Column("tags", sa.JSON, nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("display_name", sa.String(100), nullable=True))
    with op.batch_alter_table("bulletins") as batch:
        batch.alter_column("number", existing_type=sa.Integer, nullable=True)
    op.create_table(
        "entry_retries",
        sa.Column("url", sa.String(2000), primary_key=True),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("sources.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("first_failed_at", UTCDateTime, nullable=False),
        sa.Column("last_failed_at", UTCDateTime, nullable=False),
        sa.Column("next_attempt_at", UTCDateTime, nullable=False),
        sa.Column("last_reason", sa.String(60), nullable=False),
        sa.Column("last_detail", sa.Text, nullable=True),
    )
    op.create_index("ix_entry_retries_source_id", "entry_retries", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_entry_retries_source_id", table_name="entry_retries")
    op.drop_table("entry_retries")
    with op.batch_alter_table("bulletins") as batch:
        batch.alter_column("number", existing_type=sa.Integer, nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("display_name")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("tags")
        batch.drop_column("timezone")
