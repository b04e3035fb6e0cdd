"""English month names and abbreviations, and the month each one means.

Dates in feeds (``15 Mar 2024``) and in article text (``Sept. 3``) are read by different
stages; both, the sentence splitter (``Jan.`` does not end a sentence) and the demo site
that prints dates, read this one table.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

MONTH_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Abbreviations as English writes them; May has none, and September has two.
MONTH_ABBREVIATIONS: Final = MappingProxyType(
    {
        **{name[:3]: number for number, name in enumerate(MONTH_NAMES, 1) if name != "May"},
        "Sept": 9,
    }
)
# Every name and abbreviation, capitalised as in running text, to its month number.
MONTHS: Final = MappingProxyType(
    {**{name: number for number, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}
)
# A regex alternation of every word in ``MONTHS``, longest first (so ``Sept`` wins over
# ``Sep``); no group and no trailing full stop, so callers add their own.
MONTH_PATTERN: Final = "|".join(sorted(MONTHS, key=len, reverse=True))

_BY_LOWER: Final = {word.lower(): number for word, number in MONTHS.items()}


def month_number(word: str) -> int | None:
    """The month (1–12) an English month name or abbreviation means, in any case, with or
    without a full stop (``mar.``, ``SEPT``); None for anything else."""
    return _BY_LOWER.get(word.strip().removesuffix(".").lower())
