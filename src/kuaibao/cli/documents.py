"""``kuaibao documents …``: what the crawler stored."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from kuaibao.cli.common import (
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    fail,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.domain import Document

app = typer.Typer(help="Browse stored documents.", no_args_is_help=True)


def document_json(doc: Document, source_names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "url": doc.url,
        "canonical_url": doc.canonical_url,
        "title": doc.title,
        "text": doc.text,
        "language": doc.language,
        "source": source_names.get(doc.source_id or -1),
        "source_id": doc.source_id,
        "published_at": doc.published_at,
        "fetched_at": doc.fetched_at,
        "author": doc.author,
        "content_type": doc.content_type,
        "content_hash": doc.content_hash,
    }


@app.command("list")
def list_documents(
    source: Annotated[int | None, typer.Option("--source", help="Only this source id.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List stored documents (newest id last)."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        names = {s.id: s.name for s in store.sources.all() if s.id is not None}
        docs = store.documents.find(source_id=source, limit=limit)
    if as_json:
        print_json([document_json(d, names) for d in docs])
        return
    table = Table("id", "published", "lang", "source", "title")
    for d in docs:
        table.add_row(
            str(d.id),
            d.published_at.date().isoformat() if d.published_at else "",
            d.language or "",
            names.get(d.source_id or -1, ""),
            d.title[:90],
        )
    console.print(table)
    console.print(f"{len(docs)} documents")


@app.command("show")
def show(
    doc_id: int,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Show one document's metadata and extracted text."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        doc = store.documents.get(doc_id)
        names = {s.id: s.name for s in store.sources.all() if s.id is not None}
    if doc is None:
        raise fail(f"no document with id {doc_id}; `kuaibao documents list` shows the ids")
    if as_json:
        print_json(document_json(doc, names))
        return
    console.print(f"[bold]{doc.title}[/]", highlight=False)
    console.print(f"{doc.canonical_url}\n{doc.published_at or ''} {doc.language or ''}\n")
    console.print(doc.text, highlight=False, markup=False)


@app.command("rejected")
def rejected(
    source: Annotated[int | None, typer.Option("--source", help="Only this source id.")] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """URLs that were dropped, with the reason: why did an article never show up?"""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        rows = store.documents.rejections(source_id=source)
    if as_json:
        print_json(
            [
                {
                    "url": r.url,
                    "reason": r.reason,
                    "detail": r.detail,
                    "source_id": r.source_id,
                    "at": r.at,
                }
                for r in rows
            ]
        )
        return
    table = Table("source", "reason", "url", "detail")
    for r in rows:
        table.add_row(str(r.source_id or ""), r.reason, r.url, (r.detail or "")[:80])
    console.print(table)
