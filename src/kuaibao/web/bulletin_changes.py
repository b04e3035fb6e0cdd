"""What the bulletin composer accepts, and the checked changes it makes to a bulletin.

The rules (numbering, section order, immutability of published issues, corrections as
revisions) live in ``kuaibao.bulletin.compile``; this module only adds the checks a shared
screen needs before calling it: only approved items go in, nothing changes once an issue
is published, and an item moves only to a section the bulletin has.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from kuaibao import phrases
from kuaibao.bulletin.compile import (
    CompileError,
    add_items,
    correct,
    order_items,
    publish,
    remove_items,
)
from kuaibao.bulletin.workflow import Action, allowed_actions
from kuaibao.domain import Bulletin, BulletinState
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store import Store
from kuaibao.web.auth.roles import Principal
from kuaibao.web.schemas import Label
from kuaibao.web.state import utcnow

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


# --- changing a bulletin -----------------------------------------------------------------


def stepped(ids: list[int], item_id: int, step: int) -> list[int]:
    """``ids`` with ``item_id`` moved ``step`` places (clamped at either end)."""
    if item_id not in ids:
        return list(ids)
    rest = [i for i in ids if i != item_id]
    where = max(0, min(len(rest), ids.index(item_id) + step))
    return [*rest[:where], item_id, *rest[where:]]


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
    return add_items(store, bulletin_id, list(dict.fromkeys(item_ids)), section=section or None)


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
            replace(item, section=section), now=utcnow(), editor=me.user.name, note=phrases.FILED()
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
    unapproved = [i.id for i in bulletin.items if Action.PUBLISH not in allowed_actions(i.state)]
    if unapproved:
        raise ConflictError(phrases.ITEMS_UNAPPROVED(ids=unapproved))
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
