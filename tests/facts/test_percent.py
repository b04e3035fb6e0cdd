"""Percentages and percentage points."""

from __future__ import annotations

import pytest

from kuaibao.facts.percent import find_percentages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("up 62%", [("62%", 62.0, "62%")]),
        ("up 62 per cent", [("62 per cent", 62.0, "62%")]),
        ("up 62 percent", [("62 percent", 62.0, "62%")]),
        ("增长62％", [("62％", 62.0, "62%")]),
        ("百分之六十二", [("百分之六十二", 62.0, "62%")]),
        ("百分之三点五", [("百分之三点五", 3.5, "3.5%")]),
        ("five per cent", [("five per cent", 5.0, "5%")]),
        ("grew 4.5 per cent", [("4.5 per cent", 4.5, "4.5%")]),
        ("80%到90%", [("80%", 80.0, "80%"), ("90%", 90.0, "90%")]),
        ("80-90%", [("80", 80.0, "80%"), ("90%", 90.0, "90%")]),
        ("by 3 percentage points", [("3 percentage points", 3.0, "3个百分点")]),
        ("提高3个百分点", [("3个百分点", 3.0, "3个百分点")]),
        ("percentage of 62 people", []),
    ],
)
def test_percentages(text: str, expected: list[tuple[str, float, str]]) -> None:
    facts = find_percentages(text)
    assert [(f.text, f.value, f.zh) for f in facts] == expected
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
