"""Dates in English and Chinese text at the precision they are written.

``March 15, 2024`` → 2024-03-15, ``March 2024`` → 2024-03, ``in 2024`` → 2024,
``2024年3月15日`` → 2024-03-15. A date without a year (``Mar. 15``, ``3月15日``) takes
its year from the reference date when one is given (the nearest such date), otherwise it
is reported yearless as ``--03-15``. Weekday names alone are not dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from kuaibao.facts.model import DateFact
from kuaibao.facts.numerals import SP, ZH_NUMERAL_CHARS, parse_chinese_int
from kuaibao.facts.textutil import SpanSet
from kuaibao.text.months import MONTH_PATTERN, MONTHS
from kuaibao.text.normalise import fold_figures
from kuaibao.text.zh_dates import format_date_zh

_MONTH = rf"(?P<month>{MONTH_PATTERN})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR_WORDS = (
    r"in|by|since|until|till|from|during|through|before|after|of|for|early|late|mid|"
    r"end of|start of|year|calendar year|In|By|Since|Until|From|During|Before|After|Early|"
    r"Late|Mid|Through"
)
_EN_RANGE_RE = re.compile(
    rf"\b{_MONTH}\s{{1,3}}{_DAY}{SP}(?:-|–|to){SP}(?P<day2>\d{{1,2}})(?:,?\s{{1,3}}{_YEAR}(?!\d))?"
)
_EN_PATTERNS = (
    _EN_RANGE_RE,
    re.compile(rf"\b{_MONTH}\s{{1,3}}{_DAY},?\s{{1,3}}{_YEAR}(?!\d)"),
    re.compile(rf"\b{_DAY}\s{{1,3}}(?:of\s{{1,3}})?{_MONTH},?\s{{1,3}}{_YEAR}(?!\d)"),
    re.compile(rf"(?<![\d-]){_YEAR}-(?P<mnum>0[1-9]|1[0-2])-(?P<day>\d\d)(?![\d-])"),
    re.compile(rf"(?<![\d/]){_YEAR}/(?P<mnum>\d{{1,2}})/(?P<day>\d{{1,2}})(?![\d/])"),
    re.compile(rf"\b{_MONTH}\s{{1,3}}(?:of\s{{1,3}})?{_YEAR}(?!\d)"),
    re.compile(rf"(?<![\d-]){_YEAR}-(?P<mnum>0[1-9]|1[0-2])(?![\d-])"),
    re.compile(rf"\b{_MONTH}\s{{1,3}}{_DAY}(?![\d,]{{0,8}}\d)(?!{SP},?{SP}(?:19|20)\d\d)"),
    re.compile(rf"\b{_DAY}\s{{1,3}}(?:of\s{{1,3}})?{_MONTH}(?![A-Za-z])"),
    re.compile(
        rf"\b(?:{_YEAR_WORDS}|last|next|this|Last|Next|This)[\s-]{{1,3}}{_MONTH}(?![\s.,]{{0,4}}\d)"
    ),
    re.compile(rf"\b(?:{_YEAR_WORDS})[\s-]{{1,3}}{_YEAR}(?![\d-]|{SP}年)"),
)
_EN_MONTH_PATTERNS = frozenset(p for p in _EN_PATTERNS if _MONTH in p.pattern)
_MONTH_STEMS = tuple(dict.fromkeys(name[:3] for name in MONTHS))  # every month name's start
_BARE_EN = _EN_PATTERNS[-2:]  # "in January", "in 2024": the date is the last word only
_ZH_YEAR = r"(?P<year>(?:19|20)\d\d|[〇零一二三四五六七八九]{4})"
_ZH_MONTH = r"(?P<mnum>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_ZH_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_REL = r"(?P<rel>今年|去年|明年)?"
_ZH_PATTERNS = (
    re.compile(rf"(?<!\d){_ZH_YEAR}{SP}年{SP}{_ZH_MONTH}{SP}月{SP}{_ZH_DAY}{SP}[日号]"),
    re.compile(rf"(?<!\d){_ZH_YEAR}{SP}年{SP}{_ZH_MONTH}{SP}月"),
    re.compile(rf"(?<![\d年]){_ZH_REL}{_ZH_MONTH}{SP}月{SP}{_ZH_DAY}{SP}[日号]"),
    re.compile(rf"(?<!\d){_ZH_YEAR}{SP}年(?!代)"),
    re.compile(rf"(?<![\d年{ZH_NUMERAL_CHARS}]){_ZH_REL}{_ZH_MONTH}{SP}月(?!{SP}\d)"),
)
_ZH_NEEDS = ("年月", "年月", "月", "年", "月")  # what each of _ZH_PATTERNS cannot match without
_REL_YEARS = {"今年": 0, "去年": -1, "明年": 1}
_ZH_RANGE_DAY = re.compile(rf"{SP}(?:至|到|-|–|—|～|~){SP}{_ZH_DAY}{SP}[日号]")
_ZH_RANGE_MONTH_DAY = re.compile(
    rf"{SP}(?:至|到|-|–|—|～|~){SP}{_ZH_MONTH}{SP}月{SP}{_ZH_DAY}{SP}[日号]"
)


@dataclass(frozen=True)
class _Parts:
    year: int | None
    month: int | None
    day: int | None


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else parse_chinese_int(text)


def _parts(match: re.Match[str]) -> _Parts:
    groups = match.groupdict()
    month = MONTHS[groups["month"]] if groups.get("month") else _int(groups.get("mnum"))
    return _Parts(_int(groups.get("year")), month, _int(groups.get("day")))


def _resolve_year(parts: _Parts, reference: date | None, rel: str | None = None) -> _Parts:
    """Give a yearless date the year 今年/去年 names, else the one nearest the reference."""
    if parts.year is not None or reference is None or parts.month is None:
        return parts
    if rel:
        return _Parts(reference.year + _REL_YEARS[rel], parts.month, parts.day)
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            distance = abs((date(year, parts.month, parts.day or 1) - reference).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return _Parts(best[1], parts.month, parts.day) if best else parts


def _valid(parts: _Parts) -> bool:
    if parts.month is None:
        return parts.year is not None and 1900 <= parts.year <= 2100
    try:
        date(parts.year or 2000, parts.month, parts.day or 1)
    except ValueError:
        return False
    return True


def _render(parts: _Parts) -> tuple[str, str]:
    """ISO at the stated precision (``--03-15`` when yearless) and the Chinese form."""
    if parts.year is None:
        day = f"-{parts.day:02d}" if parts.day else ""
        zh_day = f"{parts.day}日" if parts.day else ""
        return f"--{parts.month:02d}{day}", f"{parts.month}月{zh_day}"
    iso = f"{parts.year:04d}"
    if parts.month is not None:
        iso += f"-{parts.month:02d}"
        if parts.day is not None:
            iso += f"-{parts.day:02d}"
    return iso, format_date_zh(iso)


def _make(text: str, span: tuple[int, int], parts: _Parts) -> DateFact | None:
    if not _valid(parts):
        return None
    iso, zh = _render(parts)
    start, end = span
    return DateFact(text[start:end], iso, zh, start, end, parts.year, parts.month, parts.day)


def _year_span(match: re.Match[str]) -> tuple[int, int]:
    """``in 2024`` reports only ``2024``; ``March 11-15, 2024`` first gives ``March 11``."""
    if match.re in _BARE_EN:
        return match.span("year") if match.groupdict().get("year") else match.span("month")
    if match.re is _EN_RANGE_RE:
        return match.start(), match.end("day")
    return match.span()


def _matches(norm: str) -> Iterator[tuple[re.Match[str], tuple[int, int]]]:
    # A pattern that cannot match is skipped: those naming a month need one of the month
    # stems, the Chinese ones 年 or 月. Looking for a few strings is far cheaper than a
    # scan, and skipping a pattern that finds nothing changes no result.
    month = any(stem in norm for stem in _MONTH_STEMS)
    en = [p for p in _EN_PATTERNS if month or p not in _EN_MONTH_PATTERNS]
    zh = [
        pattern
        for pattern, needs in zip(_ZH_PATTERNS, _ZH_NEEDS, strict=True)
        if all(char in norm for char in needs)
    ]
    for pattern in (*en, *zh):
        for match in pattern.finditer(norm):
            yield match, _year_span(match)


def _continuations(
    norm: str, match: re.Match[str], parts: _Parts
) -> Iterator[tuple[tuple[int, int], _Parts]]:
    """The other end of ``March 11-15, 2024``, ``3月11日至15日`` or ``3月11日至4月2日``."""
    if match.re is _EN_RANGE_RE:
        yield match.span("day2"), _Parts(parts.year, parts.month, int(match.group("day2")))
        return
    if parts.day is None:
        return
    tail = _ZH_RANGE_MONTH_DAY.match(norm, match.end()) or _ZH_RANGE_DAY.match(norm, match.end())
    if tail is None:
        return
    month = _int(tail.groupdict().get("mnum")) or parts.month
    start = tail.start("mnum") if tail.groupdict().get("mnum") else tail.start("day")
    yield (start, tail.end()), _Parts(parts.year, month, _int(tail.group("day")))


def find_dates(text: str, *, reference: date | None = None) -> list[DateFact]:
    """Every date in ``text``, most precise form first when two overlap, in text order."""
    norm = fold_figures(text)
    found: list[DateFact] = []
    taken = SpanSet(len(text))
    for match, span in _matches(norm):
        if taken.touches(*match.span()):
            continue
        parts = _parts(match)
        rel = match.groupdict().get("rel")
        first = _make(text, span, _resolve_year(parts, reference, rel))
        if first is None:
            continue
        hits = [first]
        for extra_span, extra in _continuations(norm, match, parts):
            other = _make(text, extra_span, _resolve_year(extra, reference, rel))
            if other is not None and not taken.touches(*extra_span):
                hits.append(other)
        found += hits
        for start, end in (match.span(), *((h.start, h.end) for h in hits)):
            taken.add(start, end)
    return sorted(found, key=lambda f: f.start)
