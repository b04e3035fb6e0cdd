"""Bulletins in the store: open (numbered), compose, publish, correct — each one transaction.

The rules are ``bulletin.compile`` (section order, what may be published, revision
numbers) and ``workflow.transitions`` (which step a bulletin's state allows); this module
applies them to the store. Every face — ``kuaibao bulletin``, the web composer, its JSON
twin, the demo — calls these, so the checks a shared screen needs (only approved items
go in, nothing changes once an issue is published, an item moves only to a section the
bulletin has) hold everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from kuaibao import phrases
from kuaibao.bulletin.compile import (
    CompileError,
    check_publishable,
    next_revision,
    section_sorted,
)
from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import Bulletin, ItemState
from kuaibao.errors import ConflictError, NotFoundError
from kuaibao.store import Store
from kuaibao.workflow.transitions import (
    CORRECTION_ITEM_STATE,
    TRANSITIONS,
    Action,
    BulletinStep,
    bulletin_next_state,
)

SectionLayout = Sequence[tuple[str, Sequence[int]]]
"""A whole layout, section by section: (section name, item ids in order)."""


def _now() -> datetime:
    return datetime.now(UTC)


def _composable(store: Store, bulletin_id: int) -> Bulletin:
    """The bulletin, if it may still change (ConflictError once published)."""
    bulletin = store.bulletins.get(bulletin_id)
    bulletin_next_state(bulletin_id, bulletin.state, BulletinStep.COMPOSE)
    return bulletin


def _has_section(bulletin: Bulletin, section: str) -> None:
    if section not in bulletin.ordered_sections():
        raise NotFoundError(
            f"no section {section!r} in this bulletin; sections: "
            + ", ".join(bulletin.ordered_sections())
        )


def _save_order(store: Store, bulletin: Bulletin, ids: list[int]) -> Bulletin:
    by_id = {i.id: i for i in bulletin.items}
    first = [by_id[i] for i in dict.fromkeys(ids)]
    rest = [i for i in bulletin.items if i.id not in set(ids)]
    ordered = section_sorted([*first, *rest], bulletin.ordered_sections())
    assert bulletin.id is not None
    store.bulletins.set_items(bulletin.id, [i.id for i in ordered if i.id is not None])
    return store.bulletins.get(bulletin.id)


def new_bulletin(
    store: Store,
    style: HouseStyle,
    *,
    when: date | None = None,
    number: int | None = None,
    series: str | None = None,
    editor: str | None = None,
) -> Bulletin:
    """Open the next issue of a series: 第N期 of the year and the running 总第N期."""
    when = when or _now().date()
    series = series or style.series
    with store.transaction():
        last_number, last_running = store.bulletins.numbering(series, when.year)
        bulletin = Bulletin(
            series=series,
            year=when.year,
            number=number if number is not None else last_number + 1,
            running_number=last_running + 1,
            date=when,
            editor=editor or style.editor,
            issuing_unit=style.issuing_unit,
            sections=list(style.sections),
        )
        return store.bulletins.create(bulletin, now=_now())


def add_items(
    store: Store,
    bulletin_id: int,
    item_ids: list[int],
    *,
    section: str | None = None,
    approved_only: bool = True,
    editor: str | None = None,
) -> Bulletin:
    """Append items (optionally filing them under ``section``) and keep section order.

    Only approved items go in: review is the gate between a draft and a bulletin.
    ``approved_only=False`` lets the command line re-use items in other states (imported
    ones, say) on purpose. A ``section`` the bulletin does not have is refused.
    """
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        if section:
            _has_section(bulletin, section)
        present = {i.id for i in bulletin.items}
        wanted = list(dict.fromkeys(item_ids))
        new = [i for i in store.items.get_many(wanted) if i.id not in present]
        refused = [i for i in new if i.state is not ItemState.APPROVED]
        if approved_only and refused:
            listed = ", ".join(f"{i.id} ({i.state.value})" for i in refused)
            raise ConflictError(
                f"only approved items can go into a bulletin; not approved: {listed}"
            )
        for item in new:
            if section and item.section != section:
                store.items.update(
                    replace(item, section=section), now=_now(), editor=editor, note=phrases.FILED()
                )
                item.section = section
            if item.section is None:
                raise CompileError(
                    f"item {item.id} has no section; pass --section to file it "
                    f"(sections: {', '.join(bulletin.sections)})"
                )
        ordered = section_sorted([*bulletin.items, *new], bulletin.ordered_sections())
        store.bulletins.set_items(bulletin_id, [i.id for i in ordered if i.id is not None])
        return store.bulletins.get(bulletin_id)


def remove_items(
    store: Store, bulletin_id: int, item_ids: list[int], *, strict: bool = False
) -> Bulletin:
    """Take items out (the items themselves are kept); ``strict`` refuses ids not in it."""
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        held = {i.id for i in bulletin.items}
        if strict and set(item_ids) - held:
            missing = sorted(set(item_ids) - held)
            raise NotFoundError(f"item {missing[0]} is not in bulletin {bulletin_id}")
        keep = [i.id for i in bulletin.items if i.id not in set(item_ids) and i.id is not None]
        store.bulletins.set_items(bulletin_id, keep)
        return store.bulletins.get(bulletin_id)


def order_items(store: Store, bulletin_id: int, item_ids: list[int]) -> Bulletin:
    """Reorder: the given ids come first in the given order, the rest keep theirs.

    Items stay grouped by section, so moving an item changes its place within its section.
    """
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        unknown = [i for i in item_ids if i not in {j.id for j in bulletin.items}]
        if unknown:
            raise CompileError(
                f"items {unknown} are not in bulletin {bulletin_id}; `kuaibao bulletin show "
                f"{bulletin_id}` lists its items"
            )
        return _save_order(store, bulletin, item_ids)


def stepped(ids: list[int], item_id: int, step: int) -> list[int]:
    """``ids`` with ``item_id`` moved ``step`` places (clamped at either end)."""
    if item_id not in ids:
        return list(ids)
    rest = [i for i in ids if i != item_id]
    where = max(0, min(len(rest), ids.index(item_id) + step))
    return [*rest[:where], item_id, *rest[where:]]


def move_step(store: Store, bulletin_id: int, item_id: int, step: int) -> Bulletin:
    """One place up (-1) or down (+1) within the item's section."""
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        item = next((i for i in bulletin.items if i.id == item_id), None)
        if item is None:
            raise NotFoundError(f"item {item_id} is not in bulletin {bulletin_id}")
        peers = [i.id for i in bulletin.items if i.section == item.section and i.id is not None]
        return _save_order(store, bulletin, stepped(peers, item_id, step))


