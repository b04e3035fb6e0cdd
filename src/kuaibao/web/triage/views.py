"""What the triage queue and the story view show, built from the store for page and JSON.

The routes (``web.triage.pages`` and ``web.triage.stories``) stay thin: they parse the
request, call the builders here and render or return the same pydantic models. What the
pages change (decisions, drafts) is in ``web.triage.changes``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kuaibao.classify.taxonomy import Taxonomy
from kuaibao.domain import Document, Source, Story, StoryState
from kuaibao.facts import Gazetteer, extract_facts
from kuaibao.store import Store
from kuaibao.store.stories import StoryLead
from kuaibao.web.core.schemas import Label
from kuaibao.web.triage.fact_marks import FactSpan, fact_spans

MAX_DB_ID = 2_147_483_647
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_OFFSET = 1_000_000
SIDE_BY_SIDE = 30  # reports shown with their text; more are listed as links

StateFilter = Literal["new", "accepted", "rejected", "all"]
Country = Annotated[str, StringConstraints(min_length=1, max_length=10, pattern=r"^[\w-]+$")]


# --- the queue -------------------------------------------------------------------------


class QueueFilters(BaseModel):
    """The queue's filters and page, as query parameters (blank form fields are ignored)."""

    model_config = ConfigDict(extra="ignore")

    state: StateFilter = Field(default="new", description="Triage state; `all` for every story")
    domain: Label | None = Field(default=None, description="Taxonomy domain (Chinese name)")
    section: Label | None = Field(default=None, description="Taxonomy section (Chinese name)")
    source: int | None = Field(
        default=None, ge=1, le=MAX_DB_ID, description="Reported by this source"
    )
    country: Country | None = Field(
        default=None, description="Reported by a source in this country"
    )
    since: date | None = Field(default=None, description="Last active on or after this day (UTC)")
    until: date | None = Field(default=None, description="Last active on or before this day (UTC)")
    min_relevance: float | None = Field(default=None, ge=0, le=1, description="Relevance at least")
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET)
    limit: int = Field(default=PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)

    @model_validator(mode="before")
    @classmethod
    def _drop_blanks(cls, data: Any) -> Any:
        """An HTML filter form sends every field; an empty one means "any"."""
        if isinstance(data, Mapping):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    def states(self) -> list[StoryState] | None:
        return None if self.state == "all" else [StoryState(self.state)]

    def query(self, **changes: Any) -> str:
        """The query string of these filters (defaults left out), with ``changes`` applied."""
        values = {**self.model_dump(), **changes}
        defaults = QueueFilters().model_dump()
        kept = {k: v for k, v in values.items() if v is not None and v != defaults.get(k)}
        return urlencode({k: v.isoformat() if isinstance(v, date) else v for k, v in kept.items()})


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


class CoveredIn(BaseModel):
    """A published bulletin item that already reported the event."""

    bulletin: int | None
    label: str
    item: int | None


class LeadOut(BaseModel):
    """The story's lead report. ``title`` and ``url`` are crawled data: treat as untrusted."""

    document_id: int
    title: str
    url: str
    source_id: int | None
    source_name: str | None


class StoryOut(BaseModel):
    """A story as the queue shows it, with why it ranks where it does."""

    id: int
    title: str
    state: StoryState
    domain: str | None
    section: str | None
    relevance: float
    score: float
    sources: int = Field(description="Independent sources (syndicated copies count once)")
    size: int = Field(description="Reports in the story")
    first_seen: datetime
    last_seen: datetime
    published_at: datetime | None
    item_id: int | None = Field(description="The item drafted from the story, if any")
    suggest_focus: bool = Field(description="Ranking suggests 重点关注 (★)")
    covered_in: CoveredIn | None
    new_figures: list[str] = Field(description="Figures not in the covering bulletin item")
    signals: dict[str, float]
    ranking_reasons: list[str]
    classifier_reasons: list[str]
    lead: LeadOut | None


class StoryPage(BaseModel):
    """One page of the ranked queue, best first."""

    stories: list[StoryOut]
    offset: int
    limit: int
    next_offset: int | None
    previous_offset: int | None


def story_out(story: Story, lead: StoryLead | None) -> StoryOut:
    """A stored story and its last ranking."""
    ranking, covered = story.ranking, story.ranking.covered_in
    return StoryOut(
        id=story.id,
        title=story.title,
        state=story.state,
        domain=story.domain,
        section=story.section,
        relevance=story.relevance,
        score=story.score,
        sources=story.sources,
        size=story.size,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        published_at=story.published_at,
        item_id=story.item_id,
        suggest_focus=ranking.suggest_focus,
        covered_in=CoveredIn(
            bulletin=covered.bulletin_id, label=covered.label, item=covered.item_id
        )
        if covered
        else None,
        new_figures=list(ranking.new_figures),
        signals=dict(ranking.signals),
        ranking_reasons=list(ranking.reasons),
        classifier_reasons=[str(r) for r in story.reasons],
        lead=LeadOut(
            document_id=lead.document_id,
            title=lead.title,
            url=lead.url,
            source_id=lead.source_id,
            source_name=lead.source_name,
        )
        if lead
        else None,
    )


