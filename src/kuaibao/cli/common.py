"""What every command shares: options for the data dir and database, the store, output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from sqlalchemy.engine import make_url

from kuaibao.config import Settings, load_settings
from kuaibao.errors import KuaibaoError
from kuaibao.store import Store, is_initialised

DataDirOpt = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Data directory (database, caches). Default ./kuaibao-data or $KUAIBAO_DATA_DIR.",
        show_default=False,
    ),
]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Database URL, e.g. postgresql+psycopg://user@host/db (default: SQLite in data dir).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of tables.")]

# Exit status of `crawl` when every polled source failed, and of `sources check` when a
# source is in error: distinct from 1 (the command itself failed) so cron and systemd
# can alert on the sources rather than on kuaibao.
SOURCES_FAILING = 3

# Piped output gets room for the summary tables instead of rich's 80-column default.
_WIDTH = None if sys.stdout.isatty() else 140
console = Console(width=_WIDTH)
err_console = Console(stderr=True)


@dataclass
class Globals:
    """Options given before the command name (``kuaibao --data-dir X crawl``)."""

    data_dir: Path | None = None
    database_url: str | None = None


GLOBALS = Globals()


def settings_for(data_dir: Path | None, database_url: str | None) -> Settings:
    """Command options win over the global ones, which win over the environment."""
    return load_settings(
        data_dir=data_dir or GLOBALS.data_dir,
        database_url=database_url or GLOBALS.database_url,
    )


def require_initialised(settings: Settings) -> None:
    """Refuse, saying how to init, a data dir or database that holds no kuaibao store.

    Without this, a command run from the wrong directory (or with a mistyped
    ``--data-dir``) silently created a new, empty store there and reported nothing
    found. Every command that opens a store comes through here or :func:`open_store`.
    """
    url = settings.effective_database_url
    try:
        ready = is_initialised(url)
    except KuaibaoError as exc:
        raise fail(str(exc)) from exc
    if ready:
        return
    if settings.database_url:
        raise fail(
            f"the database {make_url(url).render_as_string(hide_password=True)} holds no "
            "kuaibao store; create one with `kuaibao init --database-url URL` first"
        )
    raise fail(
        f"{settings.data_dir.resolve()} is not a kuaibao data directory (no kuaibao.db); "
        f"create it with `kuaibao init --data-dir {settings.data_dir}`, or point --data-dir "
        "or KUAIBAO_DATA_DIR at an existing one"
    )


@contextmanager
def open_store(settings: Settings, *, create: bool = False) -> Iterator[Store]:
    """Open (and migrate) the store; always closed, even on error.

    Only ``create=True`` (``kuaibao init`` and ``kuaibao demo``) makes a new store; any
    other command refuses a data dir or database that was never initialised.
    """
    if create:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    else:
        require_initialised(settings)
    store = Store(settings.effective_database_url)
    try:
        yield store
    finally:
        store.close()


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, no ASCII escaping, so Chinese stays readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")
    sys.stdout.flush()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a clear error on stderr and return the Exit to raise."""
    err_console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Turn kuaibao's own errors into one clear line and exit code 1."""
    try:
        yield
    except KuaibaoError as exc:
        raise fail(str(exc)) from exc
