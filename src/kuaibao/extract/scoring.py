"""Overlap scores for extracted text against a reference text, by token or by character.

The article-extraction benchmark's measure: both texts are split on whitespace and
compared as bags of tokens, so paragraph breaks and order do not matter but every
missing or extra word does. Chinese, Japanese, Thai and other scripts put no spaces
between words, so a whitespace token there is a whole line or paragraph and one stray
character would cost all of it; those texts are compared as bags of characters instead
(whitespace left out). An empty prediction scores zero (nothing found is a miss).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Unit = Literal["token", "char"]

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, kana, CJK.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u9fff]")
# A reference this much in such scripts (of its non-space characters) is scored by character.
UNSPACED_SHARE = 0.3
_SAMPLE_CHARS = 2_000


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one prediction (or their means over many)."""

    precision: float
    recall: float
    f1: float


def token_score(reference: str, predicted: str) -> Score:
    """Bag-of-tokens precision, recall and F1 of ``predicted`` against ``reference``."""
    return _bag_score(Counter(reference.split()), Counter(predicted.split()))


def char_score(reference: str, predicted: str) -> Score:
    """Bag-of-characters precision, recall and F1, whitespace left out."""
    return _bag_score(Counter("".join(reference.split())), Counter("".join(predicted.split())))


def scoring_unit(reference: str) -> Unit:
    """How to score against ``reference``: by character when its script has no spaces."""
    sample = "".join(reference.split())[:_SAMPLE_CHARS]
    unspaced = len(_UNSPACED.findall(sample))
    return "char" if sample and unspaced >= UNSPACED_SHARE * len(sample) else "token"


def text_score(reference: str, predicted: str, unit: Unit) -> Score:
    """The score of ``predicted`` in the given unit."""
    return (char_score if unit == "char" else token_score)(reference, predicted)


def _bag_score(truth: Counter[str], guess: Counter[str]) -> Score:
    """Precision, recall and F1 of one bag of units against another."""
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
