"""Token overlap scores for extracted text against a reference text.

The article-extraction benchmark's measure: both texts are split on whitespace and
compared as bags of tokens, so paragraph breaks and order do not matter but every
missing or extra word does. An empty prediction scores zero (nothing found is a miss).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one prediction (or their means over many)."""

    precision: float
    recall: float
    f1: float


def token_score(reference: str, predicted: str) -> Score:
    """Bag-of-tokens precision, recall and F1 of ``predicted`` against ``reference``."""
    truth = Counter(reference.split())
    guess = Counter(predicted.split())
    if not truth and not guess:
        return Score(1.0, 1.0, 1.0)
    if not truth or not guess:
        return Score(0.0, 0.0, 0.0)
    overlap = sum((truth & guess).values())
    precision = overlap / sum(guess.values())
    recall = overlap / sum(truth.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return Score(precision, recall, f1)


def mean_score(scores: Iterable[Score]) -> Score:
    """The per-page mean of each measure (every page weighs the same)."""
    items = list(scores)
    if not items:
        raise ValueError("mean_score needs at least one score")
    count = len(items)
    return Score(
        sum(s.precision for s in items) / count,
        sum(s.recall for s in items) / count,
        sum(s.f1 for s in items) / count,
    )
