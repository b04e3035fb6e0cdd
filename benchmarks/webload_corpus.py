"""A triage archive for the web load test: ranked stories, their documents, some items.

``build_archive(url, stories)`` fills a fresh store with ``stories`` stories of 1–3
documents each (from 400 sources of tiers 1–3, a quarter of them Chinese), classified
into the taxonomy's domains and sections with reasons shaped like the classifier's,
scored by ``kuaibao.triage.ranking.rank_story`` and stored as the ranking pass stores
them; one in twenty-five stories was taken into an item, and a published and an open
bulletin hold some of those items. Documents and items are in the search index.

Speed matters (100,000 stories): rows go in through the store's own tables with bulk
``INSERT``s rather than one repository call per object, and the work is cut into chunks
of stories that worker processes generate, insert and index side by side (each chunk
has its own seed, so the archive is the same whatever the number of workers). The
texts come from the word lists of ``search_corpus.py``.

``cached_sqlite`` keeps a built SQLite file under a cache directory, keyed by
``CORPUS_VERSION`` and size, and rebuilds it when it is older than ``FRESH_DAYS`` (the
archive's dates are relative to the day it was built, and pages that look at recent
stories would otherwise find fewer and fewer).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from benchmarks.search_corpus import GENERAL_EN, GENERAL_ZH, LINKS_EN, LINKS_ZH, TOPICS

CORPUS_VERSION = 1
SEED = 20260501
FRESH_DAYS = 7
SPAN_DAYS = 180  # the archive covers the half year before it was built
SOURCES = 400
CHUNK = 5_000  # stories per worker task
DOCS_PER_STORY = ((1, 2, 3), (55, 30, 15))
STATES = (("new", "rejected", "accepted"), (80, 14, 6))
ITEM_SHARE = 0.66  # of accepted stories: those already drafted into an item
ITEM_STATES = (("draft", "in_review", "approved", "published"), (30, 15, 25, 30))
OFF_TOPIC = 0.08  # stories the classifier found irrelevant (no domain)
QUERIES = 400
SERIES = "科技快报"

# The search corpus's topics, filed under the packaged taxonomy's domains.
TOPIC_DOMAINS = {
    "量子信息": ("量子技术",),
    "人工智能": ("人工智能",),
    "集成电路": ("半导体",),
    "空天": ("航空航天",),
    "生物技术": ("生物技术",),
    "能源": ("能源",),
    "科技政策": ("综合",),
    "先进材料": ("新材料", "先进制造"),
    "网络安全": ("信息技术",),
    "信息通信": ("信息技术",),
}
SECTIONS_BY_TOPIC = {"科技政策": "科技政策与科研计划"}
ORG_TYPES = ("government", "agency", "lab", "journal", "university", "company", "media")
COUNTRIES = ("US", "GB", "DE", "FR", "JP", "KR", "CN", "EU", "IN", "CA")


@dataclass(frozen=True)
class Plan:
    """What to build: the size, the seed, and the moment the archive ends ("now")."""

    stories: int
    anchor: datetime
    seed: int = SEED
    sources: int = SOURCES
    domains: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    fallback_domain: str = "综合"


@dataclass
class Archive:
    """What was built, for the load test's requests and the report (saved as JSON)."""

    version: int
    stories: int
    documents: int
    items: int
    sources: int
    anchor: str
    domains: list[str]
    sections: list[str]
    queries: list[str]
    countries: list[str] = field(default_factory=list)
    build_seconds: float = 0.0
    published_bulletin: int | None = None
    open_bulletin: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Archive:
        return cls(**data)


@dataclass
class _Chunk:
    """One worker task's output: counts, and the items it made (id, state)."""

    documents: int = 0
    items: list[tuple[int, str]] = field(default_factory=list)


def _cum(n: int) -> list[float]:
    """Zipf-like cumulative weights, as ``search_corpus`` uses (computed once per list)."""
    return list(accumulate(1.0 / rank for rank in range(1, n + 1)))


