"""One call that finds every kind of fact in a text: ``extract_facts``."""

from __future__ import annotations

from datetime import date

from kuaibao.facts.dates import find_dates
from kuaibao.facts.gazetteer import Gazetteer, default_gazetteer
from kuaibao.facts.model import Facts, spans_of
from kuaibao.facts.money import find_money
from kuaibao.facts.percent import find_percentages
from kuaibao.facts.places import find_places
from kuaibao.facts.textutil import SpanSet


def extract_facts(
    text: str, *, reference: date | None = None, gazetteer: Gazetteer | None = None
) -> Facts:
    """Dates, money, percentages, organisations and places in English or Chinese text.

    ``reference`` (usually the publication date) gives years to dates written without
    one; ``gazetteer`` defaults to the packaged one.
    """
    money = find_money(text)
    percentages = find_percentages(text)
    figures = SpanSet(len(text), spans_of(money, percentages))
    dates = [
        d for d in find_dates(text, reference=reference) if not figures.touches(d.start, d.end)
    ]
    organisations = (gazetteer or default_gazetteer()).find(text)
    places = find_places(text, skip=[(o.start, o.end) for o in organisations])
    return Facts(
        dates=dates,
        money=money,
        percentages=percentages,
        organisations=organisations,
        places=places,
    )
