"""Bulletins: the list and archive, the composer, the preview, exports and publishing.

Editors compile and publish; analysts may look. The rules (numbering, section order,
immutability of published issues, corrections as revisions) live in
``kuaibao.bulletin.compile``; this module only adds the checks a shared screen needs
before calling it: only approved items go in, nothing changes once an issue is published,
and an item moves only to a section the bulletin has.

The preview is the renderer's own HTML (it escapes every item field), served with a
sandboxing CSP and framed by the composer, so what the editor sees is what is exported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Form, Query
from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.bulletin.compile import (
    CompileError,
    add_items,
    correct,
    new_bulletin,
    order_items,
    publish,
    remove_items,
)
from kuaibao.bulletin.house import HouseStyle, load_house_style
from kuaibao.bulletin.render import EXTENSIONS, MEDIA_TYPES, render
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState, Role
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store import Store
from kuaibao.web.auth.roles import AnalystUser, EditorUser, Principal
from kuaibao.web.deps import StateDep, StoreDep
from kuaibao.web.schemas import Id, Label, errors
from kuaibao.web.security import CONTENT_SECURITY_POLICY
from kuaibao.web.state import AppState, utcnow
from kuaibao.web.templating import render as render_page

router = APIRouter()

CANDIDATE_LIMIT = 500  # approved items offered in the composer's "add" list
MAX_IDS = 1000  # item ids one request may name
ExportFormat = Literal["pdf", "docx", "html", "md"]
EXPORT_FORMATS: tuple[str, ...] = ("pdf", "docx", "html", "md")

# The preview is the rendered bulletin: its own inline stylesheet, no scripts, no forms,
# no plugins, framed only by this app's composer.
PREVIEW_CSP = "; ".join(
    [
        "sandbox",
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'self'",
    ]
)
PREVIEW_HEADERS = {"Content-Security-Policy": PREVIEW_CSP, "X-Frame-Options": "SAMEORIGIN"}
# The composer is an ordinary page that may frame the preview from this origin.
COMPOSER_HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-src 'self'"}


# --- models ---------------------------------------------------------------------------


class BulletinSummary(BaseModel):
    """One issue in the list: 第N期 of its year, 总第N期 overall, and where it stands."""

    id: int
    series: str
    year: int
    number: int
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


class NewBulletinIn(BaseModel):
    date: dt.date | None = Field(default=None, description="Issue date; default today")
    number: int | None = Field(default=None, ge=1, le=9999, description="第N期; default next")


class AddItemsIn(BaseModel):
    item_ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] = Field(
        min_length=1, max_length=MAX_IDS
    )
    section: Label | None = Field(default=None, description="File the items under this section")


class SectionOrder(BaseModel):
    name: Label
    item_ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] = Field(max_length=MAX_IDS)


class ItemOrder(BaseModel):
    """These items first, in this order, each within its section (``kuaibao bulletin
    order``)."""

    model_config = ConfigDict(extra="forbid")

    item_ids: list[Annotated[int, Field(ge=1, le=2_147_483_647)]] = Field(max_length=MAX_IDS)


class SectionLayout(BaseModel):
    """The whole layout, section by section: an item listed under another section moves
    there (what a drag and drop sends). Items left out keep their places."""

    model_config = ConfigDict(extra="forbid")

    sections: list[SectionOrder] = Field(max_length=100)


OrderIn = ItemOrder | SectionLayout


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


def export_filename(bulletin: Bulletin, fmt: str) -> str:
    """``bulletin-2026-02.pdf``; later revisions add ``-r2`` (ASCII, safe in any header)."""
    revision = f"-r{bulletin.revision}" if bulletin.revision > 1 else ""
    return f"bulletin-{bulletin.year}-{bulletin.number:02d}{revision}.{EXTENSIONS[fmt]}"


def stepped(ids: list[int], item_id: int, step: int) -> list[int]:
    """``ids`` with ``item_id`` moved ``step`` places (clamped at either end)."""
    if item_id not in ids:
        return list(ids)
    rest = [i for i in ids if i != item_id]
    where = max(0, min(len(rest), ids.index(item_id) + step))
    return [*rest[:where], item_id, *rest[where:]]


# --- changing a bulletin -----------------------------------------------------------------


def open_bulletin(store: Store, bulletin_id: int) -> Bulletin:
    """The bulletin, if it may still change."""
    bulletin = store.bulletins.get(bulletin_id)
    if bulletin.state is not BulletinState.OPEN:
        raise ConflictError(
            f"bulletin {bulletin_id} is published and cannot change; "
            "open a correction to make a new revision"
        )
    return bulletin


def add_approved(
    store: Store, bulletin_id: int, item_ids: list[int], section: str | None
) -> Bulletin:
    """Add items, refusing any that an editor has not approved."""
    bulletin = open_bulletin(store, bulletin_id)
    if section and section not in bulletin.ordered_sections():
        raise NotFoundError(
            f"no section {section!r} in this bulletin; sections: "
            + ", ".join(bulletin.ordered_sections())
        )
    present = {i.id for i in bulletin.items}
    wanted = [i for i in dict.fromkeys(item_ids) if i not in present]
    refused = [i for i in store.items.get_many(wanted) if i.state is not ItemState.APPROVED]
    if refused:
        listed = ", ".join(f"{i.id} ({i.state.value})" for i in refused)
        raise ConflictError(f"only approved items can go into a bulletin; not approved: {listed}")
    return add_items(store, bulletin_id, wanted, section=section or None)


def remove_one(store: Store, bulletin_id: int, item_id: int) -> Bulletin:
    bulletin = open_bulletin(store, bulletin_id)
    if item_id not in {i.id for i in bulletin.items}:
        raise NotFoundError(f"item {item_id} is not in bulletin {bulletin_id}")
    return remove_items(store, bulletin_id, [item_id])


def file_under(store: Store, me: Principal, bulletin: Bulletin, item_id: int, section: str) -> None:
    """Move one item of the bulletin to another of its sections (saved on the item)."""
    if section not in bulletin.ordered_sections():
        raise NotFoundError(
            f"no section {section!r} in this bulletin; sections: "
            + ", ".join(bulletin.ordered_sections())
        )
    if item_id not in {i.id for i in bulletin.items}:
        raise NotFoundError(f"item {item_id} is not in bulletin {bulletin.id}")
    item = store.items.get(item_id)
    if item.section != section:
        store.items.update(
            replace(item, section=section), now=utcnow(), editor=me.user.name, note="filed"
        )


def reorder(store: Store, me: Principal, bulletin_id: int, order: OrderIn) -> Bulletin:
    """Apply an order: a list of ids (within sections) or a whole section layout."""
    bulletin = open_bulletin(store, bulletin_id)
    if isinstance(order, ItemOrder):
        ids = list(dict.fromkeys(order.item_ids))
        layout: list[SectionOrder] = []
    else:
        layout = order.sections
        ids = list(dict.fromkeys(i for s in layout for i in s.item_ids))
    unknown = sorted(set(ids) - {i.id for i in bulletin.items})
    if unknown:
        raise NotFoundError(f"items {unknown} are not in bulletin {bulletin_id}")
    missing = [s.name for s in layout if s.name not in bulletin.ordered_sections()]
    if missing:
        raise NotFoundError(f"no section {missing[0]!r} in bulletin {bulletin_id}")
    current = {i.id: i.section for i in bulletin.items}
    placed: set[int] = set()
    for part in layout:
        for item_id in part.item_ids:
            if item_id not in placed and current[item_id] != part.name:
                file_under(store, me, bulletin, item_id, part.name)
            placed.add(item_id)
    return order_items(store, bulletin_id, ids)


def move_step(store: Store, bulletin_id: int, item_id: int, step: int) -> Bulletin:
    """One place up (-1) or down (+1) within the item's section."""
    bulletin = open_bulletin(store, bulletin_id)
    item = next((i for i in bulletin.items if i.id == item_id), None)
    if item is None:
        raise NotFoundError(f"item {item_id} is not in bulletin {bulletin_id}")
    peers = [i.id for i in bulletin.items if i.section == item.section and i.id is not None]
    return order_items(store, bulletin_id, stepped(peers, item_id, step))


