"""Document parts computed by worker processes, so that large batches use every core.

Anchors (with ``kuaibao.facts``) and MinHash signatures depend on the document alone and
are most of the work; the story index itself stays in the calling process. The workers
are the caller's (any :class:`concurrent.futures.Executor`: the pipeline passes its one
process pool), so clustering starts no pool of its own. Each worker process builds its
hasher and facts reader once per cluster settings and keeps them.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, Future

from kuaibao.dedup.anchors import FactsReader, read_facts
from kuaibao.dedup.features import DocParts, document_parts
from kuaibao.dedup.minhash import MinHasher
from kuaibao.dedup.model import ClusterDoc, ClusterSettings

_STATE: dict[ClusterSettings, tuple[MinHasher, FactsReader | None]] = {}


def _state(settings: ClusterSettings) -> tuple[MinHasher, FactsReader | None]:
    if settings not in _STATE:
        reader = read_facts if settings.use_facts else None
        _STATE[settings] = (MinHasher(settings.num_perm, settings.shingle_size), reader)
    return _STATE[settings]


def parts_of(settings: ClusterSettings, pairs: list[tuple[str, str]]) -> list[DocParts]:
    """``DocParts`` of (title, text) pairs; runs in a worker process."""
    hasher, reader = _state(settings)
    return [document_parts(title, text, settings, hasher, reader) for title, text in pairs]


def submit_parts(
    executor: Executor, workers: int, settings: ClusterSettings, docs: Sequence[ClusterDoc]
) -> list[Future[list[DocParts]]]:
    """Start work on a batch: one chunk per worker, in order."""
    pairs = [(d.title, d.text) for d in docs]
    size = max(1, -(-len(pairs) // workers))
    return [
        executor.submit(parts_of, settings, pairs[i : i + size]) for i in range(0, len(pairs), size)
    ]
