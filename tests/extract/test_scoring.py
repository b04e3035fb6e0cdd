"""token_score and mean_score: the benchmark's bag-of-tokens measure."""

from __future__ import annotations

import pytest

from kuaibao.extract.scoring import Score, mean_score, token_score


def test_identical_texts_score_one_whatever_the_whitespace() -> None:
    assert token_score("a b\n\nc", " a  b c ") == Score(1.0, 1.0, 1.0)


def test_partial_overlap_counts_repeated_tokens() -> None:
    score = token_score("a a b c", "a b b d")
    assert score.precision == pytest.approx(2 / 4)
    assert score.recall == pytest.approx(2 / 4)
    assert score.f1 == pytest.approx(0.5)


def test_extra_text_lowers_precision_only() -> None:
    score = token_score("a b", "a b c d")
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert score.f1 == pytest.approx(2 / 3)


def test_empty_prediction_scores_zero_and_both_empty_score_one() -> None:
    assert token_score("a b", "") == Score(0.0, 0.0, 0.0)
    assert token_score("", "a") == Score(0.0, 0.0, 0.0)
    assert token_score("", " ") == Score(1.0, 1.0, 1.0)


def test_no_overlap_scores_zero_f1() -> None:
    assert token_score("a b", "c d").f1 == 0.0


def test_mean_score_weighs_pages_equally() -> None:
    mean = mean_score([Score(1.0, 0.5, 0.6), Score(0.5, 1.0, 0.8)])
    assert (mean.precision, mean.recall) == (0.75, 0.75)
    assert mean.f1 == pytest.approx(0.7)
    with pytest.raises(ValueError, match="at least one"):
        mean_score([])
