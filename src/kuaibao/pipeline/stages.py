"""The pipeline, declared once: its stages in order, each ``run(ctx, **params) -> StageReport``.

::

    crawl ─► index ─► cluster ─► rank ─► draft
    (fetch + extract)  (+ classify)

Every face runs the stages through :func:`run_pipeline` (or :func:`run_pipeline_async`
inside an event loop): ``kuaibao crawl`` (crawl, index), ``kuaibao watch`` (the same on
each pass), ``kuaibao triage`` (cluster, rank), the demo (all of them) and the web app.
Nothing else chains them, so the order is this table's and nowhere else.

What a stage reads and writes is in the store, never in the process: crawl reads the due
sources and writes documents; index reads the documents the search index lacks; cluster
the documents in no story (and writes stories, each classified as its summary is built,
with the data dir's gazetteer); rank the stories active in the window; draft the
accepted stories without an item (or the ones named). Parameters are plain values, so a
task queue can run one stage at a time, on any machine, with a context of its own.

Extraction has no stage of its own: a page is extracted as it is fetched (in the
context's process pool) and only its document is stored, so there is no stored state
between the two for a separate stage to read.

Adding a stage (the recipe, followed once in ``tests/pipeline/test_stages.py``):

1. Write ``def run_mine(ctx: Context, **params) -> StageReport``: read its input from
   ``ctx.store`` (what is not done yet, never a list handed over in memory), use
   ``ctx.catalogs``/``ctx.pool``/``ctx.writer()`` rather than loading anything, commit
   its results, and return ``StageReport("mine", {...counts...})``. Running it twice
   must leave what one run leaves.
2. Declare it: ``Stage("mine", run_mine, reads="…", writes="…")``; put it in
   :data:`STAGES` at its place in the order (or, for a context of your own,
   ``with_stage(STAGES, stage, after="index")``).
3. Name it where a face runs the pipeline (``run_pipeline(ctx, ["index", "mine"])``);
   its parameters go in ``params={"mine": {...}}``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kuaibao import phrases
from kuaibao.domain import StoryState
from kuaibao.errors import ConfigError, KuaibaoError
from kuaibao.pipeline.context import Context
from kuaibao.pipeline.crawl import Crawler, CrawlReport, ProgressHook
from kuaibao.pipeline.drafting import DraftOutcome, draft_story
from kuaibao.pipeline.indexing import index_new_documents
from kuaibao.pipeline.ranking import WINDOW_DAYS, rank_recent
from kuaibao.pipeline.stories import StoryRun, cluster_new_documents
from kuaibao.pipeline.workers import default_workers

CRAWL_COUNTS = ("entries", "new", "retried", "stored", "duplicates", "rejected", "failed")


@dataclass(frozen=True)
class StageReport:
    """What one stage run did: counts by name, and the stage's own report for printing."""

    stage: str
    counts: Mapping[str, int] = field(default_factory=dict)
    detail: Any = None

    def as_json(self) -> dict[str, Any]:
        return {"stage": self.stage, **self.counts}


StageFunction = Callable[..., StageReport]


@dataclass(frozen=True)
class Stage:
    """One declared stage: its name, its run, and what in the store it reads and writes.

    ``run_async``, when a stage has one, is what :func:`run_pipeline_async` awaits so an
    event loop (``kuaibao watch``) can cancel it.
    """

    name: str
    run: StageFunction
    reads: str
    writes: str
    run_async: Callable[..., Awaitable[StageReport]] | None = None


# --- crawl: fetch and extract ----------------------------------------------------------


def _crawl_report(report: CrawlReport) -> StageReport:
    counts = {"sources": len(report.sources), "failed_sources": report.failed_sources}
    counts.update({name: report.total(name) for name in CRAWL_COUNTS})
    return StageReport("crawl", counts, report)


async def crawl_async(
    ctx: Context,
    *,
    source_ids: Sequence[int] | None = None,
    due_only: bool = True,
    progress: ProgressHook | None = None,
) -> StageReport:
    """Poll the due (or the named, or all enabled) sources; store their new documents."""
    store = ctx.store
    if source_ids:
        sources = [store.sources.get(i) for i in source_ids]
    elif due_only:
        sources = store.sources.due(ctx.clock())
    else:
        sources = store.sources.all(enabled_only=True)
    feeds = sum(1 for s in sources if s.kind.is_feed)
    workers = min(ctx.pool.size, default_workers(feeds))
    crawler = Crawler(store, ctx.settings, workers=workers, pool=ctx.pool)
    return _crawl_report(await crawler.run(sources, progress=progress))


def run_crawl(ctx: Context, **params: Any) -> StageReport:
    return asyncio.run(crawl_async(ctx, **params))


# --- index, cluster, rank ---------------------------------------------------------------


def run_index(ctx: Context, *, limit: int | None = None) -> StageReport:
    """Add the documents the search index lacks."""
    return StageReport("index", {"documents_indexed": index_new_documents(ctx.store, limit=limit)})


