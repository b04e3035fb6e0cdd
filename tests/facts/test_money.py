"""Sums of money: amount in units, ISO currency, Chinese house-style form, span."""

from __future__ import annotations

import pytest

from kuaibao.facts.money import find_money

CASES = [
    ("£1.1 billion", 1_100_000_000, "GBP", "11亿英镑"),
    ("$52 billion", 52_000_000_000, "USD", "520亿美元"),
    ("US$52bn", 52_000_000_000, "USD", "520亿美元"),
    ("€48 million", 48_000_000, "EUR", "4800万欧元"),
    ("590 billion yen", 590_000_000_000, "JPY", "5900亿日元"),
    ("S$180 million", 180_000_000, "SGD", "1.8亿新加坡元"),
    ("₩1.2 trillion", 1_200_000_000_000, "KRW", "1.2万亿韩元"),
    ("$640bn", 640_000_000_000, "USD", "6400亿美元"),
    ("£35m", 35_000_000, "GBP", "3500万英镑"),
    ("$1.2 trillion", 1_200_000_000_000, "USD", "1.2万亿美元"),
    ("EUR 1.2 billion", 1_200_000_000, "EUR", "12亿欧元"),
    ("$5,000", 5000, "USD", "5000美元"),
    ("a $52-billion fund", 52_000_000_000, "USD", "520亿美元"),
    ("Rs 500 crore", 5_000_000_000, "INR", "50亿印度卢比"),
    ("5 billion won", 5_000_000_000, "KRW", "50亿韩元"),
    ("520亿美元", 52_000_000_000, "USD", "520亿美元"),
    ("3500 万英镑", 35_000_000, "GBP", "3500万英镑"),
    ("3.5亿元", 350_000_000, "CNY", "3.5亿元"),
    ("1.2万亿日元", 1_200_000_000_000, "JPY", "1.2万亿日元"),
    ("4亿美元", 400_000_000, "USD", "4亿美元"),
    ("人民币3.5亿元", 350_000_000, "CNY", "3.5亿元"),
    ("3.5亿人民币", 350_000_000, "CNY", "3.5亿元"),
    ("五亿美元", 500_000_000, "USD", "5亿美元"),
    ("700多万英镑", 7_000_000, "GBP", "700万英镑"),
    ("５２０亿美元", 52_000_000_000, "USD", "520亿美元"),
]


@pytest.mark.parametrize(("text", "amount", "currency", "zh"), CASES)
def test_one_sum(text: str, amount: int, currency: str, zh: str) -> None:
    sentence = f"据报道，{text} will go to research."
    [fact] = find_money(sentence)
    assert (fact.amount, fact.currency, fact.zh) == (amount, currency, zh)
    assert sentence[fact.start : fact.end] == fact.text


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Japan's ministry approved ¥590 billion for Rapidus.", "JPY"),
        ("Beijing set aside ¥590 billion in yuan-denominated bonds.", "CNY"),
        ("北京市投入¥5000用于培训。", "CNY"),
        ("It costs ¥590 billion.", "JPY"),
    ],
)
def test_bare_yen_sign_is_read_from_context(text: str, currency: str) -> None:
    [fact] = find_money(text)
    assert fact.currency == currency
    assert fact.sign_only


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("$20-30 billion", [20e9, 30e9]),
        ("between $20 and $30 billion", [20e9, 30e9]),
        ("$20 billion to $30 billion", [20e9, 30e9]),
        ("200到300亿美元", [20e9, 30e9]),
        ("200亿至300亿美元", [20e9, 30e9]),
    ],
)
def test_ranges_give_both_ends(text: str, amounts: list[float]) -> None:
    facts = find_money(text)
    assert [f.amount for f in facts] == amounts
    assert {f.currency for f in facts} == {"USD"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("美国企业将投入数十亿美元。", []),
        ("二元化合物", []),
        ("In 2021 won the prize", []),
        ("GB200 chips", []),
        ("几百万美元", []),
        ("$5 and 30 students", ["$5"]),
    ],
)
def test_not_money(text: str, expected: list[str]) -> None:
    assert [f.text for f in find_money(text)] == expected


@pytest.mark.parametrize(
    ("text", "figure", "approx", "step"),
    [
        ("超11亿英镑", "11亿英镑", "over", 1e8),
        ("约400亿美元", "400亿美元", "about", 1e10),
        ("700多万英镑", "700多万英镑", "over", 1e6),
        ("4.79亿英镑", "4.79亿英镑", None, 1e6),
    ],
)
def test_hedges_and_precision(text: str, figure: str, approx: str | None, step: float) -> None:
    [fact] = find_money(text)
    assert (fact.text, fact.approx, fact.step) == (figure, approx, step)
