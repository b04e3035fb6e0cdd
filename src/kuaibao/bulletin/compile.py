"""Compiling bulletins: numbering, adding and ordering items, publishing, corrections.

Rules kept here, not in the CLI or web app: numbers run per series and year (第N期) and
across years (总第N期); items are shown grouped by the bulletin's section order; a
published bulletin and its items never change again — a correction is a new revision
that copies them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from kuaibao import phrases
from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.issue import issue_key
from kuaibao.bulletin.render.layout import contributor_names
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from kuaibao.errors import ConflictError, KuaibaoError
from kuaibao.store import Store


class CompileError(KuaibaoError):
    """A bulletin operation that does not make sense (say why and what to do instead)."""


def _now() -> datetime:
    return datetime.now(UTC)


def section_sorted(items: list[Item], sections: list[str]) -> list[Item]:
    """Stable sort by the bulletin's section order; unknown sections go last, in order seen."""
    order = {name: i for i, name in enumerate(sections)}
    extra: dict[str | None, int] = {}
    for item in items:
        if item.section not in order and item.section not in extra:
            extra[item.section] = len(order) + len(extra)

    def key(item: Item) -> int:
        return order[item.section] if item.section in order else extra[item.section]

    return sorted(items, key=key)


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
) -> Bulletin:
    """Append items (optionally filing them under ``section``) and keep section order.

    Only approved items go in, as in the web composer: review is the gate between a draft
    and a bulletin. ``approved_only=False`` lets the command line re-use items in other
    states (imported ones, say) on purpose.
    """
    bulletin = store.bulletins.get(bulletin_id)
    if bulletin.state is not BulletinState.OPEN:
        raise CompileError(f"bulletin {bulletin_id} is published; open a correction first")
    present = {i.id for i in bulletin.items}
    new = [i for i in store.items.get_many(item_ids) if i.id not in present]
    refused = [i for i in new if i.state is not ItemState.APPROVED]
    if approved_only and refused:
        listed = ", ".join(f"{i.id} ({i.state.value})" for i in refused)
        raise ConflictError(f"only approved items can go into a bulletin; not approved: {listed}")
    for item in new:
        if section and item.section != section:
            store.items.update(replace(item, section=section), now=_now(), note=phrases.FILED())
            item.section = section
        if item.section is None:
            raise CompileError(
                f"item {item.id} has no section; pass --section to file it "
                f"(sections: {', '.join(bulletin.sections)})"
            )
    ordered = section_sorted([*bulletin.items, *new], bulletin.ordered_sections())
    store.bulletins.set_items(bulletin_id, [i.id for i in ordered if i.id is not None])
    return store.bulletins.get(bulletin_id)


def remove_items(store: Store, bulletin_id: int, item_ids: list[int]) -> Bulletin:
    bulletin = store.bulletins.get(bulletin_id)
    keep = [i.id for i in bulletin.items if i.id not in set(item_ids) and i.id is not None]
    store.bulletins.set_items(bulletin_id, keep)
    return store.bulletins.get(bulletin_id)


def order_items(store: Store, bulletin_id: int, item_ids: list[int]) -> Bulletin:
    """Reorder: the given ids come first in the given order, the rest keep theirs.

    Items stay grouped by section, so moving an item changes its place within its section.
    """
    bulletin = store.bulletins.get(bulletin_id)
    by_id = {i.id: i for i in bulletin.items}
    unknown = [i for i in item_ids if i not in by_id]
    if unknown:
        raise CompileError(
            f"items {unknown} are not in bulletin {bulletin_id}; `kuaibao bulletin show "
            f"{bulletin_id}` lists its items"
        )
    first = [by_id[i] for i in dict.fromkeys(item_ids)]
    rest = [i for i in bulletin.items if i.id not in set(item_ids)]
    ordered = section_sorted([*first, *rest], bulletin.ordered_sections())
    store.bulletins.set_items(bulletin_id, [i.id for i in ordered if i.id is not None])
    return store.bulletins.get(bulletin_id)


def publish(store: Store, bulletin_id: int) -> Bulletin:
    """Freeze the bulletin and mark its items published; refuses an empty bulletin, and
    items without a title, a body or a contributor (供稿 line), naming them."""
    bulletin = store.bulletins.get(bulletin_id)
    if bulletin.state is BulletinState.PUBLISHED:
        raise ConflictError(phrases.BULLETIN_PUBLISHED_ALREADY(id=bulletin_id))
    if not bulletin.items:
        raise CompileError(phrases.BULLETIN_EMPTY(id=bulletin_id))
    empty = [i.id for i in bulletin.items if not i.title.strip() or not any(bulletin_body(i))]
    if empty:
        raise CompileError(phrases.ITEMS_UNFINISHED(ids=empty))
    unsigned = [i for i in bulletin.items if not contributor_names(i)]
    if unsigned:
        named = "; ".join(f"item {i.id} 「{i.title.strip()[:40]}」" for i in unsigned)
        raise CompileError(phrases.ITEMS_UNSIGNED(items=named))
    now = _now()
    store.items.set_state(
        [i.id for i in bulletin.items if i.id is not None], ItemState.PUBLISHED, now=now
    )
    store.bulletins.mark_published(bulletin_id, now=now)
    return store.bulletins.get(bulletin_id)


def bulletin_body(item: Item) -> list[str]:
    return [p for p in item.body if p.strip()]


def correct(store: Store, bulletin_id: int) -> Bulletin:
    """A new open revision of a published bulletin, with copies of its items to edit."""
    old = store.bulletins.get(bulletin_id)
    if old.state is not BulletinState.PUBLISHED:
        raise CompileError(f"bulletin {bulletin_id} is still open; edit it directly")
    now = _now()
    copies = store.items.add_many(
        [replace(i, id=None, state=ItemState.APPROVED, version=1) for i in old.items],
        now=now,
        editor=None,
    )
    revision = replace(
        old,
        id=None,
        items=copies,
        state=BulletinState.OPEN,
        revision=old.revision + 1,
        supersedes_id=old.id,
        published_at=None,
    )
    every = [b for b, _ in store.bulletins.all()]
    issue = issue_key(old, every)
    latest = max((b.revision for b in every if issue_key(b, every) == issue), default=old.revision)
    revision.revision = latest + 1
    return store.bulletins.create(revision, now=now)
