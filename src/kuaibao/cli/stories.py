"""``kuaibao triage …``: the ranked story queue and the analyst's decisions on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.cli.common import (
    DatabaseOpt,
    DataDirOpt,
    JsonOpt,
    console,
    err_console,
    fail,
    friendly_errors,
    open_store,
    print_json,
    settings_for,
)
from kuaibao.cli.glossary import gazetteer_for
from kuaibao.config import Settings
from kuaibao.domain import Story, StoryState, TriageAction, User
from kuaibao.pipeline.context import Context
from kuaibao.pipeline.ranking import WINDOW_DAYS
from kuaibao.store import Store
from kuaibao.workflow.stories import Decision, decide

app = typer.Typer(
    help="Ranked stories for triage: list, show, accept, reject, relabel, draft.",
    invoke_without_command=True,
)

UserOpt = Annotated[
    str | None, typer.Option("--user", help="Who decides (kept with the decision).")
]
StoryArg = Annotated[int, typer.Argument(help="Story id (from `kuaibao triage`).")]


def story_json(story: Story) -> dict[str, Any]:
    """A story for scripts: its fields and its last ranking."""
    ranking = story.ranking
    return {
        "story": story.id,
        "score": story.score,
        "title": story.title,
        "domain": story.domain,
        "section": story.section,
        "relevance": story.relevance,
        "sources": story.sources,
        "size": story.size,
        "documents": story.document_ids,
        "lead_document": story.lead_document_id,
        "published_at": story.published_at,
        "first_seen": story.first_seen,
        "last_seen": story.last_seen,
        "state": story.state.value,
        "item": story.item_id,
        "suggest_focus": ranking.suggest_focus,
        "covered_in": ranking.covered_in.to_json() if ranking.covered_in else None,
        "new_figures": list(ranking.new_figures),
        "signals": ranking.signals,
        "reasons": [*ranking.reasons, *story.reasons],
    }


def refresh(ctx: Context, *, window_days: float) -> dict[str, int]:
    """Cluster documents that are not in a story yet, then re-rank recent stories."""
    from kuaibao.pipeline.stages import run_pipeline  # loads scikit-learn: only when used

    reports = run_pipeline(ctx, ["cluster", "rank"], params={"rank": {"window_days": window_days}})
    return {name: n for report in reports for name, n in report.counts.items()}


@app.callback()
def triage_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="How many stories to list.")] = 20,
    domain: Annotated[str | None, typer.Option(help="Only this domain, e.g. 人工智能.")] = None,
    section: Annotated[str | None, typer.Option(help="Only this section.")] = None,
    days: Annotated[
        float, typer.Option(help="Stories active within this many days.")
    ] = WINDOW_DAYS,
    every_state: Annotated[
        bool, typer.Option("--all", help="Include accepted and rejected stories.")
    ] = False,
    update: Annotated[
        bool, typer.Option(help="Cluster new documents and re-rank before listing.")
    ] = True,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """List ranked stories with the reasons for their rank (clusters new documents first).

    Example: kuaibao triage --domain 半导体 --limit 10 --json
    """
    if ctx.invoked_subcommand is not None:
        return
    settings = settings_for(data_dir, database_url)
    now = datetime.now(UTC)
    with friendly_errors(), open_store(settings) as store:
        done = {}
        if update:
            with Context(settings, store, clock=lambda: now) as stages:
                done = refresh(stages, window_days=days)
        stories = store.stories.ranked(
            states=None if every_state else [StoryState.NEW],
            domain=domain,
            section=section,
            since=now - timedelta(days=days),
            limit=limit,
        )
    if as_json:
        print_json([story_json(s) for s in stories])
        return
    if done:
        console.print(
            f"clustered {done['documents_clustered']} new documents "
            f"({done['new_stories']} new stories, {done['joined_stories']} joined); "
            f"ranked {done['stories_ranked']} stories",
            highlight=False,
        )
    _print_table(stories)


def _print_table(stories: list[Story]) -> None:
    table = Table("story", "score", "domain", "section", "src", "title", "why")
    for s in stories:
        why = "; ".join(s.ranking.reasons[2:])
        mark = "★ " if s.ranking.suggest_focus else ""
        table.add_row(
            str(s.id),
            f"{s.score:.0f}",
            s.domain or "",
            s.section or "",
            str(s.sources),
            mark + s.title[:70],
            why,
        )
    console.print(table)
    if not stories:
        console.print("no stories yet: `kuaibao crawl` first, or widen --days / use --all")


@app.command("show")
def show_command(
    story: StoryArg,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """One story: its reports (lead first), ranking reasons and classification."""
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        found = store.stories.get(story)
        docs = store.documents.get_many(found.document_ids)
    data = story_json(found)
    data["reports"] = [
        {
            "document": d.id,
            "title": d.title,
            "url": d.canonical_url,
            "published_at": d.published_at,
            "source": d.source_id,
        }
        for d in sorted(docs, key=lambda d: d.id != found.lead_document_id)
    ]
    if as_json:
        print_json(data)
        return
    console.print(f"story {found.id}: {found.title}", markup=False, highlight=False)
    console.print(
        f"  {found.domain} / {found.section} · score {found.score:.0f} · {found.state.value}",
        markup=False,
        highlight=False,
    )
    for reason in data["reasons"]:
        console.print(f"  - {reason}", markup=False, highlight=False)
    for report in data["reports"]:
        console.print(
            f"  [{report['document']}] {report['title']}\n      {report['url']}",
            markup=False,
            highlight=False,
        )


def _decide(
    story_id: int,
    action: TriageAction,
    *,
    domain: str | None,
    section: str | None,
    user: str | None,
    data_dir: Any,
    database_url: str | None,
    as_json: bool,
) -> None:
    settings = settings_for(data_dir, database_url)
    taxonomy = load_taxonomy(settings.data_dir)
    with friendly_errors(), open_store(settings) as store:
        saved = decide(
            store,
            taxonomy,
            story_id,
            Decision(action, domain=domain, section=section, user=user),
            now=datetime.now(UTC),
        )
    if as_json:
        print_json(story_json(saved))
        return
    console.print(
        f"story {saved.id}: {saved.state.value} — {saved.domain} / {saved.section}",
        markup=False,
        highlight=False,
    )


DomainOpt = Annotated[str | None, typer.Option(help="Domain to file it under.")]
SectionOpt = Annotated[str | None, typer.Option(help="Section to file it under.")]


@app.command("accept")
def accept_command(
    story: StoryArg,
    domain: DomainOpt = None,
    section: SectionOpt = None,
    user: UserOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Take a story for the bulletin (optionally correcting its domain or section)."""
    _decide(
        story, TriageAction.ACCEPT, domain=domain, section=section, user=user,
        data_dir=data_dir, database_url=database_url, as_json=as_json,
    )  # fmt: skip


