"""The currency table: signs, words and Chinese names."""

from __future__ import annotations

import pytest

from kuaibao.facts.currencies import BY_CODE, CURRENCIES, by_sign, by_word, zh_money


@pytest.mark.parametrize(
    ("sign", "code"),
    [
        ("US$", "USD"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("S$", "SGD"),
        ("₩", "KRW"),
        ("HK$", "HKD"),
        ("NT$", "TWD"),
        ("EUR", "EUR"),
        ("A$", "AUD"),
        ("₹", "INR"),
        ("$", None),
        ("¥", None),
    ],
)
def test_signs(sign: str, code: str | None) -> None:
    currency = by_sign(sign)
    assert (currency.code if currency else None) == code


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("yen", "JPY"),
        ("Dollars", "USD"),
        ("英镑", "GBP"),
        ("元", "CNY"),
        ("人民币", "CNY"),
        ("新加坡元", "SGD"),
        ("瑞典克朗", "SEK"),
        ("港币", "HKD"),
        ("won", "KRW"),
        ("zorkmid", None),
    ],
)
def test_words(word: str, code: str | None) -> None:
    currency = by_word(word)
    assert (currency.code if currency else None) == code


def test_chinese_names_and_unique_codes() -> None:
    assert len(BY_CODE) == len(CURRENCIES)
    assert zh_money("520亿", "USD") == "520亿美元"
    assert zh_money("3.5亿", "CNY") == "3.5亿元"
    names = {c.code: c.zh for c in CURRENCIES}
    for code, zh in {
        "USD": "美元",
        "GBP": "英镑",
        "EUR": "欧元",
        "JPY": "日元",
        "KRW": "韩元",
        "SGD": "新加坡元",
        "CHF": "瑞士法郎",
        "CAD": "加元",
        "AUD": "澳元",
        "INR": "印度卢比",
        "SEK": "瑞典克朗",
    }.items():
        assert names[code] == zh
