"""Snippets: a short window of the original text around the first match, with offsets.

No markup comes out of here: a snippet is plain text plus ``(start, end)`` ranges of the
matched words, and the web app escapes the text and wraps the ranges itself. Chinese
tokens are found as substrings of Chinese runs (量子 and 计算 light up inside 量子计算机);
other words match when they fold to a query token (``Computers`` matches ``computer``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kuaibao.search.tokens import fold, runs
from kuaibao.text.normalise import nfkc
from kuaibao.text.scripts import CJK_SYMBOLS, FULLWIDTH_FORMS, HAN, count_han, is_all_han

CHINESE_WINDOW = 80
CHINESE_LEAD = 20
ENGLISH_WORDS = 30
ENGLISH_LEAD = 8
MAX_SNIPPET_CHARS = 400
ELLIPSIS = "…"

_WORD_CHAR = re.compile(r"[^\W_]")
_NON_SPACE = re.compile(r"\S+")
_CJK = f"{HAN}{CJK_SYMBOLS}{FULLWIDTH_FORMS}"
_SPACE_IN_CHINESE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")

Span = tuple[int, int]


@dataclass(frozen=True)
class Snippet:
    """Plain text and the character ranges in it that matched the query."""

    text: str
    highlights: list[Span]


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted ranges with overlapping or touching ones joined (量子 + 计算 → 量子计算)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    """A word of the text as the index holds it; snippets fold the same words again and
    again (every hit's title and window), so the answers are kept."""
    return fold(nfkc(word))


class Matcher:
    """Finds where query tokens occur in original (unnormalised) text."""

    def __init__(self, tokens: Iterable[str]) -> None:
        unique = list(dict.fromkeys(tokens))
        self.han = [t for t in unique if is_all_han(t)]
        self.words = {t for t in unique if not is_all_han(t)}
        # Cheap substring probes: a stemmed word minus its last letter is still a prefix
        # of the surface form (study → "stud" in "studies").
        self.probes = self.han + [w[:-1] if len(w) > 4 else w for w in self.words]

    def _run_spans(self, match: re.Match[str]) -> list[Span]:
        han = match.group("han")
        base = match.start()
        if han is None:
            return [match.span()] if _folded(match.group("word")) in self.words else []
        norm = nfkc(han)
        if len(norm) != len(han):
            norm = han
        spans = []
        for token in self.han:
            at = norm.find(token)
            while at >= 0:
                spans.append((base + at, base + at + len(token)))
                at = norm.find(token, at + 1)
        return spans

    def find(self, text: str) -> list[Span]:
        """Every match in ``text``, merged."""
        return merge(span for match in runs(text) for span in self._run_spans(match))

    def _probe_start(self, text: str) -> int | None:
        folded = _strip_accents(nfkc(text).casefold())
        hits = [at for at in (folded.find(p) for p in self.probes if p) if at >= 0]
        if not hits:
            return None
        if len(folded) != len(text):
            return 0
        start = min(hits)
        floor = max(0, start - 200)
        while start > floor and _WORD_CHAR.match(text, start - 1):
            start -= 1
        return start

    def first(self, text: str) -> int | None:
        """Offset of the first match, or None; skips the scan when no probe occurs."""
        start = self._probe_start(text)
        if start is None:
            return None
        for match in runs(text, start):
            spans = self._run_spans(match)
            if spans:
                return min(s for s, _ in spans)
        return None


def _mostly_chinese(text: str, pos: int) -> bool:
    around = text[max(0, pos - 40) : pos + 40]
    letters = len(_WORD_CHAR.findall(around))
    return letters > 0 and count_han(around) * 10 >= letters * 3


def _chinese_window(text: str, pos: int) -> Span:
    start = max(0, pos - CHINESE_LEAD)
    end = min(len(text), start + CHINESE_WINDOW)
    return max(0, end - CHINESE_WINDOW), end


def _english_window(text: str, pos: int) -> Span:
    low, high = max(0, pos - 400), min(len(text), pos + 1200)
    words = [m.span() for m in _NON_SPACE.finditer(text, low, high)]
    if words and low > 0 and not text[low - 1].isspace():
        words = words[1:]  # cut in half by the region's edge
    if not words:
        return 0, min(len(text), MAX_SNIPPET_CHARS)
    at = next((i for i, (_, end) in enumerate(words) if end > pos), len(words) - 1)
    first = max(0, at - ENGLISH_LEAD)
    last = min(len(words), first + ENGLISH_WORDS) - 1
    start, end = words[first][0], words[last][1]
    return start, min(end, start + MAX_SNIPPET_CHARS)


def make_snippet(text: str, matcher: Matcher) -> Snippet:
    """The window around the first match (or the opening lines when nothing matches)."""
    pos = matcher.first(text)
    at = 0 if pos is None else pos
    if _mostly_chinese(text, at):
        start, end = _chinese_window(text, at)
    else:
        start, end = _english_window(text, at)
    piece = _SPACE_IN_CHINESE.sub("", " ".join(text[start:end].split()))
    prefix = ELLIPSIS if start > 0 and piece else ""
    suffix = ELLIPSIS if end < len(text.rstrip()) and piece else ""
    snippet = prefix + piece + suffix
    return Snippet(snippet, matcher.find(snippet) if pos is not None else [])
