"""Archive search: items and documents, ranked, with highlighted matches and facets.

The hits are exactly ``store.search.search`` (the index's own ranked query); the facets
are one grouped count over the query's newest matches (``store.search.facets``), so a
search page costs two indexed queries plus one small URL lookup, whatever the archive's
size. Paging stops where ranking does (the newest ``RANK_WINDOW`` matches).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kuaibao.search import KINDS
from kuaibao.search.query import MAX_QUERY_CHARS, ParsedQuery, parse_query
from kuaibao.search.ranking import RANK_WINDOW
from kuaibao.store import Store
from kuaibao.store.search import FacetCounts, SearchHit
from kuaibao.web.auth.roles import AnalystUser
from kuaibao.web.deps import StoreDep
from kuaibao.web.schemas import errors
from kuaibao.web.search_view import FacetValue, facet_values, mark_spans
from kuaibao.web.templating import render

router = APIRouter()

PER_PAGE = 20
MAX_PAGE = RANK_WINDOW // PER_PAGE
FACET_TTL_SECONDS = 30.0  # facet counts may lag the index by this much
FACET_CACHE_QUERIES = 512

SearchKind = Literal["item", "document"]
QueryText = Annotated[
    str, Query(max_length=MAX_QUERY_CHARS, description='Words, "phrases", -exclude, OR')
]
KindParam = Annotated[SearchKind | None, Query(description="Only items or only documents")]
# The page's form sends its "all kinds" choice as an empty ``kind=``.
FormKindParam = Annotated[Literal["", "item", "document"] | None, Query()]
DomainParam = Annotated[
    str | None,
    Query(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]+$", description="A domain"),
]
YearParam = Annotated[int | None, Query(ge=1900, le=2100, description="Dated in this year")]
PageParam = Annotated[int, Query(ge=1, le=MAX_PAGE)]


class Hit(BaseModel):
    """One found item or document. Title, snippet and ``url`` are crawled text: untrusted."""

    kind: SearchKind
    id: int
    title: str
    snippet: str
    highlights: list[tuple[int, int]] = Field(
        description="(start, end) character offsets of the matches in `snippet`"
    )
    title_highlights: list[tuple[int, int]] = Field(
        description="(start, end) character offsets of the matches in `title`"
    )
    score: float
    date: str | None = Field(description="2024, 2024-03 or 2024-03-15")
    domain: str | None
    section: str | None
    url: str | None = Field(description="The document's web address (documents only)")


class Facet(BaseModel):
    value: str
    count: int
    selected: bool


class Facets(BaseModel):
    """Counts over the query's newest ``window`` matches, each facet with the choices in
    the other facets applied. ``truncated``: the query matches more than were counted."""

    kind: list[Facet]
    domain: list[Facet]
    year: list[Facet]
    counted: int
    window: int
    truncated: bool


class SearchResults(BaseModel):
    q: str
    kind: SearchKind | None
    domain: str | None
    year: int | None
    page: int
    per_page: int
    hits: list[Hit]
    has_next: bool
    facets: Facets


class FacetCache:
    """Recent facet counts by query, for a short while.

    Facets ignore the filters, so paging through a query or clicking its facets asks for
    the same counts again; those come from here instead of the database.
    """

    def __init__(self, ttl: float = FACET_TTL_SECONDS, size: int = FACET_CACHE_QUERIES) -> None:
        self._ttl = ttl
        self._size = size
        self._kept: OrderedDict[ParsedQuery, tuple[float, FacetCounts]] = OrderedDict()
        self._lock = threading.Lock()

    def counts(self, store: Store, q: str) -> FacetCounts:
        key = parse_query(q)
        now = time.monotonic()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and now - kept[0] < self._ttl:
                self._kept.move_to_end(key)
                return kept[1]
        counts = store.search.facets(q)
        with self._lock:
            self._kept[key] = (now, counts)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return counts


def facet_cache(request: Request) -> FacetCache:
    """The app's cache (one per app, so each test's app starts empty)."""
    cache = getattr(request.app.state, "search_facet_cache", None)
    if not isinstance(cache, FacetCache):
        cache = FacetCache()
        request.app.state.search_facet_cache = cache
    return cache


def _hit(found: SearchHit, urls: dict[int, str]) -> Hit:
    return Hit(
        kind="item" if found.kind == "item" else "document",
        id=found.id,
        title=found.title,
        snippet=found.snippet,
        highlights=found.highlights,
        title_highlights=found.title_highlights,
        score=round(found.score, 4),
        date=found.date,
        domain=found.domain,
        section=found.section,
        url=urls.get(found.id) if found.kind == "document" else None,
    )


def _facets(values: list[FacetValue]) -> list[Facet]:
    return [Facet(value=v.value, count=v.count, selected=v.selected) for v in values]


def build_results(
    store: Store,
    q: str,
    kind: SearchKind | None,
    domain: str | None,
    year: int | None,
    page: int,
    facets: Callable[[Store, str], FacetCounts] | None = None,
) -> SearchResults:
    """One page of hits (one more is asked for, to know whether a next page exists);
    ``facets`` gives the counts (default: straight from the index)."""
    found = store.search.search(
        q,
        kinds=(kind,) if kind else KINDS,
        domain=domain,
        since=date(year, 1, 1) if year else None,
        until=date(year, 12, 31) if year else None,
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
    )
    shown = found[:PER_PAGE]
    urls = store.documents.urls([h.id for h in shown if h.kind == "document"])
    counts = facets(store, q) if facets else store.search.facets(q)
    values = facet_values(counts.cells, kind=kind, domain=domain, year=str(year) if year else None)
    return SearchResults(
        q=q,
        kind=kind,
        domain=domain,
        year=year,
        page=page,
        per_page=PER_PAGE,
        hits=[_hit(h, urls) for h in shown],
        has_next=len(found) > PER_PAGE and page < MAX_PAGE,
        facets=Facets(
            kind=_facets(values["kind"]),
            domain=_facets(values["domain"]),
            year=_facets(values["year"]),
            counted=counts.counted,
            window=counts.window,
            truncated=counts.truncated,
        ),
    )


def search_url(results: SearchResults, **changes: object) -> str:
    """The page's own address with some parameters changed (None drops one); the page
    number resets unless given."""
    params: dict[str, object] = {
        "q": results.q,
        "kind": results.kind,
        "domain": results.domain,
        "year": results.year,
        "page": None,
    }
    params.update(changes)
    kept = {k: v for k, v in params.items() if v is not None and v != ""}
    return "/search" + ("?" + urlencode(kept) if kept else "")


@router.get("/api/search", response_model=SearchResults, responses=errors())
def search_api(
    request: Request,
    me: AnalystUser,
    store: StoreDep,
    q: QueryText = "",
    kind: KindParam = None,
    domain: DomainParam = None,
    year: YearParam = None,
    page: PageParam = 1,
) -> SearchResults:
    """Items and documents matching ``q``, best first, with facet counts by kind, domain
    and year. Highlights are offsets; clients must escape the text themselves."""
    return build_results(store, q, kind, domain, year, page, facet_cache(request).counts)


@router.get("/search", include_in_schema=False)
def search_page(
    request: Request,
    me: AnalystUser,
    store: StoreDep,
    q: QueryText = "",
    kind: FormKindParam = None,
    domain: DomainParam = None,
    year: YearParam = None,
    page: PageParam = 1,
) -> HTMLResponse:
    results = build_results(store, q, kind or None, domain, year, page, facet_cache(request).counts)
    return render(
        request,
        "search.html",
        me,
        results=results,
        search_url=search_url,
        mark_spans=mark_spans,
        blank=not q.strip(),
    )