class Texts:
    """Titles and texts from the search corpus's word lists (cumulative weights cached)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.zh = [w.split() for _, w, _ in TOPICS]
        self.en = [w.split() for _, _, w in TOPICS]
        self.cum_zh = [_cum(len(w)) for w in self.zh]
        self.cum_en = [_cum(len(w)) for w in self.en]
        self.cum_gzh, self.cum_gen = _cum(len(GENERAL_ZH)), _cum(len(GENERAL_EN))

    def zh_words(self, topic: int, k: int) -> list[str]:
        return self.rng.choices(self.zh[topic], cum_weights=self.cum_zh[topic], k=k)

    def en_words(self, topic: int, k: int) -> list[str]:
        return self.rng.choices(self.en[topic], cum_weights=self.cum_en[topic], k=k)

    def title(self, topic: int, chinese: bool) -> str:
        rng = self.rng
        if chinese:
            general = rng.choices(GENERAL_ZH, cum_weights=self.cum_gzh, k=2)
            return "".join(self.zh_words(topic, 2) + general)
        general = rng.choices(GENERAL_EN, cum_weights=self.cum_gen, k=2)
        return " ".join(self.en_words(topic, 4) + general).title()

    def text(self, topic: int, chinese: bool, size: int) -> str:
        rng, out, length = self.rng, [], 0
        while length < size:
            if chinese:
                general = rng.choices(GENERAL_ZH, cum_weights=self.cum_gzh, k=3)
                words = self.zh_words(topic, 3) + general
                rng.shuffle(words)
                links = rng.choices(LINKS_ZH, k=len(words))
                parts = [w + (links[i] if i % 2 else "") for i, w in enumerate(words)]
                sentence = "".join(parts[:3]) + "，" + "".join(parts[3:]) + "。"
            else:
                words = self.en_words(topic, 5) + rng.choices(
                    GENERAL_EN, cum_weights=self.cum_gen, k=4
                )
                words += rng.choices(LINKS_EN, k=5)
                rng.shuffle(words)
                sentence = " ".join(words).capitalize() + "."
            out.append(sentence)
            length += len(sentence) + 1
        return ("" if chinese else " ").join(out)


def source_rows(plan: Plan) -> list[dict[str, Any]]:
    """The registry: tiers 1–3, a quarter Chinese, a few sources failing lately."""
    rng = random.Random(f"{plan.seed}:sources")
    created = plan.anchor - timedelta(days=SPAN_DAYS + 200)
    rows = []
    for n in range(1, plan.sources + 1):
        chinese = n % 4 == 0
        failing = rng.random() < 0.04
        rows.append({
            "id": n, "name": f"来源{n:03d}" if chinese else f"Source {n:03d}",
            "homepage": f"https://src{n}.example.org/", "kind": "rss",
            "feed_url": f"https://src{n}.example.org/feed.xml", "selectors": None,
            "country": "CN" if chinese else rng.choice(COUNTRIES),
            "org_type": rng.choice(ORG_TYPES),
            "tier": rng.choices((1, 2, 3), weights=(20, 50, 30))[0],
            "language": "zh" if chinese else "en", "poll_interval_minutes": 60,
            "enabled": True, "allow_private": False, "fetch_articles": True,
            "created_at": created, "last_attempt": plan.anchor - timedelta(minutes=20),
            "last_success": plan.anchor - timedelta(days=3 if failing else 0, minutes=20),
            "consecutive_failures": rng.randint(3, 9) if failing else 0,
            "last_error": "HTTP 503 Service Unavailable" if failing else None,
            "items_last_poll": 0 if failing else rng.randint(1, 30),
            "items_previous_poll": rng.randint(1, 30), "empty_extractions": 0,
        })  # fmt: skip
    return rows


def _classifier_reasons(relevance: float, domain: str | None, section: str | None,
                        words: list[str]) -> list[str]:  # fmt: skip
    """Reasons in the shape ``kuaibao.classify.classifier`` writes them."""
    first = f"relevance {relevance:.2f} from rules"
    if domain is None:
        return [first, "off-topic rules: 无关 2 — [sports, 体育] +2"]
    matched = ", ".join(words[:2])
    return [
        first,
        f"domain rules: {domain} 5 — any [{matched}] +3; any [{words[-1]}] +2",
        f"section rules: {section} 2 — any [{words[0]}] +2",
    ]


class _ChunkBuilder:
    """Rows for stories ``start`` to ``stop - 1``; everything derives from ``plan``."""

    def __init__(self, plan: Plan, start: int, stop: int, tiers: dict[int, int]) -> None:
        self.plan, self.start, self.stop, self.tiers = plan, start, stop, tiers
        self.rng = random.Random(f"{plan.seed}:chunk:{start}")
        self.texts = Texts(self.rng)
        self.zh_sources = [s for s in range(1, plan.sources + 1) if s % 4 == 0]
        self.en_sources = [s for s in range(1, plan.sources + 1) if s % 4]
        self.documents: list[dict[str, Any]] = []
        self.stories: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.items: list[dict[str, Any]] = []
        self.item_links: list[dict[str, Any]] = []

    def _domain(self, topic: int) -> tuple[str, str]:
        name = TOPICS[topic][0]
        domain = self.rng.choice(TOPIC_DOMAINS[name])
        if self.plan.domains and domain not in self.plan.domains:
            domain = self.plan.fallback_domain
        sections = self.plan.sections or ("产业动态",)
        section = SECTIONS_BY_TOPIC.get(name) or self.rng.choice(sections)
        return domain, section

    def _story_time(self, story_id: int) -> datetime:
        """Story ids grow with time, as the clustering assigns them."""
        span = timedelta(days=SPAN_DAYS)
        offset = span * (story_id / (self.plan.stories + 1))
        return self.plan.anchor - span + offset - timedelta(hours=self.rng.uniform(0, 12))

    def build(self) -> None:
        for story_id in range(self.start, self.stop):
            self._story(story_id)

    def _story(self, story_id: int) -> None:
        from kuaibao.domain import Story, StoryState
        from kuaibao.triage.novelty import Novelty
        from kuaibao.triage.ranking import rank_story

        rng, texts = self.rng, self.texts
        topic = rng.randrange(len(TOPICS))
        chinese = rng.random() < 0.25
        k = rng.choices(*DOCS_PER_STORY)[0]
        lead_pool = self.zh_sources if chinese else self.en_sources
        chosen = [rng.choice(lead_pool)]
        while len(chosen) < k:
            other = rng.randint(1, self.plan.sources)
            if other not in chosen:
                chosen.append(other)
        began = self._story_time(story_id)
        doc_ids, urls, times = [], [], []
        for j, source in enumerate(chosen):
            doc_id = 3 * (story_id - 1) + j + 1
            zh = source % 4 == 0
            later = timedelta(hours=rng.uniform(0, 30) if j else 0)
            published = min(began + later, self.plan.anchor - timedelta(minutes=30))
            fetched = min(published + timedelta(minutes=rng.uniform(5, 240)), self.plan.anchor)
            url = f"https://src{source}.example.org/news/{doc_id}"
            size = rng.randint(120, 320) if zh else rng.randint(250, 700)
            self.documents.append({
                "id": doc_id, "source_id": source, "url": url, "canonical_url": url,
                "title": texts.title(topic, zh), "text": texts.text(topic, zh, size),
                "language": "zh" if zh else "en", "published_at": published,
                "fetched_at": fetched, "author": None, "content_type": "text/html",
                "content_hash": f"{doc_id:064x}", "raw_compressed": None,
            })  # fmt: skip
            doc_ids.append(doc_id)
            urls.append(url)
            times.append(fetched)
        lead = self.documents[-k]
        off_topic = rng.random() < OFF_TOPIC
        relevance = round(rng.uniform(0.05, 0.45) if off_topic else rng.uniform(0.5, 0.99), 3)
        domain, section = (None, None) if off_topic else self._domain(topic)
        state = rng.choices(*STATES)[0]
        reasons = _classifier_reasons(relevance, domain, section, self.texts.zh_words(topic, 3))
        story = Story(
            id=story_id, title=lead["title"], document_ids=doc_ids, first_seen=min(times),
            last_seen=max(times), lead_document_id=doc_ids[0], size=k, sources=k,
            published_at=began, domain=domain, section=section, relevance=relevance,
            reasons=reasons, state=StoryState(state),
        )  # fmt: skip
        best_tier = min(self.tiers[s] for s in chosen)
        ranked = rank_story(story, best_tier=best_tier, novelty=Novelty(), now=self.plan.anchor)
        item_id = None
        if state == "accepted" and rng.random() < ITEM_SHARE:
            item_id = story_id
            self._item(item_id, topic, story, urls)
        self.stories.append({
            "id": story_id, "title": story.title, "lead_document_id": doc_ids[0], "size": k,
            "sources": k, "first_seen": story.first_seen, "last_seen": story.last_seen,
            "published_at": began, "domain": domain, "section": section,
            "relevance": relevance, "reasons": reasons, "score": round(ranked.score, 2),
            "ranking": ranked.ranking.to_json(), "state": state,
            "item_id": item_id, "updated_at": story.last_seen,
        })  # fmt: skip
        for doc_id in doc_ids:
            self.links.append({
                "document_id": doc_id, "story_id": story_id, "near_duplicate_of": None,
                "score": 1.0 if doc_id == doc_ids[0] else round(rng.uniform(0.3, 0.9), 3),
                "added_at": story.last_seen,
            })  # fmt: skip

    def _item(self, item_id: int, topic: int, story: Any, urls: list[str]) -> None:
        rng, texts = self.rng, self.texts
        created = story.last_seen + timedelta(hours=2)
        body = [texts.text(topic, True, rng.randint(60, 140)) for _ in range(rng.randint(2, 3))]
        self.items.append({
            "id": item_id, "title": texts.title(topic, True), "body": body,
            "domain": story.domain, "section": story.section, "contributors": ["编辑部"],
            "source_urls": urls, "original_title": texts.title(topic, False),
            "event_date": story.published_at.date().isoformat(),
            "state": rng.choices(*ITEM_STATES)[0], "created_at": created,
            "updated_at": created, "version": 1, "notes": [],
        })  # fmt: skip
        for doc_id in story.document_ids:
            self.item_links.append({"item_id": item_id, "document_id": doc_id})

    def insert(self, store: Any) -> None:
        """One transaction of bulk INSERTs through the store's own tables."""
        from sqlalchemy import insert

        from kuaibao.store.models import (
            DocumentRow,
            ItemDocumentRow,
            ItemRow,
            StoryDocumentRow,
            StoryRow,
        )

        with store.engine.begin() as conn:
            for table, rows in (
                (DocumentRow, self.documents),
                (ItemRow, self.items),
                (ItemDocumentRow, self.item_links),
                (StoryRow, self.stories),
                (StoryDocumentRow, self.links),
            ):
                if rows:
                    conn.execute(insert(table), rows)

    def index(self, store: Any) -> None:
        """Documents and items into the search index, through its bulk method."""
        from kuaibao.domain import Document, Item, ItemState

        docs = [Document(**{k: v for k, v in d.items() if k != "raw_compressed"})
                for d in self.documents]  # fmt: skip
        items = [Item(**{**i, "state": ItemState(i["state"])}) for i in self.items]
        store.search.index_many(docs=docs, items=items)