def publish_checked(store: Store, bulletin_id: int) -> Bulletin:
    """Publish, refusing items that lost their approval since they were added."""
    bulletin = open_bulletin(store, bulletin_id)
    unapproved = [i.id for i in bulletin.items if i.state is not ItemState.APPROVED]
    if unapproved:
        raise ConflictError(f"items {unapproved} are no longer approved; approve or remove them")
    try:
        return publish(store, bulletin_id)
    except CompileError as exc:  # empty bulletin or unfinished items: its state, not the request
        raise ConflictError(str(exc)) from exc


def correct_published(store: Store, bulletin_id: int) -> Bulletin:
    """A correction of a published issue (409 while it is still open)."""
    try:
        return correct(store, bulletin_id)
    except CompileError as exc:
        raise ConflictError(str(exc)) from exc


def export_response(store: Store, state: AppState, bulletin_id: int, fmt: str) -> Response:
    bulletin = store.bulletins.get(bulletin_id)
    data = render(bulletin, fmt, house_style(state))
    headers = {"Content-Disposition": f'attachment; filename="{export_filename(bulletin, fmt)}"'}
    if fmt == "html":
        headers.update(PREVIEW_HEADERS)  # opened from disk or inline, it still runs nothing
    return Response(data, media_type=MEDIA_TYPES[fmt], headers=headers)


