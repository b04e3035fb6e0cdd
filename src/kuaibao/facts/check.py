"""Fact-consistency check: every figure, date and organisation in a Chinese draft must be
traceable to its source text (English, Chinese or both), after unit conversion.

``520亿美元`` is supported by ``$52 billion``, ``2024年3月`` by ``March 15, 2024`` (a less
precise date is fine, a more precise one is not), ``白宫科技政策办公室`` by ``OSTP``, and
``65个`` by ``65`` or ``sixty-five``. Hedged figures (约, 超过, 700多万) may differ from the
source by the rounding the hedge allows. List markers, ordinals and the domain tag are not
facts. ``CheckResult.as_dict`` is the JSON of ``kuaibao check --json``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kuaibao.facts.currencies import DOLLAR_CODES
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.gazetteer import Gazetteer
from kuaibao.facts.model import DateFact, Facts, MoneyFact, NumberFact, spans_of
from kuaibao.facts.numbers import find_numbers, non_fact_spans, source_values
from kuaibao.facts.textutil import overlaps, url_spans

_YEN_FAMILY = frozenset({"JPY", "CNY"})


@dataclass(frozen=True)
class Unsupported:
    """One fact in the draft that the source does not back, with its span in the draft."""

    text: str
    start: int
    end: int
    kind: str  # money, date, percentage, organisation, number

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


def _same_currency(draft: MoneyFact, source: MoneyFact) -> bool:
    """Same code; a bare ``$`` or ``¥`` stands for any currency written with that sign."""
    if draft.currency == source.currency:
        return True
    for family in (DOLLAR_CODES, _YEN_FAMILY):
        if draft.currency in family and source.currency in family:
            return source.sign_only or draft.sign_only
    return False


def _money_supported(draft: MoneyFact, sources: Iterable[MoneyFact]) -> bool:
    return any(
        _same_currency(draft, s)
        and quantity_supported(draft.amount, draft.step, draft.approx, s.amount)
        for s in sources
    )


def _date_supported(draft: DateFact, sources: list[DateFact], years: set[int]) -> bool:
    """Same date at the draft's precision; a yearless source date borrows a stated year."""
    if draft.month is None:
        return draft.year in years
    for source in sources:
        if source.month != draft.month or (draft.day is not None and source.day != draft.day):
            continue
        if draft.year is None or source.year == draft.year:
            return True
        if source.year is None and draft.year in years:
            return True
    return False


def _number_supported(number: NumberFact, values: list[float]) -> bool:
    targets = [number.value]
    if number.fraction and number.value:
        targets.append(1 / number.value)
    return any(
        quantity_supported(target, number.step, number.approx, value)
        for target in targets
        for value in values
    )


def _source_years(facts: Facts, values: list[float], published: date | None) -> set[int]:
    years = {d.year for d in facts.dates if d.year is not None}
    years |= {int(v) for v in values if 1900 <= v <= 2100 and float(v).is_integer()}
    if published is not None:
        years.add(published.year)
    return years


def _published_fact(published: date | None) -> list[DateFact]:
    if published is None:
        return []
    iso = published.isoformat()
    return [DateFact(iso, iso, "", 0, 0, published.year, published.month, published.day)]


def _facts_unsupported(
    draft: Facts, source: Facts, years: set[int], published: date | None
) -> list[Unsupported]:
    found: list[Unsupported] = []
    for money in draft.money:
        if not _money_supported(money, source.money):
            found.append(Unsupported(money.text, money.start, money.end, "money"))
    for pct in draft.percentages:
        if not any(
            quantity_supported(pct.value, pct.step, pct.approx, s.value) for s in source.percentages
        ):
            found.append(Unsupported(pct.text, pct.start, pct.end, "percentage"))
    source_dates = [*source.dates, *_published_fact(published)]
    for day in draft.dates:
        if not _date_supported(day, source_dates, years):
            found.append(Unsupported(day.text, day.start, day.end, "date"))
    known = {o.canonical for o in source.organisations}
    for org in draft.organisations:
        if org.canonical not in known:
            found.append(Unsupported(org.text, org.start, org.end, "organisation"))
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
    supports a draft that opens with that date.
    """
    source_facts = extract_facts(source, reference=published, gazetteer=gazetteer)
    draft_facts = extract_facts(draft, reference=published, gazetteer=gazetteer)
    values = source_values(source)
    years = _source_years(source_facts, values, published)
    markers = non_fact_spans(draft)
    urls = url_spans(draft)  # an organisation's name may hold an ordinal (第三代合作伙伴计划)
    found = [
        u
        for u in _facts_unsupported(draft_facts, source_facts, years, published)
        if not overlaps(u.start, u.end, urls if u.kind == "organisation" else markers)
    ]
    spans = spans_of(
        draft_facts.money, draft_facts.percentages, draft_facts.dates, draft_facts.organisations
    )
    for number in find_numbers(draft, skip=spans):
        if not _number_supported(number, values):
            found.append(Unsupported(number.text, number.start, number.end, "number"))
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
