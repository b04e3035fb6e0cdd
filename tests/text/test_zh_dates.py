"""The Chinese date form, from dates and from ISO strings at any precision."""

from __future__ import annotations

from datetime import date

import pytest

from kuaibao.text.zh_dates import format_date_zh


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 3, 15), "2024年3月15日"),
        ("2024-03-15", "2024年3月15日"),
        ("2024-03", "2024年3月"),
        ("2024-12", "2024年12月"),
        ("2024", "2024年"),
        (" 2024-3-5 ", "2024年3月5日"),
    ],
)
def test_format_date_zh(value: date | str, expected: str) -> None:
    assert format_date_zh(value) == expected


@pytest.mark.parametrize("value", ["2024-13", "2024-02-30", "March 2024", "24-03-01", ""])
def test_format_date_zh_rejects_what_is_not_a_date(value: str) -> None:
    with pytest.raises(ValueError, match="date"):
        format_date_zh(value)
