"""What the bulletin composer accepts, and which workflow call each request makes.

The changes and their checks (numbering, section order, only approved items go in,
nothing changes once an issue is published, an item moves only to a section the bulletin
has, corrections as revisions) are ``kuaibao.workflow.bulletins``'s; this module turns a
request into its arguments, and a bulletin's state refusing a step into 409.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuaibao.bulletin.compile import CompileError
from kuaibao.domain import Bulletin
from kuaibao.errors import ConflictError
from kuaibao.store import Store
from kuaibao.web.core.auth.roles import Principal
from kuaibao.web.core.schemas import Label
from kuaibao.workflow import bulletins as workflow

MAX_IDS = 1000  # item ids one request may name


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


# --- calling the workflow ----------------------------------------------------------------


def add_approved(
    store: Store, bulletin_id: int, item_ids: list[int], section: str | None
) -> Bulletin:
    """Add items, refusing any that an editor has not approved."""
    return workflow.add_items(store, bulletin_id, item_ids, section=section or None)


def remove_one(store: Store, bulletin_id: int, item_id: int) -> Bulletin:
    return workflow.remove_items(store, bulletin_id, [item_id], strict=True)


def reorder(store: Store, me: Principal, bulletin_id: int, order: OrderIn) -> Bulletin:
    """Apply an order: a list of ids (within sections) or a whole section layout."""
    if isinstance(order, ItemOrder):
        return workflow.lay_out(store, bulletin_id, item_ids=order.item_ids)
    layout = [(part.name, part.item_ids) for part in order.sections]
    return workflow.lay_out(store, bulletin_id, sections=layout, editor=me.user.name)


def publish_checked(store: Store, bulletin_id: int) -> Bulletin:
    """Publish; an empty bulletin or unfinished items are its state, not the request (409)."""
    try:
        return workflow.publish(store, bulletin_id)
    except CompileError as exc:
        raise ConflictError(str(exc)) from exc


def correct_published(store: Store, bulletin_id: int) -> Bulletin:
    """A correction of a published issue (409 while it is still open)."""
    return workflow.correct(store, bulletin_id)
