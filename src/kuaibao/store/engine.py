"""Database engines for SQLite (default, WAL) and PostgreSQL, and schema upgrades."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError

from kuaibao.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers (the web app, `documents list`) run beside a crawl that writes."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite files get their folder created and WAL switched on."""
    try:
        if url.startswith("sqlite"):
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {url!r}: {exc}") from exc


def _alembic_config() -> Config:
    # Alembic is imported only when a schema is checked or upgraded: it costs start-up time.
    from alembic.config import Config

    cfg = Config()
    location = resources.files("kuaibao.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; an upgrade never drops data."""
    from alembic import command

    cfg = _alembic_config()
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"schema upgrade failed on {engine.url!r}: {exc}") from exc


def schema_is_current(engine: Engine) -> bool:
    """True when the database is at the newest migration."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read schema version from {engine.url!r}: {exc}") from exc
    return current == head


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    path = url.split("///", 1)[1] if "///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def is_initialised(url: str) -> bool:
    """True when the database already holds a kuaibao schema (any revision).

    The schema is the mark, not a file beside it, so the answer is the same for a SQLite
    file and for PostgreSQL: ``kuaibao init`` (or the demo) creates it, every other
    command only opens it. A SQLite file that does not exist is not created by asking.
    """
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        return False
    if url.startswith("sqlite") and path is None:
        return True  # in memory: every connection starts empty, nothing to protect
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return bool(inspect(connection).has_table("alembic_version"))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open database {engine.url!r}: {exc}") from exc
    finally:
        engine.dispose()
