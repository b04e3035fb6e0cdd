"""Saving a ``StoryIndex`` to one ``.npz`` file and reading it back.

The file holds the MinHash signatures and the TF-IDF document frequencies as arrays and
everything else (documents, stories, settings) as one JSON blob; posting lists and LSH
buckets are rebuilt on load. No pickle: a saved index is data, never code.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kuaibao.dedup.model import ClusterSettings
from kuaibao.dedup.similarity import Similarity
from kuaibao.errors import StoreError

if TYPE_CHECKING:
    from kuaibao.dedup.index import StoryIndex

FORMAT = 1


def save_index(index: StoryIndex, path: Path) -> None:
    """Write the index; the file is replaced atomically (written aside, then renamed)."""
    meta = {
        "format": FORMAT,
        "settings": asdict(index.settings),
        "similarity": index.similarity.name,
        **index.state(),
    }
    arrays: dict[str, Any] = {
        "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        "signatures": index.signatures[: len(index)],
        **index.tfidf.state(),
    }
    if index.similarity is not index.tfidf:
        arrays.update({f"sim_{k}": v for k, v in index.similarity.state().items()})
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    partial.replace(path)


def _settings(raw: dict[str, Any]) -> ClusterSettings:
    known = {f.name for f in fields(ClusterSettings)}
    return ClusterSettings(**{k: v for k, v in raw.items() if k in known})


def load_index(path: Path, similarity: Similarity | None = None) -> StoryIndex:
    """Read a saved index; a missing, damaged or newer file raises ``StoreError``."""
    from kuaibao.dedup.index import StoryIndex
    from kuaibao.dedup.stories import Story

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise StoreError(f"cannot read story index {path}: {exc}; rebuild it with seed()") from exc
    if meta.get("format") != FORMAT:
        raise StoreError(f"story index {path} has format {meta.get('format')}, not {FORMAT}")
    index = StoryIndex(_settings(meta["settings"]), similarity)
    index.tfidf.restore(arrays)
    if index.similarity is not index.tfidf:
        index.similarity.restore({k[4:]: v for k, v in arrays.items() if k.startswith("sim_")})
    signatures = arrays["signatures"]
    index.signatures = np.zeros((max(1024, 2 * len(signatures)), signatures.shape[1]), np.uint32)
    index.signatures[: len(signatures)] = signatures
    index.doc_ids = list(meta["doc_ids"])
    index.doc_story = [int(s) for s in meta["doc_story"]]
    index.doc_time = [float("nan") if t is None else float(t) for t in meta["doc_time"]]
    index.stories = {s["id"]: Story.from_json(s) for s in meta["stories"]}
    index.next_story_id = int(meta["next_story_id"])
    index.rebuild_postings()
    return index
