"""Persistence: all SQL lives in this package; the rest of kuaibao speaks domain objects.

``Store`` opens one database (SQLite by default, PostgreSQL for teams) and exposes a
repository per entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.store.bulletins import BulletinRepository, GlossaryRepository
from kuaibao.store.documents import DocumentRepository
from kuaibao.store.engine import is_initialised, make_engine, schema_is_current, upgrade
from kuaibao.store.fetchlog import FetchLogRepository
from kuaibao.store.items import ItemRepository
from kuaibao.store.jobs import Job, JobRepository, JobState
from kuaibao.store.retries import EntryRetry, EntryRetryRepository
from kuaibao.store.search import SearchRepository
from kuaibao.store.sources import SourceRepository
from kuaibao.store.stories import StoryLink, StoryRepository
from kuaibao.store.users import ApiToken, UserRepository, WebSession

__all__ = [
    "ApiToken",
    "BulletinRepository",
    "DocumentRepository",
    "EntryRetry",
    "EntryRetryRepository",
    "FetchLogRepository",
    "GlossaryRepository",
    "ItemRepository",
    "Job",
    "JobRepository",
    "JobState",
    "SourceRepository",
    "Store",
    "StoryLink",
    "StoryRepository",
    "UserRepository",
    "WebSession",
    "is_initialised",
]


class _Sessions(sessionmaker[Session]):
    """Sessions of one store that join the open ``Store.transaction``, if there is one.

    A joined session's ``commit`` only flushes (SQLAlchemy's "join an external
    transaction": the connection's transaction is not the session's to end), so the
    repositories stay written as one-call-one-commit and still compose into one
    all-or-nothing change when the workflow asks for it.
    """

    def __init__(self, engine: Engine, joined: ContextVar[Connection | None]) -> None:
        super().__init__(engine, expire_on_commit=False)
        self._joined = joined

    def __call__(self, **local_kw: Any) -> Session:
        connection = self._joined.get()
        if connection is not None:
            local_kw.setdefault("bind", connection)
        return super().__call__(**local_kw)


class Store:
    """One database, its repositories, and its schema version."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            upgrade(self.engine)
        self._joined: ContextVar[Connection | None] = ContextVar(f"store-{id(self)}", default=None)
        sessions = _Sessions(self.engine, self._joined)
        self.sources = SourceRepository(sessions)
        self.documents = DocumentRepository(sessions)
        self.fetch_log = FetchLogRepository(sessions)
        self.retries = EntryRetryRepository(sessions)
        self.search = SearchRepository(sessions)
        self.items = ItemRepository(
            sessions, on_saved=lambda items: self.search.index_many(items=items)
        )
        self.bulletins = BulletinRepository(sessions)
        self.glossary = GlossaryRepository(sessions)
        self.stories = StoryRepository(sessions)
        self.users = UserRepository(sessions)
        self.jobs = JobRepository(sessions)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Every repository call inside is one transaction: all saved, or none.

        The workflow uses it so that a state change, its history and its links are never
        half stored (an item without the story that points to it, say). Nested calls join
        the outer one. The open transaction belongs to the current thread or task only.
        """
        if self._joined.get() is not None:
            yield
            return
        with self.engine.connect() as connection, connection.begin():
            token = self._joined.set(connection)
            try:
                yield
            finally:
                self._joined.reset(token)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def is_current(self) -> bool:
        return schema_is_current(self.engine)

    def close(self) -> None:
        self.engine.dispose()
