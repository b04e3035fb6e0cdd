"""``kuaibao crawl`` and ``kuaibao watch``."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kuaibao.cli.common import (
    SOURCES_FAILING,
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
from kuaibao.pipeline.context import Context
from kuaibao.pipeline.crawl import CrawlReport, SourceOutcome

if TYPE_CHECKING:
    from kuaibao.pipeline.stages import StageReport

COUNTS = ("entries", "new", "retried", "stored", "duplicates", "rejected", "failed")

STATUS_STYLES = {
    "ok": "green",
    "warning": "yellow",
    "not_modified": "cyan",
    "partial": "yellow",
    "failed": "red",
}


def report_json(report: CrawlReport) -> dict[str, Any]:
    return {
        "started_at": report.started_at,
        "finished_at": report.finished_at,
        "sources": len(report.sources),
        "failed_sources": report.failed_sources,
        "not_modified_sources": sum(1 for o in report.sources if o.status == "not_modified"),
        **{name: report.total(name) for name in COUNTS},
        "per_source": [
            {
                "source_id": o.source_id,
                "name": o.name,
                "status": o.status,
                **{name: getattr(o, name) for name in COUNTS},
                "error": o.error,
            }
            for o in report.sources
        ],
    }


def print_report(report: CrawlReport) -> None:
    table = Table(show_edge=False)
    table.add_column("id", justify="right")
    table.add_column("source", max_width=28, no_wrap=True, overflow="ellipsis")
    table.add_column("status", no_wrap=True)
    for name in COUNTS:
        table.add_column(name, justify="right")
    table.add_column("error", max_width=40, no_wrap=True, overflow="ellipsis")
    for o in report.sources:
        style = STATUS_STYLES.get(o.status, "red")
        table.add_row(
            str(o.source_id),
            o.name,
            f"[{style}]{o.status}[/]",
            *(str(getattr(o, n)) for n in COUNTS),
            o.error or "",
        )
    console.print(table)
    secs = ((report.finished_at or report.started_at) - report.started_at).total_seconds()
    console.print(
        f"{len(report.sources)} sources polled in {secs:.1f}s: {report.total('stored')} stored, "
        f"{report.total('duplicates')} duplicates, {report.total('rejected')} rejected, "
        f"{report.total('failed')} failed, {report.failed_sources} sources failing",
        highlight=False,
    )


def crawl_command(
    source: Annotated[
        list[int] | None, typer.Option("--source", help="Poll only this source id (repeatable).")
    ] = None,
    all_sources: Annotated[
        bool, typer.Option("--all", help="Poll every enabled source, due or not.")
    ] = False,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """One pass over the sources that are due: fetch, extract, store, and summarise.

    Exits with status 3 when sources were polled and every one failed (1 when the
    command itself failed), so cron and systemd can raise an alert.
    """
    settings = settings_for(data_dir, database_url)
    params: dict[str, Any] = {"source_ids": source, "due_only": not all_sources}
    with friendly_errors(), open_store(settings) as store, Context(settings, store) as ctx:
        if as_json:
            report = _crawl(ctx, params)
        else:
            with Progress(
                TextColumn("crawling"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=err_console,
            ) as bar:
                total = len(source) if source else None
                task = bar.add_task("", total=total)

                def tick(outcome: SourceOutcome) -> None:
                    bar.update(task, advance=1, description=outcome.name[:40])

                report = _crawl(ctx, {**params, "progress": tick})
    if as_json:
        print_json(report_json(report))
    else:
        print_report(report)
    if report.all_failed:
        err_console.print(
            f"[bold red]every polled source failed[/] ({len(report.sources)}); "
            f"exit status {SOURCES_FAILING}",
            highlight=False,
        )
        raise typer.Exit(SOURCES_FAILING)


def _crawl(ctx: Context, params: dict[str, Any]) -> CrawlReport:
    """The crawl stage (only: ``kuaibao crawl`` leaves indexing to search and watch)."""
    from kuaibao.pipeline.stages import report_of, run_pipeline  # loads scikit-learn

    report: CrawlReport = report_of(
        run_pipeline(ctx, ["crawl"], params={"crawl": params}), "crawl"
    ).detail
    return report


def watch_command(
    as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DatabaseOpt = None
) -> None:
    """Keep polling every source on its own interval; Ctrl-C or SIGTERM stops cleanly."""
    settings = settings_for(data_dir, database_url)

    from kuaibao.pipeline.stages import report_of  # loads scikit-learn: only when used
    from kuaibao.pipeline.watch import watch as watch_loop

    def on_pass(reports: list[StageReport]) -> None:
        report: CrawlReport = report_of(reports, "crawl").detail
        if as_json:
            print_json(report_json(report))
        else:
            console.print(
                f"pass done: {len(report.sources)} sources, {report.total('stored')} stored, "
                f"{report.failed_sources} failing"
            )

    with friendly_errors(), open_store(settings) as store, Context(settings, store) as ctx:
        if not as_json:
            console.print("watching; press Ctrl-C to stop")
        passes = asyncio.run(watch_loop(ctx, on_pass=on_pass))
    if not as_json:
        console.print(f"stopped after {passes} passes")
