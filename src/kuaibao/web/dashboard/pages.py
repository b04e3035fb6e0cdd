"""The dashboard: what is new since the user's last visit, sources in trouble, open bulletins.

The pattern for every page (see ``web.core.routers``): pydantic models, one builder that reads
the store, a JSON route under /api/ and an HTML route rendering the same model.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import HTMLResponse

from kuaibao.domain import BulletinState, StoryState, User
from kuaibao.pipeline.health import flags_for
from kuaibao.store import Store
from kuaibao.web.core.auth.roles import AnalystUser
from kuaibao.web.core.deps import StoreDep
from kuaibao.web.core.schemas import errors
from kuaibao.web.core.state import utcnow
from kuaibao.web.core.templating import render

router = APIRouter()

FIRST_VISIT_DAYS = 7  # what "new" means for someone who has never been here before
TOP_STORIES = 10
PROBLEM_FLAGS = ("failing", "last_poll_failed", "silent", "dropped_to_zero")


class DomainCount(BaseModel):
    domain: str | None = Field(description="Taxonomy domain (Chinese name); null: unclassified")
    count: int


class TopStory(BaseModel):
    """A highly ranked story waiting for triage. ``url`` is crawled data: treat as untrusted."""

    id: int
    title: str
    domain: str | None
    score: float
    sources: int
    last_seen: datetime
    url: str | None


class SourceProblem(BaseModel):
    id: int
    name: str
    homepage: str | None
    flags: list[str]
    consecutive_failures: int
    last_success: datetime | None
    last_error: str | None


class OpenBulletin(BaseModel):
    id: int
    series: str
    year: int
    number: int | None
    items: int


class Dashboard(BaseModel):
    """What an analyst needs first: new stories, sources to fix, the bulletin in progress."""

    since: datetime
    first_visit: bool
    new_stories: int
    new_by_domain: list[DomainCount]
    top_stories: list[TopStory]
    sources_total: int
    source_problems: list[SourceProblem]
    open_bulletins: list[OpenBulletin]


def build_dashboard(store: Store, user: User, now: datetime) -> Dashboard:
    """Read the store once for the page and its JSON twin."""
    first_visit = user.previous_visit_at is None
    since = user.previous_visit_at or now - timedelta(days=FIRST_VISIT_DAYS)
    counted = Counter(store.stories.count_by_domain(states=[StoryState.NEW], since=since))
    by_domain = [DomainCount(domain=d, count=n) for d, n in counted.most_common()]

    top = store.stories.ranked(limit=TOP_STORIES)
    lead_ids = [s.lead_document_id for s in top if s.lead_document_id is not None]
    urls = {d.id: d.url for d in store.documents.get_many(lead_ids)}
    top_stories = [
        TopStory(
            id=s.id,
            title=s.title,
            domain=s.domain,
            score=s.score,
            sources=s.sources,
            last_seen=s.last_seen,
            url=urls.get(s.lead_document_id) if s.lead_document_id else None,
        )
        for s in top
    ]

    sources = store.sources.all()
    problems = []
    for source in sources:
        flags = [f for f in flags_for(source, now) if f in PROBLEM_FLAGS]
        if flags and source.enabled and source.id is not None:
            h = source.health
            problems.append(
                SourceProblem(
                    id=source.id,
                    name=source.name,
                    homepage=source.homepage,
                    flags=flags,
                    consecutive_failures=h.consecutive_failures,
                    last_success=h.last_success,
                    last_error=h.last_error,
                )
            )
    problems.sort(key=lambda p: -p.consecutive_failures)

    open_bulletins = [
        OpenBulletin(id=b.id, series=b.series, year=b.year, number=b.number, items=n)
        for b, n in store.bulletins.all()
        if b.state == BulletinState.OPEN and b.id is not None
    ]
    return Dashboard(
        since=since,
        first_visit=first_visit,
        new_stories=counted.total(),
        new_by_domain=by_domain,
        top_stories=top_stories,
        sources_total=len(sources),
        source_problems=problems,
        open_bulletins=open_bulletins,
    )


@router.get("/api/dashboard", response_model=Dashboard, responses=errors())
def dashboard_api(me: AnalystUser, store: StoreDep) -> Dashboard:
    """New stories by domain since the caller's last visit, source problems, open bulletins."""
    return build_dashboard(store, me.user, utcnow())


@router.get("/", include_in_schema=False)
def dashboard_page(request: Request, me: AnalystUser, store: StoreDep) -> HTMLResponse:
    dashboard = build_dashboard(store, me.user, utcnow())
    return render(request, "dashboard.html", me, dashboard=dashboard, days=FIRST_VISIT_DAYS)
