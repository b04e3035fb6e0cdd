"""Where a source sits inside its country, for the drafts of its reports.

``sources.region`` is the province and/or city a regional publisher serves, in Chinese as
a bulletin prints it (``云岚省``, ``广东省深圳市``, ``北京市``): a provincial department writes
我省 and 本市, and a draft of its report must name the province and city instead.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("region", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("region")
