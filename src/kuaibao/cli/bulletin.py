"""``kuaibao bulletin …``: compile, publish, render and import numbered bulletins."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kuaibao.bulletin.house import load_house_style
from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.render import EXTENSIONS, FORMATS, render
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.cli.common import (
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    err_console,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.domain import Bulletin, Item
from kuaibao.issue import issue_label, issue_slug
from kuaibao.workflow.archive import GivenFacts, archive_bulletin
from kuaibao.workflow.bulletins import add_items, correct, new_bulletin, order_items, publish
from kuaibao.workflow.bulletins import remove_items as remove_from_bulletin

app = typer.Typer(help="Compile, publish, render and import bulletins.", no_args_is_help=True)


def item_json(item: Item) -> dict[str, Any]:
    """The item keys scripts rely on; ``body`` is the paragraphs joined by newlines."""
    return {
        "id": item.id,
        "section": item.section,
        "domain": item.domain,
        "title": item.title,
        "body": "\n".join(item.body),
        "paragraphs": list(item.body),
        "contributors": list(item.contributors),
        "source_urls": list(item.source_urls),
        "original_title": item.original_title,
        "event_date": item.event_date,
        "state": item.state.value,
    }


def bulletin_json(bulletin: Bulletin, count: int | None = None) -> dict[str, Any]:
    return {
        "id": bulletin.id,
        "series": bulletin.series,
        "year": bulletin.year,
        "number": bulletin.number,
        "running_number": bulletin.running_number,
        "revision": bulletin.revision,
        "date": bulletin.date,
        "items": len(bulletin.items) if count is None else count,
        "state": bulletin.state.value,
        "editor": bulletin.editor,
        "issuing_unit": bulletin.issuing_unit,
    }


def _label(b: Bulletin) -> str:
    rev = f" 修订{b.revision}" if b.revision > 1 else ""
    return f"{issue_label(b)}{rev}"


@app.command("import")
def import_command(
    path: Annotated[
        Path, typer.Argument(help="A bulletin as .txt (from PDF), .pdf, .docx or .json.")
    ],
    number: Annotated[
        int | None, typer.Option(min=1, help="第N期, when the text prints none (or wrongly).")
    ] = None,
    running_number: Annotated[
        int | None, typer.Option(min=1, help="总第N期, when the text prints none.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--date", help="Issue date YYYY-MM-DD, when the text has none.")
    ] = None,
    series: Annotated[
        str | None, typer.Option(help="Series name (default: the masthead's, else the house's).")
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Import a past bulletin into the archive; text it cannot place is reported by line.

    A file that is not a bulletin, or is too large, is refused and nothing is stored. An
    issue keeps the numbers its text prints (or that are given here); none is invented.

    Example: kuaibao bulletin import 2024-12.pdf --running-number 345
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors():
        if not path.is_file():
            raise typer.BadParameter(f"{path} is not a file")
        given = GivenFacts(
            series=series.strip() if series and series.strip() else None,
            number=number,
            running_number=running_number,
            date=_date_option(on),
        )
        parsed = import_bulletin(path, load_taxonomy(settings.data_dir))
        with open_store(settings) as store:
            style = load_house_style(settings.data_dir)
            archived = archive_bulletin(store, parsed, style, given)
    for rest in parsed.unplaced:
        err_console.print(
            f"[yellow]not placed[/] lines {rest.first_line}-{rest.last_line}: {rest.text[:60]}",
            highlight=False,
        )
    items = archived.bulletin.items
    if as_json:
        print_json([item_json(i) for i in items])
        return
    b = archived.bulletin
    running = f", 总第{b.running_number}期" if b.running_number is not None else ""
    console.print(
        f"imported {len(items)} items as bulletin {b.id} ({_label(b)}{running}); "
        f"{archived.glossary_added} new glossary pairs",
        highlight=False,
    )
    if b.number is None:
        console.print(
            "  no issue number in the text and none given (--number): stored unnumbered",
            highlight=False,
        )


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise typer.BadParameter(f"--date must be YYYY-MM-DD, got {value!r}") from exc


@app.command("list")
def list_command(
    as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """List bulletins, newest first."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        rows = store.bulletins.all()
    if as_json:
        print_json([bulletin_json(b, n) for b, n in rows])
        return
    table = Table("id", "bulletin", "总期", "date", "items", "state")
    for b, n in rows:
        table.add_row(
            str(b.id),
            _label(b),
            str(b.running_number or ""),
            b.date.isoformat() if b.date else "",
            str(n),
            b.state.value,
        )
    console.print(table)


