"""Shrink one-line elements of the printed page so they stay one line.

``pdftotext`` turns every wrapped line into a line break, and it silently joins a line
that ends in ``-`` with the next one, dropping the hyphen — fatal for a URL. So in print
the item heading, each source URL, the ``原文标题：`` line and each contents line (with
room for its dot leader and page number) get the largest font size
(from a few fixed steps) at which they fit the A4 text width. URLs are set in a
monospaced face (every Latin character exactly 0.5 em) so their width is known exactly;
a URL too long even at the smallest size is cut into lines by us, never after a ``-``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# A4 (595.3 pt) minus the 22 mm side margins of bulletin.css, less a little slack.
MEASURE_PT = 466.0
URL_FONT = "Noto Sans Mono CJK SC"
STEP_PT = 0.5
SMALLEST_PT = 6.0


@dataclass(frozen=True)
class Fitted:
    """Lines to print and the CSS class of their size (``fit-90`` is 9.0 pt)."""

    lines: list[str]
    css_class: str


def _units(text: str, ascii_em: float) -> float:
    """Width in em: wide (CJK, full-width) characters are 1 em, others ``ascii_em``."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else ascii_em for ch in text)


def size_class(points: float) -> str:
    return f"fit-{round(points * 10)}"


def sizes(largest: float, smallest: float = SMALLEST_PT) -> list[float]:
    """Font sizes from ``largest`` down to ``smallest`` in half-point steps."""
    count = round((largest - smallest) / STEP_PT)
    return [largest - STEP_PT * i for i in range(count + 1)]


def fit_text(
    text: str, largest: float, smallest: float, ascii_em: float = 0.6, reserve_em: float = 0
) -> str:
    """CSS class of the largest size at which proportional text likely fits one line,
    with ``reserve_em`` left over (an indent, a dot leader and a page number)."""
    width = _units(text, ascii_em) + reserve_em
    for points in sizes(largest, smallest):
        if width * points <= MEASURE_PT:
            return size_class(points)
    return size_class(smallest)


def _cut(url: str, capacity: float) -> list[str]:
    """Cut a URL into lines of at most ``capacity`` em, never ending a line with ``-``
    nor starting one with ``http`` (so a piece is never taken for a new URL)."""
    lines: list[str] = []
    rest = url
    while _units(rest, 0.5) > capacity:
        end = 0
        while end < len(rest) and _units(rest[: end + 1], 0.5) <= capacity:
            end += 1
        while end > 1 and (rest[end - 1] == "-" or rest[end:].lower().startswith("http")):
            end -= 1
        lines.append(rest[:end])
        rest = rest[end:]
    return [*lines, rest] if rest else lines


def fit_url(url: str, largest: float = 9.0) -> Fitted:
    """One line at the largest size that fits, else lines cut at the smallest size."""
    width = _units(url, 0.5)
    for points in sizes(largest):
        if width * points <= MEASURE_PT:
            return Fitted([url], size_class(points))
    return Fitted(_cut(url, MEASURE_PT / SMALLEST_PT), size_class(SMALLEST_PT))


def fit_css(largest: float = 14.0) -> str:
    """Print-only rules for every ``fit-NN`` class."""
    rules = " ".join(f".{size_class(p)} {{ font-size: {p:g}pt; }}" for p in sizes(largest))
    return f"@media print {{ {rules} }}\n"