def house_style(state: AppState) -> HouseStyle:
    return load_house_style(state.settings.data_dir)


# --- JSON API ----------------------------------------------------------------------------


@router.get("/api/bulletins", response_model=list[BulletinSummary], responses=errors())
def list_api(
    me: AnalystUser,
    store: StoreDep,
    state: BulletinState | None = None,
    year: Annotated[int | None, Query(ge=1900, le=9999)] = None,
) -> list[BulletinSummary]:
    """Every bulletin, newest first; ``state=published`` is the archive."""
    return list_bulletins(store, state=state, year=year)


@router.post(
    "/api/bulletins", response_model=BulletinDetail, status_code=201, responses=errors(409)
)
def create_api(
    me: EditorUser, store: StoreDep, state: StateDep, body: NewBulletinIn | None = None
) -> BulletinDetail:
    """Open the next numbered issue of the house series."""
    wanted = body or NewBulletinIn()
    made = new_bulletin(store, house_style(state), when=wanted.date, number=wanted.number)
    return build_detail(store, made.id or 0)


@router.get("/api/bulletins/{bulletin_id}", response_model=BulletinDetail, responses=errors(404))
def detail_api(bulletin_id: Id, me: AnalystUser, store: StoreDep) -> BulletinDetail:
    """One bulletin: its sections with their items and, while open, items to add."""
    return build_detail(store, bulletin_id)


@router.post(
    "/api/bulletins/{bulletin_id}/items",
    response_model=BulletinDetail,
    responses=errors(400, 404, 409),
)
def add_items_api(
    bulletin_id: Id, body: AddItemsIn, me: EditorUser, store: StoreDep
) -> BulletinDetail:
    """Add approved items (400 for any other state), optionally filed under ``section``."""
    add_approved(store, bulletin_id, body.item_ids, body.section)
    return build_detail(store, bulletin_id)


@router.delete(
    "/api/bulletins/{bulletin_id}/items/{item_id}",
    response_model=BulletinDetail,
    responses=errors(404, 409),
)
def remove_item_api(
    bulletin_id: Id, item_id: Id, me: EditorUser, store: StoreDep
) -> BulletinDetail:
    """Take an item out of an open bulletin (the item itself is kept)."""
    remove_one(store, bulletin_id, item_id)
    return build_detail(store, bulletin_id)