def build_chunk(url: str, plan: Plan, start: int, stop: int, tiers: dict[int, int]) -> _Chunk:
    """Generate, insert and index one chunk of stories (runs in a worker process)."""
    from kuaibao.store import Store

    builder = _ChunkBuilder(plan, start, stop, tiers)
    builder.build()
    store = Store(url, migrate=False)
    try:
        builder.insert(store)
        builder.index(store)
    finally:
        store.close()
    return _Chunk(len(builder.documents), [(i["id"], i["state"]) for i in builder.items])


def make_queries(seed: int, count: int = QUERIES) -> list[str]:
    """Search terms like analysts type: Chinese and English topic words, two-word queries,
    a few common words (which match much of the archive)."""
    rng = random.Random(f"{seed}:queries")
    out = []
    for n in range(count):
        _, zh, en = rng.choice(TOPICS)
        shape = n % 10
        if shape < 4:
            out.append(rng.choice(zh.split()))
        elif shape < 7:
            out.append(rng.choice(en.split()))
        elif shape < 9:
            out.append(" ".join(rng.sample((zh if shape == 7 else en).split(), 2)))
        else:
            out.append(rng.choice(GENERAL_ZH[:20] + GENERAL_EN[:20]))
    return out


def _chunks(stories: int, size: int) -> list[tuple[int, int]]:
    return [(s, min(s + size, stories + 1)) for s in range(1, stories + 1, size)]


