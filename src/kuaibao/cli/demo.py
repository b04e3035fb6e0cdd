"""``kuaibao demo``: crawl the bundled sample web on 127.0.0.1 and show what happened."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kuaibao.cli.common import JsonOpt, console, friendly_errors, open_store, print_json
from kuaibao.cli.crawl import print_report, report_json
from kuaibao.config import load_settings
from kuaibao.demo import SampleWeb
from kuaibao.pipeline.crawl import crawl
from kuaibao.pipeline.health import check_sources

DEMO_MARKER = ".kuaibao-demo"


def _fresh_dir(path: Path) -> None:
    """Start from an empty demo folder, but never wipe a folder the demo did not make."""
    if path.exists() and (path / DEMO_MARKER).exists():
        shutil.rmtree(path)
    elif path.exists() and any(path.iterdir()):
        raise typer.BadParameter(f"{path} exists and is not a kuaibao demo folder; pick another")
    path.mkdir(parents=True, exist_ok=True)
    (path / DEMO_MARKER).write_text("made by `kuaibao demo`; safe to delete\n", encoding="utf-8")


def demo_command(
    data_dir: Annotated[
        Path, typer.Option("--data-dir", help="Folder for the demo's own database (recreated).")
    ] = Path("kuaibao-demo"),
    as_json: JsonOpt = False,
) -> None:
    """Serve a small sample web on 127.0.0.1, register its sites and crawl them twice."""
    _fresh_dir(data_dir)
    settings = load_settings(data_dir=data_dir)
    with friendly_errors(), SampleWeb() as web, open_store(settings) as store:
        store.sources.upsert_many(web.sources(), now=datetime.now(UTC))
        if not as_json:
            console.rule("kuaibao demo: a sample web on 127.0.0.1")
            for site in web.sites:
                console.print(
                    f"  {site.kind.value:<8} {site.feed_url:<44} {site.name}", highlight=False
                )
            console.rule("first crawl (cold)")
        cold = crawl(store, settings, due_only=False)
        warm = crawl(store, settings, due_only=False)
        health = check_sources(store, datetime.now(UTC))
        docs = store.documents.find()
        rejected = store.documents.rejections()
    if as_json:
        print_json(
            {
                "data_dir": data_dir.resolve(),
                "cold": report_json(cold),
                "warm": report_json(warm),
                "documents": len(docs),
                "rejected": [{"url": r.url, "reason": r.reason} for r in rejected],
                "health": [h.as_dict() for h in health],
            }
        )
        return
    print_report(cold)
    console.rule("second crawl (warm: conditional GET, nothing new)")
    print_report(warm)
    console.rule("what was stored")
    table = Table(show_edge=False)
    table.add_column("id", justify="right")
    table.add_column("lang")
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for d in docs[:12]:
        table.add_row(str(d.id), d.language or "", d.title)
    console.print(table)
    console.print(f"{len(docs)} documents stored; {len(rejected)} URLs rejected with a reason:")
    for r in rejected:
        console.print(f"  {r.reason:<12} {r.url}", highlight=False)
    console.print(
        f"\nTry: kuaibao --data-dir {data_dir} documents list | sources check | documents show 1"
    )
