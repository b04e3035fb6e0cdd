"""Finding the article text in a parsed page with trafilatura, cheaply and precisely.

Measured on the 181-page article-extraction benchmark (``benchmarks/
extraction_quality.py``): trafilatura's fast precision mode is both the quickest and the
most precise setting, but on a few layouts it keeps only a teaser or nothing. Such a
shortfall shows as a short result, so only short results pay for a fast recall pass as a
yardstick; when precision kept much less than recall found, trafilatura's full mode
(with its fallback extractors) gets a try and wins if it recovers the article, else the
recall text is used. Comments are never article text and are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import trafilatura
from lxml.html import HtmlElement

from kuaibao.errors import ExtractionError

# Hostile-input bounds: a longer page is cut (articles sit near the top), not refused.
# trafilatura needs up to 60 ms per 1,000 elements and pass; 30,000 keep it to seconds.
MAX_HTML_CHARS = 5_000_000
MAX_ELEMENTS = 30_000
# A first-pass result shorter than this is double-checked with a recall pass.
SHORT_TEXT_CHARS = 1_500
# A precise pass "lost" the article when it kept less than this share of recall's.
SHORTFALL_RATIO = 0.6
SHORTFALL_MIN_CHARS = 200

FIRST_PASS: dict[str, Any] = {"fast": True, "favor_precision": True}
RECALL_PASS: dict[str, Any] = {"fast": True, "favor_recall": True}
FULL_PASS: dict[str, Any] = {"favor_precision": True}

# libxml2 parses attributes in quadratic time: a tag with 30,000 of them takes seconds,
# 100,000 take minutes. Long tags (the only ones that can hold that many) are checked.
_ANY_LONG_TAG = re.compile(r"<[^<>]{2048}")
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]{0,30})([^<>]{2048,})(>?)")
MAX_ATTRIBUTES = 200
# A line that is only a title repeats the <h1>; short ones might be real sentences.
_MIN_TITLE_PREFIX_CHARS = 20


def parse_html(html: str) -> HtmlElement:
    """Parse a page into an lxml tree, or say that there is nothing to parse."""
    cleaned = _defuse_tags(html[:MAX_HTML_CHARS])
    if not cleaned.strip():
        raise ExtractionError("page is empty: the response body has no content", reason="empty")
    try:
        tree = trafilatura.load_html(cleaned)
    except Exception as exc:  # lxml and trafilatura raise many types on hostile input
        message = f"page is empty or not HTML: it could not be parsed ({exc})"
        raise ExtractionError(message, reason="empty") from exc
    if tree is None:
        raise ExtractionError("page is empty or not HTML: nothing could be parsed", reason="empty")
    if not any(chunk.strip() for chunk in tree.itertext()):
        raise ExtractionError("page is empty: no text in the HTML", reason="empty")
    _truncate_tree(tree, MAX_ELEMENTS)
    return tree


def _truncate_tree(tree: HtmlElement, limit: int) -> None:
    """Drop every element after the first ``limit`` in document order."""
    doomed = [element for index, element in enumerate(tree.iter()) if index >= limit]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)


def _defuse_tags(html: str) -> str:
    """Strip the attributes of tags that carry absurdly many (a parser-stalling attack)."""
    if _ANY_LONG_TAG.search(html) is None:  # the common case, four times cheaper
        return html
    return _LONG_TAG.sub(_defuse_one, html)


def _defuse_one(match: re.Match[str]) -> str:
    """Keep a long tag unless its attribute count is absurd, then keep only its name."""
    if match.group(2).count("=") <= MAX_ATTRIBUTES:
        return match.group(0)
    return f"<{match.group(1)}{match.group(3)}"


def main_text(tree: HtmlElement, url: str | None) -> str:
    """The article text of a page, one paragraph per line ('' when none is found)."""
    return choose_text(lambda options: _run_pass(tree, url, options))


def choose_text(run: Callable[[dict[str, Any]], str]) -> str:
    """Run the cheap precise pass, and the others only when its result looks truncated."""
    first = run(FIRST_PASS)
    if len(first) >= SHORT_TEXT_CHARS:
        return first
    recall = run(RECALL_PASS)
    if first and not _lost_text(first, recall):
        return first
    full = run(FULL_PASS)
    return recall if _lost_text(full, recall) else full


def _lost_text(precise: str, recall: str) -> bool:
    """Tell whether a precise pass kept clearly less than the recall pass found.

    A headline and byline that only recall keeps must not count, hence the absolute
    margin on top of the ratio.
    """
    missing = len(recall) - len(precise)
    return len(precise) < SHORTFALL_RATIO * len(recall) and missing > SHORTFALL_MIN_CHARS


def drop_title_line(text: str, titles: list[str]) -> str:
    """Remove a first line that only repeats the title (kept in its own field)."""
    head, newline, rest = text.partition("\n")
    if not newline or not rest.strip():
        return text
    line = _fold(head)
    for title in titles:
        folded = _fold(title)
        if line == folded or (len(line) >= _MIN_TITLE_PREFIX_CHARS and folded.startswith(line)):
            return rest
    return text


def _run_pass(tree: HtmlElement, url: str | None, options: dict[str, Any]) -> str:
    """One trafilatura run over a copy of the tree; '' when it keeps nothing."""
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=False,
            **options,
        )
    except Exception as exc:  # trafilatura's internals fail in many ways on hostile input
        message = f"no main text found: the extractor failed ({exc!r})"
        raise ExtractionError(message, reason="no_text") from exc
    text = getattr(document, "text", None) if document is not None else None
    return _tidy(text or "")


def _tidy(text: str) -> str:
    """Strip each line and drop empty ones, keeping one paragraph per line."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _fold(text: str) -> str:
    """Whitespace- and case-insensitive form for comparing a line with a title."""
    return " ".join(text.split()).casefold()
