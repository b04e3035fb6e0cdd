"""Document parts in worker processes, so that large batches use every core.

Anchors (with ``kuaibao.facts``) and MinHash signatures depend on the document alone and
are most of the work; the story index itself stays in the calling process. Workers are
started with ``spawn`` (safe whatever threads the caller runs) and each builds its own
hasher once.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from kuaibao.dedup.anchors import FactsReader, read_facts
from kuaibao.dedup.features import DocParts, document_parts
from kuaibao.dedup.minhash import MinHasher
from kuaibao.dedup.model import ClusterDoc, ClusterSettings

_STATE: list[tuple[ClusterSettings, MinHasher, FactsReader | None]] = []


def _start(settings: ClusterSettings) -> None:
    reader = read_facts if settings.use_facts else None
    _STATE.append((settings, MinHasher(settings.num_perm, settings.shingle_size), reader))


def _parts(pairs: list[tuple[str, str]]) -> list[DocParts]:
    settings, hasher, reader = _STATE[0]
    return [document_parts(title, text, settings, hasher, reader) for title, text in pairs]


class PartsPool:
    """A pool of worker processes computing ``DocParts`` for chunks of documents."""

    def __init__(self, workers: int, settings: ClusterSettings) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(settings,),
        )

    def submit(self, docs: Sequence[ClusterDoc]) -> list[Future[list[DocParts]]]:
        """Start work on a batch; one chunk per worker, in order."""
        pairs = [(d.title, d.text) for d in docs]
        size = max(1, -(-len(pairs) // self.workers))
        return [self._pool.submit(_parts, pairs[i : i + size]) for i in range(0, len(pairs), size)]

    def close(self) -> None:
        """Stop the workers (waits for running chunks)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
