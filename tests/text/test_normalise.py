"""Full-width forms fold to ASCII one for one; NFKC folds more and may change lengths."""

from __future__ import annotations

import sys

from kuaibao.text import normalise
from kuaibao.text.normalise import FULLWIDTH_TO_ASCII, fold_figures, fold_width, nfkc

EVERY_CHAR = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_fold_width_keeps_lengths_and_chinese_punctuation() -> None:
    text = "２０２４年３月，ＵＳ＄５．５亿（约６２％）"
    assert fold_width(text) == "2024年3月，US$5.5亿（约62%）"
    assert fold_figures(text) == "2024年3月，ＵＳ$5.5亿（约62%）"
    assert len(fold_width(EVERY_CHAR)) == len(fold_figures(EVERY_CHAR)) == len(EVERY_CHAR)


def test_fold_figures_matches_translating_the_figure_part_of_the_table() -> None:
    """The fast path gives what ``str.translate`` gives, on every character."""
    table = str.maketrans(dict(normalise._FIGURE_PAIRS))
    assert fold_figures(EVERY_CHAR) == EVERY_CHAR.translate(table)
    assert fold_figures("２０２４年３月＄５％") == "2024年3月$5%"


def test_the_table_agrees_with_nfkc_on_every_entry() -> None:
    """Each fold is the compatibility form Unicode gives, so the two ways never disagree."""
    for wide, ascii_form in FULLWIDTH_TO_ASCII.items():
        assert nfkc(wide) == ascii_form, wide


def test_nfkc_folds_more() -> None:
    assert nfkc("ＡＩ ﬁ ①\u3000２０２６") == "AI fi 1 2026"
    assert fold_width("ﬁ①") == "ﬁ①"
