"""The writing desk: the sources beside the item editor's draft.

The editor opens on the lead report (full text, its facts marked and listed with their
house-style Chinese forms, its organisations with their standard Chinese names and the
archive's past renderings) and a tab per other report of the story. Only the report shown
is read for facts; another report is built when its tab is clicked (an htmx fragment, or
the page again with ``?report=`` without JavaScript), so a story of twenty reports opens
as fast as a story of one. Everything here is crawled text: templates escape it and the
marked text is built from escaped pieces (``web.triage.fact_marks``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, Field

from kuaibao import phrases
from kuaibao.domain import Document, Item
from kuaibao.draft.review import lead_first
from kuaibao.errors import NotFoundError
from kuaibao.facts import Gazetteer
from kuaibao.facts.gazetteer import GazetteerEntry
from kuaibao.store import Store
from kuaibao.web.core.state import AppState
from kuaibao.web.items.desk_names import Rendering, past_renderings
from kuaibao.web.triage.fact_marks import highlight
from kuaibao.web.triage.views import FactOut, facts_in

MAX_NAMES = 12  # organisations listed per report (the most mentioned first)
MAX_FACT_ROWS = 80  # facts listed per report; the text marks them all


class ReportTab(BaseModel):
    """A report of the item's story, as its tab shows it (crawled: untrusted)."""

    id: int
    title: str
    source: str | None
    published_at: datetime | None
    lead: bool


class RenderingOut(BaseModel):
    zh: str
    items: int = Field(description="Archive items that printed this form")
    latest_item: int
    latest_title: str
    standard: bool

    @classmethod
    def of(cls, r: Rendering) -> RenderingOut:
        return cls(
            zh=r.zh,
            items=r.items,
            latest_item=r.latest_item,
            latest_title=r.latest_title,
            standard=r.standard,
        )


class NameOut(BaseModel):
    """An organisation in the report: as written, the standard Chinese name, and how the
    centre's archive rendered it before."""

    text: str
    zh: str
    mentions: int
    renderings: list[RenderingOut]


class DeskReport(BaseModel):
    """One report in full, with its facts (offsets into ``text``) and organisations."""

    id: int
    title: str
    url: str
    source: str | None
    country: str | None
    published_at: datetime | None
    language: str | None
    lead: bool
    text: str
    facts: list[FactOut]
    names: list[NameOut]


class Desk(BaseModel):
    """The sources panel: the report tabs, the report shown, the draft's key sentences."""

    tabs: list[ReportTab]
    report: DeskReport | None
    key_sentences: list[str] = Field(description="Key source sentences from the item notes")


def key_sentences(item: Item) -> list[str]:
    """The notes the writer left as key source sentences: every note that is not one of
    the pipeline's stored phrases (the writer's name, the check's verdict)."""
    return [note for note in item.notes if note.strip() and phrases.match(note) is None]


def desk_documents(store: Store, item: Item) -> list[Document]:
    """The item's documents and the rest of its story's, lead report first, then by date."""
    story = store.stories.for_item(item.id) if item.id is not None else None
    ids = list(dict.fromkeys([*item.document_ids, *(story.document_ids if story else [])]))
    far = datetime.max.replace(tzinfo=UTC)
    docs = sorted(
        store.documents.get_many(ids) if ids else [],
        key=lambda d: (d.published_at or d.fetched_at or far, d.id or 0),
    )
    if story is not None and story.lead_document_id is not None:
        lead = story.lead_document_id
        docs.sort(key=lambda d: d.id != lead)  # stable: the rest stay by date
    return lead_first(item, docs)  # the item's first source URL leads, when it has one


def tabs_of(docs: Sequence[Document], sources: Mapping[int, str]) -> list[ReportTab]:
    return [
        ReportTab(
            id=d.id or 0,
            title=d.title,
            source=sources.get(d.source_id) if d.source_id else None,
            published_at=d.published_at,
            lead=n == 0,
        )
        for n, d in enumerate(docs)
    ]


