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

from kuaibao.bulletin.archive import archive_bulletin
from kuaibao.bulletin.compile import add_items, new_bulletin, publish
from kuaibao.bulletin.house import load_house_style
from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.issue import issue_slug
from kuaibao.bulletin.render import render
from kuaibao.classify.model import saved_model
from kuaibao.classify.taxonomy import IRRELEVANT, load_taxonomy
from kuaibao.config import Settings
from kuaibao.demo.web import SampleWeb
from kuaibao.domain import Bulletin, Document, Item, Story, StoryState
from kuaibao.draft.review import approve, submit
from kuaibao.errors import ReviewError
from kuaibao.facts import CheckResult, load_gazetteer
from kuaibao.facts.glossary import gazetteer_with_glossary
from kuaibao.pipeline.crawl import CrawlReport, crawl
from kuaibao.pipeline.drafting import draft_story
from kuaibao.pipeline.indexing import index_new_documents
from kuaibao.pipeline.ranking import rank_recent
from kuaibao.pipeline.stories import StoryRun, cluster_new_documents
from kuaibao.store import Store

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
    taxonomy = load_taxonomy(settings.data_dir)
    style = load_house_style(settings.data_dir)
    gazetteer = gazetteer_with_glossary(load_gazetteer(settings.data_dir), store.glossary.all())
    run = cluster_new_documents(
        store, settings.data_dir, now=now, taxonomy=taxonomy, model=saved_model(settings.data_dir)
    )
    rank_recent(store, now=now, window_days=DEMO_WINDOW_DAYS)
    ranked = store.stories.ranked(states=[StoryState.NEW], limit=None)
    drafted: list[DraftedStory] = []
    for story, section in pick_stories(ranked, list(style.sections)):
        outcome = draft_story(
            store, story.id, settings=settings, taxonomy=taxonomy, gazetteer=gazetteer,
            glossary=dict(store.glossary.all()), now=now, contributors=[DEMO_ANALYST],
            editor=DEMO_ANALYST,
        )  # fmt: skip
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
    taxonomy = load_taxonomy(settings.data_dir)
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
    cold = crawl(store, settings, due_only=False)
    warm = crawl(store, settings, due_only=False)
    index_new_documents(store)
    bulletin, stories, ranked, drafted = compile_demo_bulletin(store, settings)
    outputs = render_all(bulletin, settings, settings.data_dir / "bulletins")
    return DemoResult(
        cold, warm, store.documents.find(), bulletin, stories, ranked, drafted, outputs, archive
    )
