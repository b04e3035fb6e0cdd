from __future__ import annotations

import pytest

from kuaibao.dedup.metrics import pair_scores, score_groups


def test_pair_scores_count_pairs_through_the_contingency_table() -> None:
    # truth: {a,b,c} {d,e}; predicted: {a,b} {c,d,e} -> true pairs 4, predicted 4, correct 2
    scores = pair_scores([1, 1, 2, 2, 2], ["x", "x", "x", "y", "y"])
    assert (scores.true_pairs, scores.predicted_pairs, scores.correct_pairs) == (4, 4, 2)
    assert scores.precision == scores.recall == scores.f1 == 0.5


def test_all_singletons_find_nothing_and_claim_nothing() -> None:
    scores = pair_scores([1, 2, 3], [1, 1, 3])
    assert scores.precision == 1.0
    assert scores.recall == 0.0


def test_score_groups_reads_groups_of_ids() -> None:
    scores = score_groups([["a", "b"], ["c"]], {"a": 1, "b": 1, "c": 1})
    assert scores.precision == 1.0
    assert scores.recall == pytest.approx(1 / 3)


def test_labels_must_cover_the_same_documents() -> None:
    with pytest.raises(ValueError, match="2 predicted labels for 3"):
        pair_scores([1, 2], [1, 2, 3])