@app.command("new")
def new_command(
    on: Annotated[
        str | None, typer.Option("--date", help="Issue date YYYY-MM-DD (default today).")
    ] = None,
    number: Annotated[int | None, typer.Option(help="第N期 (default: next of the year).")] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Open the next bulletin of the series."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        when = _date_option(on)
        b = new_bulletin(store, load_house_style(settings.data_dir), when=when, number=number)
    if as_json:
        print_json(bulletin_json(b))
    else:
        console.print(f"opened bulletin {b.id}: {_label(b)} (总第{b.running_number}期)")


@app.command("add")
def add_command(
    bulletin_id: int,
    item_ids: Annotated[list[int], typer.Argument(help="Item ids to add.")],
    section: Annotated[str | None, typer.Option(help="File the items under this section.")] = None,
    any_state: Annotated[
        bool,
        typer.Option(
            "--any-state",
            help="Also add items that are not approved (re-using imported items, say).",
        ),
    ] = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Add approved items to an open bulletin (grouped by the bulletin's section order).

    Example: kuaibao bulletin add 3 41 42 --section 产业动态
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = add_items(store, bulletin_id, item_ids, section=section, approved_only=not any_state)
    console.print(f"bulletin {bulletin_id} now has {len(b.items)} items")


@app.command("remove")
def remove_command(
    bulletin_id: int,
    item_ids: list[int],
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Take items out of an open bulletin (the items themselves are kept)."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = remove_from_bulletin(store, bulletin_id, item_ids)
    console.print(f"bulletin {bulletin_id} now has {len(b.items)} items")


@app.command("order")
def order_command(
    bulletin_id: int,
    item_ids: Annotated[list[int], typer.Argument(help="Item ids in the wanted order.")],
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Put the given items first, in this order, within their sections."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = order_items(store, bulletin_id, item_ids)
    console.print("order: " + " ".join(str(i.id) for i in b.items))


@app.command("show")
def show_command(
    bulletin_id: int,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Show a bulletin's sections and items."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = store.bulletins.get(bulletin_id)
    if as_json:
        print_json(
            {
                **bulletin_json(b),
                "sections": b.ordered_sections(),
                "item_list": [item_json(i) for i in b.items],
            }
        )
        return
    console.print(f"[bold]{_label(b)}[/]  {b.date or ''}  {b.state.value}", highlight=False)
    for section in b.ordered_sections():
        items = b.items_in(section)
        if items:
            console.print(f"\n[bold]{section}[/]")
        for item in items:
            console.print(
                f"  {item.id:>5}  [{item.domain or '?'}]{item.title}", highlight=False, markup=False
            )


@app.command("publish")
def publish_command(
    bulletin_id: int, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Publish: the bulletin and its items become immutable."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = publish(store, bulletin_id)
    console.print(f"published {_label(b)} with {len(b.items)} items")


@app.command("correct")
def correct_command(
    bulletin_id: int, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Open a correction: a new revision of a published bulletin with editable copies."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = correct(store, bulletin_id)
    console.print(f"opened bulletin {b.id}: revision {b.revision} of {_label(b)}")


@app.command("render")
def render_command(
    bulletin_id: int,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}.")
    ] = "html",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    citations: Annotated[
        bool, typer.Option("--citations", help="Add GB/T 7714 citations under each item.")
    ] = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Render a bulletin as HTML, PDF, DOCX, Markdown, JSON or an Atom feed."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        b = store.bulletins.get(bulletin_id)
        data = render(b, fmt, load_house_style(settings.data_dir), citations=citations)
    if output is None:
        ext = EXTENSIONS.get(fmt, fmt)
        output = settings.data_dir / "bulletins" / f"{b.series}-{issue_slug(b)}-r{b.revision}.{ext}"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    console.print(f"wrote {output} ({len(data):,} bytes)", highlight=False)