@router.put(
    "/api/bulletins/{bulletin_id}/order",
    response_model=BulletinDetail,
    responses=errors(400, 404, 409),
)
def order_api(bulletin_id: Id, body: OrderIn, me: EditorUser, store: StoreDep) -> BulletinDetail:
    """Reorder items, or lay out whole sections (which may move items between them)."""
    reorder(store, me, bulletin_id, body)
    return build_detail(store, bulletin_id)


@router.post(
    "/api/bulletins/{bulletin_id}/publish",
    response_model=BulletinDetail,
    responses=errors(400, 404, 409),
)
def publish_api(bulletin_id: Id, me: EditorUser, store: StoreDep) -> BulletinDetail:
    """Publish: the bulletin and its items never change again (409 if already published)."""
    publish_checked(store, bulletin_id)
    return build_detail(store, bulletin_id)


@router.post(
    "/api/bulletins/{bulletin_id}/correct",
    response_model=BulletinDetail,
    status_code=201,
    responses=errors(400, 404, 409),
)
def correct_api(bulletin_id: Id, me: EditorUser, store: StoreDep) -> BulletinDetail:
    """Open a correction: a new revision of a published bulletin with editable copies."""
    revision = correct_published(store, bulletin_id)
    return build_detail(store, revision.id or 0)


_EXPORT_DOC: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The rendered bulletin as a download",
        "content": {MEDIA_TYPES[f].split(";")[0]: {} for f in EXPORT_FORMATS},
    }
}


@router.get(
    "/api/bulletins/{bulletin_id}/export.{fmt}",
    response_class=Response,
    responses={**errors(404), **_EXPORT_DOC},
)
def export_api(
    bulletin_id: Id, fmt: ExportFormat, me: AnalystUser, store: StoreDep, state: StateDep
) -> Response:
    """The bulletin rendered as PDF, DOCX, HTML or Markdown (for scripts with a token)."""
    return export_response(store, state, bulletin_id, fmt)


# --- pages ----------------------------------------------------------------------------