def run_cluster(
    ctx: Context, *, limit: int | None = None, progress: Callable[[int], object] | None = None
) -> StageReport:
    """Place every document in no story yet; summarise and classify the stories touched."""
    catalogs = ctx.catalogs
    run: StoryRun = cluster_new_documents(
        ctx.store,
        ctx.settings.data_dir,
        now=ctx.clock(),
        taxonomy=catalogs.taxonomy(),
        model=catalogs.model(),
        gazetteer=catalogs.gazetteer(),
        limit=limit,
        progress=progress,
        executor=ctx.pool,
        workers=ctx.pool.size,
    )
    counts = {
        "documents_clustered": run.documents,
        "new_stories": run.new_stories,
        "joined_stories": run.joined,
        "near_duplicates": run.near_duplicates,
    }
    return StageReport("cluster", counts, run)


def run_rank(ctx: Context, *, window_days: float = WINDOW_DAYS) -> StageReport:
    """Score the stories active in the window against the published archive."""
    ranked = rank_recent(ctx.store, now=ctx.clock(), window_days=window_days)
    return StageReport("rank", {"stories_ranked": ranked})


# --- draft ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftRun:
    """What the draft stage did: outcome per drafted story, error per story it could not."""

    drafted: dict[int, DraftOutcome] = field(default_factory=dict)
    failed: dict[int, str] = field(default_factory=dict)


def accepted_without_item(ctx: Context) -> list[int]:
    """The accepted stories nobody has drafted yet, oldest id first."""
    stories = ctx.store.stories.find(states=[StoryState.ACCEPTED])
    return sorted(s.id for s in stories if s.item_id is None)


def run_draft(
    ctx: Context,
    *,
    stories: Sequence[int] | None = None,
    use_llm: bool = False,
    user: str | None = None,
    contributors: Sequence[str] = (),
    editor: str | None = None,
) -> StageReport:
    """Draft, check and store an item for each story (the named ones, else every accepted
    story without an item). A story that already has one is left alone; one story's
    failure is recorded and the others are still drafted."""
    store = ctx.store
    wanted = list(stories) if stories is not None else accepted_without_item(ctx)
    if use_llm and ctx.writer() is None:
        raise KuaibaoError(phrases.LLM_NOT_CONFIGURED())  # every story would fail alike
    drafter = store.users.by_name(user) if user else None
    catalogs = ctx.catalogs
    taxonomy, gazetteer = catalogs.taxonomy(), catalogs.named_gazetteer()
    run = DraftRun()
    for story_id in wanted:
        if store.stories.get(story_id).item_id is not None:
            continue
        try:
            run.drafted[story_id] = draft_story(
                store, story_id, settings=ctx.settings, taxonomy=taxonomy, gazetteer=gazetteer,
                glossary=catalogs.glossary(), now=ctx.clock(), use_llm=use_llm,
                contributors=contributors, editor=editor, drafter=drafter,
            )  # fmt: skip
        except KuaibaoError as exc:
            run.failed[story_id] = str(exc)
    return StageReport("draft", {"drafted": len(run.drafted), "failed": len(run.failed)}, run)


# --- the declaration ---------------------------------------------------------------------

STAGES: tuple[Stage, ...] = (
    Stage("crawl", run_crawl, reads="due sources", writes="documents, rejections, fetch log",
          run_async=crawl_async),
    Stage("index", run_index, reads="documents not in the search index", writes="search index"),
    Stage("cluster", run_cluster, reads="documents in no story",
          writes="stories (classified), stories.npz"),
    Stage("rank", run_rank, reads="stories active in the window", writes="story scores"),
    Stage("draft", run_draft, reads="accepted stories without an item", writes="items"),
)  # fmt: skip


def with_stage(declared: Sequence[Stage], stage: Stage, *, after: str) -> tuple[Stage, ...]:
    """``declared`` with ``stage`` placed right after the stage named ``after``."""
    names = [s.name for s in declared]
    if stage.name in names:
        raise ConfigError(f"a stage named {stage.name!r} is already declared")
    if after not in names:
        raise ConfigError(f"no stage named {after!r}; declared: {', '.join(names)}")
    at = names.index(after) + 1
    return (*declared[:at], stage, *declared[at:])


def _selected(declared: Sequence[Stage], names: Sequence[str] | None) -> list[Stage]:
    """The named stages in the declared order (whatever order they were named in)."""
    if names is None:
        return list(declared)
    known = {s.name for s in declared}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(
            f"unknown stage {unknown[0]!r}; declared: {', '.join(s.name for s in declared)}"
        )
    return [s for s in declared if s.name in names]


def run_pipeline(
    ctx: Context,
    stages: Sequence[str] | None = None,
    *,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    declared: Sequence[Stage] = STAGES,
) -> list[StageReport]:
    """Run the named stages (all when None) in the declared order, each with its params."""
    params = params or {}
    return [s.run(ctx, **params.get(s.name, {})) for s in _selected(declared, stages)]


async def run_pipeline_async(
    ctx: Context,
    stages: Sequence[str] | None = None,
    *,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    declared: Sequence[Stage] = STAGES,
) -> list[StageReport]:
    """:func:`run_pipeline` inside an event loop: stages with ``run_async`` are awaited
    (so cancelling the task stops them); the others run in place."""
    params = params or {}
    reports = []
    for stage in _selected(declared, stages):
        given = params.get(stage.name, {})
        if stage.run_async is not None:
            reports.append(await stage.run_async(ctx, **given))
        else:
            reports.append(stage.run(ctx, **given))
    return reports


def report_of(reports: Sequence[StageReport], name: str) -> StageReport:
    """The report of the stage named ``name`` among a pipeline run's reports."""
    return next(r for r in reports if r.stage == name)
