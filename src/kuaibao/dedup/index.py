"""``StoryIndex``: incremental near-duplicate detection and story clustering.

Each new document looks for its story among a bounded set of candidates, never among
all pairs: documents sharing an LSH band (near-copies), and stories found through the
newest entries of the posting lists of its heaviest terms and of its anchors. Only
candidates within the time window are scored. Work per document is therefore bounded
and the whole run is near-linear in the number of documents.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future
from itertools import islice
from operator import itemgetter
from pathlib import Path

import numpy as np

from kuaibao.dedup.anchors import anchor_weight, read_facts
from kuaibao.dedup.features import DocFeatures, DocParts, document_parts, featurize
from kuaibao.dedup.minhash import MinHasher, band_keys
from kuaibao.dedup.model import Assignment, ClusterDoc, ClusterSettings, DocId
from kuaibao.dedup.persist import Snapshot, load_snapshot, save_snapshot
from kuaibao.dedup.scoring import (
    Evidence,
    anchor_evidence,
    conflicting,
    joins,
    rarity,
    score,
)
from kuaibao.dedup.similarity import Similarity, TfidfSimilarity
from kuaibao.dedup.summary import StorySummary
from kuaibao.dedup.workers import submit_parts

DAY = 86_400.0
ANCHOR_VOTE = 2  # a shared anchor points at a story more surely than a shared term
DUPLICATE_VOTE = 4
MIN_VOTES = 2  # one shared term alone never makes a story worth scoring
ANCHOR_PLACES = 8  # candidates kept for their shared anchors alone
MIN_PARALLEL = 200  # smaller batches are not worth shipping to worker processes


def _chunks(docs: Iterable[ClusterDoc], size: int) -> Iterator[list[ClusterDoc]]:
    stream = iter(docs)
    while batch := list(islice(stream, size)):
        yield batch


def _collect(futures: list[Future[list[DocParts]]]) -> list[DocParts]:
    return [part for future in futures for part in future.result()]


class StoryIndex:
    """Stories so far, with what is needed to place the next documents among them."""

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        similarity: Similarity | None = None,
        workers: int = 1,
        executor: Executor | None = None,
    ) -> None:
        """``executor`` (the pipeline's process pool) computes document parts for large
        batches in ``workers`` chunks; without one, everything runs in this process."""
        self.settings = settings or ClusterSettings()
        self.workers = workers if executor is not None else 1
        self._executor = executor
        self.tfidf = TfidfSimilarity()
        self.similarity: Similarity = similarity or self.tfidf
        self.hasher = MinHasher(self.settings.num_perm, self.settings.shingle_size)
        self.doc_ids: list[DocId] = []
        self.doc_story: list[int] = []
        self.doc_time: list[float] = []  # NaN when unknown
        self.signatures = np.zeros((1024, self.settings.num_perm), dtype=np.uint32)
        self.stories: dict[int, StorySummary] = {}
        self.next_story_id = 1
        self._row_of: dict[DocId, int] = {}
        self._buckets: dict[int, int | list[int]] = {}
        self._anchor_posts: dict[str, list[int]] = {}
        self._term_posts: dict[int, list[int]] = {}

    def __len__(self) -> int:
        return len(self.doc_ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row_of

    def story_of(self, doc_id: DocId) -> int:
        """The story a known document belongs to (KeyError for an unknown id)."""
        return self.doc_story[self._row_of[doc_id]]

    def groups(self) -> dict[int, list[DocId]]:
        """Story id to its documents, in the order they were added."""
        out: dict[int, list[DocId]] = {}
        for doc_id, story_id in zip(self.doc_ids, self.doc_story, strict=True):
            out.setdefault(story_id, []).append(doc_id)
        return out

    def add(self, docs: Iterable[ClusterDoc]) -> list[Assignment]:
        """Place each document, in order, in an existing story or a new one.

        A document whose id is already indexed is not placed again: its assignment
        reports the story it is in (``is_new_story`` False).
        """
        batch = list(docs)
        if self.workers > 1 and len(batch) >= MIN_PARALLEL:
            return self._commit(batch, _collect(self._submit(batch)))
        return self._commit(batch, self._local_parts(batch))

    def add_stream(
        self, docs: Iterable[ClusterDoc], batch_size: int = 1_000
    ) -> Iterator[Assignment]:
        """``add`` over a long stream in batches; with workers, the next batch's parts are
        computed while this one is placed."""
        pending: tuple[list[ClusterDoc], list[Future[list[DocParts]]]] | None = None
        for batch in _chunks(docs, batch_size):
            if self.workers > 1:
                ahead = (batch, self._submit(batch))
                if pending is not None:
                    yield from self._commit(pending[0], _collect(pending[1]))
                pending = ahead
            else:
                yield from self._commit(batch, self._local_parts(batch))
        if pending is not None:
            yield from self._commit(pending[0], _collect(pending[1]))

    def use_executor(self, executor: Executor | None, workers: int) -> None:
        """Compute document parts of large batches on ``executor`` (e.g. after ``load``)."""
        self._executor = executor
        self.workers = workers if executor is not None else 1

    def close(self) -> None:
        """Let go of the executor (it is the caller's to stop)."""
        self._executor = None
        self.workers = 1

    def __enter__(self) -> StoryIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def seed(self, pairs: Iterable[tuple[ClusterDoc, int]]) -> None:
        """Rebuild from stored documents and the story ids they already have."""
        pairs = [(d, s) for d, s in pairs if d.id not in self._row_of]
        docs = [d for d, _ in pairs]
        features = self._featurize(docs, self._local_parts(docs))
        for feature, (_, story_id) in zip(features, pairs, strict=True):
            story = self.stories.get(story_id) or self._new_story(story_id)
            self._attach(feature, story)

    def save(self, path: Path) -> None:
        """Write the index to one ``.npz`` file (see ``kuaibao.dedup.persist``)."""
        save_snapshot(self.snapshot(), path)

    @classmethod
    def load(cls, path: Path, similarity: Similarity | None = None) -> StoryIndex:
        """Read an index written by ``save``; a damaged or newer file raises ``StoreError``."""
        return cls.from_snapshot(load_snapshot(path), similarity)

    def _submit(self, batch: Sequence[ClusterDoc]) -> list[Future[list[DocParts]]]:
        assert self._executor is not None  # workers > 1 only with an executor
        return submit_parts(self._executor, self.workers, self.settings, batch)

    def _local_parts(self, docs: Sequence[ClusterDoc]) -> list[DocParts]:
        reader = read_facts if self.settings.use_facts else None
        return [document_parts(d.title, d.text, self.settings, self.hasher, reader) for d in docs]

    def _commit(self, batch: list[ClusterDoc], parts: list[DocParts]) -> list[Assignment]:
        """Place the batch's new documents (their first occurrence) and report every one."""
        fresh: dict[DocId, tuple[ClusterDoc, DocParts]] = {}
        for doc, part in zip(batch, parts, strict=True):
            if doc.id not in self._row_of:
                fresh.setdefault(doc.id, (doc, part))  # a repeated id keeps its first text
        docs = [d for d, _ in fresh.values()]
        features = self._featurize(docs, [p for _, p in fresh.values()])
        placed = {a.doc_id: a for a in map(self._place, features)}
        return [placed.pop(d.id) if d.id in placed else self._known(d.id) for d in batch]

    def _featurize(
        self, docs: Sequence[ClusterDoc], parts: Sequence[DocParts]
    ) -> list[DocFeatures]:
        if not docs:
            return []
        return featurize(
            docs, parts, settings=self.settings, tfidf=self.tfidf, similarity=self.similarity
        )

    def _known(self, doc_id: DocId) -> Assignment:
        return Assignment(doc_id, self.story_of(doc_id), is_new_story=False)

    def _place(self, features: DocFeatures) -> Assignment:
        doc_id = features.doc.id
        original, jaccard, nearby = self._near_duplicate(features)
        if original is not None:
            story = self.stories[self.doc_story[original]]
            self._attach(features, story)
            return Assignment(doc_id, story.id, False, self.doc_ids[original], jaccard)
        best, best_score = self._best_story(features, nearby)
        if best is None:
            story = self._new_story(self.next_story_id)
            self._attach(features, story)
            return Assignment(doc_id, story.id, is_new_story=True)
        self._attach(features, best)
        return Assignment(doc_id, best.id, False, None, best_score)

    def _near_duplicate(self, features: DocFeatures) -> tuple[int | None, float, list[int]]:
        """The most similar earlier document if it is a near-copy; all LSH neighbours."""
        rows = sorted(set(self._bucket_rows(features.parts.bands)))
        if not rows:
            return None, 0.0, []
        shares = (self.signatures[rows] == features.parts.signature).mean(axis=1)
        window = self.settings.duplicate_window_days * DAY
        best, best_share = None, self.settings.duplicate_jaccard
        for row, share in zip(rows, shares.tolist(), strict=True):
            if share < best_share or not self._close(row, features.timestamp, window):
                continue
            story = self.stories[self.doc_story[row]]
            anchors = features.anchors
            if conflicting(anchors.key, anchors.all, story.key, story.anchors):
                continue
            best, best_share = row, share
        return best, (best_share if best is not None else 0.0), rows

    def _bucket_rows(self, bands: Iterable[int]) -> Iterator[int]:
        for key in bands:
            entry = self._buckets.get(key)
            if isinstance(entry, int):
                yield entry
            elif entry is not None:
                yield from entry

    def _close(self, row: int, when: float | None, window: float) -> bool:
        other = self.doc_time[row]
        return when is None or math.isnan(other) or abs(other - when) <= window

    def _best_story(
        self, features: DocFeatures, nearby: list[int]
    ) -> tuple[StorySummary | None, float]:
        """The highest-scoring candidate story that the decision rule accepts."""
        candidates, spread = self._candidates(features, nearby)
        window = self.settings.window_days * DAY
        best: StorySummary | None = None
        best_score = -math.inf
        for story_id in candidates:
            story = self.stories[story_id]
            if not story.in_window(features.timestamp, window):
                continue
            evidence = self._evidence(features, story, spread)
            if joins(evidence, self.settings):
                value = score(evidence, self.settings)
                if value > best_score:
                    best, best_score = story, value
        return best, (best_score if best is not None else 0.0)

    def _candidates(
        self, features: DocFeatures, nearby: list[int]
    ) -> tuple[list[int], dict[str, int]]:
        """Stories worth scoring, and per anchor how many stories in the window hold it.

        Stories are ranked by votes (shared LSH bands, key terms, anchors); the stories
        with the heaviest shared anchors also get places of their own, so that a
        translation (which shares no terms) is not crowded out by same-language stories.
        """
        scan = self.settings.posting_scan
        window = self.settings.window_days * DAY
        votes: dict[int, int] = {}
        for row in nearby:
            story_id = self.doc_story[row]
            votes[story_id] = votes.get(story_id, 0) + DUPLICATE_VOTE
        for term in features.key_terms:
            for story_id in self._term_posts.get(term, ())[-scan:]:
                votes[story_id] = votes.get(story_id, 0) + 1
        spread: dict[str, int] = {}
        weights: dict[int, float] = {}
        for anchor in features.anchors.all:
            posting = self._anchor_posts.get(anchor)
            if not posting:
                continue
            recent = [
                s for s in posting[-scan:] if self.stories[s].in_window(features.timestamp, window)
            ]
            spread[anchor] = len(recent)
            weight = anchor_weight(anchor) * rarity(len(recent))
            for story_id in recent:
                votes[story_id] = votes.get(story_id, 0) + ANCHOR_VOTE
                weights[story_id] = weights.get(story_id, 0.0) + weight
        top = heapq.nlargest(self.settings.max_candidates, votes.items(), key=itemgetter(1))
        heavy = heapq.nlargest(ANCHOR_PLACES, weights.items(), key=itemgetter(1))
        ranked = [s for s, n in top if n >= MIN_VOTES] + [s for s, _ in heavy]
        return list(dict.fromkeys(ranked)), spread

    def _evidence(
        self, features: DocFeatures, story: StorySummary, spread: dict[str, int]
    ) -> Evidence:
        text = story.text_similarity(features)
        anchors = features.anchors
        shared = anchors.all & story.anchors
        return Evidence(
            text=text or 0.0,
            anchors=anchor_evidence(shared, spread),
            shared=tuple(sorted(shared)),
            conflict=conflicting(anchors.key, anchors.all, story.key, story.anchors),
            cross_script=text is None,
        )

    def _new_story(self, story_id: int) -> StorySummary:
        story = self.stories[story_id] = StorySummary(story_id)
        self.next_story_id = max(self.next_story_id, story_id + 1)
        return story

    def _attach(self, features: DocFeatures, story: StorySummary) -> None:
        """Record a document in its story, the LSH buckets and the posting lists."""
        row = len(self.doc_ids)
        self.doc_ids.append(features.doc.id)
        self._row_of[features.doc.id] = row
        self.doc_story.append(story.id)
        self.doc_time.append(math.nan if features.timestamp is None else features.timestamp)
        self._store_signature(row, features)
        keep = self.settings.centroid_terms if self.similarity.sparse else None
        new_anchors, new_terms = story.absorb(features, keep)
        for anchor in new_anchors:
            self._anchor_posts.setdefault(anchor, []).append(story.id)
        for term in new_terms:
            self._term_posts.setdefault(term, []).append(story.id)

    def _store_signature(self, row: int, features: DocFeatures) -> None:
        if row >= len(self.signatures):
            grown = np.zeros((2 * len(self.signatures), self.settings.num_perm), np.uint32)
            grown[:row] = self.signatures[:row]
            self.signatures = grown
        self.signatures[row] = features.parts.signature
        for key in features.parts.bands:
            self._bucket(key, row)

    def _bucket(self, key: int, row: int) -> None:
        """Most buckets hold one document: a bare int until a second one arrives."""
        entry = self._buckets.get(key)
        if entry is None:
            self._buckets[key] = row
        elif isinstance(entry, int):
            self._buckets[key] = [entry, row]
        else:
            entry.append(row)

    def rebuild_postings(self) -> None:
        """Posting lists and LSH buckets from stories and signatures (after loading)."""
        self._row_of = {doc_id: row for row, doc_id in enumerate(self.doc_ids)}
        self._anchor_posts, self._term_posts, self._buckets = {}, {}, {}
        for story in sorted(self.stories.values(), key=lambda s: (s.last or 0.0, s.id)):
            for anchor in story.anchors:
                self._anchor_posts.setdefault(anchor, []).append(story.id)
            for term in story.terms:
                self._term_posts.setdefault(term, []).append(story.id)
        empty = np.iinfo(np.uint32).max
        for row in range(len(self.doc_ids)):
            signature = self.signatures[row]
            if (signature == empty).all():
                continue
            for key in band_keys(signature, self.settings.lsh_bands, self.settings.lsh_rows):
                self._bucket(key, row)

    def snapshot(self) -> Snapshot:
        """Everything ``save`` writes."""
        state = {
            "doc_ids": self.doc_ids,
            "doc_story": self.doc_story,
            "doc_time": [None if math.isnan(t) else t for t in self.doc_time],
            "next_story_id": self.next_story_id,
            "stories": [s.to_json() for s in self.stories.values()],
        }
        own = self.similarity.state() if self.similarity is not self.tfidf else {}
        return Snapshot(self.settings, self.similarity.name, state,
                        self.signatures[: len(self)], self.tfidf.state(), own)  # fmt: skip

    @classmethod
    def from_snapshot(cls, snapshot: Snapshot, similarity: Similarity | None = None) -> StoryIndex:
        """The index as it was when ``snapshot`` was taken (postings and buckets rebuilt)."""
        index = cls(snapshot.settings, similarity)
        index.tfidf.restore(snapshot.tfidf)
        if index.similarity is not index.tfidf:
            index.similarity.restore(snapshot.similarity)
        saved = snapshot.signatures
        index.signatures = np.zeros((max(1024, 2 * len(saved)), saved.shape[1]), np.uint32)
        index.signatures[: len(saved)] = saved
        state = snapshot.state
        index.doc_ids = list(state["doc_ids"])
        index.doc_story = [int(s) for s in state["doc_story"]]
        index.doc_time = [float("nan") if t is None else float(t) for t in state["doc_time"]]
        index.stories = {s["id"]: StorySummary.from_json(s) for s in state["stories"]}
        index.next_story_id = int(state["next_story_id"])
        index.rebuild_postings()
        return index
