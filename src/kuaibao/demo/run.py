"""The demo's pipeline: crawl the sample web, draft items, compile and render a bulletin.

Kept apart from the CLI so tests and the web app can run the same demo and inspect
its results instead of scraping printed output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kuaibao.bulletin.compile import add_items, new_bulletin, publish
from kuaibao.bulletin.house import load_house_style
from kuaibao.bulletin.render import render
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.config import Settings
from kuaibao.demo.web import SampleWeb
from kuaibao.domain import Bulletin, Document, Item
from kuaibao.draft.simple import draft_from_document
from kuaibao.pipeline.crawl import CrawlReport, crawl
from kuaibao.pipeline.indexing import index_new_documents
from kuaibao.store import Store

DEMO_ANALYST = "演示分析员"
RENDER_FORMATS = ("html", "pdf", "docx")
MAX_ITEMS = 16


@dataclass
class DemoResult:
    """Everything the demo did, for printing or for tests."""

    cold: CrawlReport
    warm: CrawlReport
    documents: list[Document]
    bulletin: Bulletin
    outputs: dict[str, Path] = field(default_factory=dict)


def _pick(drafts: list[Item], sections: list[str]) -> list[Item]:
    """A balanced selection: round-robin over sections, the first policy item as focus."""
    by_section: dict[str, list[Item]] = {}
    for item in drafts:
        by_section.setdefault(item.section or "", []).append(item)
    chosen: list[Item] = []
    while len(chosen) < MAX_ITEMS and any(by_section.values()):
        for name in sections:
            if by_section.get(name) and len(chosen) < MAX_ITEMS:
                chosen.append(by_section[name].pop(0))
    policy = (
        next((i for i in chosen if i.section == sections[1]), None) if len(sections) > 1 else None
    )
    if policy is not None:
        chosen[chosen.index(policy)] = replace(policy, section=sections[0])
    return chosen


def compile_demo_bulletin(store: Store, settings: Settings) -> Bulletin:
    """Draft an item per stored document and publish a bulletin of a balanced selection."""
    taxonomy = load_taxonomy(settings.data_dir)
    style = load_house_style(settings.data_dir)
    docs = store.documents.find()
    drafts = [draft_from_document(d, taxonomy, contributors=[DEMO_ANALYST]) for d in docs]
    sections = list(style.sections)
    chosen = store.items.add_many(_pick(drafts, sections), now=datetime.now(UTC), editor="demo")
    bulletin = new_bulletin(store, style)
    assert bulletin.id is not None
    add_items(store, bulletin.id, [i.id for i in chosen if i.id is not None])
    return publish(store, bulletin.id)


def render_all(bulletin: Bulletin, settings: Settings, out_dir: Path) -> dict[str, Path]:
    style = load_house_style(settings.data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {}
    for fmt in RENDER_FORMATS:
        path = out_dir / f"bulletin-{bulletin.year}-{bulletin.number:02d}.{fmt}"
        path.write_bytes(render(bulletin, fmt, style))
        outputs[fmt] = path
    return outputs


def run_demo(store: Store, settings: Settings, web: SampleWeb) -> DemoResult:
    """Register the sample sites, crawl cold and warm, compile and render the bulletin."""
    store.sources.upsert_many(web.sources(), now=datetime.now(UTC))
    cold = crawl(store, settings, due_only=False)
    warm = crawl(store, settings, due_only=False)
    index_new_documents(store)
    bulletin = compile_demo_bulletin(store, settings)
    outputs = render_all(bulletin, settings, settings.data_dir / "bulletins")
    return DemoResult(cold, warm, store.documents.find(), bulletin, outputs)
