"""Fact-consistency check: every figure, date and organisation in a Chinese draft must be
traceable to its source text (English, Chinese or both), after unit conversion.

``520亿美元`` is supported by ``$52 billion``, ``2024年3月`` by ``March 15, 2024`` (a less
precise date is fine, a more precise one is not), ``白宫科技政策办公室`` by ``OSTP``, and
``65个`` by ``65`` or ``sixty-five``. Hedged figures (约, 超过, 700多万) may differ from the
source by the rounding the hedge allows. List markers, ordinals and the domain tag are not
facts. ``CheckResult.as_dict`` is the JSON of ``kuaibao check --json``.

The check's work is linear in its input and the input is bounded: a draft's first
``MAX_DRAFT_PARAGRAPHS`` lines of at most ``MAX_PARAGRAPH_CHARS`` characters are
checked, and the first ``MAX_SOURCE_CHARS`` of the source. What lies beyond is reported
as a finding of kind ``limit`` (so the draft does not pass unchecked), never silently
dropped. Supporting values are looked up in sorted lists, not compared pair by pair.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kuaibao.facts.currencies import DOLLAR_CODES
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.model import DateFact, Facts, MoneyFact, NumberFact, spans_of
from kuaibao.facts.numbers import find_numbers, non_fact_spans, source_values
from kuaibao.facts.textutil import SpanSet, url_spans
from kuaibao.text.zh_dates import ZH_RELATIVE_YEARS

_YEN_FAMILY = frozenset({"JPY", "CNY"})
# A year named relative to the report's date; a draft writes it out in full (去年 in a 2026
# report is 2025年), so the resolved year is as well supported as a stated one.
_EN_RELATIVE_YEARS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"(?i)\b(?:last|previous|past)\s+year\b|\ba\s+year\s+(?:ago|earlier)\b"), -1),
    (re.compile(r"(?i)\b(?:next|coming)\s+year\b"), 1),
    (re.compile(r"(?i)\bthis\s+year\b|本年度"), 0),
    (re.compile(r"(?i)\btwo\s+years\s+ago\b"), -2),
)
_RELATIVE_YEARS = (
    *_EN_RELATIVE_YEARS,
    *((re.compile(word), shift) for word, shift in ZH_RELATIVE_YEARS.items()),
)
# Bulletin items are a title and a few paragraphs of a few hundred characters; these
# bounds are far above that and keep one check's cost small whatever a request holds.
MAX_DRAFT_PARAGRAPHS = 60
MAX_PARAGRAPH_CHARS = 2_000
MAX_SOURCE_CHARS = 200_000
LIMIT = "limit"
_EXCERPT = 24


@dataclass(frozen=True)
class Unsupported:
    """One fact in the draft that the source does not back, with its span in the draft."""

    text: str
    start: int
    end: int
    kind: str  # money, date, percentage, organisation, number; limit: not checked

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "kind": self.kind}


@dataclass
class CheckResult:
    """``ok`` when nothing in the draft is unsupported."""

    ok: bool
    unsupported: list[Unsupported] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``kuaibao check --json``."""
        return {"ok": self.ok, "unsupported": [u.as_dict() for u in self.unsupported]}


ABOUT_MAX_SHARE = 0.05  # 约400亿 may stand for 396亿, not for 360亿


def quantity_supported(value: float, step: float, approx: str | None, source: float) -> bool:
    """Equal, or within what the draft's hedge allows (约 ±half a step, 超过 up a step …)."""
    if math.isclose(value, source, rel_tol=1e-9, abs_tol=1e-9):
        return True
    slack = abs(value) * 1e-9
    if approx == "about":
        return abs(source - value) <= min(step / 2, abs(value) * ABOUT_MAX_SHARE) + slack
    if approx == "over":
        return value - slack <= source < value + step - slack
    if approx == "under":
        return value - step + slack < source <= value + slack
    return False


def _window(value: float, step: float, approx: str | None) -> tuple[float, float]:
    """Bounds (a little wide) of every source value ``quantity_supported`` may accept."""
    slack = abs(value) * 1e-9 + 1e-9
    if approx == "about":
        reach = min(step / 2, abs(value) * ABOUT_MAX_SHARE)
        return value - reach - slack, value + reach + slack
    if approx == "over":
        return value - slack, value + step + slack
    if approx == "under":
        return value - step - slack, value + slack
    return value - slack, value + slack


