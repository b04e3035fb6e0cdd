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

from kuaibao.config import Settings, load_settings
from kuaibao.errors import KuaibaoError
from kuaibao.store import Store

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


@contextmanager
def open_store(settings: Settings) -> Iterator[Store]:
    """Open (and migrate) the store; always closed, even on error."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
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
