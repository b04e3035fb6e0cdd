"""The benchmark's bag-of-units measures: by token, by character, and which to use."""

from __future__ import annotations

import pytest

from kuaibao.extract.scoring import (
    Score,
    char_score,
    mean_score,
    scoring_unit,
    text_score,
    token_score,
)


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


def test_char_score_compares_characters_without_whitespace() -> None:
    assert char_score("量子\n计算", "量子计算") == Score(1.0, 1.0, 1.0)
    score = char_score("量子计算", "量子通信")
    assert (score.precision, score.recall) == (0.5, 0.5)
    # by whitespace token the same texts share nothing at all
    assert token_score("量子计算", "量子通信").f1 == 0.0


@pytest.mark.parametrize(
    ("reference", "unit"),
    [
        ("The lab announced a quantum milestone on Monday.", "token"),
        ("国家实验室周一宣布，其新型超导量子处理器首次完成了纠错周期。", "char"),
        ("先日、不正に改造したiPhoneを販売したとして逮捕された。", "char"),
        ("นักวิจัยประกาศความสำเร็จครั้งสำคัญ", "char"),
        ("연구진은 월요일 양자 컴퓨터의 중요한 이정표를 발표했다.", "token"),  # spaced
        ("Лаборатория объявила о квантовом прорыве.", "token"),
        ("", "token"),
    ],
)
def test_scoring_unit_follows_the_script_of_the_reference(reference: str, unit: str) -> None:
    assert scoring_unit(reference) == unit


def test_text_score_uses_the_unit_given() -> None:
    assert text_score("量子计算", "量子通信", "char").f1 == pytest.approx(0.5)
    assert text_score("量子计算", "量子通信", "token").f1 == 0.0