def _back(bulletin_id: int, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/bulletins/{bulletin_id}{anchor}", status_code=303)


@router.get("/bulletins", include_in_schema=False)
def list_page(
    request: Request,
    me: AnalystUser,
    store: StoreDep,
    year: Annotated[str, Query(max_length=4, pattern=r"^\d*$")] = "",  # "": every year
) -> HTMLResponse:
    every = list_bulletins(store)
    wanted = int(year) if year else None
    shown = [b for b in every if wanted is None or b.year == wanted]
    return render_page(
        request,
        "bulletins.html",
        me,
        open_issues=[b for b in shown if b.state is BulletinState.OPEN],
        archive=[b for b in shown if b.state is BulletinState.PUBLISHED],
        years=sorted({b.year for b in every}, reverse=True),
        year=wanted,
        can_edit=me.role.allows(Role.EDITOR),
    )


@router.post("/bulletins/new", include_in_schema=False)
def create_form(
    me: EditorUser,
    store: StoreDep,
    state: StateDep,
    date: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    try:
        when = dt.date.fromisoformat(date) if date.strip() else None
    except ValueError as exc:
        raise CompileError(f"not a date: {date!r}; use YYYY-MM-DD") from exc
    made = new_bulletin(store, house_style(state), when=when)
    return _back(made.id or 0)


@router.get("/bulletins/{bulletin_id}", include_in_schema=False)
def compose_page(
    request: Request, bulletin_id: Id, me: AnalystUser, store: StoreDep
) -> HTMLResponse:
    detail = build_detail(store, bulletin_id)
    can_edit = me.role.allows(Role.EDITOR)
    return render_page(
        request,
        "bulletins_compose.html",
        me,
        headers=COMPOSER_HEADERS,
        b=detail,
        can_edit=can_edit,
        composing=can_edit and detail.editable,
        section_names=[s.name for s in detail.sections if s.name is not None],
        formats=EXPORT_FORMATS,
    )


@router.get("/bulletins/{bulletin_id}/preview", include_in_schema=False)
def preview_page(bulletin_id: Id, me: AnalystUser, store: StoreDep, state: StateDep) -> Response:
    """Exactly the exported HTML, sandboxed: no scripts, framed only by the composer."""
    bulletin = store.bulletins.get(bulletin_id)
    html = render(bulletin, "html", house_style(state))
    return Response(html, media_type=MEDIA_TYPES["html"], headers=PREVIEW_HEADERS)


@router.get("/bulletins/{bulletin_id}/export.{fmt}", include_in_schema=False)
def export_page(
    bulletin_id: Id, fmt: ExportFormat, me: AnalystUser, store: StoreDep, state: StateDep
) -> Response:
    return export_response(store, state, bulletin_id, fmt)


@router.post("/bulletins/{bulletin_id}/items", include_in_schema=False)
def add_form(
    bulletin_id: Id,
    me: EditorUser,
    store: StoreDep,
    item_ids: Annotated[list[int], Form(max_length=MAX_IDS)] = [],  # noqa: B006 (FastAPI copies)
    section: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    if item_ids:
        add_approved(store, bulletin_id, item_ids, section.strip() or None)
    return _back(bulletin_id)


@router.post("/bulletins/{bulletin_id}/items/{item_id}/remove", include_in_schema=False)
def remove_form(bulletin_id: Id, item_id: Id, me: EditorUser, store: StoreDep) -> Response:
    remove_one(store, bulletin_id, item_id)
    return _back(bulletin_id)


@router.post("/bulletins/{bulletin_id}/items/{item_id}/move", include_in_schema=False)
def move_form(
    bulletin_id: Id,
    item_id: Id,
    me: EditorUser,
    store: StoreDep,
    direction: Annotated[Literal["up", "down"], Form()],
) -> Response:
    """The no-JavaScript twin of dragging: one place up or down."""
    move_step(store, bulletin_id, item_id, -1 if direction == "up" else 1)
    return _back(bulletin_id, f"#item-{item_id}")


@router.post("/bulletins/{bulletin_id}/items/{item_id}/section", include_in_schema=False)
def section_form(
    bulletin_id: Id,
    item_id: Id,
    me: EditorUser,
    store: StoreDep,
    section: Annotated[str, Form(min_length=1, max_length=100)],
) -> Response:
    """Move an item to another section (it goes last there)."""
    bulletin = open_bulletin(store, bulletin_id)
    file_under(store, me, bulletin, item_id, section)
    rest = [i.id for i in bulletin.items if i.id != item_id and i.id is not None]
    order_items(store, bulletin_id, [*rest, item_id])
    return _back(bulletin_id, f"#item-{item_id}")


@router.post("/bulletins/{bulletin_id}/order", include_in_schema=False, status_code=204)
def order_from_script(
    bulletin_id: Id, body: Annotated[OrderIn, Body()], me: EditorUser, store: StoreDep
) -> Response:
    """Where ``bulletins.js`` posts the layout after a drag and drop (JSON, CSRF header)."""
    reorder(store, me, bulletin_id, body)
    return Response(status_code=204)


@router.post("/bulletins/{bulletin_id}/publish", include_in_schema=False)
def publish_form(bulletin_id: Id, me: EditorUser, store: StoreDep) -> Response:
    publish_checked(store, bulletin_id)
    return _back(bulletin_id)


@router.post("/bulletins/{bulletin_id}/correct", include_in_schema=False)
def correct_form(bulletin_id: Id, me: EditorUser, store: StoreDep) -> Response:
    revision = correct_published(store, bulletin_id)
    return _back(revision.id or 0)
