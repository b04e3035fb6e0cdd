"""The demo's pipeline: crawl the sample web, cluster and rank stories, draft them in
Chinese with the offline writer, check every fact, approve, publish and render.

Kept apart from the CLI so tests and the web app can run the same demo and inspect
its results instead of scraping printed output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from kuaibao.bulletin.house import load_house_style
from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.render import render
from kuaibao.classify.taxonomy import IRRELEVANT
from kuaibao.config import Settings
from kuaibao.demo.web import SampleWeb
from kuaibao.domain import Bulletin, Document, Item, Story, StoryState
from kuaibao.errors import KuaibaoError, ReviewError
from kuaibao.facts import CheckResult
from kuaibao.issue import issue_slug
from kuaibao.pipeline.context import Catalogs, Context
from kuaibao.pipeline.crawl import CrawlReport
from kuaibao.pipeline.stages import DraftRun, report_of, run_pipeline
from kuaibao.pipeline.stories import StoryRun
from kuaibao.store import Store
from kuaibao.workflow.archive import archive_bulletin
from kuaibao.workflow.bulletins import add_items, new_bulletin, publish
from kuaibao.workflow.items import approve, submit

DEMO_ANALYST = "演示分析员"
DEMO_EDITOR = "演示编辑"
RENDER_FORMATS = ("html", "pdf", "docx")
MAX_ITEMS = 16
DEMO_WINDOW_DAYS = 3_650  # the sample articles carry fixed 2026 dates; rank them all


@dataclass(frozen=True)
class DraftedStory:
    """One story the demo drafted: the item, the check's verdict, and what was merged."""

    story: Story
    item: Item
    check: CheckResult | None
    approved: bool


@dataclass
class DemoResult:
    """Everything the demo did, for printing or for tests."""

    cold: CrawlReport
    warm: CrawlReport
    documents: list[Document]
    bulletin: Bulletin
    stories: StoryRun = field(default_factory=StoryRun)
    ranked: list[Story] = field(default_factory=list)
    drafted: list[DraftedStory] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)
    archive: list[Bulletin] = field(default_factory=list)


def pick_stories(ranked: list[Story], sections: list[str]) -> list[tuple[Story, str]]:
    """Best-ranked relevant stories, round-robin over sections so each section gets some;
    the first story ranking suggested for 重点关注 goes there (else the best policy one)."""
    by_section: dict[str, list[Story]] = {}
    for story in ranked:
        if story.domain and story.domain != IRRELEVANT and story.section in sections:
            by_section.setdefault(story.section, []).append(story)
    chosen: list[tuple[Story, str]] = []
    while len(chosen) < MAX_ITEMS and any(by_section.values()):
        for name in sections:
            if by_section.get(name) and len(chosen) < MAX_ITEMS:
                chosen.append((by_section[name].pop(0), name))
    if not chosen or not sections:
        return chosen
    focus = next((n for n, (s, _) in enumerate(chosen) if s.ranking.suggest_focus), None)
    if focus is None:
        policy = sections[1] if len(sections) > 1 else sections[0]
        focus = next((n for n, (_, sec) in enumerate(chosen) if sec == policy), 0)
    chosen[focus] = (chosen[focus][0], sections[0])
    return chosen


def compile_demo_bulletin(
    store: Store, settings: Settings
) -> tuple[Bulletin, StoryRun, list[Story], list[DraftedStory]]:
    """Cluster and rank what was crawled, draft the best stories, check, approve, publish."""
    now = datetime.now(UTC)
    style = load_house_style(settings.data_dir)
    with Context(settings, store, clock=lambda: now) as ctx:
        ranking = {"rank": {"window_days": DEMO_WINDOW_DAYS}}
        run = report_of(run_pipeline(ctx, ["cluster", "rank"], params=ranking), "cluster").detail
        ranked = store.stories.ranked(states=[StoryState.NEW], limit=None)
        picked = pick_stories(ranked, list(style.sections))
        drafting = {"stories": [s.id for s, _ in picked], "contributors": [DEMO_ANALYST],
                    "editor": DEMO_ANALYST}  # fmt: skip
        drafts = report_of(run_pipeline(ctx, ["draft"], params={"draft": drafting}), "draft")
        gazetteer = ctx.catalogs.named_gazetteer()
    done: DraftRun = drafts.detail
    if done.failed:
        raise KuaibaoError("; ".join(f"story {k}: {v}" for k, v in done.failed.items()))
    drafted: list[DraftedStory] = []
    for story, section in picked:
        outcome = done.drafted[story.id]
        item = outcome.item
        if item.section != section:
            item = store.items.update(replace(item, section=section), now=now, editor=DEMO_EDITOR)
        item_id = item.id
        assert item_id is not None
        submit(store, item_id, now=now, editor=DEMO_ANALYST)
        try:
            item, _ = approve(store, item_id, now=now, editor=DEMO_EDITOR, gazetteer=gazetteer)
            approved = True
        except ReviewError:
            item, approved = store.items.get(item_id), False
        drafted.append(DraftedStory(store.stories.get(story.id), item, outcome.check, approved))
    bulletin = new_bulletin(store, style)
    assert bulletin.id is not None
    add_items(store, bulletin.id, [d.item.id for d in drafted if d.approved and d.item.id])
    return publish(store, bulletin.id), run, ranked, drafted


def render_all(bulletin: Bulletin, settings: Settings, out_dir: Path) -> dict[str, Path]:
    style = load_house_style(settings.data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {}
    for fmt in RENDER_FORMATS:
        path = out_dir / f"bulletin-{issue_slug(bulletin)}.{fmt}"
        path.write_bytes(render(bulletin, fmt, style))
        outputs[fmt] = path
    return outputs


def import_archive(store: Store, settings: Settings) -> list[Bulletin]:
    """Import the demo's past bulletin(s): an archive for novelty and a glossary to learn from."""
    style = load_house_style(settings.data_dir)
    taxonomy = Catalogs(settings.data_dir, store).taxonomy()
    folder = resources.files("kuaibao.demo") / "archive"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            with resources.as_file(entry) as path:
                parsed = import_bulletin(Path(path), taxonomy)
            out.append(archive_bulletin(store, parsed, style).bulletin)
    return out


def run_demo(store: Store, settings: Settings, web: SampleWeb) -> DemoResult:
    """Import the past issue, register the sample sites, crawl cold and warm, cluster and
    rank, draft and check, then compile, publish and render the new bulletin."""
    archive = import_archive(store, settings)
    store.sources.upsert_many(web.sources(), now=datetime.now(UTC))
    with Context(settings, store) as ctx:
        every = {"crawl": {"due_only": False}}
        cold = report_of(run_pipeline(ctx, ["crawl"], params=every), "crawl").detail
        warm = report_of(run_pipeline(ctx, ["crawl", "index"], params=every), "crawl").detail
    bulletin, stories, ranked, drafted = compile_demo_bulletin(store, settings)
    outputs = render_all(bulletin, settings, settings.data_dir / "bulletins")
    return DemoResult(
        cold, warm, store.documents.find(), bulletin, stories, ranked, drafted, outputs, archive
    )
