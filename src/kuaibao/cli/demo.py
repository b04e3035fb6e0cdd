"""``kuaibao demo``: crawl the bundled sample web on 127.0.0.1 and show what happened."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from kuaibao.cli.common import (
    GLOBALS,
    JsonOpt,
    console,
    friendly_errors,
    open_store,
    print_json,
)
from kuaibao.cli.crawl import print_report, report_json
from kuaibao.config import load_settings
from kuaibao.demo import SampleWeb, serving
from kuaibao.domain import Rejected
from kuaibao.issue import issue_label
from kuaibao.pipeline.health import check_sources

if TYPE_CHECKING:
    from kuaibao.demo.run import DemoResult

DEMO_MARKER = ".kuaibao-demo"
DEFAULT_DEMO_DIR = Path("kuaibao-demo")


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
        Path | None,
        typer.Option("--data-dir", help="Folder for the demo's own data (recreated each run)."),
    ] = None,
    serve: Annotated[
        bool,
        typer.Option(help="Leave the web app running on the demo's data when done."),
    ] = True,
    port: Annotated[int, typer.Option(help="Port for the web app (another if taken).")] = (
        serving.DEFAULT_PORT
    ),
    stop: Annotated[bool, typer.Option("--stop", help="Stop the demo's web app and exit.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Serve a sample web on 127.0.0.1, crawl it, compile a bulletin from what it found,
    and leave the web app running on the result (stop it with `kuaibao demo --stop`)."""
    folder = data_dir or GLOBALS.data_dir or DEFAULT_DEMO_DIR
    if stop:
        stopped = serving.stop(folder)
        console.print("demo web app stopped" if stopped else f"no demo web app runs for {folder}")
        return
    serving.stop(folder)  # its database is about to be wiped
    _fresh_dir(folder)
    settings = load_settings(data_dir=folder)
    app: serving.RunningApp | None = None
    with friendly_errors(), SampleWeb() as web, open_store(settings, create=True) as store:
        if not as_json:
            console.rule("kuaibao demo: a sample web on 127.0.0.1")
            for site in web.sites:
                console.print(
                    f"  {site.kind.value:<8} {site.feed_url:<44} {site.name}", highlight=False
                )
        from kuaibao.demo.run import run_demo  # loads scikit-learn: only when run

        result = run_demo(store, settings, web)
        health = check_sources(store, datetime.now(UTC))
        rejected = store.documents.rejections()
        if serve:
            serving.add_demo_user(store, settings)
    if serve:
        with friendly_errors():
            app = serving.start(folder, port=port)
    if as_json:
        print_json(
            {
                "data_dir": folder.resolve(),
                "cold": report_json(result.cold),
                "warm": report_json(result.warm),
                "documents": len(result.documents),
                "rejected": [{"url": r.url, "reason": r.reason} for r in rejected],
                "health": [h.as_dict() for h in health],
                "stories": {
                    "clustered": result.stories.documents,
                    "stories": result.stories.new_stories,
                    "joined": result.stories.joined,
                    "merged": [s.story.id for s in result.drafted if s.story.size > 1],
                },
                "drafts": [
                    {
                        "item": d.item.id,
                        "story": d.story.id,
                        "title": d.item.title,
                        "check_ok": d.check.ok if d.check else None,
                        "unsupported": [u.as_dict() for u in d.check.unsupported]
                        if d.check
                        else [],
                        "approved": d.approved,
                        "source_urls": d.item.source_urls,
                    }
                    for d in result.drafted
                ],
                "bulletin": {"id": result.bulletin.id, "items": len(result.bulletin.items)},
                "outputs": {k: v.resolve() for k, v in result.outputs.items()},
                "web": (
                    {"url": app.url, "user": app.user, "password": app.password, "pid": app.pid}
                    if app
                    else None
                ),
            }
        )
        return
    _print_result(result, rejected, folder)
    if app is not None:
        console.rule("the web app")
        console.print(
            f"  {app.url}\n  sign in as [bold]{app.user}[/] / [bold]{app.password}[/] "
            "(admin; a local demo account)\n"
            f"  it keeps running in the background (log: {app.log});\n"
            f"  stop it with: make stop-demo   (or: kuaibao demo --stop --data-dir {folder})",
            highlight=False,
        )


def _print_stories(result: DemoResult) -> None:
    run = result.stories
    console.rule("stories: clustered, classified, ranked")
    console.print(
        f"{run.documents} documents → {run.new_stories} stories "
        f"({run.joined} reports joined an existing story, {run.near_duplicates} near-copies)",
        highlight=False,
    )
    table = Table(show_edge=False)
    for column in ("story", "score", "domain", "section", "sources", "title"):
        table.add_column(column)
    for story in result.ranked[:10]:
        mark = "★ " if story.ranking.suggest_focus else ""
        table.add_row(
            str(story.id), f"{story.score:.0f}", story.domain or "", story.section or "",
            str(story.sources), mark + story.title[:60],
        )  # fmt: skip
    console.print(table)
    for story in result.ranked:
        covered = story.ranking.covered_in
        if covered:
            reason = next((r for r in story.ranking.reasons if "covered" in r), "")
            console.print(
                f"  story {story.id} sinks: {reason} — {story.title[:50]}",
                markup=False,
                highlight=False,
            )
    console.rule("drafts from the offline writer, with the fact check")
    for drafted in result.drafted:
        check = drafted.check
        verdict = (
            "no sources" if check is None
            else "check ok" if check.ok
            else "unsupported: " + "、".join(u.text for u in check.unsupported)
        )  # fmt: skip
        merged = (
            f" · {len(drafted.item.source_urls)} sources merged" if drafted.story.size > 1 else ""
        )
        state = "approved" if drafted.approved else "held for review"
        console.print(
            f"  item {drafted.item.id} [{verdict}; {state}{merged}] {drafted.item.title}",
            markup=False,
            highlight=False,
        )


def _print_result(result: DemoResult, rejected: list[Rejected], folder: Path) -> None:
    for past in result.archive:
        console.print(
            f"archive: imported {issue_label(past)} "
            f"({len(past.items)} items) — novelty is judged against it",
            highlight=False,
        )
    console.rule("first crawl (cold)")
    print_report(result.cold)
    console.rule("second crawl (warm: conditional GET, nothing new)")
    print_report(result.warm)
    console.rule("what was stored")
    table = Table(show_edge=False)
    table.add_column("id", justify="right")
    table.add_column("lang")
    table.add_column("title", no_wrap=True, overflow="ellipsis")
    for d in result.documents[:12]:
        table.add_row(str(d.id), d.language or "", d.title)
    console.print(table)
    console.print(
        f"{len(result.documents)} documents stored; {len(rejected)} URLs rejected with a reason:"
    )
    for r in rejected:
        console.print(f"  {r.reason:<12} {r.url}", highlight=False)
    _print_stories(result)
    b = result.bulletin
    console.rule(f"bulletin: {issue_label(b)}, {len(b.items)} items")
    for section in b.ordered_sections():
        for item in b.items_in(section):
            console.print(
                f"  {section:<10} [{item.domain}] {item.title}", markup=False, highlight=False
            )
    for fmt, path in result.outputs.items():
        console.print(f"  {fmt:<5} {path.resolve()}", highlight=False)
    console.print(
        f"\nTry: kuaibao --data-dir {folder} documents list | sources check | bulletin list"
    )
