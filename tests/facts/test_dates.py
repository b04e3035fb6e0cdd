"""Dates at the stated precision, English and Chinese, with spans."""

from __future__ import annotations

from datetime import date

import pytest

from kuaibao.facts.dates import find_dates

REF = date(2024, 3, 20)

CASES = [
    ("On Friday, March 15, 2024, it opened.", None, [("March 15, 2024", "2024-03-15")]),
    ("It opened 15 March 2024.", None, [("15 March 2024", "2024-03-15")]),
    ("It opened on 5th of June 2023.", None, [("5th of June 2023", "2023-06-05")]),
    ("Mar. 15 was the day.", None, [("Mar. 15", "--03-15")]),
    ("Mar. 15 was the day.", REF, [("Mar. 15", "2024-03-15")]),
    ("Sept. 30 deadline", REF, [("Sept. 30", "2023-09-30")]),
    ("Filed 2024-03-15.", None, [("2024-03-15", "2024-03-15")]),
    ("Filed 2024/3/15.", None, [("2024/3/15", "2024-03-15")]),
    ("It launched in March 2024.", None, [("March 2024", "2024-03")]),
    ("It launched in 2024.", None, [("2024", "2024")]),
    ("It raised money in January.", REF, [("January", "2024-01")]),
    ("Friday is busy.", None, []),
    ("They may 15 times", None, []),
    ("the 2025 budget", None, []),
    ("March 11-15, 2024", None, [("March 11", "2024-03-11"), ("15", "2024-03-15")]),
    ("2024年3月15日，", None, [("2024年3月15日", "2024-03-15")]),
    ("2024 年 3 月 15 日，", None, [("2024 年 3 月 15 日", "2024-03-15")]),
    ("2024年3月，", None, [("2024年3月", "2024-03")]),
    ("2024年，", None, [("2024年", "2024")]),
    ("3月15日，", None, [("3月15日", "--03-15")]),
    ("3月15日，", REF, [("3月15日", "2024-03-15")]),
    ("今年1月，", REF, [("今年1月", "2024-01")]),
    ("去年7月，", REF, [("去年7月", "2023-07")]),
    ("二〇二四年三月十五日", None, [("二〇二四年三月十五日", "2024-03-15")]),
    ("3月11日至15日", REF, [("3月11日", "2024-03-11"), ("15日", "2024-03-15")]),
    ("3月11日至4月2日", REF, [("3月11日", "2024-03-11"), ("4月2日", "2024-04-02")]),
    ("1990年代以来", None, []),
    ("为期3个月", None, []),
    ("2024年2月30日", None, [("2024年2月", "2024-02")]),
]


@pytest.mark.parametrize(("text", "reference", "expected"), CASES)
def test_dates(text: str, reference: date | None, expected: list[tuple[str, str]]) -> None:
    facts = find_dates(text, reference=reference)
    assert [(f.text, f.iso) for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text


@pytest.mark.parametrize(
    ("text", "zh"),
    [
        ("March 15, 2024", "2024年3月15日"),
        ("March 2024", "2024年3月"),
        ("in 2024", "2024年"),
        ("Mar. 15", "3月15日"),
    ],
)
def test_chinese_form(text: str, zh: str) -> None:
    [fact] = find_dates(text)
    assert fact.zh == zh
