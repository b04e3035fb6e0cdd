"""English month names and abbreviations: one table, read in any case."""

from __future__ import annotations

import re

import pytest

from kuaibao.text.months import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_PATTERN,
    MONTHS,
    month_number,
)


def test_table() -> None:
    assert len(MONTH_NAMES) == 12 and MONTH_NAMES[8] == "September"
    assert "May" not in MONTH_ABBREVIATIONS
    assert MONTH_ABBREVIATIONS["Sept"] == MONTH_ABBREVIATIONS["Sep"] == 9
    assert {MONTHS[name] for name in MONTH_NAMES} == set(range(1, 13))
    assert len(MONTHS) == 12 + 12


@pytest.mark.parametrize(
    ("word", "number"),
    [
        ("January", 1),
        ("jan", 1),
        ("Mar.", 3),
        ("SEPT", 9),
        ("sept.", 9),
        ("december", 12),
        ("May", 5),
        ("Marc", None),
        ("Sepember", None),
        ("", None),
    ],
)
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number


def test_pattern_takes_the_longest_word() -> None:
    pattern = re.compile(rf"\b(?:{MONTH_PATTERN})\b")
    assert [m.group(0) for m in pattern.finditer("Sept 3, Sep 4, September 5, Mayday")] == [
        "Sept",
        "Sep",
        "September",
    ]
