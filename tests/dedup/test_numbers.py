from __future__ import annotations

import pytest

from kuaibao.dedup.numbers import figures, money, numbers, percentages
from kuaibao.text.normalise import nfkc


def anchors_of(text: str, han: bool = False) -> list[str]:
    return [f.anchor for f in figures(nfkc(text), han=han)]


@pytest.mark.parametrize(
    "text",
    ["a £185 million grant", "a £185m grant", "185 million pounds", "GBP 185 million"],
)
def test_english_money_forms_normalise_to_one_anchor(text: str) -> None:
    assert [f.anchor for f in money(text)] == ["money:185000000:GBP"]


def test_chinese_amounts_meet_their_english_form() -> None:
    assert anchors_of("提供1.85亿英镑资助", han=True) == ["money:185000000:GBP"]
    assert anchors_of("设立50亿元基金", han=True) == ["money:5000000000:CNY"]
    assert anchors_of("投资1.2万亿日元", han=True) == anchors_of("at a cost of ¥1.2 trillion")


def test_yen_sign_is_yuan_in_chinese_text_and_yen_elsewhere() -> None:
    assert anchors_of("补贴¥50亿", han=True) == ["money:5000000000:CNY"]
    assert anchors_of("a ¥460bn subsidy") == ["money:460000000000:JPY"]


def test_percentages_in_every_spelling() -> None:
    text = "up 7% and 7 per cent, 34.9 percent, 提升62％"
    assert [f.anchor for f in percentages(nfkc(text))] == [
        "pct:7", "pct:7", "pct:34.9", "pct:62",
    ]  # fmt: skip


def test_numbers_skip_years_short_numbers_and_money() -> None:
    text = "In 2029 the plant will make 180,000 wafers, hire 620 people, 45 interns; $5 billion"
    assert anchors_of(text) == ["num:180000", "num:620", "money:5000000000:USD"]


def test_scaled_numbers_in_both_languages() -> None:
    assert anchors_of("1.2 million people") == ["num:1200000"]
    assert anchors_of("年产18万片晶圆", han=True) == ["num:180000"]


def test_a_lone_m_after_a_number_is_a_unit_not_a_million() -> None:
    assert [f.anchor for f in numbers("a 120 m tower", [])] == ["num:120"]


def test_numbers_glued_to_letters_are_not_figures() -> None:
    assert anchors_of("H100 chips and v2.345") == []
