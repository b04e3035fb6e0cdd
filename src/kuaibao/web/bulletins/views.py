"""What the bulletin list, the archive and the composer show, built from the store for page
and JSON.

The routes (``web.bulletins.pages`` for pages, ``web.bulletins.api`` for JSON)
render or return the same pydantic models. The composer offers approved items only, and
says which other bulletin already holds one, so an item is not published twice unawares.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from kuaibao.bulletin.house import HouseStyle, load_house_style
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.store import Store
from kuaibao.web.core.state import AppState

CANDIDATE_LIMIT = 500  # approved items offered in the composer's "add" list


class BulletinSummary(BaseModel):
    """One issue in the list: 第N期 of its year, 总第N期 overall, and where it stands."""

    id: int
    series: str
    year: int
    number: int | None = Field(description="None: an imported issue that printed no number")
    running_number: int | None
    revision: int
    date: dt.date | None
    state: BulletinState
    items: int
    published_at: dt.datetime | None
    supersedes_id: int | None = Field(description="The published issue this revision corrects")


class BulletinItem(BaseModel):
    """An item as the composer shows it. Titles, paragraphs and URLs are untrusted text."""

    id: int
    title: str
    domain: str | None
    section: str | None
    state: ItemState
    version: int
    paragraphs: list[str]
    contributors: list[str]
    source_urls: list[str]
    original_title: str | None
    event_date: str | None


class Section(BaseModel):
    """A section with its items in bulletin order; ``name`` null holds unfiled items."""

    name: str | None
    items: list[BulletinItem]


class Candidate(BaseModel):
    """An approved item that could be added; ``held_by`` is another bulletin holding it."""

    id: int
    title: str
    domain: str | None
    section: str | None
    held_by: int | None


class BulletinDetail(BulletinSummary):
    """The composer: sections in order, and (while open) the approved items to add."""

    editor: str | None
    issuing_unit: str | None
    editable: bool = Field(description="Open issues change; published ones never do")
    superseded_by: list[int] = Field(description="Later revisions correcting this issue")
    sections: list[Section]
    candidates: list[Candidate]


# --- building the models ----------------------------------------------------------------


def summary_of(bulletin: Bulletin, count: int) -> BulletinSummary:
    return BulletinSummary(
        id=bulletin.id or 0,
        series=bulletin.series,
        year=bulletin.year,
        number=bulletin.number,
        running_number=bulletin.running_number,
        revision=bulletin.revision,
        date=bulletin.date,
        state=bulletin.state,
        items=count,
        published_at=bulletin.published_at,
        supersedes_id=bulletin.supersedes_id,
    )


def list_bulletins(
    store: Store, *, state: BulletinState | None = None, year: int | None = None
) -> list[BulletinSummary]:
    """Newest first, optionally only one state (the archive: published) or one year."""
    return [
        summary_of(b, n)
        for b, n in store.bulletins.all()
        if (state is None or b.state is state) and (year is None or b.year == year)
    ]


def item_out(item: Item) -> BulletinItem:
    return BulletinItem(
        id=item.id or 0,
        title=item.title,
        domain=item.domain,
        section=item.section,
        state=item.state,
        version=item.version,
        paragraphs=list(item.body),
        contributors=list(item.contributors),
        source_urls=list(item.source_urls),
        original_title=item.original_title,
        event_date=item.event_date,
    )


def sections_of(bulletin: Bulletin) -> list[Section]:
    """Every section of the bulletin (empty ones too, so items can be moved there), then
    any items without a section."""
    sections = [
        Section(name=name, items=[item_out(i) for i in bulletin.items_in(name)])
        for name in bulletin.ordered_sections()
    ]
    named = set(bulletin.ordered_sections())
    loose = [item_out(i) for i in bulletin.items if i.section not in named]
    if loose:
        sections.append(Section(name=None, items=loose))
    return sections


def candidates_for(store: Store, bulletin: Bulletin) -> list[Candidate]:
    """Approved items not yet in this bulletin, oldest first."""
    present = {i.id for i in bulletin.items}
    found = [
        i
        for i in store.items.find(state=ItemState.APPROVED, limit=CANDIDATE_LIMIT)
        if i.id is not None and i.id not in present
    ]
    held = store.bulletins.holding([i.id for i in found if i.id is not None])
    return [
        Candidate(
            id=i.id or 0,
            title=i.title,
            domain=i.domain,
            section=i.section,
            held_by=held.get(i.id or 0),
        )
        for i in found
    ]


def build_detail(store: Store, bulletin_id: int) -> BulletinDetail:
    bulletin = store.bulletins.get(bulletin_id)
    editable = bulletin.state is BulletinState.OPEN
    later = [
        b.id
        for b, _ in store.bulletins.all()
        if b.supersedes_id == bulletin_id and b.id is not None
    ]
    return BulletinDetail(
        **summary_of(bulletin, len(bulletin.items)).model_dump(),
        editor=bulletin.editor,
        issuing_unit=bulletin.issuing_unit,
        editable=editable,
        superseded_by=later,
        sections=sections_of(bulletin),
        candidates=candidates_for(store, bulletin) if editable else [],
    )


def house_style(state: AppState) -> HouseStyle:
    return load_house_style(state.settings.data_dir)
