"""The pure parts of the archive search page: highlighted matches and facet counts.

The search module gives plain text plus ``(start, end)`` offsets of the matched words;
``mark_spans`` turns them into HTML by escaping every piece of the (crawled, untrusted)
text and wrapping only the matched pieces in ``<mark>``. Nothing is ever searched for or
replaced inside HTML, so no text can break out of its element.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from kuaibao.search import KINDS
from kuaibao.store.search_backends import FacetCell

_MARK = Markup("<mark>{}</mark>")


def mark_spans(text: str, spans: Iterable[Sequence[int]]) -> Markup:
    """``text`` escaped, with the character ranges ``spans`` wrapped in ``<mark>``.

    Ranges are clamped to the text; empty, reversed and overlapping parts are skipped, so
    odd offsets can only lose a highlight, never produce broken markup.
    """
    text = str(text)  # a plain str: slices of a Markup would pass through unescaped
    pieces: list[Markup] = []
    at = 0
    for span in sorted((int(s[0]), int(s[1])) for s in spans if len(s) == 2):
        start, end = max(span[0], at), min(span[1], len(text))
        if start >= end:
            continue
        pieces.append(escape(text[at:start]))
        pieces.append(_MARK.format(text[start:end]))
        at = end
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)


@dataclass(frozen=True)
class FacetValue:
    """One choice in a facet and how many counted matches it would keep."""

    value: str
    count: int
    selected: bool


def _count(cells: Iterable[FacetCell], field: str, keep: dict[str, str | None]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for cell in cells:
        if all(want is None or getattr(cell, name) == want for name, want in keep.items()):
            value = getattr(cell, field)
            if value is not None:
                counts[value] += cell.matches
    return counts


def _values(counts: Counter[str], chosen: str | None, order: list[str]) -> list[FacetValue]:
    if chosen is not None and chosen not in counts:
        counts[chosen] = 0  # keep the current choice visible, so it can be undone
        order = [*order, chosen]
    return [FacetValue(v, counts[v], v == chosen) for v in order if v in counts]


def facet_values(
    cells: Sequence[FacetCell], *, kind: str | None, domain: str | None, year: str | None
) -> dict[str, list[FacetValue]]:
    """Counts per kind, domain and year, each with the choices in the *other* facets
    applied: picking a year still shows how many items and documents each kind has.

    Kinds come in a fixed order, domains by count (then name), years newest first;
    entries without a domain or a date are counted only in the other facets.
    """
    chosen = {"kind": kind, "domain": domain, "year": year}

    def counts(field: str) -> Counter[str]:
        return _count(cells, field, {k: v for k, v in chosen.items() if k != field})

    kinds, domains, years = counts("kind"), counts("domain"), counts("year")
    by_count = sorted(domains, key=lambda d: (-domains[d], d))
    return {
        "kind": _values(kinds, kind, [k for k in KINDS if k in kinds]),
        "domain": _values(domains, domain, by_count),
        "year": _values(years, year, sorted(years, reverse=True)),
    }
