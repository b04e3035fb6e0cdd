"""Saving a story index's state to one ``.npz`` file and reading it back.

The file holds the MinHash signatures and the TF-IDF document frequencies as arrays and
everything else (documents, stories, settings) as one JSON blob; posting lists and LSH
buckets are rebuilt on load. No pickle: a saved index is data, never code.

This module knows the file, not the index: ``StoryIndex`` hands it a ``Snapshot`` and
builds itself from the one it reads, so the index depends on persistence and not back.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from kuaibao.dedup.model import ClusterSettings
from kuaibao.errors import StoreError

FORMAT = 1
Arrays = dict[str, npt.NDArray[Any]]


@dataclass
class Snapshot:
    """What a saved index holds: its settings, documents and stories, and its arrays.

    ``state`` is the JSON part (``doc_ids``, ``doc_story``, ``doc_time``,
    ``next_story_id``, ``stories``); ``similarity`` holds the arrays of a similarity other
    than TF-IDF (empty when TF-IDF is the one used).
    """

    settings: ClusterSettings
    similarity_name: str
    state: dict[str, Any]
    signatures: npt.NDArray[np.uint32]
    tfidf: Arrays
    similarity: Arrays = field(default_factory=dict)


def save_snapshot(snapshot: Snapshot, path: Path) -> None:
    """Write the file; it is replaced atomically (written aside, then renamed)."""
    meta = {
        "format": FORMAT,
        "settings": asdict(snapshot.settings),
        "similarity": snapshot.similarity_name,
        **snapshot.state,
    }
    arrays: dict[str, Any] = {  # Any: savez_compressed also has a bool keyword
        "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        "signatures": snapshot.signatures,
        **snapshot.tfidf,
        **{f"sim_{k}": v for k, v in snapshot.similarity.items()},
    }
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        np.savez_compressed(handle, **arrays)
    partial.replace(path)


def _settings(raw: dict[str, Any]) -> ClusterSettings:
    known = {f.name for f in fields(ClusterSettings)}
    return ClusterSettings(**{k: v for k, v in raw.items() if k in known})


def load_snapshot(path: Path) -> Snapshot:
    """Read a saved file; a missing, damaged or newer file raises ``StoreError``."""
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = json.loads(arrays.pop("meta").tobytes().decode("utf-8"))
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise StoreError(f"cannot read story index {path}: {exc}; rebuild it with seed()") from exc
    if meta.get("format") != FORMAT:
        raise StoreError(f"story index {path} has format {meta.get('format')}, not {FORMAT}")
    similarity = {k[4:]: v for k, v in arrays.items() if k.startswith("sim_")}
    tfidf = {k: v for k, v in arrays.items() if k != "signatures" and not k.startswith("sim_")}
    keys = ("doc_ids", "doc_story", "doc_time", "next_story_id", "stories")
    return Snapshot(
        settings=_settings(meta["settings"]),
        similarity_name=str(meta.get("similarity", "")),
        state={k: meta[k] for k in keys},
        signatures=arrays["signatures"],
        tfidf=tfidf,
        similarity=similarity,
    )
