"""The PostgreSQL server the tests and benchmarks use, and throw-away schemas on it.

One place for both: the tests' fixtures (``tests/conftest.py``) and the benchmarks that
measure PostgreSQL (``search_latency``, ``webload``) need the same server URL, the same
check that it answers (the reason is printed when it does not) and the same schema that
is dropped afterwards. ``KUAIBAO_TEST_POSTGRES_URL`` points elsewhere than the default.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_url() -> str:
    """The server's URL (its default schema)."""
    return os.environ.get("KUAIBAO_TEST_POSTGRES_URL", DEFAULT_PG)


def schema_url(name: str) -> str:
    """A URL whose connections work in schema ``name`` (``search_path``)."""
    base = postgres_url()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{name}"


def postgres_unavailable() -> str | None:
    """None when the server answers, else why not (for a skip or a SKIP line)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    try:
        engine = create_engine(postgres_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except OperationalError as exc:
        return f"no PostgreSQL server at {postgres_url()} ({str(exc).splitlines()[0]})"
    return None


@contextmanager
def postgres_schema(prefix: str = "kb_bench") -> Iterator[str]:
    """A fresh schema named ``<prefix>_<random>``; yields its URL, drops it afterwards."""
    from sqlalchemy import create_engine, text

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    try:
        yield schema_url(name)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()
