"""Chinese numerals through the one reader: decimals before a unit, mixed forms, qualifiers.

Each form is checked where the checker meets it too: as a sum of money, as a number
before a classifier, and as a value a Chinese source states.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from kuaibao.facts.check import check_draft
from kuaibao.facts.money import find_money
from kuaibao.facts.numbers import find_numbers, source_values
from kuaibao.facts.percent import find_percentages
from kuaibao.facts.zh_numerals import MAX_LITERAL, chinese_int, read_chinese

READINGS = [
    # literal, value, step, more
    ("一点五亿", Decimal("150000000"), Decimal("10000000"), False),
    ("一千二百万", Decimal("12000000"), Decimal("1000000"), False),
    ("三万亿", Decimal("3000000000000"), Decimal("1000000000000"), False),
    ("两千余万", Decimal("20000000"), Decimal("10000000"), True),
    ("十余", Decimal(10), Decimal(10), True),
    ("700多万", Decimal("7000000"), Decimal("1000000"), True),
    ("零", Decimal(0), Decimal(1), False),
    ("〇", Decimal(0), Decimal(1), False),
    ("两", Decimal(2), Decimal(1), False),
    ("两百", Decimal(200), Decimal(100), False),
    ("廿", Decimal(20), Decimal(10), False),
    ("廿五", Decimal(25), Decimal(1), False),
    ("卅", Decimal(30), Decimal(10), False),
    ("半", Decimal("0.5"), Decimal("0.5"), False),
    ("1.5万亿", Decimal("1500000000000"), Decimal("100000000000"), False),
    ("3千万", Decimal("30000000"), Decimal("10000000"), False),
    ("1,100万", Decimal("11000000"), Decimal("1000000"), False),
    ("一百零五", Decimal(105), Decimal(1), False),
    ("二〇二四", Decimal(2024), Decimal(1), False),
    ("一万二", Decimal(12000), Decimal(1000), False),
    ("一亿两千万", Decimal("120000000"), Decimal("10000000"), False),
    ("三点一四", Decimal("3.14"), Decimal("0.01"), False),
    ("零点五", Decimal("0.5"), Decimal("0.1"), False),
]


@pytest.mark.parametrize(("literal", "value", "step", "more"), READINGS)
def test_reading(literal: str, value: Decimal, step: Decimal, more: bool) -> None:
    reading = read_chinese(literal)
    assert (reading.value, reading.step, reading.more) == (value, step, more)


@pytest.mark.parametrize(
    "literal",
    ["", "万", "亿", "三x", "x三", "十二三", "两千余余万", "余万", "一" * (MAX_LITERAL + 1)],
)
def test_not_a_figure(literal: str) -> None:
    with pytest.raises(ValueError, match=r"^not a"):
        read_chinese(literal)
    assert chinese_int(literal) is None


@pytest.mark.parametrize(
    ("text", "amount", "currency", "approx", "zh"),
    [
        ("一点五亿英镑", 150_000_000, "GBP", None, "1.5亿英镑"),
        ("一千二百万美元", 12_000_000, "USD", None, "1200万美元"),
        ("三万亿日元", 3_000_000_000_000, "JPY", None, "3万亿日元"),
        ("两千余万欧元", 20_000_000, "EUR", "over", "2000万欧元"),
        ("一亿两千万美元", 120_000_000, "USD", None, "1.2亿美元"),
        ("1.5万亿韩元", 1_500_000_000_000, "KRW", None, "1.5万亿韩元"),
        ("3千万英镑", 30_000_000, "GBP", None, "3000万英镑"),
        ("一亿元", 100_000_000, "CNY", None, "1亿元"),
    ],
)
def test_chinese_sums(text: str, amount: int, currency: str, approx: str | None, zh: str) -> None:
    [fact] = find_money(f"政府宣布投入{text}支持研究。")
    assert (fact.amount, fact.currency, fact.approx, fact.zh) == (amount, currency, approx, zh)
    assert fact.text == text


def test_more_than_reaches_up_to_the_next_unit() -> None:
    source = "The programme is worth £24 million."
    assert check_draft(source, "该计划价值两千余万英镑。").ok
    assert not check_draft(source, "该计划价值一千余万英镑。").ok
    assert not check_draft("It is worth £34 million.", "该计划价值两千余万英镑。").ok


def test_decimal_chinese_sum_is_not_read_as_its_last_digit() -> None:
    source = "The council will invest £150 million."
    assert check_draft(source, "理事会将投入一点五亿英镑。").ok
    result = check_draft("The council will invest £500 million.", "理事会将投入一点五亿英镑。")
    assert [u.text for u in result.unsupported] == ["一点五亿英镑"]


@pytest.mark.parametrize(
    ("text", "value", "approx"),
    [
        ("廿五个项目", 25.0, None),
        ("十余家企业", 10.0, "over"),
        ("两千多万人", 20_000_000.0, "over"),
        ("一点五万名", 15_000.0, None),
    ],
)
def test_counts_before_classifiers(text: str, value: float, approx: str | None) -> None:
    [number] = find_numbers(text)
    assert (number.value, number.approx) == (value, approx)


def test_source_values_read_chinese_decimals() -> None:
    values = source_values("预算为一点五亿英镑，覆盖廿五个项目。")
    assert 1.5 in values
    assert 25.0 in values


def test_chinese_percentages() -> None:
    [pct] = find_percentages("增长百分之三点五")
    assert (pct.value, pct.step) == (3.5, 0.1)
    [whole] = find_percentages("占百分之廿")
    assert whole.value == 20.0


def test_any_string_of_numeral_characters_reads_or_raises_value_error() -> None:
    """Hostile text: whatever cn2an makes of a run, the reader answers or says no."""
    alphabet = "〇零一二两三四五六七八九十百千万亿廿卅点余多半1.,0"
    rng = random.Random(3)
    for _ in range(3000):
        literal = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10)))
        try:
            reading = read_chinese(literal)
        except ValueError:
            continue
        assert reading.value >= 0 and reading.step > 0
