"""Numbers as written: Chinese numerals, English words, precision and the 万/亿 form."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuaibao.facts.numerals import (
    format_zh_amount,
    literal_step,
    parse_chinese_int,
    parse_decimal,
    parse_english_word,
    parse_number,
    trim,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三", 3),
        ("十二", 12),
        ("二十", 20),
        ("一百二十", 120),
        ("一百零五", 105),
        ("两千", 2000),
        ("三千五百", 3500),
        ("三万五千", 35000),
        ("一亿两千万", 120_000_000),
        ("二〇二四", 2024),
        ("两", 2),
        ("十", 10),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_int(text) == value


@pytest.mark.parametrize("text", ["", "三x", "abc"])
def test_not_chinese_numerals(text: str) -> None:
    assert parse_chinese_int(text) is None


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("seven", 7),
        ("Twelve", 12),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("both", 2),
        ("twice", 2),
        ("ninety-nine", 99),
        ("zebra", None),
        ("twenty-zebra", None),
    ],
)
def test_english_number_words(word: str, value: int | None) -> None:
    assert parse_english_word(word) == value


@pytest.mark.parametrize(
    ("literal", "step"),
    [
        ("520", Decimal(10)),
        ("52", Decimal(1)),
        ("4.79", Decimal("0.01")),
        ("400", Decimal(100)),
        ("1,100", Decimal(100)),
        ("0", Decimal(1)),
        ("1.5", Decimal("0.1")),
    ],
)
def test_literal_step_is_the_last_significant_digit(literal: str, step: Decimal) -> None:
    assert literal_step(literal) == step


@pytest.mark.parametrize(
    ("value", "zh"),
    [
        (52e9, "520亿"),
        (1.1e9, "11亿"),
        (35e6, "3500万"),
        (48e6, "4800万"),
        (590e9, "5900亿"),
        (1.2e12, "1.2万亿"),
        (5000, "5000"),
        (479e6, "4.79亿"),
        (123_456_789, "1.23亿"),
        (10_000, "1万"),
        (9999, "9999"),
        (12.5, "12.5"),
        (640e9, "6400亿"),
    ],
)
def test_format_zh_amount(value: float, zh: str) -> None:
    assert format_zh_amount(value) == zh


def test_decimal_parsing_is_exact_and_strict() -> None:
    assert parse_decimal("1,100,000.5") == Decimal("1100000.5")
    assert parse_number("4.79") * 10**8 == 479_000_000
    assert parse_number("三千") == 3000
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal("1.2.3")
    assert trim(Decimal("4.500")) == "4.5"
    assert trim(Decimal("3.14159"), 4) == "3.1416"
