"""Rejoin wrapped lines into paragraphs, judging from the layout of the whole text.

Extracted text gives no paragraph marks, only lines. Which signals mean "paragraph
ends here" depends on how the text was made, so they are measured first over all
item bodies (`analyse_layout`), then applied line by line (`reflow`):

* a blank line, unless nearly every line is followed by one (double-spaced output);
* an indented line, when first lines are indented in the text (``pdftotext -layout``);
* a sub-heading pattern (一、 （1） 1.) starting a line;
* a trailing space after a line, when the producer leaves one at paragraph ends only;
* otherwise the typesetter's own logic: a line that left room for the next line's
  first word or character was ended on purpose.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from kuaibao.bulletin.importers.lines import (
    SUBHEADING_RE,
    Line,
    ends_sentence,
    first_token_width,
    latin_edge,
    wrap_separator,
)
from kuaibao.text.scripts import is_han_char

FIRST_LINE_INDENT = 4  # two ideographs: Chinese paragraphs start indented
SLACK = 4  # justification and line-start rules move up to two characters
LATIN_SCALE = 1.25  # capitals and wide letters print wider than one column
_MID_SENTENCE_MARKS = "，、"


@dataclass(frozen=True)
class Layout:
    """How this text marks paragraphs; measured once per document."""

    width: int
    trailing_marks: bool = False
    blank_breaks: bool = True
    margin: int = 0
    indent_visible: bool = False
    double_spaced: bool = False  # most lines of the whole text have a blank line before them


def _mid_sentence(line: Line) -> bool:
    """The line stops inside a sentence, so the next line must continue it."""
    last = line.text[-1]
    return is_han_char(last) or last in _MID_SENTENCE_MARKS or latin_edge(last)


def _share(lines: list[Line]) -> float:
    return sum(1 for line in lines if line.trailing) / len(lines) if lines else 0.0


def analyse_layout(bodies: list[list[Line]]) -> Layout:
    """Measure line width and which paragraph signals this text uses."""
    lines = [line for body in bodies for line in body]
    if not lines:
        return Layout(width=0)
    widest = max(line.width for line in lines)
    pairs = [(a, b) for body in bodies for a, b in pairwise(body)]
    long_mid = [a for a, _ in pairs if _mid_sentence(a) and a.width >= 0.6 * widest]
    ends = [a for a, _ in pairs if ends_sentence(a.text)]
    trailing = len(ends) >= 2 and _share(ends) >= 0.3 and _share(long_mid) <= 0.2
    wrapped = [a.width for a in long_mid if not (trailing and a.trailing)]
    width = int(statistics.median(wrapped)) if len(wrapped) >= 3 else widest
    gapped = [(a, b) for a, b in pairs if b.gap_before and not b.page_break_before]
    gapped_wraps = [a for a, _ in gapped if _mid_sentence(a) and a.width >= 0.8 * width]
    blank_breaks = not gapped or len(gapped_wraps) < 0.2 * len(gapped)
    indents = Counter(line.indent for line in lines)
    margin = min(indents, key=lambda i: (-indents[i], i))
    indent_visible = any(line.indent >= margin + 2 for line in lines)
    return Layout(width, trailing, blank_breaks, margin, indent_visible)


def double_spaced(lines: list[Line]) -> bool:
    """Most lines follow a blank line: blank lines say nothing about structure here."""
    later = [line for line in lines[1:] if not line.page_break_before]
    return bool(later) and sum(line.gap_before for line in later) >= 0.6 * len(later)


def _room(line: Line, first: bool, layout: Layout) -> float:
    """Columns left free at the end of a line, allowing for a first-line indent."""
    indent = FIRST_LINE_INDENT if first and not layout.indent_visible else 0
    return layout.width - indent - line.width


def _token(text: str) -> float:
    width = first_token_width(text)
    return width * LATIN_SCALE if latin_edge(text[0]) else width


def _closed(line: Line, first: bool, layout: Layout) -> bool:
    text = line.text
    return ends_sentence(text) or text[-1] in "：:" or _room(line, first, layout) > SLACK


def breaks_between(a: Line, b: Line, a_first: bool, layout: Layout) -> bool:
    """True when a paragraph ends after line a (b follows it in the same body)."""
    if b.gap_before and layout.blank_breaks and not b.page_break_before:
        return True
    if layout.indent_visible and b.indent >= layout.margin + 2:
        return True
    subheading = SUBHEADING_RE.match(b.text) is not None
    if layout.indent_visible and not subheading and not b.page_break_before:
        # Paragraphs here start indented; an unindented line only continues one, however
        # short the line before it (digits and Latin letters print narrower than ideographs).
        return False
    if subheading and (b.width < 0.7 * layout.width or _closed(a, a_first, layout)):
        return True
    if layout.trailing_marks:
        if not a.trailing:
            return False
        if not latin_edge(a.text[-1]):
            return True
    if _room(a, a_first, layout) > _token(b.text) + SLACK:
        return True
    return ends_sentence(a.text) and _indented_start(b, layout)


def _indented_start(line: Line, layout: Layout) -> bool:
    """A full line short by a first-line indent: a new paragraph whose indent was lost."""
    if layout.indent_visible or not _mid_sentence(line) or latin_edge(line.text[-1]):
        return False
    return layout.width - SLACK - 2 <= line.width <= layout.width - FIRST_LINE_INDENT


def reflow(lines: list[Line], layout: Layout) -> list[str]:
    """Paragraph texts of one body, lines rejoined (see `wrap_separator`)."""
    paragraphs: list[str] = []
    parts: list[str] = []
    first = True
    for i, line in enumerate(lines):
        if i and breaks_between(lines[i - 1], line, first, layout):
            paragraphs.append("".join(parts))
            parts, first = [], True
        elif i:
            first = False
        if parts:
            parts.append(wrap_separator(parts[-1][-1], line.text[0]))
        parts.append(line.text)
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs
