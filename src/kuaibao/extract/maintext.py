"""Finding the article text in a parsed page with trafilatura, cheaply and precisely.

Measured on the article-extraction benchmarks (``benchmarks/extraction_quality.py``):
trafilatura's fast precision mode is both the quickest and the most precise setting, but
on a few layouts it keeps only a teaser or nothing. Such a shortfall shows as a short
result that is also well short of the text the page holds outside the elements every
pass deletes (``leantree.reachable_chars``, counted in libxml2), with enough prose
beyond it (runs of text outside links as long as its own lines, not menus); only such
results pay for a fast recall pass as a yardstick. When precision
kept much less than recall found, trafilatura's full mode (with its fallback
extractors) gets a try and wins if it recovers the article, else the recall text is
used.

Both fast passes share trafilatura's pruning rules, so when those rules delete the body
of an article (a "read more" box, a paywall class around text the page does carry) the
two agree on the teaser: their agreement proves nothing while far more text is
reachable. Then trafilatura's default balance, whose fallback extractors read the raw
page as bare ``trafilatura.extract`` does, gets a try, and its longer text is taken when
it continues the short one: it keeps the short text's lines, adds lines shaped like them
(paragraphs, not menus), and mostly from elements the pruning deleted (a short post
followed by excerpts of other posts also grows, but not from pruned elements).
Comments are never article text and are left out.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from statistics import median
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Extractor

from kuaibao.errors import ExtractionError
from kuaibao.extract.language import mostly_cjk
from kuaibao.extract.leantree import lean_copy, prose_runs, pruned_text, reachable_chars

# A first-pass result this long is kept without a second look; CJK scripts pack the
# same content into 40% of the characters (as ``html.MIN_CJK_TEXT_CHARS`` has it).
SHORT_TEXT_CHARS = 1_500
SHORT_CJK_TEXT_CHARS = 600
# A precise pass "lost" the article when it kept less than this share of recall's.
SHORTFALL_RATIO = 0.6
SHORTFALL_MIN_CHARS = 200

FIRST_PASS: dict[str, Any] = {"fast": True, "precision": True}
RECALL_PASS: dict[str, Any] = {"fast": True, "recall": True}
FULL_PASS: dict[str, Any] = {"precision": True}
# trafilatura's default balance: precision mode prunes the raw page before its fallback
# extractors see it, so only this setting can recover a body that the pruning deletes.
RESCUE_PASS: dict[str, Any] = {}
# What every pass shares; "python" makes trafilatura fill the document's text.
_COMMON: dict[str, Any] = {"output_format": "python", "comments": False, "tables": True}
# Built once per pass kind: building one reads trafilatura's config file values.
_EXTRACTORS: dict[tuple[tuple[str, Any], ...], Extractor] = {}

# A rescued text continues a short one when it keeps this share of its characters...
KEPT_SHARE = 0.8
# ...the lines it adds are, at the median, at least this share as long as the kept ones...
ADDED_LINE_RATIO = 0.5
# ...and at least this share of the added text lies in elements the pruning deleted.
PRUNED_SHARE = 0.5

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

    return choose_text(
        run,
        reachable=lambda: reachable_chars(lean, tree),
        prose=lambda: prose_runs(lean),
        pruned=lambda: pruned_text(lean),
    )


def choose_text(
    run: Callable[[dict[str, Any]], str],
    reachable: Callable[[], int] | None = None,
    prose: Callable[[], list[str]] | None = None,
    pruned: Callable[[], str] | None = None,
) -> str:
    """Run the cheap precise pass, and the others only when its result looks truncated.

    ``reachable`` bounds what any pass can find; a short result that kept most of it
    cannot have lost the article, so the recall pass is skipped. ``prose`` gives the
    page's text runs outside links (``leantree.prose_runs``), a finer test: when the runs
    the short text lacks, counting only those as long as the lines a longer result must
    add, cannot make up the growth that would count, the page holds menus and links
    beyond the short text and no other pass runs. Without either, a short result that
    recall confirms still gets the rescue pass. ``pruned`` gives the text the fast
    passes' pruning deletes (``leantree.pruned_text``) for ``continues``; without it,
    where the rescued text comes from is not checked.
    """
    first = run(FIRST_PASS)
    if len(first) >= (SHORT_CJK_TEXT_CHARS if mostly_cjk(first) else SHORT_TEXT_CHARS):
        return first
    if first and reachable is not None and not _lost_text(len(first), reachable()):
        return first
    if first and prose is not None and not _room_for_more(first, prose()):
        return first  # what the page holds beyond the short text is menus and links
    recall = run(RECALL_PASS)
    if first and not _lost_text(len(first), len(recall)):
        # Short, far below what the page holds, and both fast passes agree: the same
        # pruning may have cut the body from both (the teaser case), so ask the pass
        # that reads the page without that pruning.
        try:
            rescued = run(RESCUE_PASS)
        except ExtractionError:  # a failed second opinion leaves the first one standing
            return first
        return rescued if continues(first, rescued, pruned) else first
    full = run(FULL_PASS)
    return recall if _lost_text(len(full), len(recall)) else full


def _room_for_more(short: str, runs: list[str]) -> bool:
    """Tell whether prose ``short`` lacks could make up the growth a longer text must bring.

    Runs count when they are at least as long as the lines ``continues`` accepts; inline
    tags split a paragraph into several runs, hence the same allowance (a share) as for
    the text that must come from pruned elements.
    """
    shortest = ADDED_LINE_RATIO * median(len(line) for line in short.split("\n"))
    missing = sum(len(run) for run in runs if len(run) >= shortest and run not in short)
    return missing >= PRUNED_SHARE * _least_growth(len(short))


def continues(short: str, longer: str, pruned: Callable[[], str] | None = None) -> bool:
    """Tell whether ``longer`` is the article that ``short`` was a teaser of.

    It must hold clearly more text, keep most of the short text's lines (a teaser is
    the article's start, not another text), and add lines that at the median are not
    much shorter than the kept ones: a body adds paragraphs, while the boilerplate a
    broader pass sweeps up (menus, buttons, sign-up forms) adds short lines. Lengths
    are compared with the page's own lines, so the rule holds in any script. Last,
    the added text must come mostly from what the pruning deleted (``pruned`` gives the
    text of the elements it matched, asked for only now; not checked when None): that is
    how a teaser arises, while other posts' excerpts below a short post were never
    pruned, the fast passes just did not take them for the article.
    """
    if not _lost_text(len(short), len(longer)):
        return False
    short_lines = short.split("\n")
    longer_lines = longer.split("\n")
    present = set(longer_lines)
    kept = sum(len(line) for line in short_lines if line in present)
    if kept < KEPT_SHARE * len(short.replace("\n", "")):
        return False
    known = set(short_lines)
    added = [line for line in longer_lines if line not in known]
    if not added:  # only repeats of the short text
        return False
    shortest = ADDED_LINE_RATIO * median(len(line) for line in short_lines)
    if median(len(line) for line in added) < shortest:
        return False
    return pruned is None or _mostly_within(added, pruned())


def _mostly_within(lines: list[str], text: str) -> bool:
    """Tell whether most of the lines' characters are in lines found within ``text``."""
    inside = sum(len(line) for line in lines if " ".join(line.split()) in text)
    return inside >= PRUNED_SHARE * sum(len(line) for line in lines)


def _least_growth(kept: int) -> float:
    """The fewest characters a longer text must add to a ``kept``-long one to count as lost."""
    return max(float(SHORTFALL_MIN_CHARS), kept * (1 / SHORTFALL_RATIO - 1))


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
