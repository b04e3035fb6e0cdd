"""The ``kuaibao`` command: a thin Typer shell over the library.

Each command parses its options, calls one library function and prints a table for
people or JSON (``--json``) for scripts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer

from kuaibao import __version__
from kuaibao.cli import bulletin, documents, items, sources, stories, users
from kuaibao.cli.classify import (
    classify_command,
    evaluate_command,
    taxonomy_app,
    train_command,
)
from kuaibao.cli.common import (
    GLOBALS,
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.cli.crawl import crawl_command, watch_command
from kuaibao.cli.demo import demo_command
from kuaibao.cli.glossary import glossary_app
from kuaibao.cli.search import index_command, search_command
from kuaibao.cli.triage import check_command, cluster_command, facts_command
from kuaibao.config import CONFIG_FILE_NAME
from kuaibao.sources import default_sources

app = typer.Typer(
    help="kuaibao (快报): science-and-technology intelligence briefings.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(sources.app, name="sources")
app.add_typer(documents.app, name="documents")
app.add_typer(items.app, name="items")
app.add_typer(bulletin.app, name="bulletin")
app.add_typer(stories.app, name="triage")
app.add_typer(users.app, name="users")
app.command("serve")(users.serve_command)
app.command("crawl")(crawl_command)
app.command("watch")(watch_command)
app.command("demo")(demo_command)
app.command("facts")(facts_command)
app.command("check")(check_command)
app.command("cluster")(cluster_command)
app.command("classify")(classify_command)
app.command("search")(search_command)
app.command("index")(index_command)
app.command("train")(train_command)
app.command("evaluate")(evaluate_command)
app.add_typer(taxonomy_app, name="taxonomy")
app.add_typer(glossary_app, name="glossary")

CONFIG_TEMPLATE = """\
# kuaibao settings. Environment variables KUAIBAO_* and command-line flags override these.
# database_url = "postgresql+psycopg://kuaibao@127.0.0.1:5432/kuaibao"

[fetch]
# user_agent = "kuaibao/0.1 (+https://example.org/contact)"
# max_concurrency = 32
# per_host_concurrency = 2
# per_host_rate = 2.0
# source_deadline = 120.0   # seconds one source may take per crawl pass

[llm]
# The optional LLM draft writer: any OpenAI-compatible chat-completions endpoint.
# base_url = "http://127.0.0.1:8080/v1"
# model = "qwen2.5-7b-instruct"
# api_key: prefer the KUAIBAO_LLM_API_KEY environment variable

[web]
# host = "127.0.0.1"
# port = 8000
# secure_cookies = false   # true when a TLS proxy cannot send X-Forwarded-Proto
"""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kuaibao {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """kuaibao (快报): crawl S&T sources and build Chinese briefings."""
    GLOBALS.data_dir = data_dir
    GLOBALS.database_url = database_url


@app.command("init")
def init(
    with_defaults: Annotated[
        bool, typer.Option("--with-defaults", help="Load the curated default source registry.")
    ] = False,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Create the data directory, the database schema and a commented config file."""
    settings = settings_for(data_dir, database_url)
    config_path = settings.data_dir / CONFIG_FILE_NAME
    with friendly_errors(), open_store(settings, create=True) as store:
        if not config_path.exists():
            config_path.write_text(CONFIG_TEMPLATE, encoding="utf-8")
        added = updated = 0
        if with_defaults:
            added, updated = store.sources.upsert_many(default_sources(), now=datetime.now(UTC))
        total = len(store.sources.all())
    if as_json:
        print_json(
            {
                "data_dir": settings.data_dir.resolve(),
                "database": store.backend,
                "sources_added": added,
                "sources_updated": updated,
                "sources": total,
            }
        )
        return
    console.print(f"kuaibao data directory ready: {settings.data_dir.resolve()} ({store.backend})")
    if with_defaults:
        console.print(f"default registry: {added} added, {updated} updated; {total} sources")


def main() -> None:
    """Console-script entry point."""
    app()