def build_queue(store: Store, filters: QueueFilters) -> StoryPage:
    """One indexed query for the page (one row more tells whether a next page exists)."""
    stories = store.stories.ranked(
        states=filters.states(),
        domain=filters.domain,
        section=filters.section,
        since=day_start(filters.since) if filters.since else None,
        until=day_start(filters.until + timedelta(days=1))
        if filters.until and filters.until < date.max
        else None,
        min_relevance=filters.min_relevance,
        source_id=filters.source,
        country=filters.country,
        limit=filters.limit + 1,
        offset=filters.offset,
    )
    shown = stories[: filters.limit]
    leads = store.stories.leads([s.id for s in shown])
    more = len(stories) > filters.limit
    return StoryPage(
        stories=[story_out(s, leads.get(s.id)) for s in shown],
        offset=filters.offset,
        limit=filters.limit,
        next_offset=filters.offset + filters.limit if more else None,
        previous_offset=max(0, filters.offset - filters.limit) if filters.offset else None,
    )


def stays_in_queue(story: StoryOut, state: StateFilter) -> bool:
    """Whether the story still belongs in a queue showing ``state`` after a decision."""
    return state == "all" or story.state.value == state


def one_story(store: Store, story_id: int) -> StoryOut:
    story = store.stories.get(story_id)
    return story_out(story, store.stories.leads([story_id]).get(story_id))


# --- the story view --------------------------------------------------------------------


class FactOut(BaseModel):
    """A fact in a report's text: ``text[start:end]``, and its Chinese bulletin form."""

    kind: Literal["date", "money", "percent", "org", "place"]
    start: int
    end: int
    text: str
    zh: str

    def span(self) -> FactSpan:
        return FactSpan(self.kind, self.start, self.end, self.text, self.zh)


class SourceOut(BaseModel):
    id: int
    name: str
    country: str | None
    tier: int


class DocumentOut(BaseModel):
    """One report of the story. Title, URL and text are crawled data: treat as untrusted."""

    id: int
    title: str
    url: str
    source: SourceOut | None
    published_at: datetime | None
    fetched_at: datetime | None
    language: str | None
    lead: bool
    copy_of: int | None = Field(description="The report this one nearly repeats (syndication)")
    text: str
    facts: list[FactOut]


class DocumentLink(BaseModel):
    """A report beyond the ones shown side by side."""

    id: int
    title: str
    url: str
    source: SourceOut | None
    published_at: datetime | None


class StoryDetail(BaseModel):
    """A story with its reports side by side (lead first) and the facts in each."""

    story: StoryOut
    documents: list[DocumentOut]
    more_documents: list[DocumentLink]


def _source_out(source: Source | None) -> SourceOut | None:
    if source is None or source.id is None:
        return None
    return SourceOut(id=source.id, name=source.name, country=source.country, tier=source.tier)


def _report_order(lead_id: int | None) -> Any:
    def key(doc: Document) -> tuple[bool, datetime, int]:
        when = doc.published_at or doc.fetched_at or datetime.max.replace(tzinfo=UTC)
        return (doc.id != lead_id, when, doc.id or 0)

    return key


def facts_in(doc: Document, gazetteer: Gazetteer) -> list[FactOut]:
    reference = doc.published_at.date() if doc.published_at else None
    found = extract_facts(doc.text, reference=reference, gazetteer=gazetteer)
    return [
        FactOut(kind=s.kind, start=s.start, end=s.end, text=s.text, zh=s.zh)  # type: ignore[arg-type]
        for s in fact_spans(found)
    ]


def build_story(store: Store, story_id: int, gazetteer: Gazetteer) -> StoryDetail:
    """The story, its reports lead first then by date, and the facts in each report."""
    story = store.stories.get(story_id)
    lead = store.stories.leads([story_id]).get(story_id)
    docs = sorted(
        store.documents.get_many(story.document_ids), key=_report_order(story.lead_document_id)
    )
    sources = {s.id: s for s in store.sources.all() if s.id is not None}
    copies = store.stories.copies([story_id])
    shown = [
        DocumentOut(
            id=d.id or 0,
            title=d.title,
            url=d.url,
            source=_source_out(sources.get(d.source_id)) if d.source_id else None,
            published_at=d.published_at,
            fetched_at=d.fetched_at,
            language=d.language,
            lead=d.id == story.lead_document_id,
            copy_of=copies.get(d.id or 0),
            text=d.text,
            facts=facts_in(d, gazetteer),
        )
        for d in docs[:SIDE_BY_SIDE]
    ]
    more = [
        DocumentLink(
            id=d.id or 0,
            title=d.title,
            url=d.url,
            source=_source_out(sources.get(d.source_id)) if d.source_id else None,
            published_at=d.published_at,
        )
        for d in docs[SIDE_BY_SIDE:]
    ]
    return StoryDetail(story=story_out(story, lead), documents=shown, more_documents=more)


# --- choices for the forms -------------------------------------------------------------


class Choice(BaseModel):
    """A value a form offers, with its Chinese and English labels."""

    value: str
    zh: str
    en: str


def domain_choices(taxonomy: Taxonomy) -> list[Choice]:
    return [Choice(value=d.name, zh=d.name, en=d.en or d.name) for d in taxonomy.domains]


def section_choices(taxonomy: Taxonomy) -> list[Choice]:
    return [Choice(value=s.name, zh=s.name, en=s.en or s.name) for s in taxonomy.sections]


def source_choices(names: Sequence[tuple[int, str, str | None]]) -> list[tuple[str, str]]:
    """The sources menu, (value, label) pairs, from ``store.sources.names()`` (id, name,
    country): a source's name is its own in both languages."""
    return [(str(i), name) for i, name, _ in names]


def country_choices(names: Sequence[tuple[int, str, str | None]]) -> list[str]:
    return sorted({country for _, _, country in names if country})


def safe_return(target: str | None, default: str) -> str:
    """A same-site path of this page group to go back to after a form, else ``default``
    (never another host: no open redirect)."""
    if not target or any(ord(c) < 0x20 or c == "\\" for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith(("/triage", "/stories/")):
        return default
    return target
