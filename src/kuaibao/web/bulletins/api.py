"""The bulletins' JSON API under /api/: list, open, compose, publish, correct and export.

The pages' twins (``web.bulletins.pages``), on the same models and checked changes.
Editors compile and publish; analysts may look.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from starlette.responses import Response

from kuaibao.bulletin.render import MEDIA_TYPES
from kuaibao.domain import BulletinState
from kuaibao.web.bulletins.changes import (
    AddItemsIn,
    NewBulletinIn,
    OrderIn,
    add_approved,
    correct_published,
    publish_checked,
    remove_one,
    reorder,
)
from kuaibao.web.bulletins.exports import EXPORT_FORMATS, ExportFormat, export_response
from kuaibao.web.bulletins.views import (
    BulletinDetail,
    BulletinSummary,
    build_detail,
    house_style,
    list_bulletins,
)
from kuaibao.web.core.auth.roles import AnalystUser, EditorUser
from kuaibao.web.core.deps import StateDep, StoreDep
from kuaibao.web.core.schemas import Id, errors
from kuaibao.workflow.bulletins import new_bulletin

router = APIRouter()


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