class SortedValues:
    """Source values sorted once, so that each draft figure costs a binary search."""

    def __init__(self, values: Iterable[float]) -> None:
        self.values = sorted(values)

    def supports(self, value: float, step: float, approx: str | None) -> bool:
        """True when some value is one ``quantity_supported`` accepts for the figure."""
        low, high = _window(value, step, approx)
        at = bisect_left(self.values, low)
        while at < len(self.values) and self.values[at] <= high:
            if quantity_supported(value, step, approx, self.values[at]):
                return True
            at += 1
        return False


def _currency_family(code: str) -> frozenset[str]:
    for family in (DOLLAR_CODES, _YEN_FAMILY):
        if code in family:
            return family
    return frozenset({code})


class _MoneyIndex:
    """Source sums by currency, and by whether a bare sign alone named the currency."""

    def __init__(self, sources: Iterable[MoneyFact]) -> None:
        grouped: dict[tuple[str, bool], list[float]] = {}
        for money in sources:
            grouped.setdefault((money.currency, money.sign_only), []).append(money.amount)
        self._by_key = {key: SortedValues(amounts) for key, amounts in grouped.items()}

    def supports(self, draft: MoneyFact) -> bool:
        """Same code; a bare ``$`` or ``¥`` stands for any currency written with that sign."""
        for (code, sign_only), amounts in self._by_key.items():
            if code != draft.currency and not (
                code in _currency_family(draft.currency) and (sign_only or draft.sign_only)
            ):
                continue
            if amounts.supports(draft.amount, draft.step, draft.approx):
                return True
        return False


class _DateIndex:
    """The years stated with each (month, day) of the source, and with each month (day 0):
    one look-up per draft date instead of a pass over the source's dates."""

    def __init__(self, sources: Iterable[DateFact], years: set[int]) -> None:
        self.years = years
        self._years: dict[tuple[int, int], set[int | None]] = {}
        for source in sources:
            if source.month is None:
                continue
            for day in {source.day or 0, 0}:
                self._years.setdefault((source.month, day), set()).add(source.year)

    def supports(self, draft: DateFact) -> bool:
        """Same date at the draft's precision; a yearless source date borrows a stated year."""
        if draft.month is None:
            return draft.year in self.years
        stated = self._years.get((draft.month, draft.day or 0))
        if not stated:
            return False
        if draft.year is None or draft.year in stated:
            return True
        return None in stated and draft.year in self.years


def _number_supported(number: NumberFact, values: SortedValues) -> bool:
    targets = [number.value]
    if number.fraction and number.value:
        targets.append(1 / number.value)
    return any(values.supports(target, number.step, number.approx) for target in targets)


def _source_years(facts: Facts, values: list[float], published: date | None) -> set[int]:
    years = {d.year for d in facts.dates if d.year is not None}
    years |= {int(v) for v in values if 1900 <= v <= 2100 and float(v).is_integer()}
    if published is not None:
        years.add(published.year)
    return years


def relative_years(source: str, published: date | None) -> set[int]:
    """The years ``source`` names relative to its publication date ("last year", 明年)."""
    if published is None:
        return set()
    return {published.year + shift for rx, shift in _RELATIVE_YEARS if rx.search(source)}


def _published_fact(published: date | None) -> list[DateFact]:
    if published is None:
        return []
    iso = published.isoformat()
    return [DateFact(iso, iso, "", 0, 0, published.year, published.month, published.day)]


def _facts_unsupported(
    draft: Facts, source: Facts, years: set[int], published: date | None
) -> list[Unsupported]:
    found: list[Unsupported] = []
    money = _MoneyIndex(source.money)
    for sum_ in draft.money:
        if not money.supports(sum_):
            found.append(Unsupported(sum_.text, sum_.start, sum_.end, "money"))
    percentages = SortedValues(p.value for p in source.percentages)
    for pct in draft.percentages:
        if not percentages.supports(pct.value, pct.step, pct.approx):
            found.append(Unsupported(pct.text, pct.start, pct.end, "percentage"))
    dates = _DateIndex([*source.dates, *_published_fact(published)], years)
    for day in draft.dates:
        if not dates.supports(day):
            found.append(Unsupported(day.text, day.start, day.end, "date"))
    known = {o.canonical for o in source.organisations}
    for org in draft.organisations:
        if org.canonical not in known:
            found.append(Unsupported(org.text, org.start, org.end, "organisation"))
    return found


@dataclass(frozen=True)
class BoundedDraft:
    """The part of a draft the check reads, and how its offsets map back to the draft.

    ``pieces`` holds ``(start in text, start in the draft)`` for each kept line, in order;
    ``skipped`` holds ``(start, end)`` spans of the draft left unchecked.
    """

    text: str
    pieces: tuple[tuple[int, int], ...]
    skipped: tuple[tuple[int, int], ...]

    def original(self, at: int, *, end: bool = False) -> int:
        """The draft offset of ``at`` (an offset in ``text``; ``end`` for span ends)."""
        starts = [p[0] for p in self.pieces]
        index = max(bisect_left(starts, at + (0 if end else 1)) - 1, 0)
        return self.pieces[index][1] + at - self.pieces[index][0]


