"""What the item list and the item editor show, built from the store for page and JSON.

The routes (``web.items.pages`` for pages, ``web.items.api`` for JSON) render or
return the same pydantic models, so the editor and a script see one item the same way.
The live fact check here is the approval gate's own (``draft.review.check_item``) run on
the text as typed, against a gazetteer grown from the store's glossary.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, Field

from kuaibao.domain import Item, ItemState
from kuaibao.draft.review import check_item, lead_first, source_text
from kuaibao.facts import CheckResult, Gazetteer
from kuaibao.pipeline.drafting import DraftOutcome
from kuaibao.store import Store
from kuaibao.web.core.state import AppState
from kuaibao.web.items.desk_check import Fault, faults
from kuaibao.web.items.editing import highlight, normalise_newlines, split_marks

PAGE_SIZE = 50
MAX_OFFSET = 1_000_000


class ItemSummary(BaseModel):
    """One row of the work list. ``title`` may come from crawled text: treat as untrusted."""

    id: int
    title: str
    state: ItemState
    domain: str | None
    section: str | None
    version: int
    contributors: list[str]
    updated_at: datetime | None


class ItemList(BaseModel):
    items: list[ItemSummary]
    state: ItemState | None
    domain: str | None
    offset: int
    limit: int
    next_offset: int | None = Field(description="Offset of the next page; null on the last")


class ItemOut(BaseModel):
    """An item with everything the editor shows; ``body`` holds the paragraphs in order."""

    id: int
    title: str
    body: list[str]
    domain: str | None
    section: str | None
    contributors: list[str]
    source_urls: list[str]
    original_title: str | None
    event_date: str | None = Field(description="ISO at the text's precision: 2024, 2024-03 …")
    state: ItemState
    version: int
    created_at: datetime | None
    updated_at: datetime | None
    document_ids: list[int]
    notes: list[str] = Field(description="Analyst notes (key sentences, check findings)")

    @classmethod
    def of(cls, item: Item) -> ItemOut:
        return cls(
            id=item.id or 0,
            title=item.title,
            body=list(item.body),
            domain=item.domain,
            section=item.section,
            contributors=list(item.contributors),
            source_urls=list(item.source_urls),
            original_title=item.original_title,
            event_date=item.event_date,
            state=item.state,
            version=item.version,
            created_at=item.created_at,
            updated_at=item.updated_at,
            document_ids=list(item.document_ids),
            notes=list(item.notes),
        )


class FactOut(BaseModel):
    """A fact of the draft its sources do not back; ``start``/``end`` count characters of
    ``title + "\\n" + body`` (body as sent; a list of paragraphs joined by newlines)."""

    text: str
    start: int
    end: int
    kind: str = Field(
        description="money, date, percentage, organisation or number; limit: text past "
        "the check's bounds (not read)"
    )


class CheckOut(BaseModel):
    ok: bool
    checked: bool = Field(description="False when the item has no source documents")
    unsupported: list[FactOut]

    @classmethod
    def of(cls, result: CheckResult | None) -> CheckOut:
        if result is None:
            return cls(ok=True, checked=False, unsupported=[])
        found = [
            FactOut(text=u.text, start=u.start, end=u.end, kind=u.kind) for u in result.unsupported
        ]
        return cls(ok=result.ok, checked=True, unsupported=found)


class SourceLink(BaseModel):
    """A source URL of the item (untrusted) and the title of its stored document, if any."""

    url: str
    title: str | None


class Revision(BaseModel):
    version: int
    at: datetime
    editor: str | None
    note: str | None
    fields: dict[str, Any] = Field(description="The editable fields as saved")


class ItemDetail(BaseModel):
    """The editor's content: the item, its sources, the check of its text, its history."""

    item: ItemOut
    sources: list[SourceLink]
    check: CheckOut
    history: list[Revision]


class ItemConflict(BaseModel):
    """Someone saved the item after the version the edit was based on."""

    detail: str
    current: ItemOut


