"""Facts found in crawled text, as spans and as escaped HTML with ``<mark>`` around each.

The text is untrusted, so the HTML is built from escaped pieces (never by replacing
strings inside markup): what is between and inside the spans goes through ``escape``, and
only the ``<mark>`` tags, with a class from a fixed list, are written here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from kuaibao.facts import Facts

# Fact kind → the CSS class suffix of its mark (``fact fact-money`` …).
KINDS = ("date", "money", "percent", "org", "place")


@dataclass(frozen=True)
class FactSpan:
    """One fact in a text: its kind, where it is, the words, and its Chinese form."""

    kind: str
    start: int
    end: int
    text: str
    zh: str


def fact_spans(facts: Facts) -> list[FactSpan]:
    """Every fact ``extract_facts`` found, in text order (ties: the longer first)."""
    spans = [
        *(FactSpan("date", f.start, f.end, f.text, f.zh) for f in facts.dates),
        *(FactSpan("money", f.start, f.end, f.text, f.zh) for f in facts.money),
        *(FactSpan("percent", f.start, f.end, f.text, f.zh) for f in facts.percentages),
        *(FactSpan("org", f.start, f.end, f.text, f.zh) for f in facts.organisations),
        *(FactSpan("place", f.start, f.end, f.text, f.zh) for f in facts.places),
    ]
    return sorted(spans, key=lambda s: (s.start, -s.end, KINDS.index(s.kind)))


def non_overlapping(spans: Iterable[FactSpan], length: int) -> list[FactSpan]:
    """The spans that can be marked: inside the text, non-empty, and not overlapping an
    earlier (or, at the same start, longer) one; marks cannot nest."""
    kept: list[FactSpan] = []
    reached = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.kind not in KINDS or not 0 <= span.start < span.end <= length:
            continue
        if span.start < reached:
            continue
        kept.append(span)
        reached = span.end
    return kept


def highlight(text: str, spans: Sequence[FactSpan], *, insertable: bool = False) -> Markup:
    """``text`` escaped, with each fact wrapped in ``<mark class="fact fact-<kind>">``.

    The mark's ``title`` gives the fact's Chinese form (escaped too), so a reviewer can see
    how the bulletin would print it. ``insertable`` (the item editor's desk) also puts the
    form in ``data-insert`` and makes the mark a button for the keyboard, so a click (or
    Enter) on it types the form into the draft (``static/desk.js``).
    """
    pieces: list[Markup] = []
    at = 0
    for span in non_overlapping(spans, len(text)):
        pieces.append(escape(text[at : span.start]))
        words = text[span.start : span.end]
        if insertable:
            pieces.append(
                Markup(
                    '<mark class="fact fact-{}" title="{}" data-insert="{}" role="button" '
                    'tabindex="0">{}</mark>'
                ).format(span.kind, span.zh, span.zh, words)
            )
        else:
            pieces.append(
                Markup('<mark class="fact fact-{}" title="{}">{}</mark>').format(
                    span.kind, span.zh, words
                )
            )
        at = span.end
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)
