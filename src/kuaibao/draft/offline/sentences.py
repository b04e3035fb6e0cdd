"""Sentences of English and Chinese source text, as spans, and which language a text is in.

Spans (not copies) let the writer ask which extracted facts fall in which sentence. An
English full stop after an abbreviation (``U.S.``, ``Dr.``, ``Jan.``) or an initial does
not end a sentence.
"""

from __future__ import annotations

import re

from kuaibao.text.months import MONTH_ABBREVIATIONS
from kuaibao.text.scripts import han_share

_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "gov",
        "dept",
        "rep",
        "sen",
        "gen",
        *(month.lower() for month in MONTH_ABBREVIATIONS),
        "e.g",
        "i.e",
        "approx",
        "est",
        "fig",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    }
)
_EN_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n+")
_ZH_END_RE = re.compile(r"[。！？!?；]+[”’」』）)]*|\n+")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def is_chinese(text: str, language: str | None = None) -> bool:
    """Chinese when the document says so, else when Han characters make up much of it."""
    if language:
        return language.lower().startswith("zh")
    sample = text[:4000]
    return han_share(sample) >= 0.3


def _abbreviation_before(text: str, end: int) -> bool:
    """True when the full stop ending at ``end`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE_RE.search(text[max(0, end - 12) : end])
    if match is None:
        return False
    word = match.group(1).lower()
    return word in _ABBREVIATIONS or len(word) == 1 or word.count(".") >= 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text`` (English or Chinese), in order."""
    chinese = is_chinese(text)
    pattern = _ZH_END_RE if chinese else _EN_END_RE
    spans: list[tuple[int, int]] = []
    start = 0
    for match in pattern.finditer(text):
        end = match.end()
        if (
            not chinese
            and match.group(0).startswith(".")
            and _abbreviation_before(text, match.start() + 1)
        ):
            continue
        span = _trimmed(text, start, end)
        if span is not None:
            spans.append(span)
        start = end
    span = _trimmed(text, start, len(text))
    if span is not None:
        spans.append(span)
    return spans
