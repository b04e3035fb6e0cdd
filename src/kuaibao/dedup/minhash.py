"""MinHash signatures and LSH band keys, in numpy, for near-duplicate detection.

A document's shingles (runs of ``k`` tokens) are hashed once with CRC-32 (stable across
processes, unlike ``hash``), then each of ``num_perm`` multiply-shift hash functions
keeps its minimum. The share of equal positions in two signatures estimates the
Jaccard similarity of their shingle sets. Band keys group ``rows`` positions so that
near-duplicates share at least one key with high probability and unrelated texts almost
never do: candidate generation without comparing all pairs.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
SEED = 20_261_110
MIX = np.uint64(0x9E3779B97F4A7C15)


class MinHasher:
    """Signatures of ``num_perm`` 32-bit minima; the same seed gives the same hashes."""

    def __init__(self, num_perm: int = 64, shingle_size: int = 4, seed: int = SEED) -> None:
        rng = np.random.default_rng(seed)
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        high = np.iinfo(np.uint64).max
        self._a = rng.integers(1, high, size=num_perm, dtype=np.uint64, endpoint=True) | 1
        self._b = rng.integers(0, high, size=num_perm, dtype=np.uint64, endpoint=True)

    def shingles(self, tokens: Sequence[str]) -> U64:
        """Hashes of the distinct ``k``-token runs (a short text is one shingle)."""
        if not tokens:
            return np.zeros(0, dtype=np.uint64)
        hashed = np.fromiter(
            (zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens)
        )
        k = min(self.shingle_size, len(hashed))
        width = len(hashed) - k + 1
        combined = np.zeros(width, dtype=np.uint64)
        for offset in range(k):
            combined = combined * MIX + hashed[offset : offset + width]
        return np.unique(combined)

    def signature(self, tokens: Sequence[str]) -> U32:
        """The MinHash signature of a token sequence; all ones when it has no tokens."""
        shingles = self.shingles(tokens)
        if shingles.size == 0:
            return np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        mixed = (self._a[:, None] * shingles[None, :] + self._b[:, None]) >> np.uint64(32)
        minima: U32 = mixed.min(axis=1).astype(np.uint32)
        return minima


def band_keys(signature: U32, bands: int, rows: int) -> list[int]:
    """One integer per band: the band number and a hash of its rows (equal rows, equal key)."""
    if bands * rows > signature.size:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} permutations")
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows].tobytes()
        keys.append((band << 32) | zlib.crc32(chunk))
    return keys


def jaccard(a: U32, b: U32) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / a.size
