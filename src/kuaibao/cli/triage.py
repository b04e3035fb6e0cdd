"""Triage commands that read stdin and print results: facts, check."""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Annotated, Any

import typer

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
from kuaibao.cli.glossary import gazetteer_for
from kuaibao.draft.review import draft_text, lead_first, source_text
from kuaibao.facts import check_request, extract_facts


def facts_command(
    reference: Annotated[
        str | None, typer.Option(help="Date for year-less dates, YYYY-MM-DD (default: none).")
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
) -> None:
    """Print the dates, sums of money, percentages, organisations and places in stdin's text.

    Example: echo 'UKRI will invest £1.1 billion from March 15, 2024.' | kuaibao facts --json
    """
    settings = settings_for(data_dir, None)
    text = sys.stdin.read()
    with friendly_errors():
        ref = date.fromisoformat(reference) if reference else None
        found = extract_facts(text, reference=ref, gazetteer=gazetteer_for(settings))
    data = found.as_dict()
    if as_json:
        print_json(data)
        return
    for kind, hits in data.items():
        for hit in hits:
            zh = hit.get("zh") or ""
            console.print(f"{kind:<14} {hit['text']:<40} {zh}", markup=False, highlight=False)


def _item_request(item_id: int, settings_dir: Any, database_url: str | None) -> dict[str, Any]:
    """The item as a check request, built as the approval gate builds it (lead report first,
    its date as the reference), so `kuaibao check ITEM` and `items approve` always agree."""
    settings = settings_for(settings_dir, database_url)
    with open_store(settings) as store:
        item = store.items.get(item_id)
        docs = store.documents.get_many(item.document_ids) if item.document_ids else []
    if not docs:
        raise fail(
            f"item {item_id} is linked to no stored document, so there is no source to check "
            'against; pipe {"source": …, "draft": …} to `kuaibao check --json` instead'
        )
    sources = lead_first(item, docs)
    published = next((d.published_at.date() for d in sources if d.published_at), None)
    return {
        "source": source_text(sources),
        "draft": draft_text(item),
        "published": published.isoformat() if published else None,
    }


def check_command(
    item: Annotated[
        int | None, typer.Argument(help="Item id; without it, read {source, draft} JSON on stdin.")
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Check that every number, sum, date, percentage and organisation in a Chinese draft
    is supported by its source. Exit status 1 when something is unsupported."""
    with friendly_errors():
        if item is not None:
            payload = _item_request(item, data_dir, database_url)
        else:
            try:
                payload = json.loads(sys.stdin.read())
            except json.JSONDecodeError as exc:
                raise fail(f'stdin is not JSON: {exc}; expected {{"source", "draft"}}') from exc
        settings = settings_for(data_dir, database_url)
        try:
            result = check_request(payload, gazetteer=gazetteer_for(settings))
        except ValueError as exc:
            raise fail(str(exc)) from exc
    if as_json:
        print_json(result)
    else:
        draft = str(payload.get("draft", ""))
        if result["ok"]:
            console.print("[green]ok[/]: every fact in the draft is found in the source")
        for bad in result["unsupported"]:
            context = draft[max(0, bad["start"] - 12) : bad["end"] + 12].replace("\n", " ")
            console.print(
                f"[red]unsupported {bad['kind']}[/] {bad['text']!r} at "
                f"{bad['start']}-{bad['end']}: …{context}…",
                highlight=False,
            )
    if not result["ok"]:
        raise typer.Exit(1)


def cluster_command(
    workers: Annotated[int, typer.Option(help="Processes computing features.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Group JSON lines {"id", "title", "text", "url", "published_at"} into stories.

    Prints a JSON list of groups, each a list of ids; every id is in exactly one group.
    """
    from kuaibao.dedup import RecordError, cluster_json_lines

    try:
        groups = cluster_json_lines(sys.stdin, workers=workers)
    except RecordError as exc:
        raise fail(str(exc)) from exc
    if as_json:
        sys.stdout.write(json.dumps(groups, ensure_ascii=False) + "\n")
        return
    for n, group in enumerate(groups, 1):
        console.print(f"story {n}: {', '.join(str(i) for i in group)}", highlight=False)