def names_in(
    facts: Sequence[FactOut],
    gazetteer: Gazetteer,
    renderings: Callable[[Sequence[GazetteerEntry]], Mapping[str, list[Rendering]]],
) -> list[NameOut]:
    """The report's organisations, most mentioned first, with their past renderings."""
    counts: dict[str, int] = {}
    written: dict[str, str] = {}
    entries: dict[str, GazetteerEntry] = {}
    for fact in facts:
        if fact.kind != "org":
            continue
        entry = gazetteer.lookup(fact.text)
        if entry is None:
            continue
        counts[entry.zh] = counts.get(entry.zh, 0) + 1
        written.setdefault(entry.zh, fact.text)
        entries.setdefault(entry.zh, entry)
    chosen = sorted(counts, key=lambda zh: (-counts[zh], zh))[:MAX_NAMES]
    past = renderings([entries[zh] for zh in chosen]) if chosen else {}
    return [
        NameOut(
            text=written[zh],
            zh=zh,
            mentions=counts[zh],
            renderings=[RenderingOut.of(r) for r in past.get(zh, [])],
        )
        for zh in chosen
    ]


def desk_report(
    doc: Document,
    *,
    lead: bool,
    sources: Mapping[int, tuple[str, str | None]],
    gazetteer: Gazetteer,
    renderings: Callable[[Sequence[GazetteerEntry]], Mapping[str, list[Rendering]]],
) -> DeskReport:
    facts = facts_in(doc, gazetteer)
    source = sources.get(doc.source_id) if doc.source_id else None
    return DeskReport(
        id=doc.id or 0,
        title=doc.title,
        url=doc.url,
        source=source[0] if source else None,
        country=source[1] if source else None,
        published_at=doc.published_at,
        language=doc.language,
        lead=lead,
        text=doc.text,
        facts=facts,
        names=names_in(facts, gazetteer, renderings),
    )


def build_desk(
    store: Store,
    item: Item,
    *,
    gazetteer: Gazetteer,
    sources: Mapping[int, tuple[str, str | None]],
    renderings: Callable[[Sequence[GazetteerEntry]], Mapping[str, list[Rendering]]],
    report_id: int | None = None,
) -> Desk:
    """The desk for ``item``, showing report ``report_id`` (the lead report by default;
    NotFoundError when the report is not one of the item's story)."""
    docs = desk_documents(store, item)
    names = {i: name for i, (name, _) in sources.items()}
    tabs = tabs_of(docs, names)
    shown = docs[0] if docs and report_id is None else None
    if report_id is not None:
        shown = next((d for d in docs if d.id == report_id), None)
        if shown is None:
            raise NotFoundError(f"report {report_id} is not a source of item {item.id}")
    report = (
        desk_report(
            shown,
            lead=shown is docs[0],
            sources=sources,
            gazetteer=gazetteer,
            renderings=renderings,
        )
        if shown is not None
        else None
    )
    return Desk(tabs=tabs, report=report, key_sentences=key_sentences(item))


def marked_report(report: DeskReport) -> Markup:
    """The report's text, escaped, with each fact marked and clickable (``data-insert``
    carries its house-style Chinese form)."""
    return highlight(report.text, [f.span() for f in report.facts], insertable=True)


def fact_rows(report: DeskReport) -> list[FactOut]:
    """The facts list under the text: each distinct (kind, words) once, in text order."""
    seen: set[tuple[str, str]] = set()
    rows: list[FactOut] = []
    for fact in report.facts:
        key = (fact.kind, fact.text)
        if key not in seen:
            seen.add(key)
            rows.append(fact)
    return rows[:MAX_FACT_ROWS]


def desk_for(state: AppState, item: Item, report_id: int | None = None) -> Desk:
    """The desk with the app's catalogues and caches: the gazetteer grown from the
    glossary, the source names menu, and the archive's renderings per organisation."""
    store = state.store
    sources = {i: (name, country) for i, name, country in state.source_names.get()}

    def renderings(entries: Sequence[GazetteerEntry]) -> dict[str, list[Rendering]]:
        return {
            e.zh: state.name_archive.get(
                (e.zh, item.id), partial(past_renderings, store, e, exclude=item.id)
            )
            for e in entries
        }

    return build_desk(
        store,
        item,
        gazetteer=state.context.catalogs.named_gazetteer(),
        sources=sources,
        renderings=renderings,
        report_id=report_id,
    )


def desk_context(desk: Desk) -> dict[str, Any]:
    """What the desk's templates need besides the model: the marked text and the list."""
    report = desk.report
    return {
        "report_text": marked_report(report) if report else None,
        "fact_rows": fact_rows(report) if report else [],
    }