def _run_chunks(
    url: str,
    plan: Plan,
    tiers: dict[int, int],
    workers: int,
    progress: Callable[[str], None],
) -> list[_Chunk]:
    ranges = _chunks(plan.stories, CHUNK)
    if workers <= 1 or len(ranges) == 1:
        return [build_chunk(url, plan, a, b, tiers) for a, b in ranges]
    out = []
    context = multiprocessing.get_context("spawn")  # no inherited engines or threads
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = [pool.submit(build_chunk, url, plan, a, b, tiers) for a, b in ranges]
        for n, future in enumerate(futures, start=1):
            out.append(future.result())
            if n % 4 == 0 or n == len(futures):
                progress(f"    {min(n * CHUNK, plan.stories):,} / {plan.stories:,} stories")
    return out


def _bulletins(store: Any, items: list[tuple[int, str]], anchor: datetime) -> tuple[int, int]:
    """A published bulletin of 30 published items and an open one of 10 approved items."""
    from kuaibao.domain import Bulletin, BulletinState

    published = store.items.get_many(sorted(i for i, s in items if s == "published")[-30:])
    approved = store.items.get_many(sorted(i for i, s in items if s == "approved")[-10:])
    sections = list(dict.fromkeys(i.section for i in published if i.section))
    done = store.bulletins.create(
        Bulletin(series=SERIES, year=anchor.year, number=1, date=anchor.date(), editor="编辑部",
                 sections=sections, items=published, state=BulletinState.PUBLISHED,
                 published_at=anchor - timedelta(days=1)),
        now=anchor,
    )  # fmt: skip
    open_one = store.bulletins.create(
        Bulletin(series=SERIES, year=anchor.year, number=2, editor="编辑部", sections=sections,
                 items=approved),
        now=anchor,
    )  # fmt: skip
    return int(done.id or 0), int(open_one.id or 0)


def _finish_postgres(store: Any) -> None:
    """Explicit ids leave PostgreSQL's sequences behind; catch them up, then ANALYZE."""
    with store.engine.begin() as conn:
        for table in ("sources", "documents", "items"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        conn.exec_driver_sql("ANALYZE")


def build_archive(
    url: str,
    stories: int,
    *,
    workers: int | None = None,
    anchor: datetime | None = None,
    seed: int = SEED,
    progress: Callable[[str], None] = lambda _m: None,
) -> Archive:
    """Fill the fresh store at ``url`` with a triage archive of ``stories`` stories."""
    from sqlalchemy import insert

    from kuaibao.classify.taxonomy import load_taxonomy
    from kuaibao.store import Store
    from kuaibao.store.models import SourceRow

    started = time.perf_counter()
    taxonomy = load_taxonomy(None)
    plan = Plan(
        stories=stories,
        anchor=(anchor or datetime.now(UTC)).replace(microsecond=0),
        seed=seed,
        domains=tuple(d.name for d in taxonomy.domains),
        sections=tuple(s.name for s in taxonomy.predictable_sections),
        fallback_domain=taxonomy.fallback_domain,
    )
    store = Store(url)
    try:
        sources = source_rows(plan)
        with store.engine.begin() as conn:
            conn.execute(insert(SourceRow), sources)
        tiers = {s["id"]: s["tier"] for s in sources}
        chosen = workers if workers is not None else min(2, os.cpu_count() or 1)
        chunks = _run_chunks(url, plan, tiers, chosen, progress)
        items = [pair for chunk in chunks for pair in chunk.items]
        published, open_id = _bulletins(store, items, plan.anchor)
        if store.backend == "postgresql":
            _finish_postgres(store)
        return Archive(
            version=CORPUS_VERSION,
            stories=stories,
            documents=sum(c.documents for c in chunks),
            items=len(items),
            sources=len(sources),
            anchor=plan.anchor.isoformat(),
            domains=list(dict.fromkeys(d for d in plan.domains)),
            sections=list(plan.sections),
            queries=make_queries(seed),
            countries=sorted({s["country"] for s in sources}),
            build_seconds=time.perf_counter() - started,
            published_bulletin=published,
            open_bulletin=open_id,
        )
    finally:
        store.close()


def default_cache_dir() -> Path:
    """``$KUAIBAO_BENCH_CACHE``, else a folder in the system's temp directory."""
    chosen = os.environ.get("KUAIBAO_BENCH_CACHE")
    if chosen:
        return Path(chosen)
    import tempfile

    return Path(tempfile.gettempdir()) / "kuaibao-bench-cache"


def fresh_archive(meta: Path, stories: int, now: datetime | None = None) -> Archive | None:
    """The archive described in ``meta`` if it is of this version and size and younger
    than ``FRESH_DAYS``; else None (build it again)."""
    now = now or datetime.now(UTC)
    try:
        archive = Archive.from_json(json.loads(meta.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    age = now - datetime.fromisoformat(archive.anchor)
    if archive.version != CORPUS_VERSION or archive.stories != stories:
        return None
    return archive if age < timedelta(days=FRESH_DAYS) else None


def cached_sqlite(
    stories: int,
    cache_dir: Path | None = None,
    *,
    rebuild: bool = False,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> tuple[Path, Archive, bool]:
    """A built SQLite archive (path, description, whether it came from the cache)."""
    folder = cache_dir or default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"webload-v{CORPUS_VERSION}-{stories}.db"
    meta = path.with_suffix(".json")
    archive = None if rebuild or not path.is_file() else fresh_archive(meta, stories)
    if archive is not None:
        return path, archive, True
    building = path.with_suffix(".building.db")
    for stale in _sqlite_files(path) + _sqlite_files(building) + [meta]:
        stale.unlink(missing_ok=True)
    archive = build_archive(f"sqlite:///{building}", stories, workers=workers, progress=progress)
    building.rename(path)  # the store is closed: its WAL has been checkpointed away
    meta.write_text(json.dumps(asdict(archive), ensure_ascii=False, indent=1), encoding="utf-8")
    return path, archive, False


def _sqlite_files(path: Path) -> list[Path]:
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
