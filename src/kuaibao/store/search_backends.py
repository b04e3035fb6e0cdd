"""The SQL of the search index, once for SQLite (FTS5) and once for PostgreSQL.

``kuaibao.store.search`` holds the public API; this module holds how each backend
stores entries and finds the window of candidates. Both get the same tokens and the
same parsed query and give the same scores: SQLite asks FTS5 for ``bm25()``; on
PostgreSQL the tsvector gives each candidate's weighted phrase counts (``ts_rank_cd``
with title weight A and body weight B, no normalisation) and
``kuaibao.search.ranking`` applies FTS5's formula to them, using the per-token entry
counts and totals kept in ``search_terms`` and ``search_stats``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import BindParameter, TextClause, bindparam, text
from sqlalchemy.orm import Session

from kuaibao.search import IndexEntry, ParsedQuery, to_fts5
from kuaibao.search.entries import entry_id, pair, pairs_literal, tsvector_literal
from kuaibao.search.query import Clause, Group, Term, term_to_tsquery, tsquery_parts
from kuaibao.search.ranking import (
    BODY_WEIGHT,
    TITLE_WEIGHT,
    bm25,
    estimate_matches,
    idf,
    phrase_hits,
    scored_phrases,
)

PHRASE_COUNT_LIMIT = 2000  # count a phrase's entries exactly when this cheap; else estimate
_COLUMNS = ("id", "kind", "ref_id", "date_from", "date_to", "date", "domain", "section",
            "source_id", "n_tokens")  # fmt: skip
_INSERT_TEXTS = text("INSERT INTO search_texts (id, title, body) VALUES (:id, :title, :body)")
_NAMES = ", ".join(_COLUMNS)
_VALUES = ", ".join(f":{c}" for c in _COLUMNS)
_EXPANDING_IDS: BindParameter[Any] = bindparam("ids", expanding=True)
TEXTS = text(
    "SELECT e.id, e.kind, e.ref_id, t.title, t.body, e.date, e.domain, e.section "
    "FROM search_entries AS e JOIN search_texts AS t ON t.id = e.id WHERE e.id IN :ids"
).bindparams(_EXPANDING_IDS)
COUNT = text("SELECT count(*) FROM search_entries")

# SQLite: the FTS5 row of an entry has the entry's id as rowid.
_LITE_OLD = text("SELECT id FROM search_entries WHERE kind = :kind AND ref_id IN :refs").bindparams(
    bindparam("refs", expanding=True)
)
_LITE_DELETE = (
    text("DELETE FROM search_fts WHERE rowid IN :ids").bindparams(_EXPANDING_IDS),
    text("DELETE FROM search_texts WHERE id IN :ids").bindparams(_EXPANDING_IDS),
    text("DELETE FROM search_entries WHERE id IN :ids").bindparams(_EXPANDING_IDS),
)
_LITE_INSERT = (
    text(f"INSERT INTO search_entries ({_NAMES}) VALUES ({_VALUES})"),
    text("INSERT INTO search_fts (rowid, title, body) VALUES (:id, :title, :body)"),
)
# {filters} are fixed SQL fragments from kuaibao.store.search._filters, never user text.
_LITE_SEARCH = f"""
SELECT e.id, e.kind, e.ref_id, t.title, t.body, e.date, e.domain, e.section, page.score
FROM (
    SELECT id, score, {{original}} AS original FROM (
        SELECT search_fts.rowid AS id,
               -bm25(search_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score
        FROM search_fts JOIN search_entries AS e ON e.id = search_fts.rowid
        WHERE search_fts MATCH :match{{filters}}
        ORDER BY search_fts.rowid DESC LIMIT :window
    )
    ORDER BY original DESC, score DESC, id DESC LIMIT :limit OFFSET :offset
) AS page JOIN search_entries AS e ON e.id = page.id JOIN search_texts AS t ON t.id = page.id
ORDER BY page.original DESC, page.score DESC, page.id DESC
"""
# An expanded query's matches of the query as typed rank first (see ``Request.original``).
_LITE_ORIGINAL = "(id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH :original))"

# PostgreSQL keeps what FTS5 keeps by itself: entries per token, entries and tokens.
_PG_OLD = text(
    "SELECT id, n_tokens, tsvector_to_array(tsv) || tsvector_to_array(pairs) AS tokens "
    "FROM search_entries "
    "WHERE (kind, ref_id) IN (SELECT * FROM unnest(CAST(:kinds AS varchar[]), "
    "CAST(:refs AS integer[]))) FOR UPDATE"
)
# Writers of the same entries queue up here instead of colliding on insert; keys are
# taken in ascending order, so two writers never wait for each other in a circle.
_PG_LOCK = text("SELECT count(pg_advisory_xact_lock(k)) FROM unnest(CAST(:keys AS bigint[])) AS k")
_PG_LOCK_SPACE = 0x5EA2C4 << 32
_PG_DELETE = text("DELETE FROM search_entries WHERE id = ANY(:ids)")
_PG_INSERT = text(
    f"INSERT INTO search_entries ({_NAMES}, tsv, pairs) "
    f"VALUES ({_VALUES}, CAST(:tsv AS tsvector), CAST(:pairs AS tsvector))"
)
_PG_TERMS = text(
    "INSERT INTO search_terms (token, df) SELECT t, d FROM unnest(CAST(:tokens AS text[]), "
    "CAST(:dfs AS integer[])) AS u(t, d) "
    "ON CONFLICT (token) DO UPDATE SET df = search_terms.df + excluded.df"
)
_PG_STATS_ADD = text(
    "UPDATE search_stats SET entries = entries + :entries, tokens = tokens + :tokens WHERE id = 1"
)
_PG_DF = text("SELECT token, df FROM search_terms WHERE token = ANY(:tokens)")
_PG_STATS = text("SELECT entries, tokens FROM search_stats WHERE id = 1")
_PG_PHRASE_COUNT = "SELECT count(*) FROM search_entries AS e WHERE {condition}"
_PG_WEIGHTS = f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT:.8f}, 1}}"  # D, C, B (body), A (title)
_PG_WINDOW = """
SELECT w.id, w.n_tokens, top.original, {freqs}
FROM (
    SELECT e.id, e.n_tokens, {original} AS original FROM search_entries AS e
    WHERE {condition}{filters}
    ORDER BY e.id DESC LIMIT :window
) AS top JOIN search_entries AS w ON w.id = top.id
"""
# Common words: walk the primary key from the newest entry until the window is full.
# Rare words, or a domain, section or source filter: take the matches from the GIN
# index (and the filter's index), then sort. Planner estimates for tsvector matches
# are too rough to leave this choice to it.
_PG_PLANS = {
    "newest-first": ("SET LOCAL enable_bitmapscan = off", "SET LOCAL enable_seqscan = off"),
    "all-matches": ("SET LOCAL enable_indexscan = off",),
}


class Found(NamedTuple):
    """One hit as read from the index, before its snippet is cut."""

    id: int
    kind: str
    ref_id: int
    title: str
    body: str
    date: str | None
    domain: str | None
    section: str | None
    score: float


@dataclass(frozen=True)
class Request:
    """A parsed search with its filter SQL and bound values."""

    query: ParsedQuery
    filters: str
    params: dict[str, Any]
    limit: int
    offset: int
    window: int
    narrowed: bool  # a domain, section or source filter: PostgreSQL can use its indexes
    original: ParsedQuery | None = None  # the query as typed, when ``query`` is expanded


def _row(entry: IndexEntry) -> dict[str, Any]:
    return {c: getattr(entry, c) for c in _COLUMNS}


def _text_row(entry: IndexEntry) -> dict[str, Any]:
    return {"id": entry.id, "title": entry.title, "body": entry.body}


def lite_replace(
    session: Session, entries: Sequence[IndexEntry], keys: Sequence[tuple[str, int]]
) -> None:
    """Delete the rows for ``keys`` and their FTS rows, insert ``entries``."""
    old: list[int] = []
    for kind in {k for k, _ in keys}:
        refs = [r for k, r in keys if k == kind]
        old.extend(session.scalars(_LITE_OLD, {"kind": kind, "refs": refs}))
    if old:
        for statement in _LITE_DELETE:
            session.execute(statement, {"ids": old})
    if entries:
        session.execute(_LITE_INSERT[0], [_row(e) for e in entries])
        session.execute(_INSERT_TEXTS, [_text_row(e) for e in entries])
        fts = [{"id": e.id, "title": " ".join(e.title_tokens), "body": " ".join(e.body_tokens)}
               for e in entries]  # fmt: skip
        session.execute(_LITE_INSERT[1], fts)


def pg_replace(
    session: Session, entries: Sequence[IndexEntry], keys: Sequence[tuple[str, int]]
) -> None:
    """Delete the rows for ``keys``, insert ``entries``, and update token and row counts."""
    locks = sorted({_PG_LOCK_SPACE | (entry_id(kind, ref, None)) for kind, ref in keys})
    session.execute(_PG_LOCK, {"keys": locks})
    old = session.execute(
        _PG_OLD, {"kinds": [k for k, _ in keys], "refs": [r for _, r in keys]}
    ).all()
    delta: Counter[str] = Counter()
    for entry in entries:
        delta.update(entry.lexemes)
    for row in old:
        delta.subtract(row.tokens)
    if old:
        session.execute(_PG_DELETE, {"ids": [row.id for row in old]})
    if entries:
        rows = [{**_row(e), "tsv": tsvector_literal(e), "pairs": pairs_literal(e)} for e in entries]
        session.execute(_PG_INSERT, rows)
        session.execute(_INSERT_TEXTS, [_text_row(e) for e in entries])
    changes = sorted((token, n) for token, n in delta.items() if n)
    if changes:  # sorted, so concurrent writers lock token rows in the same order
        session.execute(
            _PG_TERMS, {"tokens": [t for t, _ in changes], "dfs": [n for _, n in changes]}
        )
    session.execute(
        _PG_STATS_ADD,
        {
            "entries": len(entries) - len(old),
            "tokens": sum(e.n_tokens for e in entries) - sum(r.n_tokens for r in old),
        },
    )


def _statement(sql: str, params: dict[str, Any]) -> TextClause:
    statement = text(sql)
    if "kinds" in params:
        statement = statement.bindparams(bindparam("kinds", expanding=True))
    return statement


def search_sqlite(session: Session, request: Request) -> list[Found]:
    """One statement: FTS5 walks its matches newest first (its native order) until the
    window is full, scoring each with bm25; then the page is cut and its texts read."""
    params = {**request.params, "match": to_fts5(request.query), "window": request.window,
              "limit": request.limit, "offset": request.offset}  # fmt: skip
    original = "1"
    if request.original is not None:
        original = _LITE_ORIGINAL
        params["original"] = to_fts5(request.original)
    sql = _LITE_SEARCH.format(
        filters=request.filters.format(rowid="search_fts.rowid"), original=original
    )
    return [Found(*row) for row in session.execute(_statement(sql, params), params)]


def _pg_freq(i: int, unless: str | None = None) -> str:
    """Phrase ``i``'s weighted count: ts_rank_cd without normalisation sums the weights
    of its occurrences, so scaling by the title weight gives FTS5's integer count.
    ``unless``: SQL true when the phrase's ``OR`` option does not match, where FTS5
    counts none of the option's phrases."""
    rank = f"ts_rank_cd(CAST('{_PG_WEIGHTS}' AS float4[]), w.tsv, CAST(:p{i} AS tsquery), 0)"
    count = f"round(CAST({rank} AS float8) * {TITLE_WEIGHT})"
    if unless is not None:
        count = f"CASE WHEN {unless} THEN 0 ELSE {count} END"
    return f"{count} AS f{i}"


def _pg_freqs(query: ParsedQuery) -> tuple[str, dict[str, Any]]:
    """One count per scored phrase (``scored_phrases`` order), as FTS5 counts them: a
    phrase in an ``OR`` option of several words counts only where the whole option
    matches (``芯片 OR "光伏 电池"`` holds 电池 twice; an entry with 电池 alone counts
    the first)."""
    columns: list[str] = []
    params: dict[str, Any] = {}
    for clause in query.required:
        for group in clause.options:
            unless = None
            if len(clause.options) > 1 and len(group.terms) > 1:
                condition, bound = _pg_condition(
                    ParsedQuery((Clause((group,)),)), f"m{len(columns)}_", "w"
                )
                unless = f"NOT {condition}"
                params.update(bound)
            columns.extend(_pg_freq(len(columns), unless) for _ in group.terms)
    return ", ".join(columns), params


def _pg_condition(
    query: ParsedQuery, prefix: str = "q", alias: str = "e"
) -> tuple[str, dict[str, Any]]:
    """The query as SQL over both tsvector columns, with its bound tsquery literals
    (named ``prefix`` and a number).

    Words that must all match share one tsquery (one GIN scan); phrases go through the
    token-pair column (see ``tsquery_parts``); OR and NOT become SQL.
    """
    params: dict[str, Any] = {}

    def group(terms: Sequence[Term]) -> str:
        parts = []
        for column, literal in zip(("tsv", "pairs"), tsquery_parts(terms), strict=True):
            if literal:
                key = f"{prefix}{len(params)}"
                params[key] = literal
                parts.append(f"{alias}.{column} @@ CAST(:{key} AS tsquery)")
        return "(" + " AND ".join(parts) + ")"

    def alternatives(options: Sequence[Group]) -> str:
        return "(" + " OR ".join(group(g.terms) for g in options) + ")"

    single = [t for c in query.required if len(c.options) == 1 for t in c.options[0].terms]
    sql = [group(single)] if single else []
    sql += [alternatives(c.options) for c in query.required if len(c.options) > 1]
    sql += [f"NOT {group(g.terms)}" for g in query.excluded]
    return " AND ".join(sql), params


def _pg_phrase_hits(session: Session, term: Term, df: dict[str, int]) -> int:
    """Entries holding a phrase: known for tokens and pairs; longer phrases are counted
    when that is cheap, else estimated by their rarest pair."""
    bound = phrase_hits(term, df)
    if len(term) <= 2 or bound > PHRASE_COUNT_LIMIT:
        return bound
    condition, params = _pg_condition(ParsedQuery.of(term))
    return int(session.scalar(text(_PG_PHRASE_COUNT.format(condition=condition)), params) or 0)


def search_postgres(session: Session, request: Request) -> list[Found]:
    """Window and phrase counts from PostgreSQL, bm25 in Python, then the page's texts."""
    phrases = scored_phrases(request.query)
    lexemes = {t for term in phrases for t in term}
    lexemes.update(pair(a, b) for term in phrases for a, b in itertools.pairwise(term))
    df = {row.token: row.df for row in session.execute(_PG_DF, {"tokens": sorted(lexemes)})}
    rows, total = session.execute(_PG_STATS).one()
    if not rows:
        return []
    hits = [_pg_phrase_hits(session, term, df) for term in phrases]
    common = estimate_matches(request.query, df, rows) > math.sqrt(request.window * rows)
    newest_first = common and not request.narrowed
    for setting in _PG_PLANS["newest-first" if newest_first else "all-matches"]:
        session.execute(text(setting))
    freqs, freq_params = _pg_freqs(request.query)
    condition, params = _pg_condition(request.query)
    original = "1"
    if request.original is not None:
        original, original_params = _pg_condition(request.original, "o")
        original = f"CASE WHEN {original} THEN 1 ELSE 0 END"
        params.update(original_params)
    params.update(freq_params)
    params.update(request.params, window=request.window)
    params.update({f"p{i}": term_to_tsquery(t) for i, t in enumerate(phrases)})
    filters = request.filters.format(rowid="e.id")
    sql = _PG_WINDOW.format(freqs=freqs, condition=condition, filters=filters, original=original)
    window = session.execute(_statement(sql, params), params).all()
    idfs = [idf(rows, n) for n in hits]
    avgdl = total / rows
    ranked = sorted(
        ((row.original, bm25(row[3:], row.n_tokens, idfs, avgdl), row.id) for row in window),
        key=lambda found: (-found[0], -found[1], -found[2]),
    )[request.offset : request.offset + request.limit]
    scores = [(score, i) for _, score, i in ranked]
    if not scores:
        return []
    texts = {row.id: row for row in session.execute(TEXTS, {"ids": [i for _, i in scores]})}
    return [Found._make((*texts[i], score)) for score, i in scores]


# Facets: how the newest ``window`` matches of a query split by kind, domain and year.
# Filters are left out on purpose, so one grouped count serves every facet (the caller
# applies the other facets' choices to the cells).
_LITE_FACETS = text(
    "SELECT e.kind, e.domain, substr(e.date_from, 1, 4) AS year, count(*) AS n "
    "FROM (SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :match "
    "ORDER BY rowid DESC LIMIT :window) AS w JOIN search_entries AS e ON e.id = w.id "
    "GROUP BY e.kind, e.domain, substr(e.date_from, 1, 4)"
)
_PG_FACETS = """
SELECT w.kind, w.domain, substr(w.date_from, 1, 4) AS year, count(*) AS n
FROM (
    SELECT e.kind, e.domain, e.date_from FROM search_entries AS e
    WHERE {condition}
    ORDER BY e.id DESC LIMIT :window
) AS w
GROUP BY w.kind, w.domain, substr(w.date_from, 1, 4)
"""


class FacetCell(NamedTuple):
    """How many of the counted matches have this kind, domain and year (None: unset)."""

    kind: str
    domain: str | None
    year: str | None
    matches: int


def facets_sqlite(session: Session, query: ParsedQuery, window: int) -> list[FacetCell]:
    """FTS5 yields the matches newest first; only their small entry rows are read."""
    params = {"match": to_fts5(query), "window": window}
    return [FacetCell(*row) for row in session.execute(_LITE_FACETS, params)]


def facets_postgres(session: Session, query: ParsedQuery, window: int) -> list[FacetCell]:
    """The same plan choice as ``search_postgres``: walk the newest entries for common
    words, take the GIN matches and sort for rare ones."""
    phrases = scored_phrases(query)
    lexemes = {t for term in phrases for t in term}
    lexemes.update(pair(a, b) for term in phrases for a, b in itertools.pairwise(term))
    df = {row.token: row.df for row in session.execute(_PG_DF, {"tokens": sorted(lexemes)})}
    rows, _ = session.execute(_PG_STATS).one()
    if not rows:
        return []
    common = estimate_matches(query, df, rows) > math.sqrt(window * rows)
    for setting in _PG_PLANS["newest-first" if common else "all-matches"]:
        session.execute(text(setting))
    condition, params = _pg_condition(query)
    params["window"] = window
    found = session.execute(text(_PG_FACETS.format(condition=condition)), params)
    return [FacetCell(*row) for row in found]
