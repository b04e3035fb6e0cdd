"""Stories for the triage page tests, clustered and ranked once per test session.

``cluster_new_documents`` and ``rank_recent`` run on the realistic reports of
``tests.triage.corpus`` (plus one hostile report) in a scratch SQLite store; each test then
copies the result into its own store (SQLite or PostgreSQL) in a few inserts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

import pytest

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Document, Ranking, Source, Story
from kuaibao.pipeline.ranking import rank_recent
from kuaibao.pipeline.stories import cluster_new_documents
from kuaibao.store import Store, StoryLink
from tests.triage.corpus import CHIP, DAY0, FUSION, GRANT, SPORT, document, sources

NOW = DAY0 + timedelta(days=1)
COUNTRIES = {"Agency": "GB", "Wire": "US", "Daily": "DE"}  # the Aggregator has none

EVIL_TITLE = '<script>alert("t")</script><img src=x onerror="alert(1)"> Gene therapy maker'
EVIL_URL = "javascript:alert(document.cookie)"
EVIL_TEXT = (
    '<b onmouseover="alert(3)">A Delft gene therapy start-up</b> said on 13 November 2026 '
    "that it raised $300 million for a clinical trial of its vaccine, lifting its enrolment "
    "by 25%. <script>alert(4)</script> The biotech company works with hospitals."
)
GRANT_URLS = (
    "https://agency.example/news/quantum-hubs",
    "https://wire.example/uk-quantum",
    "https://daily.example/quantum-bet",
)


def reports(ids: dict[str, int]) -> list[Document]:
    """The reports, registered to the sources by name (ids as stored)."""
    return [
        document(*GRANT[0], GRANT_URLS[0], source_id=ids["Agency"]),
        document(*GRANT[1], GRANT_URLS[1], source_id=ids["Wire"], day=1),
        document(*GRANT[2], GRANT_URLS[2], source_id=ids["Daily"], day=1),
        document(*CHIP, "https://wire.example/chips-ny", source_id=ids["Wire"]),
        document(*FUSION, "https://daily.example/fusion", source_id=ids["Daily"]),
        document(*SPORT, "https://daily.example/cup", source_id=ids["Daily"]),
        document(EVIL_TITLE, EVIL_TEXT, EVIL_URL, source_id=ids["Aggregator"]),
    ]


def registered() -> list[Source]:
    return [replace(s, country=COUNTRIES.get(s.name)) for s in sources()]


@dataclass(frozen=True)
class Clustered:
    """What clustering and ranking made of the reports, keyed by report URL."""

    links: list[tuple[str, int, str | None, float]]  # url, story, copy of (url), score
    stories: list[Story]  # with the scratch store's document ids, mapped by ``seed``
    ranks: list[tuple[int, float, Ranking]]
    story_urls: dict[int, list[str]]
    lead_urls: dict[int, str | None]


_CLUSTERED: list[Clustered] = []


@pytest.fixture
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Clustered:
    """The clustered corpus, computed once per session (test modules import this)."""
    if not _CLUSTERED:
        _CLUSTERED.append(cluster(tmp_path_factory.mktemp("triage-corpus")))
    return _CLUSTERED[0]


def cluster(data_dir: Path) -> Clustered:
    store = Store(f"sqlite:///{data_dir / 'scratch.db'}")
    try:
        store.sources.upsert_many(registered(), now=NOW)
        ids = {s.name: s.id for s in store.sources.all() if s.id is not None}
        store.documents.add_many(reports(ids))
        cluster_new_documents(store, data_dir, now=NOW, taxonomy=load_taxonomy())
        rank_recent(store, now=NOW)
        urls = {d.id: d.url for d in store.documents.find()}
        links = [
            (urls[x.document_id], x.story_id, urls.get(x.near_duplicate_of or 0), x.score)
            for x in store.stories.links()
        ]
        stories = store.stories.find()
        ranks = [(s.id, s.score, s.ranking) for s in stories]
        story_urls = {s.id: [urls[d] for d in s.document_ids] for s in stories}
        leads = {s.id: urls.get(s.lead_document_id or 0) for s in stories}
        return Clustered(links, stories, ranks, story_urls, leads)
    finally:
        store.close()


@dataclass(frozen=True)
class Seeded:
    """A test store's stories: ids by what they report, and the source ids."""

    grant: int
    chip: int
    fusion: int
    sport: int
    evil: int
    sources: dict[str, int]
    documents: dict[str, int]  # url → document id


def seed(store: Store, clustered: Clustered) -> Seeded:
    """Copy the clustered stories into ``store`` (ids of documents as this store gives them)."""
    store.sources.upsert_many(registered(), now=NOW)
    ids = {s.name: s.id for s in store.sources.all() if s.id is not None}
    stored = store.documents.add_many(reports(ids))
    doc_ids = {d.url: d.id for d, _ in stored if d.id is not None}
    links = [
        StoryLink(doc_ids[url], story, doc_ids[copy] if copy else None, score)
        for url, story, copy, score in clustered.links
    ]
    stories = [
        replace(
            s,
            document_ids=[doc_ids[u] for u in clustered.story_urls[s.id]],
            lead_document_id=doc_ids.get(clustered.lead_urls[s.id] or ""),
        )
        for s in clustered.stories
    ]
    store.stories.save(links, stories, now=NOW)
    store.stories.save_ranks(clustered.ranks)

    def story_of(url: str) -> int:
        return next(s for s, urls in clustered.story_urls.items() if url in urls)

    return Seeded(
        grant=story_of(GRANT_URLS[0]),
        chip=story_of("https://wire.example/chips-ny"),
        fusion=story_of("https://daily.example/fusion"),
        sport=story_of("https://daily.example/cup"),
        evil=story_of(EVIL_URL),
        sources=ids,
        documents=doc_ids,
    )