def lay_out(
    store: Store,
    bulletin_id: int,
    *,
    item_ids: Sequence[int] = (),
    sections: SectionLayout = (),
    editor: str | None = None,
) -> Bulletin:
    """Apply an order: ``item_ids`` first (within their sections), or a whole section
    ``layout`` — an item listed under another section moves there (a drag and drop)."""
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        ids = list(dict.fromkeys([*item_ids, *(i for _, part in sections for i in part)]))
        unknown = sorted(set(ids) - {i.id for i in bulletin.items})
        if unknown:
            raise NotFoundError(f"items {unknown} are not in bulletin {bulletin_id}")
        missing = [name for name, _ in sections if name not in bulletin.ordered_sections()]
        if missing:
            raise NotFoundError(f"no section {missing[0]!r} in bulletin {bulletin_id}")
        current = {i.id: i.section for i in bulletin.items}
        placed: set[int] = set()
        for name, part in sections:
            for item_id in part:
                if item_id not in placed and current[item_id] != name:
                    item = store.items.get(item_id)
                    store.items.update(
                        replace(item, section=name), now=_now(), editor=editor, note=phrases.FILED()
                    )
                placed.add(item_id)
        return _save_order(store, store.bulletins.get(bulletin_id), ids)


def publish(store: Store, bulletin_id: int) -> Bulletin:
    """Freeze the bulletin and mark its items published.

    Refused (ConflictError) for a published issue and for items that are not approved
    (or lost their approval since they were added) — items already published, re-used on
    purpose from an imported issue, stay as they are; refused (CompileError) for an empty
    bulletin and items without a title, a body or a contributor (供稿 line), named.
    """
    with store.transaction():
        bulletin = store.bulletins.get(bulletin_id)
        bulletin_next_state(bulletin_id, bulletin.state, BulletinStep.PUBLISH)
        unapproved = [
            i.id
            for i in bulletin.items
            if i.state is not ItemState.PUBLISHED and (i.state, Action.PUBLISH) not in TRANSITIONS
        ]
        if unapproved:
            raise ConflictError(phrases.ITEMS_UNAPPROVED(ids=unapproved))
        check_publishable(bulletin)
        now = _now()
        store.items.set_state(
            [i.id for i in bulletin.items if i.id is not None], ItemState.PUBLISHED, now=now
        )
        store.bulletins.mark_published(bulletin_id, now=now)
        return store.bulletins.get(bulletin_id)


def correct(store: Store, bulletin_id: int) -> Bulletin:
    """A new open revision of a published bulletin, with copies of its items to edit."""
    with store.transaction():
        old = store.bulletins.get(bulletin_id)
        state = bulletin_next_state(bulletin_id, old.state, BulletinStep.CORRECT)
        now = _now()
        copies = store.items.add_many(
            [replace(i, id=None, state=CORRECTION_ITEM_STATE, version=1) for i in old.items],
            now=now,
            editor=None,
        )
        every = [b for b, _ in store.bulletins.all()]
        revision = replace(
            old,
            id=None,
            items=copies,
            state=state,
            revision=next_revision(old, every),
            supersedes_id=old.id,
            published_at=None,
        )
        return store.bulletins.create(revision, now=now)


def file_under(
    store: Store, bulletin_id: int, item_id: int, section: str, *, editor: str | None = None
) -> Bulletin:
    """Move one item of the bulletin to another of its sections; it goes last there."""
    with store.transaction():
        bulletin = _composable(store, bulletin_id)
        _has_section(bulletin, section)
        if item_id not in {i.id for i in bulletin.items}:
            raise NotFoundError(f"item {item_id} is not in bulletin {bulletin_id}")
        item = store.items.get(item_id)
        if item.section != section:
            store.items.update(
                replace(item, section=section), now=_now(), editor=editor, note=phrases.FILED()
            )
        rest = [i.id for i in bulletin.items if i.id != item_id and i.id is not None]
        return _save_order(store, store.bulletins.get(bulletin_id), [*rest, item_id])
