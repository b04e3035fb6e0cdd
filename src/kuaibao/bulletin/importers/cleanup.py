"""Strip page furniture from extracted bulletin text: watermarks, page numbers, headers.

What a PDF prints around the content comes out of text extraction mixed into it: a
vertical watermark as one character per line, bare page numbers, a running header with
the series and issue repeated on every page. They are removed here, and where they
were the next line is marked as following a page break, so that a sentence broken by a
page is rejoined and the blank lines around the break are not taken for a paragraph end.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kuaibao.bulletin.importers.glyphs import fix_glyphs
from kuaibao.bulletin.importers.lines import Kind, Line, classify
from kuaibao.text.scripts import is_han_char

MIN_WATERMARK_RUN = 4
_MAX_WATERMARK_GAP = 3  # text lines allowed between two characters of one watermark
_TAIL_MARK_RE = re.compile(r"^(.*\S)\s{3,}(\S)\s*$")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\ufffd]")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$"
    r"|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$|^(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$",
    re.I,
)
_ISSUE_RE = re.compile(r"第\s*#\s*期")
_RULE_RE = re.compile(r"^[-_*=—─━~·.\s]{3,}$")  # separator lines: "---", "————"
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?=\S)", re.M)
_MD_LINK_RE = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")
_MAX_HEADER_CHARS = 32  # headers are short; wrapped body lines run to ~40 ideographs


@dataclass
class Cleaned:
    """Content lines in order, and the running headers that were taken out."""

    lines: list[Line]
    headers: list[str] = field(default_factory=list)


def prepare(text: str) -> str:
    """Unify newlines, drop control characters, map radicals and ligatures back, and
    unwrap Markdown marks (``### ``, ``<url>``, ``**``) of kuaibao's own .md export."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _CONTROL_RE.sub("", text)
    text = _MD_HEADING_RE.sub("", _MD_LINK_RE.sub(r"\1", text.replace("**", "")))
    return fix_glyphs(text)


def _single_han(row: str) -> bool:
    stripped = row.strip()
    return len(stripped) == 1 and is_han_char(stripped)


def _watermark_marks(rows: list[str]) -> list[tuple[int, str | None]]:
    """Rows that may carry one watermark character: alone on the row (None), or set far
    right of a text line, as ``pdftotext -layout`` prints it (the text to keep)."""
    marks: list[tuple[int, str | None]] = []
    for i, row in enumerate(rows):
        if _single_han(row):
            marks.append((i, None))
        elif (tail := _TAIL_MARK_RE.match(row)) and is_han_char(tail.group(2)):
            marks.append((i, tail.group(1)))
    return marks


def _watermark(rows: list[str]) -> set[int]:
    """Drop vertical watermarks: ≥4 single ideographs running down the page, with blank
    lines or at most a few text lines between them; marks at line ends are cut off."""
    filled = [0]
    for row in rows:
        filled.append(filled[-1] + bool(row.strip()))
    runs: list[list[tuple[int, str | None]]] = []
    for mark in _watermark_marks(rows):
        if runs and filled[mark[0]] - filled[runs[-1][-1][0] + 1] <= _MAX_WATERMARK_GAP:
            runs[-1].append(mark)
        else:
            runs.append([mark])
    dropped: set[int] = set()
    for run in runs:
        if len(run) < MIN_WATERMARK_RUN:
            continue
        for i, keep in run:
            if keep is None:
                dropped.add(i)
            else:
                rows[i] = keep
    return dropped


def _page_number_rows(rows: list[str]) -> set[int]:
    """Rows holding only a page number; a digit run that continues a wrapped URL is kept."""
    found: set[int] = set()
    previous = ""
    for i, row in enumerate(rows):
        stripped = row.strip()
        if not stripped:
            continue
        url_tail = previous.startswith(("http", "www.")) and previous[-1] in "/-=_?&#"
        if _PAGE_NUMBER_RE.match(stripped) and not (url_tail and stripped.isdigit()):
            found.add(i)
        previous = stripped
    return found


def _header_key(row: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", row.strip()))


def _page_edge(rows: list[str], i: int, edges: set[int], step: int, skip: set[int]) -> str | None:
    """``"page"`` or ``"text"`` when only blanks (or ``skip`` rows) and at most one other
    line separate row i from a page boundary or the start/end of the text; else None."""
    passed = 0
    j = i + step
    while 0 <= j < len(rows):
        if j in edges:
            return "page"
        if rows[j].strip() and j not in skip:
            passed += 1
            if passed > 1:
                return None
        j += step
    return "text"


def _header_rows(rows: list[str], edges: set[int], breaks: set[int], skip: set[int]) -> set[int]:
    """Rows of running headers and footers: short lines repeated at page edges (next to
    page numbers or form feeds); ``skip`` rows (watermarks) are looked through."""
    keys: dict[int, str] = {}
    taken = edges | skip
    for i, row in enumerate(rows):
        text = row.strip()
        # Headers and footers are labels, never the end of a sentence.
        short = bool(text) and len(text) <= _MAX_HEADER_CHARS and text[-1] not in "。！？；"
        if short and i not in taken and classify(text, is_section=False) is Kind.TEXT:
            keys[i] = _header_key(row)
    boundary = edges | breaks
    on_edge: dict[int, str] = {}
    for i in keys:
        sides = {_page_edge(rows, i, boundary, step, skip) for step in (-1, 1)}
        if i in breaks or "page" in sides:
            on_edge[i] = "page"
        elif "text" in sides:
            on_edge[i] = "text"
    edge_counts = Counter(keys[i] for i in on_edge)
    at_pages = {keys[i] for i, kind in on_edge.items() if kind == "page"}
    all_counts = Counter(keys.values())
    found = set()
    for i, key in keys.items():
        issue_line = _ISSUE_RE.search(key) is not None and all_counts[key] >= 2
        repeated = i in on_edge and edge_counts[key] >= 2 and key in at_pages
        if issue_line or repeated:
            found.add(i)
    return found


def clean_text(text: str) -> Cleaned:
    """Content lines of an extracted bulletin, with page furniture removed and marked."""
    rows = prepare(text).split("\n")
    breaks = {i for i, row in enumerate(rows) if "\f" in row}
    rows = [row.replace("\f", "") for row in rows]
    watermark = _watermark(rows)
    page_numbers = _page_number_rows(rows)
    rules = {i for i, row in enumerate(rows) if _RULE_RE.match(row) and row.strip()}
    headers = _header_rows(rows, page_numbers, breaks, watermark)
    dropped = watermark | page_numbers | headers
    lines: list[Line] = []
    gap = page_break = False
    for i, row in enumerate(rows):
        page_break = page_break or i in breaks or i in dropped
        if i in dropped or i in rules or not row.strip():
            gap = gap or not row.strip()
            continue
        lines.append(Line(i + 1, row, page_break_before=page_break and bool(lines), gap_before=gap))
        gap = page_break = False
    header_texts = list(dict.fromkeys(rows[i].strip() for i in sorted(headers)))
    return Cleaned(lines, header_texts)
