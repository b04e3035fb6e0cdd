"""Search index over items and documents: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

Revision ID: 0003
Revises: 0002

Tokens are made in Python (``kuaibao.search.tokens``) and stored as they are: FTS5 uses
its ``ascii`` tokenizer, which only splits on ASCII spaces and punctuation, and the
tsvector is written with explicit positions, so neither database re-tokenizes. The
index starts empty; entries are added by ``Store.search.index_many`` and friends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _id_type() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _entry_columns() -> list[sa.Column[object]]:
    """Small columns only: the texts (for snippets) live in ``search_texts``, so that
    checking thousands of candidate rows reads few pages.

    ``id`` is not a sequence: it is derived from the entry's date, kind and reference
    (``kuaibao.search.entries.entry_id``) so that it sorts by date. On SQLite it is the
    rowid, and the FTS5 row of an entry has the same rowid.
    """
    return [
        sa.Column("id", _id_type(), primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("ref_id", sa.Integer, nullable=False),
        sa.Column("date_from", sa.String(10), nullable=True),
        sa.Column("date_to", sa.String(10), nullable=True),
        sa.Column("date", sa.String(10), nullable=True),
        sa.Column("domain", sa.String(100), nullable=True),
        sa.Column("section", sa.String(100), nullable=True),
        sa.Column("source_id", sa.Integer, nullable=True),
        sa.Column("n_tokens", sa.Integer, nullable=False),
    ]


def _create_texts() -> None:
    op.create_table(
        "search_texts",
        sa.Column(
            "id",
            _id_type(),
            sa.ForeignKey("search_entries.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.create_table(
            "search_entries",
            *_entry_columns(),
            sa.UniqueConstraint("kind", "ref_id", name="uq_search_entries_kind_ref"),
        )
        _create_texts()
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'ascii')")
    elif dialect == "postgresql":
        op.create_table(
            "search_entries",
            *_entry_columns(),
            sa.Column("tsv", postgresql.TSVECTOR, nullable=False),
            sa.Column("pairs", postgresql.TSVECTOR, nullable=False),
            sa.UniqueConstraint("kind", "ref_id", name="uq_search_entries_kind_ref"),
        )
        _create_texts()
        # The token tsvector stays in the row (checked for every candidate); the token
        # pairs, only ever read through their index, go out of line first.
        op.execute("ALTER TABLE search_entries ALTER COLUMN tsv SET STORAGE MAIN")
        op.execute("ALTER TABLE search_entries ALTER COLUMN pairs SET STORAGE EXTERNAL")
        for column in ("tsv", "pairs"):
            op.create_index(
                f"ix_search_entries_{column}", "search_entries", [column], postgresql_using="gin"
            )
        # SQLite filters the matches FTS5 yields; PostgreSQL can also intersect indexes.
        for column in ("domain", "section", "source_id"):
            op.create_index(f"ix_search_entries_{column}", "search_entries", [column])
        # What FTS5 keeps by itself and bm25 needs: entries per token, entries and tokens.
        op.create_table(
            "search_terms",
            sa.Column("token", sa.Text, primary_key=True),
            sa.Column("df", sa.Integer, nullable=False),
        )
        op.create_table(
            "search_stats",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
            sa.Column("entries", sa.BigInteger, nullable=False),
            sa.Column("tokens", sa.BigInteger, nullable=False),
        )
        op.execute("INSERT INTO search_stats (id, entries, tokens) VALUES (1, 0, 0)")
    else:
        raise NotImplementedError(f"no search index for the {dialect} database")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.drop_table("search_stats")
        op.drop_table("search_terms")
    op.drop_table("search_texts")
    op.drop_table("search_entries")
