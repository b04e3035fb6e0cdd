"""Real databases for tests: a SQLite file, and a throw-away schema on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    return os.environ.get("KUAIBAO_TEST_POSTGRES_URL", DEFAULT_PG)


def postgres_unavailable() -> str | None:
    """None when a server answers, else the reason (printed by the skip)."""
    try:
        engine = create_engine(postgres_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except OperationalError as exc:
        first = str(exc).splitlines()[0]
        return f"no PostgreSQL server at {postgres_url()} ({first})"
    return None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A fresh schema on the test server; yields a URL whose search_path points at it."""
    name = f"kb_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in postgres_url() else "?"
    try:
        yield f"{postgres_url()}{sep}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
