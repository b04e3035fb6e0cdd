from __future__ import annotations

import pytest

from kuaibao.search.tokens import fold, index_tokens, query_terms, stem
from kuaibao.text.scripts import is_all_han


def test_chinese_is_indexed_in_search_mode_so_sub_words_are_tokens() -> None:
    tokens = index_tokens("研究团队发布量子计算机原型")
    assert "计算机" in tokens and "计算" in tokens and "量子" in tokens
    # a sub-word comes before the word that contains it, in text order
    assert tokens.index("量子") < tokens.index("计算") < tokens.index("计算机")


def test_english_is_folded_stemmed_and_stop_words_dropped() -> None:
    tokens = index_tokens("The Studies of Quantum COMPUTERS, in 2024: Café boxes")
    assert tokens == ["study", "quantum", "computer", "2024", "cafe", "box"]


def test_full_width_letters_and_digits_are_normalised() -> None:
    assert index_tokens("ＡＩ芯片２０２４") == ["ai", "芯片", "2024"]


def test_mixed_text_keeps_runs_in_order() -> None:
    assert index_tokens("GPT-4模型在5G网络") == ["gpt", "4", "模型", "5g", "网络"]


def test_stop_words_and_junk_are_not_tokens() -> None:
    assert index_tokens("的 了 and the of") == []
    assert index_tokens("x" * 61 + " ok") == ["ok"]


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("studies", "study"),
        ("computers", "computer"),
        ("classes", "class"),
        ("searches", "search"),
        ("status", "status"),
        ("analysis", "analysis"),
        ("glass", "glass"),
        ("gas", "gas"),
        ("x86s", "x86s"),
    ],
)
def test_plural_stemming(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_fold_strips_accents_and_case() -> None:
    assert fold("Éléments") == "element"


def test_query_terms_cut_chinese_precisely_and_keep_punctuated_words_together() -> None:
    assert query_terms("量子计算") == [("量子",), ("计算",)]
    assert query_terms("COVID-19") == [("covid", "19")]
    assert query_terms("GPT-4模型") == [("gpt", "4"), ("模型",)]
    assert query_terms("的") == []


def test_is_all_han() -> None:
    assert is_all_han("量子") and not is_all_han("qubit") and not is_all_han("量子x")
    assert not is_all_han("")
