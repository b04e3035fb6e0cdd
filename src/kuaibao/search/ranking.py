"""Ranking: FTS5's bm25, written out so PostgreSQL can compute the very same scores.

SQLite ranks with FTS5's ``bm25(search_fts, 3.0, 1.0)``. For PostgreSQL the index
returns, per candidate, how often each query phrase occurs (title occurrences count
three times, through ts_rank_cd weights) and how many tokens the entry has; this module
turns those into the score FTS5 would give, with the same formula, constants and order
of floating-point operations, so both backends order hits identically.

Only the newest ``RANK_WINDOW`` matches of a query are ranked (entry ids sort by date,
see ``entries.entry_id``): scoring all 70,000 matches of a common word costs hundreds
of milliseconds on either database, and an archive search favours recent entries anyway.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

from kuaibao.search.entries import pair
from kuaibao.search.query import ParsedQuery, Term

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
RANK_WINDOW = 1000


def scored_phrases(query: ParsedQuery) -> list[Term]:
    """The phrases that can add to a score, in the order FTS5 numbers them.

    Excluded phrases are left out: a hit never contains them, so they add exactly zero.
    """
    return [term for c in query.required for g in c.options for term in g.terms]


def idf(rows: int, hits: int) -> float:
    """FTS5's inverse document frequency, floored at 1e-6 for very common phrases."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0.0 else 1e-6


def bm25(freqs: Sequence[float], length: int, idfs: Sequence[float], avgdl: float) -> float:
    """One entry's score; ``freqs`` are weighted occurrence counts per scored phrase."""
    score = 0.0
    for freq, weight in zip(freqs, idfs, strict=True):
        score += weight * ((freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * length / avgdl)))
    return score


def phrase_hits(term: Term, df: Mapping[str, int]) -> int:
    """Entries holding a token or a two-token phrase (exact, from the counts of tokens
    and token pairs); for longer phrases an upper bound, the rarest pair's count."""
    if len(term) == 1:
        return df.get(term[0], 0)
    return min(df.get(pair(a, b), 0) for a, b in itertools.pairwise(term))


def estimate_matches(query: ParsedQuery, df: Mapping[str, int], rows: int) -> int:
    """Expected entries a query matches (before filters), taking words as independent:
    good enough to tell a query matching thousands of entries from one matching dozens.
    """
    if rows <= 0:
        return 0

    def share(terms: Iterable[Term]) -> float:
        return math.prod(phrase_hits(t, df) / rows for t in terms)

    clauses = [1 - math.prod(1 - share(g.terms) for g in c.options) for c in query.required]
    return round(rows * math.prod(clauses)) if clauses else 0
