"""Percentages and percentage points: ``62%``, ``62 per cent``, ``百分之六十二``, ``3个百分点``."""

from __future__ import annotations

import re
from decimal import Decimal

from kuaibao.facts.model import PercentFact
from kuaibao.facts.numerals import (
    EN_WORD_RE,
    NUM,
    SP,
    literal_step,
    parse_decimal,
    parse_english_word,
    trim,
)
from kuaibao.facts.textutil import SpanSet, hedge_around
from kuaibao.facts.zh_numerals import read_chinese
from kuaibao.text.normalise import fold_figures

_SIGN = r"%|\s?(?:per\s?cent|percent|pct)\b"
_POINTS = r"\s?percentage[\s-]points?\b|\s?个百分点"
_DIGIT_RE = re.compile(rf"(?<![A-Za-z0-9.])(?P<num>{NUM})(?P<unit>{_POINTS}|{_SIGN})")
_WORD_RE = re.compile(rf"(?i)\b(?P<num>{EN_WORD_RE})(?P<unit>{_POINTS}|\s(?:per\s?cent|percent)\b)")
# Every unit _WORD_RE accepts contains one of these, and a search for them is far cheaper
# than trying each number word at each word boundary.
_WORD_UNIT_HINT_RE = re.compile(r"(?i)per\s?cent|个百分点")
_ZH_RE = re.compile(
    rf"百分之(?P<num>{NUM}|[〇零一二两三四五六七八九十廿卅百]{{1,8}}(?:点[〇零一二三四五六七八九]{{1,12}})?)"
)
_LOWER_RE = re.compile(rf"(?<![A-Za-z0-9.])(?P<num>{NUM}){SP}(?:-|–|~|～|to|到|至){SP}$")


def _zh_value(literal: str) -> tuple[float, float] | None:
    """百分之三点五 → (3.5, 0.1); 百分之62 → (62, 1)."""
    if literal[0].isdigit():
        return float(parse_decimal(literal)), float(literal_step(literal))
    try:
        reading = read_chinese(literal)
    except ValueError:
        return None
    step = reading.step if "点" in literal else min(reading.step, Decimal(1))
    return float(reading.value), float(step)


def _make(
    text: str,
    start: int,
    end: int,
    value: float,
    step: float,
    points: bool,
    approx: str | None = None,
) -> PercentFact:
    shown = trim(parse_decimal(repr(value)), 4)
    zh = f"{shown}个百分点" if points else f"{shown}%"
    return PercentFact(
        text[start:end], value, zh, start, end, step, approx or hedge_around(text, start, end)
    )


def _lower_bound(text: str, norm: str, upper: PercentFact, points: bool) -> PercentFact | None:
    """The ``80`` of ``80-90%`` (a bare number joined to a percentage by a range sign)."""
    match = _LOWER_RE.search(norm, max(0, upper.start - 16), upper.start)
    if match is None:
        return None
    literal = match.group("num")
    return _make(
        text,
        match.start(),
        match.end("num"),
        float(parse_decimal(literal)),
        float(literal_step(literal)),
        points,
    )


def _digit_hits(text: str, norm: str) -> list[PercentFact]:
    found: list[PercentFact] = []
    for match in _DIGIT_RE.finditer(norm):
        literal, unit = match.group("num"), match.group("unit")
        points = "point" in unit or "百分点" in unit
        fact = _make(
            text,
            match.start(),
            match.end(),
            float(parse_decimal(literal)),
            float(literal_step(literal)),
            points,
        )
        lower = _lower_bound(text, norm, fact, points)
        found.extend(f for f in (lower, fact) if f is not None)
    return found


def find_percentages(text: str) -> list[PercentFact]:
    """Every percentage in ``text``, with ranges split into both ends, in text order."""
    norm = fold_figures(text)
    found = _digit_hits(text, norm)
    taken = SpanSet(len(text), ((f.start, f.end) for f in found))
    words = _WORD_RE.finditer(norm) if _WORD_UNIT_HINT_RE.search(norm) else ()
    for match in words:
        value = parse_english_word(match.group("num"))
        if value is None or taken.touches(*match.span()):
            continue
        points = "point" in match.group("unit")
        found.append(_make(text, match.start(), match.end(), float(value), 1.0, points))
    for match in _ZH_RE.finditer(norm):
        parsed = _zh_value(match.group("num"))
        if parsed is not None and not taken.touches(*match.span()):
            found.append(_make(text, match.start(), match.end(), *parsed, False))
    return sorted(found, key=lambda f: f.start)
