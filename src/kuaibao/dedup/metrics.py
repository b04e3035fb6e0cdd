"""Pairwise precision, recall and F1 of a clustering against the true stories.

Every pair of documents is a yes/no decision (same story or not); counting through the
contingency table of (predicted, true) labels gives the figures without listing pairs,
so it scales to the benchmark's 100,000 documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PairScores:
    """Pair counts and the scores derived from them (1.0 when there is nothing to find)."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counts: Counter[Hashable]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pair_scores(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> PairScores:
    """Scores for two labellings of the same documents (position i is document i)."""
    if len(predicted) != len(truth):
        raise ValueError(f"{len(predicted)} predicted labels for {len(truth)} documents")
    return PairScores(
        true_pairs=_pairs(Counter(truth)),
        predicted_pairs=_pairs(Counter(predicted)),
        correct_pairs=_pairs(Counter(zip(predicted, truth, strict=True))),
    )


def labels_from_groups(groups: Sequence[Sequence[Hashable]]) -> dict[Hashable, int]:
    """Document id to the number of its group, from a list of groups."""
    return {doc_id: number for number, group in enumerate(groups) for doc_id in group}


def score_groups(groups: Sequence[Sequence[Hashable]], truth: Mapping[Any, Hashable]) -> PairScores:
    """Scores of groups of ids against a mapping of id to true story."""
    labels = labels_from_groups(groups)
    ids = list(truth)
    return pair_scores([labels[i] for i in ids], [truth[i] for i in ids])
