"""Persistence: all SQL lives in this package; the rest of kuaibao speaks domain objects.

``Store`` opens one database (SQLite by default, PostgreSQL for teams) and exposes a
repository per entity.
"""

from __future__ import annotations

from sqlalchemy.orm import sessionmaker

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


class Store:
    """One database, its repositories, and its schema version."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if migrate:
            upgrade(self.engine)
        sessions = sessionmaker(self.engine, expire_on_commit=False)
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

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def is_current(self) -> bool:
        return schema_is_current(self.engine)

    def close(self) -> None:
        self.engine.dispose()
