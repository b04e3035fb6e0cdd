"""Archive search: items and documents, ranked, with highlighted matches and facets.

The hits are exactly ``store.search.search`` (the index's own ranked query); the facets
are one grouped count over the query's newest matches (``store.search.facets``), so a
search page costs two indexed queries plus one small URL lookup, whatever the archive's
size, and nothing when the same search was answered moments ago (``SearchCaches``).
Paging stops where ranking does (the newest ``RANK_WINDOW`` matches).
"""

from __future__ import annotations

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
from kuaibao.web.core.auth.roles import AnalystUser
from kuaibao.web.core.deps import StoreDep
from kuaibao.web.core.recent import RecentByKey
from kuaibao.web.core.schemas import errors
from kuaibao.web.core.templating import render
from kuaibao.web.search.views import FacetValue, facet_values, mark_spans

router = APIRouter()

PER_PAGE = 20
MAX_PAGE = RANK_WINDOW // PER_PAGE
FACET_TTL_SECONDS = 30.0  # facet counts may lag the index by this much
FACET_CACHE_QUERIES = 512
SEARCH_TTL_SECONDS = 30.0  # results may lag other processes' index writes by this much
SEARCH_CACHE_PAGES = 1024

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
ExactParam = Annotated[
    bool, Query(description="Only the words as typed: no other-language counterparts")
]


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
    exact: bool = False
    expanded: list[str] = Field(
        default_factory=list,
        description="Other-language counterparts also searched (none when `exact`)",
    )
    hits: list[Hit]
    has_next: bool
    facets: Facets


class SearchCaches:
    """Recent answers, so paging back, switching between a page and its JSON twin, or
    clicking a facet does not run the same search again.

    Facets ignore the filters: one count per query serves all its pages and facet
    choices. Results are kept per query, filters and page. Both are kept under the
    index's write generation: an item saved in this app is found (and counted) at once,
    a crawl in another process within the time-outs.
    """

    def __init__(self) -> None:
        self.facets: RecentByKey[tuple[int, ParsedQuery, bool], FacetCounts] = RecentByKey(
            ttl=FACET_TTL_SECONDS, size=FACET_CACHE_QUERIES
        )
        self.results: RecentByKey[tuple[object, ...], SearchResults] = RecentByKey(
            ttl=SEARCH_TTL_SECONDS, size=SEARCH_CACHE_PAGES
        )

    def facet_counts(self, store: Store, q: str, exact: bool = False) -> FacetCounts:
        key = (store.search.generation, parse_query(q), exact)
        return self.facets.get(key, lambda: store.search.facets(q, exact=exact))

    def search(
        self,
        store: Store,
        q: str,
        kind: SearchKind | None,
        domain: str | None,
        year: int | None,
        page: int,
        exact: bool = False,
    ) -> SearchResults:
        key = (store.search.generation, parse_query(q), kind, domain, year, page, exact)
        return self.results.get(
            key,
            lambda: build_results(
                store, q, kind, domain, year, page, self.facet_counts, exact=exact
            ),
        )


def search_caches(request: Request) -> SearchCaches:
    """The app's caches (one per app, so each test's app starts empty)."""
    caches = getattr(request.app.state, "search_caches", None)
    if not isinstance(caches, SearchCaches):
        caches = SearchCaches()
        request.app.state.search_caches = caches
    return caches


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
    facets: Callable[[Store, str, bool], FacetCounts] | None = None,
    *,
    exact: bool = False,
) -> SearchResults:
    """One page of hits (one more is asked for, to know whether a next page exists);
    ``facets`` gives the counts (default: straight from the index). Unless ``exact``,
    the words' other-language counterparts are searched too, and listed."""
    found = store.search.search(
        q,
        kinds=(kind,) if kind else KINDS,
        domain=domain,
        since=date(year, 1, 1) if year else None,
        until=date(year, 12, 31) if year else None,
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
        exact=exact,
    )
    shown = found[:PER_PAGE]
    urls = store.documents.urls([h.id for h in shown if h.kind == "document"])
    counts = facets(store, q, exact) if facets else store.search.facets(q, exact=exact)
    values = facet_values(counts.cells, kind=kind, domain=domain, year=str(year) if year else None)
    return SearchResults(
        q=q,
        kind=kind,
        domain=domain,
        year=year,
        page=page,
        per_page=PER_PAGE,
        exact=exact,
        expanded=list(store.search.expansion(q, exact=exact).applied),
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
        "exact": 1 if results.exact else None,
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
    exact: ExactParam = False,
) -> SearchResults:
    """Items and documents matching ``q``, best first, with facet counts by kind, domain
    and year. Each word also finds its other-language counterparts (芯片: semiconductor)
    unless ``exact``; ``expanded`` lists them. Highlights are offsets; clients must escape
    the text themselves."""
    return search_caches(request).search(store, q, kind, domain, year, page, exact)


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
    exact: ExactParam = False,
) -> HTMLResponse:
    results = search_caches(request).search(store, q, kind or None, domain, year, page, exact)
    return render(
        request,
        "search.html",
        me,
        results=results,
        search_url=search_url,
        mark_spans=mark_spans,
        blank=not q.strip(),
    )
