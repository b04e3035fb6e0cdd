"""Finding the article text in a parsed page with trafilatura, cheaply and precisely.

Measured on the 181-page article-extraction benchmark (``benchmarks/
extraction_quality.py``): trafilatura's fast precision mode is both the quickest and the
most precise setting, but on a few layouts it keeps only a teaser or nothing. Such a
shortfall shows as a short result that is also well short of the text the page holds
outside the elements every pass deletes (``leantree.reachable_chars``, counted in
libxml2); only such results pay for a fast recall pass as a yardstick. When precision
kept much less than recall found, trafilatura's full mode (with its fallback
extractors) gets a try and wins if it recovers the article, else the recall text is
used. Comments are never article text and are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Extractor

from kuaibao.errors import ExtractionError
from kuaibao.extract.leantree import lean_copy, reachable_chars

# A first-pass result this long is kept without a second look.
SHORT_TEXT_CHARS = 1_500
# A precise pass "lost" the article when it kept less than this share of recall's.
SHORTFALL_RATIO = 0.6
SHORTFALL_MIN_CHARS = 200

FIRST_PASS: dict[str, Any] = {"fast": True, "precision": True}
RECALL_PASS: dict[str, Any] = {"fast": True, "recall": True}
FULL_PASS: dict[str, Any] = {"precision": True}
# What every pass shares; "python" makes trafilatura fill the document's text.
_COMMON: dict[str, Any] = {"output_format": "python", "comments": False, "tables": True}
# Built once per pass kind: building one reads trafilatura's config file values.
_EXTRACTORS: dict[tuple[tuple[str, Any], ...], Extractor] = {}

# A line that is only a title repeats the <h1>; short ones might be real sentences.
_MIN_TITLE_PREFIX_CHARS = 20


def main_text(tree: HtmlElement, url: str | None) -> str:
    """The article text of a page, one paragraph per line ('' when none is found).

    The fast precise pass reads nothing trafilatura deletes anyway, so it gets the lean
    copy; recall mode may restore deleted paragraphs and full mode hands the raw page to
    its fallback extractors, so they get the page as parsed.
    """
    lean = lean_copy(tree)

    def run(options: dict[str, Any]) -> str:
        return run_pass(lean if options is FIRST_PASS else tree, url, options)

    return choose_text(run, lambda: reachable_chars(lean, tree))


def choose_text(
    run: Callable[[dict[str, Any]], str], reachable: Callable[[], int] | None = None
) -> str:
    """Run the cheap precise pass, and the others only when its result looks truncated.

    ``reachable`` bounds what any pass can find; a short result that kept most of it
    cannot have lost the article, so the recall pass is skipped.
    """
    first = run(FIRST_PASS)
    if len(first) >= SHORT_TEXT_CHARS:
        return first
    if first and reachable is not None and not _lost_text(len(first), reachable()):
        return first
    recall = run(RECALL_PASS)
    if first and not _lost_text(len(first), len(recall)):
        return first
    full = run(FULL_PASS)
    return recall if _lost_text(len(full), len(recall)) else full


def _lost_text(kept: int, found: int) -> bool:
    """Tell whether a precise pass kept clearly less (in chars) than recall found.

    A headline and byline that only recall keeps must not count, hence the absolute
    margin on top of the ratio.
    """
    return kept < SHORTFALL_RATIO * found and found - kept > SHORTFALL_MIN_CHARS


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


def run_pass(tree: HtmlElement, url: str | None, options: dict[str, Any]) -> str:
    """One trafilatura run over a copy of the tree; '' when it keeps nothing."""
    try:
        document = trafilatura.bare_extraction(tree, options=_extractor(options, url))
    except Exception as exc:  # trafilatura's internals fail in many ways on hostile input
        message = f"no main text found: the extractor failed ({exc!r})"
        raise ExtractionError(message, reason="no_text") from exc
    text = getattr(document, "text", None) if document is not None else None
    return _tidy(text or "")


def _extractor(options: dict[str, Any], url: str | None) -> Extractor:
    """trafilatura's settings for one pass, from the cache, with this page's URL."""
    key = tuple(sorted(options.items()))
    base = _EXTRACTORS.get(key)
    if base is None:
        base = _EXTRACTORS[key] = Extractor(**_COMMON, **options)
    settings = copy(base)  # per call, so threads never share the URL field
    settings.url = settings.source = url
    return settings


def _tidy(text: str) -> str:
    """Strip each line and drop empty ones, keeping one paragraph per line."""
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _fold(text: str) -> str:
    """Whitespace- and case-insensitive form for comparing a line with a title."""
    return " ".join(text.split()).casefold()
