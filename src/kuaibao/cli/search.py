"""``kuaibao search``: the archive of items and documents, Chinese and English."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

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
from kuaibao.pipeline.indexing import index_new_documents

KINDS = ("item", "document")


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise fail(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from exc


def search_command(
    query: Annotated[str, typer.Argument(help='Words (all must match), "a phrase", -exclude, OR.')],
    domain: Annotated[str | None, typer.Option(help="Only this domain, e.g. 量子技术.")] = None,
    section: Annotated[str | None, typer.Option(help="Only this section.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date, YYYY-MM-DD.")] = None,
    kind: Annotated[str | None, typer.Option(help="item or document (default both).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    exact: Annotated[
        bool, typer.Option("--exact", help="Only the words as typed, no other-language terms.")
    ] = False,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Search items and documents, ranked; matches are highlighted.

    Each word also finds its counterparts in the other language (芯片: semiconductor;
    quantum: 量子), ranked after the matches of the words as typed; --exact turns it off.

    Example: kuaibao search '量子计算 -光子' --since 2026-01-01
    """
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be item or document, got {kind!r}")
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        index_new_documents(store)
        hits = store.search.search(
            query,
            kinds=(kind,) if kind else KINDS,
            domain=domain,
            section=section,
            since=_day(since, "since"),
            until=_day(until, "until"),
            limit=limit,
            exact=exact,
        )
        expanded = store.search.expansion(query, exact=exact).applied
    if as_json:
        print_json(
            [
                {
                    "kind": h.kind,
                    "id": h.id,
                    "title": h.title,
                    "snippet": h.snippet,
                    "score": round(h.score, 4),
                    "date": h.date,
                    "domain": h.domain,
                    "section": h.section,
                    "highlights": h.highlights,
                }
                for h in hits
            ]
        )
        return
    table = Table("kind", "id", "date", "title / snippet", show_lines=True)
    for h in hits:
        # Fetched text is never read as markup: styles are applied by offset.
        cell = Text(h.title, style="bold")
        cell.append("\n")
        offset = len(cell)
        cell.append(h.snippet)
        for start, end in h.highlights:
            cell.stylize("bold yellow", offset + start, offset + end)
        table.add_row(h.kind, str(h.id), h.date or "", cell)
    console.print(table)
    console.print(f"{len(hits)} hits")
    if expanded:
        console.print(f"also searched: {', '.join(expanded)}", highlight=False, markup=False)


def index_command(
    as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Bring the search index up to date with the stored documents.

    `kuaibao search` and `kuaibao watch` do this themselves; after a large crawl, running it
    once ahead of time makes the first search quick.
    """
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        added = index_new_documents(store)
        total = store.search.count()
    if as_json:
        print_json({"indexed": added, "entries": total})
    else:
        console.print(f"indexed {added} new documents; the index holds {total} entries")
