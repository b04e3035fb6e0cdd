"""Compiling bulletins, the pure rules: section order, what may be published, revisions.

Numbers run per series and year (第N期) and across years (总第N期); items are shown
grouped by the bulletin's section order; a published bulletin and its items never change
again — a correction is a new revision. The store side (opening, adding, publishing,
correcting) is ``kuaibao.workflow.bulletins``, which applies these rules.
"""

from __future__ import annotations

from kuaibao import phrases
from kuaibao.bulletin.render.layout import contributor_names
from kuaibao.domain import Bulletin, Item
from kuaibao.errors import KuaibaoError
from kuaibao.issue import issue_key


class CompileError(KuaibaoError):
    """A bulletin operation that does not make sense (say why and what to do instead)."""


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


def bulletin_body(item: Item) -> list[str]:
    return [p for p in item.body if p.strip()]


def check_publishable(bulletin: Bulletin) -> None:
    """Refuse an empty bulletin, and items without a title, a body or a contributor
    (供稿 line), naming them (CompileError)."""
    if not bulletin.items:
        raise CompileError(phrases.BULLETIN_EMPTY(id=bulletin.id))
    empty = [i.id for i in bulletin.items if not i.title.strip() or not any(bulletin_body(i))]
    if empty:
        raise CompileError(phrases.ITEMS_UNFINISHED(ids=empty))
    unsigned = [i for i in bulletin.items if not contributor_names(i)]
    if unsigned:
        named = "; ".join(f"item {i.id} 「{i.title.strip()[:40]}」" for i in unsigned)
        raise CompileError(phrases.ITEMS_UNSIGNED(items=named))


def next_revision(old: Bulletin, every: list[Bulletin]) -> int:
    """The revision number a correction of ``old`` gets: one past the newest of its issue."""
    issue = issue_key(old, every)
    latest = max((b.revision for b in every if issue_key(b, every) == issue), default=old.revision)
    return latest + 1
