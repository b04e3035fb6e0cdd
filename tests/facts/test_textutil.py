"""Offset-keeping normalisation, Latin word boundaries and hedge words."""

from __future__ import annotations

import pytest

from kuaibao.facts.textutil import (
    ascii_bounded,
    fold,
    hedge_around,
    overlaps,
    url_spans,
)
from kuaibao.text.normalise import fold_figures


def test_width_and_fold_keep_offsets() -> None:
    text = "２０２４年３月，ＵＫ King’s İstanbul"
    assert len(fold_figures(text)) == len(text)
    assert fold_figures("５２０亿美元，６２％") == "520亿美元，62%"
    assert len(fold(text)) == len(text)
    assert fold("King’s  College\tLONDON") == "king's  college london"


@pytest.mark.parametrize(
    ("text", "start", "end", "bounded"),
    [
        ("the NSF said", 4, 7, True),
        ("TRANSFORM", 2, 5, False),
        ("美NSF资助", 1, 4, True),
        ("NSFC", 0, 3, False),
    ],
)
def test_ascii_bounded(text: str, start: int, end: int, bounded: bool) -> None:
    assert ascii_bounded(text, start, end) is bounded


@pytest.mark.parametrize(
    ("text", "figure", "hedge"),
    [
        ("超11亿英镑", "11亿英镑", "over"),
        ("超过10亿英镑", "10亿英镑", "over"),
        ("约400亿美元", "400亿美元", "about"),
        ("近400亿美元", "400亿美元", "about"),
        ("不到100日元", "100日元", "under"),
        ("不超过5个", "5", "under"),
        ("减少75%左右", "75%", "about"),
        ("增长10%以上", "10%", "over"),
        ("more than $5 billion", "$5 billion", "over"),
        ("moreover $5 billion", "$5 billion", None),
        ("提供520亿美元", "520亿美元", None),
    ],
)
def test_hedges(text: str, figure: str, hedge: str | None) -> None:
    start = text.index(figure)
    assert hedge_around(text, start, start + len(figure)) == hedge


def test_url_spans_and_overlaps() -> None:
    text = "见 https://example.org/2024/5 与 a@b.org"
    spans = url_spans(text)
    assert [text[s:e] for s, e in spans] == ["https://example.org/2024/5", "a@b.org"]
    assert overlaps(3, 5, spans)
    assert not overlaps(0, 1, spans)