@app.command("reject")
def reject_command(
    story: StoryArg,
    user: UserOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Set a story aside; the classifier learns it as off-topic at the next `kuaibao train`."""
    _decide(
        story, TriageAction.REJECT, domain=None, section=None, user=user,
        data_dir=data_dir, database_url=database_url, as_json=as_json,
    )  # fmt: skip


@app.command("relabel")
def relabel_command(
    story: StoryArg,
    domain: DomainOpt = None,
    section: SectionOpt = None,
    user: UserOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Correct a story's domain or section without deciding on it yet."""
    if domain is None and section is None:
        raise fail("give --domain and/or --section to relabel")
    _decide(
        story, TriageAction.RELABEL, domain=domain, section=section, user=user,
        data_dir=data_dir, database_url=database_url, as_json=as_json,
    )  # fmt: skip


@app.command("draft")
def draft_command(
    story: Annotated[
        int | None, typer.Argument(help="Story id (from `kuaibao triage`); or --all-accepted.")
    ] = None,
    all_accepted: Annotated[
        bool,
        typer.Option(
            "--all-accepted",
            help="Draft every accepted story that has no item yet, with a progress bar.",
        ),
    ] = False,
    llm: Annotated[
        bool, typer.Option("--llm", help="Use the configured LLM writer (see docs/triage.md).")
    ] = False,
    contributor: Annotated[
        list[str] | None,
        typer.Option("--contributor", help="供稿人 (repeatable; default: the --user's byline)."),
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--user", help="Who drafts it (a web-app user; credited on the 供稿 line)."),
    ] = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DatabaseOpt = None,
) -> None:
    """Write a Chinese draft item for a story, check its facts, and accept the story.

    The item is credited to --contributor, else to the --user's display name; an item
    credited to nobody cannot be published. Example: kuaibao triage draft 12 --user zhangjuan

    With --all-accepted, every accepted story without an item is drafted (the web app's
    "draft all accepted stories" job, run here): one story that cannot be drafted is
    reported and the others are still drafted. Example: kuaibao triage draft --all-accepted
    """
    from kuaibao.cli.bulletin import item_json
    from kuaibao.pipeline.drafting import draft_story

    if (story is None) == (not all_accepted):
        raise fail("give a story id or --all-accepted (not both)")
    settings = settings_for(data_dir, database_url)
    with friendly_errors(), open_store(settings) as store:
        drafter = store.users.by_name(user) if user else None
        if user and drafter is None:
            raise fail(f"no user named {user!r}; `kuaibao users list` shows them")
        if story is None:
            _draft_accepted(store, settings, llm=llm, drafter=drafter, as_json=as_json)
            return
        outcome = draft_story(
            store,
            story,
            settings=settings,
            taxonomy=load_taxonomy(settings.data_dir),
            gazetteer=gazetteer_for(settings),
            glossary=dict(store.glossary.all()),
            now=datetime.now(UTC),
            use_llm=llm,
            contributors=contributor or [],
            drafter=drafter,
        )
    check = outcome.check.as_dict() if outcome.check else None
    if as_json:
        print_json({"item": item_json(outcome.item), "writer": outcome.writer, "check": check})
        return
    item = outcome.item
    console.print(f"item {item.id} ({outcome.writer}): {item.title}", markup=False)
    for para in item.body:
        console.print(f"  {para}", markup=False, highlight=False)
    for note in item.notes:
        console.print(f"  · {note}", markup=False, highlight=False)
    if not item.contributors:
        console.print(
            "[yellow]credited to nobody[/]: an item without a 供稿 line cannot be published; "
            "draft with --user or --contributor, or name the analyst in the web editor"
        )


def _draft_accepted(
    store: Store, settings: Settings, *, llm: bool, drafter: User | None, as_json: bool
) -> None:
    """Run the ``draft_accepted`` job kind in this process, its progress as a bar."""
    from kuaibao.jobs.kinds import DRAFT_ACCEPTED, JobContext, kind_function

    taxonomy = load_taxonomy(settings.data_dir)
    context = JobContext(
        store=store,
        settings=settings,
        taxonomy=lambda: taxonomy,
        gazetteer=lambda: gazetteer_for(settings),
        user=drafter,
    )
    run_job = kind_function(DRAFT_ACCEPTED)
    if as_json:
        result = run_job(context, {"llm": llm}, lambda done, total: None)
        print_json(result)
    else:
        with Progress(
            TextColumn("drafting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
        ) as bar:
            task = bar.add_task("", total=None)
            result = run_job(
                context,
                {"llm": llm},
                lambda done, total: bar.update(task, completed=done, total=total),
            )
        for one in result["drafted"]:
            console.print(f"story {one['story']} → item {one['item']}", markup=False)
        for one in result["failed"]:
            err_console.print(f"story {one['story']}: {one['error']}", markup=False)
        console.print(f"{len(result['drafted'])} drafted, {len(result['failed'])} failed")
    if result["failed"] and not result["drafted"]:
        raise typer.Exit(1)
