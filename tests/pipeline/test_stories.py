"""Clustering stored documents into stories, incrementally, with the index as a cache."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Document
from kuaibao.pipeline.stories import cluster_new_documents, index_path
from kuaibao.store import Store
from tests.triage.corpus import CHIP, DAY0, FUSION, GRANT, SPORT, document, sources

NOW = DAY0 + timedelta(days=1)
TAXONOMY = load_taxonomy()


def _seed(store: Store) -> dict[str, Document]:
    src = store.sources.upsert_many(sources(), now=NOW)
    assert src == (4, 0)
    ids = {s.name: s.id for s in store.sources.all()}
    docs = [
        document(*GRANT[0], "https://agency.example/news/quantum-hubs", source_id=ids["Agency"]),
        document(*GRANT[1], "https://wire.example/uk-quantum", source_id=ids["Wire"], day=1),
        document(*GRANT[2], "https://daily.example/quantum-bet", source_id=ids["Daily"], day=1),
        document(*CHIP, "https://wire.example/chips-ny", source_id=ids["Wire"]),
        document(*FUSION, "https://daily.example/fusion", source_id=ids["Daily"]),
        document(*SPORT, "https://daily.example/cup", source_id=ids["Daily"]),
    ]
    stored = store.documents.add_many(docs)
    return {d.canonical_url: d for d, _ in stored}


def _run(store: Store, data_dir: Path) -> object:
    return cluster_new_documents(store, data_dir, now=NOW, taxonomy=TAXONOMY)


def test_three_reports_of_one_grant_become_one_story_led_by_the_agency(
    store: Store, tmp_path: Path
) -> None:
    docs = _seed(store)
    run = _run(store, tmp_path)
    assert run.documents == 6  # type: ignore[attr-defined]
    stories = store.stories.find()
    assert len(stories) == 4
    agency = docs["https://agency.example/news/quantum-hubs"]
    grant = next(s for s in stories if agency.id in s.document_ids)
    assert grant.size == 3 and grant.sources == 3
    assert grant.lead_document_id == agency.id
    assert grant.title.startswith("UKRI commits")
    assert grant.domain == "量子技术"
    sport = next(s for s in stories if s.title.startswith("Local football"))
    assert sport.domain == "无关" and sport.relevance < 0.5
    chip = next(s for s in stories if s.title.startswith("Commerce"))
    assert chip.domain == "半导体" and chip.size == 1


def test_a_later_report_joins_its_story_and_a_copy_is_not_a_new_source(
    store: Store, tmp_path: Path
) -> None:
    docs = _seed(store)
    _run(store, tmp_path)
    agg = next(s.id for s in store.sources.all() if s.name == "Aggregator")
    wire = docs["https://wire.example/uk-quantum"]
    text = wire.text + " (Syndicated from Wire.)"  # a copy with a credit line added
    copy = document(wire.title, text, "https://agg.example/copy-1", source_id=agg, day=2)
    store.documents.add_many([copy])
    run = _run(store, tmp_path)
    assert run.documents == 1 and run.joined == 1 and run.near_duplicates == 1  # type: ignore[attr-defined]
    grant = next(s for s in store.stories.find() if wire.id in s.document_ids)
    assert grant.size == 4
    assert grant.sources == 3  # the aggregator copied the wire: still three publishers


def test_nothing_new_means_nothing_done(store: Store, tmp_path: Path) -> None:
    _seed(store)
    _run(store, tmp_path)
    again = _run(store, tmp_path)
    assert again.documents == 0 and not again.index_rebuilt  # type: ignore[attr-defined]
    assert store.stories.count() == 4


@pytest.mark.parametrize("damage", ["delete", "garbage"])
def test_a_lost_or_damaged_index_is_rebuilt_from_the_store(
    store: Store, tmp_path: Path, damage: str
) -> None:
    docs = _seed(store)
    _run(store, tmp_path)
    path = index_path(tmp_path)
    if damage == "delete":
        path.unlink()
    else:
        path.write_bytes(b"not an index")
    agency = docs["https://agency.example/news/quantum-hubs"]
    follow = document(
        "UKRI names the leaders of its five new quantum computing hubs",
        "UK Research and Innovation (UKRI) named the directors of the five quantum computing "
        "hubs in Oxford, Glasgow and Birmingham that share its £120 million award, and said "
        "the error-corrected quantum processors programme will train 400 researchers.",
        "https://agency.example/news/quantum-hub-leaders",
        source_id=agency.source_id,
        day=2,
    )
    store.documents.add_many([follow])
    run = _run(store, tmp_path)
    assert run.index_rebuilt  # type: ignore[attr-defined]
    assert run.joined == 1  # type: ignore[attr-defined]
    grant = next(s for s in store.stories.find() if agency.id in s.document_ids)
    assert grant.size == 4
    assert store.stories.count() == 4


def test_an_index_behind_the_store_catches_up(store: Store, tmp_path: Path) -> None:
    """A run killed after the commit but before the index was saved loses nothing."""
    docs = _seed(store)
    _run(store, tmp_path)
    stale = index_path(tmp_path).read_bytes()
    extra = document(
        FUSION[0], FUSION[1] + " (Wire)", "https://wire.example/fusion-copy", source_id=None, day=1
    )
    store.documents.add_many([extra])
    _run(store, tmp_path)
    index_path(tmp_path).write_bytes(stale)  # as if the second save never happened
    fusion = docs["https://daily.example/fusion"]
    third = document(
        FUSION[0].replace("raises", "closes"),
        FUSION[1] + " (Aggregator)",
        "https://agg.example/fusion-2",
        source_id=None,
        day=2,
    )
    store.documents.add_many([third])
    run = _run(store, tmp_path)
    assert not run.index_rebuilt and run.documents == 1  # type: ignore[attr-defined]
    story = next(s for s in store.stories.find() if fusion.id in s.document_ids)
    assert story.size == 3
