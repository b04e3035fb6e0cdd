"""Stories from stored documents: cluster what is new, summarise and classify each story.

The clustering index lives in ``DATA_DIR/stories.npz`` as a cache of the store's
``story_documents``: the store is committed first and the index saved after, so a run
killed in between leaves the index behind, and the next run catches it up from the store
(or rebuilds it when the file is missing, damaged or ahead of the store).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from kuaibao.classify.classifier import classify_many
from kuaibao.classify.model import Model
from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.dedup.index import StoryIndex
from kuaibao.dedup.model import ClusterDoc
from kuaibao.domain import Document, Source, Story
from kuaibao.errors import StoreError
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.store import Store, StoryLink
from kuaibao.triage.summary import summarize

INDEX_FILE = "stories.npz"
BATCH = 500
CLASSIFY_CHARS = 4_000


@dataclass(frozen=True)
class StoryRun:
    """What one clustering pass did."""

    documents: int = 0
    new_stories: int = 0
    joined: int = 0
    near_duplicates: int = 0
    stories_updated: int = 0
    index_rebuilt: bool = False


def index_path(data_dir: Path) -> Path:
    return data_dir / INDEX_FILE


def _seed(index: StoryIndex, store: Store, links: Sequence[StoryLink]) -> None:
    for start in range(0, len(links), BATCH):
        chunk = links[start : start + BATCH]
        docs = {d.id: d for d in store.documents.get_many([lk.document_id for lk in chunk])}
        index.seed(
            (ClusterDoc.from_document(docs[lk.document_id]), lk.story_id)
            for lk in chunk
            if lk.document_id in docs
        )


def open_index(store: Store, path: Path) -> tuple[StoryIndex, bool]:
    """The saved index caught up with the store; rebuilt from the store when it cannot be.

    Returns the index and whether it had to be rebuilt from scratch.
    """
    links = store.stories.links()
    index: StoryIndex | None = None
    if path.is_file():
        try:
            index = StoryIndex.load(path)
        except StoreError:
            index = None
    rebuilt = False
    if index is None or len(index) > len(links):
        index, rebuilt = StoryIndex(), bool(links)
    missing = [lk for lk in links if lk.document_id not in index]
    if missing:
        _seed(index, store, missing)
    return index, rebuilt


def _sources(store: Store) -> dict[int, Source]:
    return {s.id: s for s in store.sources.all() if s.id is not None}


def _finish(
    members: dict[int, list[Document]],
    store: Store,
    copies: dict[int, int],
    *,
    model: Model | None,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer | None,
    now: datetime,
) -> list[Story]:
    sources = _sources(store)
    summaries = [
        summarize(story_id, docs, sources, copies, now=now)
        for story_id, docs in members.items()
        if docs
    ]
    leads = {s.id: next(d for d in members[s.id] if d.id == s.lead_document_id) for s in summaries}
    pairs = [(leads[s.id].title, leads[s.id].text[:CLASSIFY_CHARS]) for s in summaries]
    verdicts = classify_many(pairs, model=model, taxonomy=taxonomy, gazetteer=gazetteer)
    return [
        replace(s, domain=v.domain, section=v.section, relevance=v.relevance, reasons=v.reasons)
        for s, v in zip(summaries, verdicts, strict=True)
    ]


def cluster_new_documents(
    store: Store,
    data_dir: Path,
    *,
    now: datetime,
    taxonomy: Taxonomy,
    model: Model | None = None,
    gazetteer: Gazetteer | None = None,
    limit: int | None = None,
    progress: Callable[[int], object] | None = None,
    executor: Executor | None = None,
    workers: int = 1,
) -> StoryRun:
    """Place every document not yet in a story, then save summaries and the index.

    ``gazetteer`` tells actors apart when classifying (the packaged one when None);
    ``executor`` (the context's process pool, ``workers`` wide) computes document parts
    of large batches.
    """
    path = index_path(data_dir)
    index, rebuilt = open_index(store, path)
    index.use_executor(executor, workers)
    pending = store.stories.unclustered(limit=limit)
    run = StoryRun(index_rebuilt=rebuilt)
    for start in range(0, len(pending), BATCH):
        docs = store.documents.get_many(pending[start : start + BATCH])
        run = _place(
            store, index, docs, run, model=model, taxonomy=taxonomy, gazetteer=gazetteer, now=now
        )
        if progress is not None:
            progress(run.documents)
    # Saved only after every batch committed: a failed run leaves the file behind the
    # store (caught up next time), never holding documents the store does not link.
    if pending or rebuilt or not path.is_file():
        data_dir.mkdir(parents=True, exist_ok=True)
        index.save(path)
    return run


def _place(
    store: Store,
    index: StoryIndex,
    docs: list[Document],
    run: StoryRun,
    *,
    model: Model | None,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer | None,
    now: datetime,
) -> StoryRun:
    """Cluster one batch and commit its links and the summaries of the stories it touched."""
    by_id = {d.id: d for d in docs}
    assignments = index.add(ClusterDoc.from_document(d) for d in docs)
    links = [
        StoryLink(
            int(a.doc_id),
            a.story_id,
            int(a.near_duplicate_of) if a.near_duplicate_of is not None else None,
            float(a.score),
        )
        for a in assignments
    ]
    touched = list(dict.fromkeys(a.story_id for a in assignments))
    stored = {s.id: s for s in store.stories.existing(touched)}
    members: dict[int, list[Document]] = {}
    wanted = [i for s in stored.values() for i in s.document_ids]
    previous = {d.id: d for d in store.documents.get_many(wanted)} if wanted else {}
    for story_id in touched:
        old = stored[story_id].document_ids if story_id in stored else []
        members[story_id] = [previous[i] for i in old if i in previous]
    for a in assignments:
        members[a.story_id].append(by_id[int(a.doc_id)])
    copies = {**store.stories.copies(list(stored))}
    copies.update({lk.document_id: lk.near_duplicate_of for lk in links if lk.near_duplicate_of})
    summaries = _finish(
        members, store, copies, model=model, taxonomy=taxonomy, gazetteer=gazetteer, now=now
    )
    store.stories.save(links, summaries, now=now)
    return StoryRun(
        documents=run.documents + len(assignments),
        new_stories=run.new_stories + sum(a.is_new_story for a in assignments),
        joined=run.joined + sum(not a.is_new_story for a in assignments),
        near_duplicates=run.near_duplicates + sum(lk.near_duplicate_of is not None for lk in links),
        stories_updated=run.stories_updated + len(summaries),
        index_rebuilt=run.index_rebuilt,
    )