class ApproveOut(BaseModel):
    item: ItemOut
    check: CheckOut


class ApproveRefused(BaseModel):
    """Not approved; ``unsupported`` lists the facts the sources do not back, if that is why."""

    detail: str
    unsupported: list[FactOut] = []


class RedraftOut(BaseModel):
    item: ItemOut
    writer: str
    note: str | None
    check: CheckOut

    @classmethod
    def of(cls, outcome: DraftOutcome) -> RedraftOut:
        return cls(
            item=ItemOut.of(outcome.item),
            writer=outcome.writer,
            note=outcome.note,
            check=CheckOut.of(outcome.check),
        )


# ---------------------------------------------------------------------- building them


def run_check(store: Store, item: Item, title: str, body: str, gazetteer: Gazetteer) -> CheckOut:
    """The approval gate's check of the text as typed, against the item's documents."""
    return check_with_faults(store, item, title, body, gazetteer, explain=False)[0]


def check_with_faults(
    store: Store,
    item: Item,
    title: str,
    body: str,
    gazetteer: Gazetteer,
    *,
    explain: bool = True,
) -> tuple[CheckOut, list[Fault]]:
    """The check of the text as typed and (``explain``) each unsupported fact in its
    sentence with the source sentences to compare (``web.items.desk_check``)."""
    docs = store.documents.get_many(item.document_ids) if item.document_ids else []
    title, body = normalise_newlines(title), normalise_newlines(body)
    draft = replace(item, title=title, body=[body])
    check = CheckOut.of(check_item(draft, docs, gazetteer=gazetteer))
    if not explain or not check.unsupported:
        return check, []
    spans = [(u.start, u.end, u.kind) for u in check.unsupported]
    source = source_text(lead_first(item, docs))
    return check, faults(title, body, spans, source, gazetteer=gazetteer)


def marked(title: str, body: str, check: CheckOut) -> tuple[Markup, Markup]:
    """The title and body with the check's unsupported facts marked (escaped throughout)."""
    title, body = normalise_newlines(title), normalise_newlines(body)
    spans = [(u.start, u.end, u.kind) for u in check.unsupported]
    in_title, in_body = split_marks(title, spans)
    return highlight(title, in_title), highlight(body, in_body)


def history_of(store: Store, item_id: int) -> list[Revision]:
    return [Revision(**entry) for entry in store.items.history(item_id)]


def sources_of(store: Store, item: Item) -> list[SourceLink]:
    """The item's source URLs, titled by the stored documents they came from."""
    titles: dict[str, str] = {}
    for doc in store.documents.get_many(item.document_ids) if item.document_ids else []:
        titles.setdefault(doc.url, doc.title)
        titles.setdefault(doc.canonical_url, doc.title)
    return [SourceLink(url=url, title=titles.get(url)) for url in item.source_urls]


def build_detail(state: AppState, item: Item) -> ItemDetail:
    gazetteer = state.context.catalogs.named_gazetteer()
    check = run_check(state.store, item, item.title, "\n".join(item.body), gazetteer)
    return ItemDetail(
        item=ItemOut.of(item),
        sources=sources_of(state.store, item),
        check=check,
        history=history_of(state.store, item.id or 0),
    )


def build_list(
    store: Store, state: ItemState | None, domain: str | None, offset: int, limit: int
) -> ItemList:
    found = store.items.find(
        state=state, domain=domain, limit=limit + 1, offset=offset, newest_first=True
    )
    rows = [
        ItemSummary(
            id=i.id or 0,
            title=i.title,
            state=i.state,
            domain=i.domain,
            section=i.section,
            version=i.version,
            contributors=list(i.contributors),
            updated_at=i.updated_at,
        )
        for i in found[:limit]
    ]
    return ItemList(
        items=rows,
        state=state,
        domain=domain,
        offset=offset,
        limit=limit,
        next_offset=offset + limit if len(found) > limit else None,
    )