def bound_draft(
    draft: str,
    *,
    max_paragraphs: int = MAX_DRAFT_PARAGRAPHS,
    max_chars: int = MAX_PARAGRAPH_CHARS,
) -> BoundedDraft:
    """The first ``max_paragraphs`` lines of ``draft``, each cut at ``max_chars``."""
    kept: list[str] = []
    pieces: list[tuple[int, int]] = []
    skipped: list[tuple[int, int]] = []
    at = length = 0
    for number, line in enumerate(draft.split("\n")):
        if number == max_paragraphs:
            skipped.append((at, len(draft)))
            break
        pieces.append((length, at))
        kept.append(line[:max_chars])
        length += len(kept[-1]) + 1
        if len(line) > max_chars:
            skipped.append((at + max_chars, at + len(line)))
        at += len(line) + 1
    return BoundedDraft("\n".join(kept), tuple(pieces), tuple(skipped))


def _moved(found: Unsupported, bounded: BoundedDraft) -> Unsupported:
    start, end = bounded.original(found.start), bounded.original(found.end, end=True)
    return Unsupported(found.text, start, end, found.kind)


def _limit_findings(draft: str, bounded: BoundedDraft, source: str) -> list[Unsupported]:
    """What the check did not read, as findings, so that such a draft never passes."""
    found = []
    for start, end in bounded.skipped:
        excerpt = draft[start : start + _EXCERPT] + ("…" if end - start > _EXCERPT else "")
        found.append(Unsupported(excerpt, start, end, LIMIT))
    if len(source) > MAX_SOURCE_CHARS:
        found.append(Unsupported(f"source {len(source)} > {MAX_SOURCE_CHARS}", 0, 0, LIMIT))
    return found


def check_draft(
    source: str,
    draft: str,
    *,
    published: date | None = None,
    gazetteer: Gazetteer | None = None,
) -> CheckResult:
    """Which facts of the Chinese ``draft`` cannot be traced to ``source``.

    ``published`` (the source's publication date) gives years to yearless dates and itself
    supports a draft that opens with that date. Text beyond the module's bounds is not
    read and is reported as ``limit`` findings.
    """
    bounded = bound_draft(draft)
    found = _limit_findings(draft, bounded, source)
    source = source[:MAX_SOURCE_CHARS]
    text = bounded.text
    source_facts = extract_facts(source, reference=published, gazetteer=gazetteer)
    draft_facts = extract_facts(text, reference=published, gazetteer=gazetteer)
    values = source_values(source)
    years = _source_years(source_facts, values, published) | relative_years(source, published)
    markers = SpanSet(len(text), non_fact_spans(text))
    urls = SpanSet(len(text), url_spans(text))  # an organisation's name may hold an ordinal
    checked = [
        u
        for u in _facts_unsupported(draft_facts, source_facts, years, published)
        if not (urls if u.kind == "organisation" else markers).touches(u.start, u.end)
    ]
    spans = spans_of(
        draft_facts.money, draft_facts.percentages, draft_facts.dates, draft_facts.organisations
    )
    sorted_values = SortedValues(values)
    for number in find_numbers(text, skip=spans):
        if not _number_supported(number, sorted_values):
            checked.append(Unsupported(number.text, number.start, number.end, "number"))
    if bounded.skipped:  # offsets in the bounded text → offsets in the draft
        checked = [
            Unsupported(
                u.text, bounded.original(u.start), bounded.original(u.end, end=True), u.kind
            )
            for u in checked
        ]
    found += checked
    found.sort(key=lambda u: (u.start, u.end))
    return CheckResult(ok=not found, unsupported=found)


def check_request(
    payload: Mapping[str, Any], *, gazetteer: Gazetteer | None = None
) -> dict[str, Any]:
    """``{"source", "draft", "published"?}`` → the ``kuaibao check --json`` answer."""
    source, draft = payload.get("source"), payload.get("draft")
    if not isinstance(source, str) or not isinstance(draft, str):
        raise ValueError('expected JSON {"source": TEXT, "draft": CHINESE_TEXT}')
    published = payload.get("published")
    try:
        day = date.fromisoformat(published) if isinstance(published, str) else None
    except ValueError as exc:
        raise ValueError(f"`published` must be an ISO date (YYYY-MM-DD): {published!r}") from exc
    return check_draft(source, draft, published=day, gazetteer=gazetteer).as_dict()
