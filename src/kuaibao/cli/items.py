"""``kuaibao items …``: bulletin items, drafted from documents or imported."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.table import Table

from kuaibao.bulletin.house import load_house_style
from kuaibao.bulletin.render.layout import contributor_line
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.cli.bulletin import item_json
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
from kuaibao.domain import ItemState
from kuaibao.draft.offline.simple import draft_from_document

app = typer.Typer(help="Bulletin items.", no_args_is_help=True)


@app.command("list")
def list_command(
    state: Annotated[ItemState | None, typer.Option(help="Only items in this state.")] = None,
    domain: Annotated[str | None, typer.Option(help="Only this domain, e.g. 半导体.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.")] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List items."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        items = store.items.find(state=state, domain=domain, limit=limit)
    if as_json:
        print_json([item_json(i) for i in items])
        return
    table = Table("id", "state", "section", "title")
    for i in items:
        table.add_row(str(i.id), i.state.value, i.section or "", f"[{i.domain}]{i.title}"[:90])
    console.print(table)


@app.command("show")
def show_command(
    item_id: int,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Show one item with its sources and edit history."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        item = store.items.get(item_id)
        history = store.items.history(item_id)
    if as_json:
        print_json(
            {
                **item_json(item),
                "version": item.version,
                "document_ids": item.document_ids,
                "history": history,
            }
        )
        return
    console.print(f"[{item.domain}]{item.title}", markup=False, highlight=False)
    for paragraph in item.body:
        console.print(f"  {paragraph}", markup=False, highlight=False)
    label = load_house_style(settings.data_dir).contributor_label
    console.print(contributor_line(item, label) or "（无供稿人）", markup=False)
    for url in item.source_urls:
        console.print(url, markup=False, highlight=False)
    if item.original_title:
        console.print(f"原文标题：{item.original_title}", markup=False, highlight=False)
    console.print(f"state {item.state.value}, version {item.version}, {len(history)} revisions")


@app.command("draft")
def draft_command(
    document_ids: Annotated[list[int], typer.Argument(help="Document ids to draft items from.")],
    contributor: Annotated[
        list[str] | None,
        typer.Option("--contributor", help="供稿人 (repeatable; default: the --user's byline)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Who drafts them (a web-app user; credited on 供稿 lines)."),
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Draft one item per document (filed by keyword, in the source's own words)."""
    from kuaibao.pipeline.drafting import credited
    from kuaibao.workflow.items import add_drafts

    settings = settings_for(data_dir, database_url)
    taxonomy = load_taxonomy(settings.data_dir)
    with friendly_errors(), open_store(settings) as store:
        drafter = store.users.by_name(user) if user else None
        if user and drafter is None:
            raise fail(f"no user named {user!r}; `kuaibao users list` shows them")
        names = credited(contributor or [], drafter)
        docs = [store.documents.get(i) for i in document_ids]
        missing = [i for i, d in zip(document_ids, docs, strict=True) if d is None]
        if missing:
            raise fail(f"no document with id {missing}; `kuaibao documents list` shows ids")
        drafts = [draft_from_document(d, taxonomy, contributors=names) for d in docs if d]
        items = add_drafts(store, drafts, now=datetime.now(UTC), editor=user or "draft")
    if as_json:
        print_json([item_json(i) for i in items])
        return
    for item in items:
        console.print(
            f"item {item.id}: [{item.domain}] {item.section} — {item.title}",
            markup=False,
            highlight=False,
        )


@app.command("submit")
def submit_command(
    item_id: Annotated[int, typer.Argument(help="Item id.")],
    user: Annotated[str | None, typer.Option("--user", help="Who submits it.")] = None,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Send a draft item for review."""
    from kuaibao.workflow.items import submit

    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        item = submit(store, item_id, now=datetime.now(UTC), editor=user)
    console.print(f"item {item.id}: {item.state.value}", highlight=False)


@app.command("approve")
def approve_command(
    item_id: Annotated[int, typer.Argument(help="Item id.")],
    override: Annotated[
        str | None,
        typer.Option(help="Approve despite a failing fact check; the reason is kept in history."),
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="Who approves it.")] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Approve an item: its fact check must pass (every figure, date and name in its sources).

    Exit status 1, with the unsupported facts listed, when the check fails.
    """
    from kuaibao.cli.glossary import gazetteer_for
    from kuaibao.errors import ReviewError
    from kuaibao.workflow.items import approve

    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        try:
            item, result = approve(
                store,
                item_id,
                now=datetime.now(UTC),
                editor=user,
                gazetteer=gazetteer_for(settings),
                override=override,
            )
        except ReviewError as exc:
            if as_json:
                print_json({"approved": False, "error": str(exc), "unsupported": exc.unsupported})
            else:
                console.print(f"[red]refused[/]: {exc}", highlight=False)
                for bad in exc.unsupported:
                    console.print(
                        f"  unsupported {bad['kind']} {bad['text']!r} "
                        f"at {bad['start']}-{bad['end']}",
                        markup=False,
                        highlight=False,
                    )
            raise typer.Exit(1) from exc
    check = result.as_dict() if result else None
    if as_json:
        print_json({"approved": True, "item": item_json(item), "check": check})
        return
    console.print(f"item {item.id}: approved", highlight=False)
