"""Fixtures shared by the whole suite: real servers, real databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks.databases import postgres_schema, postgres_unavailable

from kuaibao.store import Store
from tests.support.server import LocalServer, local_server

_PG_REASON: list[str | None] = []


def _pg_reason() -> str | None:
    if not _PG_REASON:
        _PG_REASON.append(postgres_unavailable())
    return _PG_REASON[0]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 with programmable routes."""
    with local_server() as srv:
        yield srv


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kuaibao.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a fresh schema on the PostgreSQL test server (skips when none answers)."""
    reason = _pg_reason()
    if reason:
        pytest.skip(reason)
    with postgres_schema("kb_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each test using this runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kuaibao.db'}"
        return
    reason = _pg_reason()
    if reason:
        pytest.skip(reason)
    with postgres_schema("kb_test") as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated store on SQLite and on PostgreSQL."""
    st = Store(db_url)
    yield st
    st.close()
