"""Archive search over items and documents: the repository the rest of kuaibao uses.

Both backends get the same tokens and the same parsed query from ``kuaibao.search`` and
rank the same way: the newest ``RANK_WINDOW`` matches of a query (entry ids sort by
date) are scored with FTS5's bm25, title occurrences counting three times, and equal
scores are broken by id, newest first. The SQL of each backend is in
``kuaibao.store.search_backends``; this module adds filters, paging and snippets.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kuaibao.classify.taxonomy import packaged_taxonomy
from kuaibao.domain import Document, Item
from kuaibao.errors import StoreError
from kuaibao.facts.gazetteer import default_gazetteer
from kuaibao.facts.glossary import gazetteer_with_glossary
from kuaibao.search import (
    KINDS,
    IndexEntry,
    Matcher,
    entry_for_document,
    entry_for_item,
    make_snippet,
    parse_query,
)
from kuaibao.search.entries import id_bounds
from kuaibao.search.expansion import (
    Expansion,
    TermPairs,
    build_pairs,
    expand,
    name_pairs,
    taxonomy_pairs,
)
from kuaibao.search.ranking import RANK_WINDOW
from kuaibao.store.bulletins import GlossaryRepository
from kuaibao.store.search_backends import (
    COUNT,
    FacetCell,
    Found,
    Request,
    facets_postgres,
    facets_sqlite,
    lite_replace,
    pg_replace,
    search_postgres,
    search_sqlite,
)

T = TypeVar("T")

CHUNK = 500
FACET_WINDOW = 2000  # matches counted for facets: newest first, like ranking


@dataclass(frozen=True)
class SearchHit:
    """One found item or document; ``highlights`` are (start, end) offsets in ``snippet``."""

    kind: str
    id: int
    title: str
    snippet: str
    score: float
    date: str | None
    domain: str | None
    section: str | None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    title_highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class FacetCounts:
    """How the newest ``window`` matches of a query split by kind, domain and year.

    One cell per combination, so a caller can count each facet with the choices made in
    the other facets applied (choosing a year still shows every kind's count).
    """

    cells: list[FacetCell]
    window: int

    @property
    def counted(self) -> int:
        return sum(c.matches for c in self.cells)

    @property
    def truncated(self) -> bool:
        """True when the query matches more entries than were counted."""
        return self.counted >= self.window


def _batched(values: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _filters(
    kinds: Sequence[str],
    domain: str | None,
    section: str | None,
    since: date | None,
    until: date | None,
    source_id: int | None,
) -> tuple[str, dict[str, Any]]:
    """SQL conditions (fixed text) and their bound values; ``{rowid}`` is left for the
    backend to name its id column, so the date range also narrows its index scan."""
    id_from, id_below = id_bounds(since, until)
    wanted: dict[str, tuple[str, Any]] = {
        "id_from": ("{rowid} >= :id_from", id_from),
        "id_below": ("{rowid} < :id_below", id_below),
        "domain": ("e.domain = :domain", domain),
        "section": ("e.section = :section", section),
        "since": ("e.date_to >= :since", since.isoformat() if since else None),
        "until": ("e.date_from <= :until", until.isoformat() if until else None),
        "source_id": ("e.source_id = :source_id", source_id),
    }
    if set(kinds) != set(KINDS):
        wanted["kinds"] = ("e.kind IN :kinds", list(kinds))
    used = {name: pair for name, pair in wanted.items() if pair[1] is not None}
    sql = "".join(f" AND {condition}" for condition, _ in used.values())
    return sql, {name: value for name, (_, value) in used.items()}


def _check_kinds(kinds: Collection[str]) -> list[str]:
    unknown = sorted(set(kinds) - set(KINDS))
    if unknown:
        raise ValueError(f"unknown search kind {unknown[0]!r}; use 'item' or 'document'")
    return sorted(set(kinds))


def _hit(found: Found, matcher: Matcher) -> SearchHit:
    snippet = make_snippet(found.body, matcher)
    return SearchHit(
        kind=found.kind,
        id=found.ref_id,
        title=found.title,
        snippet=snippet.text,
        score=float(found.score),
        date=found.date,
        domain=found.domain,
        section=found.section,
        highlights=snippet.highlights,
        title_highlights=matcher.find(found.title),
    )


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _default_pairs(sessions: sessionmaker[Session]) -> TermPairs:
    """Taxonomy and gazetteer pairs, the gazetteer grown by the names the store's glossary
    teaches (the glossary holds whole titles; ``facts.glossary`` finds the names in
    them). A glossary that cannot be read costs only its names: the search itself reports
    a broken database."""
    try:
        glossary = GlossaryRepository(sessions).all()
    except SQLAlchemyError:
        glossary = []
    gazetteer = gazetteer_with_glossary(default_gazetteer(), glossary)
    names = [
        (name, entry.zh)
        for entry in gazetteer.entries
        for name in (*entry.en, *([entry.abbr] if entry.abbr else []))
    ]
    return build_pairs(taxonomy_pairs(packaged_taxonomy().raw) + name_pairs(names))


class SearchRepository:
    """Index items and documents, find them again; both backends give the same hits.

    ``rank_window`` is how many of a query's newest matches are ranked (see
    ``kuaibao.search.ranking``); paging stops there. ``generation`` goes up with every
    index write this repository commits, so a cache of answers keyed by it never serves
    one older than this process's own last write (other processes' writes it cannot see).
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        rank_window: int = RANK_WINDOW,
        pairs: TermPairs | None = None,
    ) -> None:
        self._sessions = sessions
        self._window = rank_window
        self._pairs = pairs
        self.generation = 0  # counts this process's index writes (see ``generation``)

    @property
    def pairs(self) -> TermPairs:
        """The cross-language term pairs, built on first use from the packaged taxonomy
        and gazetteer and this store's glossary (see ``kuaibao.search.expansion``)."""
        if self._pairs is None:
            self._pairs = _default_pairs(self._sessions)
        return self._pairs

    def expansion(self, query: str, *, exact: bool = False) -> Expansion:
        """The parsed query with its other-language counterparts (none when ``exact``)."""
        parsed = parse_query(query)
        if exact or parsed.is_empty:
            return Expansion(parsed, parsed)
        return expand(parsed, self.pairs)

    def index_document(self, doc: Document) -> None:
        """Add or replace one stored document's entry."""
        self._write([entry_for_document(doc)])

    def index_item(self, item: Item) -> None:
        """Add or replace one stored item's entry (call again after every edit)."""
        self._write([entry_for_item(item)])

    def index_many(self, docs: Iterable[Document] = (), items: Iterable[Item] = ()) -> int:
        """Bulk add or replace; tokenising runs outside the short write transactions."""
        written = 0
        for doc_chunk in _batched(docs, CHUNK):
            written += self._write([entry_for_document(d) for d in doc_chunk])
        for item_chunk in _batched(items, CHUNK):
            written += self._write([entry_for_item(i) for i in item_chunk])
        return written

    def remove(self, kind: str, ref_id: int) -> None:
        """Drop one entry (nothing happens when it is not indexed)."""
        _check_kinds([kind])
        self._change([], [(kind, ref_id)])

    def _write(self, entries: Sequence[IndexEntry]) -> int:
        unique = list({e.key: e for e in entries}.values())
        if unique:
            self._change(unique, [e.key for e in unique])
        return len(unique)

    def _change(self, entries: Sequence[IndexEntry], keys: Sequence[tuple[str, int]]) -> None:
        """Replace the entries under ``keys`` by ``entries``, in one transaction.

        Writers of the same entries queue on advisory locks (PostgreSQL) or on the
        database lock (SQLite); one retry covers the rest (a deadlock PostgreSQL broke,
        a lock held past SQLite's busy timeout).
        """
        for attempt in (1, 2):
            try:
                with self._sessions() as session:
                    replace = lite_replace if _is_sqlite(session) else pg_replace
                    replace(session, entries, keys)
                    session.commit()
                self.generation += 1
                return
            except (IntegrityError, OperationalError) as exc:
                if attempt == 2:
                    raise StoreError(f"could not update the search index: {exc}") from exc
            except SQLAlchemyError as exc:
                raise StoreError(f"could not update the search index: {exc}") from exc

    def search(
        self,
        query: str,
        *,
        kinds: Collection[str] = KINDS,
        domain: str | None = None,
        section: str | None = None,
        since: date | None = None,
        until: date | None = None,
        source_id: int | None = None,
        limit: int = 20,
        offset: int = 0,
        exact: bool = False,
    ) -> list[SearchHit]:
        """Best hits first; an empty or stop-word-only query finds nothing.

        Unless ``exact``, each word also looks for its other-language counterparts;
        entries matching the query as typed come before those found only through them.
        """
        expansion = self.expansion(query, exact=exact)
        parsed = expansion.query
        wanted = _check_kinds(kinds)
        if parsed.is_empty or not wanted or limit <= 0:
            return []
        filters, params = _filters(wanted, domain, section, since, until, source_id)
        narrowed = any(v is not None for v in (domain, section, source_id))
        original = expansion.original if expansion.expanded else None
        request = Request(
            parsed, filters, params, limit, max(0, offset), self._window, narrowed, original
        )
        try:
            with self._sessions() as session:
                if _is_sqlite(session):
                    found = search_sqlite(session, request)
                else:
                    found = search_postgres(session, request)
        except SQLAlchemyError as exc:
            raise StoreError(f"search failed for {query!r}: {exc}") from exc
        matcher = Matcher(parsed.tokens())
        return [_hit(row, matcher) for row in found]

    def facets(self, query: str, *, window: int = FACET_WINDOW, exact: bool = False) -> FacetCounts:
        """Counts by kind, domain and year over the query's newest ``window`` matches
        (expanded like ``search`` unless ``exact``).

        Filters are not applied (see ``FacetCounts``); an empty query counts nothing.
        """
        parsed = self.expansion(query, exact=exact).query
        if parsed.is_empty or window <= 0:
            return FacetCounts([], window)
        try:
            with self._sessions() as session:
                if _is_sqlite(session):
                    cells = facets_sqlite(session, parsed, window)
                else:
                    cells = facets_postgres(session, parsed, window)
        except SQLAlchemyError as exc:
            raise StoreError(f"facet counts failed for {query!r}: {exc}") from exc
        return FacetCounts(cells, window)

    def count(self) -> int:
        """How many entries the index holds."""
        try:
            with self._sessions() as session:
                return int(session.scalar(COUNT) or 0)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot count the search index: {exc}") from exc

    def unindexed_document_ids(self, limit: int = 1000) -> list[int]:
        """Stored documents the index does not hold yet, oldest first (for catch-up)."""
        query = text(
            "SELECT d.id FROM documents AS d WHERE NOT EXISTS (SELECT 1 FROM search_entries "
            "AS e WHERE e.kind = 'document' AND e.ref_id = d.id) ORDER BY d.id LIMIT :limit"
        )
        try:
            with self._sessions() as session:
                return [int(i) for i in session.scalars(query, {"limit": limit})]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the search index: {exc}") from exc
