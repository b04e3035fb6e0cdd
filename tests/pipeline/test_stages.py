"""The declared pipeline: stages run in the declared order over the store, a new stage is
added by the recipe in ``pipeline.stages``, and running a stage again redoes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from kuaibao.config import Settings
from kuaibao.domain import StoryState, TriageAction, TriageDecision
from kuaibao.errors import ConfigError
from kuaibao.pipeline.context import Context
from kuaibao.pipeline.stages import (
    STAGES,
    Stage,
    StageReport,
    report_of,
    run_pipeline,
    with_stage,
)
from kuaibao.store import Store
from tests.triage.corpus import DAY0, GRANT, document, sources

NOW = DAY0 + timedelta(days=1)


@pytest.fixture
def ctx(store: Store, tmp_path: Path) -> Iterator[Context]:
    with Context(Settings(data_dir=tmp_path), store, clock=lambda: NOW) as context:
        yield context


def _two_reports(store: Store) -> None:
    """Two reports of one grant, stored as a crawl would have stored them."""
    store.sources.upsert_many(sources(), now=NOW)
    ids = {s.name: s.id for s in store.sources.all()}
    store.documents.add_many(
        [
            document(*GRANT[0], "https://agency.example/q", source_id=ids["Agency"]),
            document(*GRANT[1], "https://wire.example/q", source_id=ids["Wire"], day=1),
        ]
    )


def test_the_stages_are_declared_once_in_the_pipelines_order() -> None:
    assert [s.name for s in STAGES] == ["crawl", "index", "cluster", "rank", "draft"]
    assert all(s.reads and s.writes for s in STAGES)


def test_named_stages_run_in_the_declared_order_whatever_order_they_are_named(
    ctx: Context,
) -> None:
    _two_reports(ctx.store)
    reports = run_pipeline(ctx, ["rank", "cluster", "index"])
    assert [r.stage for r in reports] == ["index", "cluster", "rank"]
    assert report_of(reports, "index").counts["documents_indexed"] == 2
    assert report_of(reports, "cluster").counts == {
        "documents_clustered": 2, "new_stories": 1, "joined_stories": 1, "near_duplicates": 0,
    }  # fmt: skip
    assert report_of(reports, "rank").counts["stories_ranked"] == 1
    with pytest.raises(ConfigError, match="unknown stage 'extracting'"):
        run_pipeline(ctx, ["extracting"])


def test_a_stage_run_again_finds_its_work_done_in_the_store(ctx: Context) -> None:
    _two_reports(ctx.store)
    run_pipeline(ctx, ["index", "cluster"])
    again = run_pipeline(ctx, ["index", "cluster"])
    assert [
        r.counts.get("documents_indexed", r.counts.get("documents_clustered")) for r in again
    ] == [0, 0]


def test_the_draft_stage_drafts_accepted_stories_once(ctx: Context) -> None:
    store = ctx.store
    _two_reports(store)
    run_pipeline(ctx, ["cluster", "rank"])
    (story,) = store.stories.find()
    assert run_pipeline(ctx, ["draft"])[0].counts == {"drafted": 0, "failed": 0}  # none accepted
    store.stories.decide(
        TriageDecision(story.id, TriageAction.ACCEPT, story.title, "", user="tester"), now=NOW
    )
    first = run_pipeline(ctx, ["draft"], params={"draft": {"contributors": ["王五"]}})[0]
    assert first.counts == {"drafted": 1, "failed": 0}
    item = first.detail.drafted[story.id].item
    assert item.contributors == ["王五"] and store.stories.get(story.id).item_id == item.id
    assert store.stories.get(story.id).state is StoryState.ACCEPTED
    second = run_pipeline(ctx, ["draft"], params={"draft": {"stories": [story.id]}})[0]
    assert second.counts == {"drafted": 0, "failed": 0}  # it has its item already
    assert store.items.count() == 1


# --- the recipe in pipeline.stages, followed once --------------------------------------


def run_census(ctx: Context, **params: Any) -> StageReport:
    """A toy stage: counts stored documents and those the search index still lacks."""
    missing = ctx.store.search.unindexed_document_ids(1_000)
    counts = {"documents": ctx.store.documents.count(), "unindexed": len(missing)}
    return StageReport("census", counts)


def test_a_new_stage_added_by_the_recipe_runs_at_its_place(ctx: Context) -> None:
    census = Stage("census", run_census, reads="documents", writes="nothing")
    declared = with_stage(STAGES, census, after="index")
    assert [s.name for s in declared] == ["crawl", "index", "census", "cluster", "rank", "draft"]
    _two_reports(ctx.store)
    reports = run_pipeline(ctx, ["census", "index"], declared=declared)
    assert [r.stage for r in reports] == ["index", "census"]
    assert report_of(reports, "census").counts == {"documents": 2, "unindexed": 0}
    with pytest.raises(ConfigError, match="already declared"):
        with_stage(declared, census, after="rank")
    with pytest.raises(ConfigError, match="no stage named 'nowhere'"):
        with_stage(STAGES, census, after="nowhere")
