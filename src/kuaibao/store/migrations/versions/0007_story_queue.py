"""The triage queue's indexes: stories by state (and domain), then score, then id.

The queue asks for one state's stories in score order, a page at a time, often of one
domain. With separate indexes on state and on score, SQLite (which has no statistics
unless ANALYZE ran) takes the state index and sorts all of that state's stories for
every page: 80,000 rows and over 100 ms per page on a store of 100,000 stories. These
indexes hand it the page directly, also deep in a domain's queue (offset 950 of one
domain: 40 ms → 2 ms); other filters are checked while walking them.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_stories_state_score", "stories", ["state", "score", "id"])
    op.create_index("ix_stories_state_domain_score", "stories", ["state", "domain", "score", "id"])


def downgrade() -> None:
    op.drop_index("ix_stories_state_domain_score", table_name="stories")
    op.drop_index("ix_stories_state_score", table_name="stories")
