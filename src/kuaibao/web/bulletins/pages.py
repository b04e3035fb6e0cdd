"""Bulletins: the list and archive, the composer, the preview, exports and publishing
(pages; their JSON twins are in ``web.bulletins.api``).

Editors compile and publish; analysts may look. The checks a shared screen needs before
changing a bulletin are in ``web.bulletins.changes``; the preview and the exports, with the
headers that keep the rendered HTML inert, in ``web.bulletins.exports``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Form, Query
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from kuaibao.bulletin.compile import CompileError
from kuaibao.domain import BulletinState, Role
from kuaibao.web.bulletins.changes import (
    MAX_IDS,
    OrderIn,
    add_approved,
    correct_published,
    publish_checked,
    remove_one,
    reorder,
)
from kuaibao.web.bulletins.exports import (
    COMPOSER_HEADERS,
    EXPORT_FORMATS,
    ExportFormat,
    export_response,
    preview_response,
)
from kuaibao.web.bulletins.views import build_detail, house_style, list_bulletins
from kuaibao.web.core.auth.roles import AnalystUser, EditorUser
from kuaibao.web.core.deps import StateDep, StoreDep
from kuaibao.web.core.schemas import Id
from kuaibao.web.core.templating import render
from kuaibao.workflow.bulletins import file_under, move_step, new_bulletin

router = APIRouter()


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
    return render(
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
    return render(
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
    return preview_response(store, state, bulletin_id)


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
    file_under(store, bulletin_id, item_id, section, editor=me.user.name)
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
