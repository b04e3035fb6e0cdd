"""Review: submitting an item and approving it, with the fact check as the gate.

An item written from crawled documents can be approved only when every number, sum,
date, percentage and organisation in its Chinese text is found in those documents. An
editor may override a failing check, but must say why; the reason goes into the item's
history next to the findings it overrode. Imported items (no documents) have nothing to
check against and pass with a note saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from kuaibao import phrases
from kuaibao.bulletin.workflow import Action, next_state
from kuaibao.domain import Document, Item
from kuaibao.errors import ReviewError
from kuaibao.facts import CheckResult, Gazetteer, check_draft
from kuaibao.store import Store


def source_text(docs: Sequence[Document]) -> str:
    """The text a draft is checked against: every source's title and body."""
    return "\n\n".join(f"{d.title}\n{d.text}" for d in docs)


def draft_text(item: Item) -> str:
    """The printed part of an item (title and body); notes are not checked."""
    return "\n".join([item.title, *item.body])


def lead_first(item: Item, docs: Sequence[Document]) -> list[Document]:
    """The documents in the order the item cites them (its first URL is the lead report)."""
    order = {url: n for n, url in enumerate(item.source_urls)}
    far = len(order)
    return sorted(docs, key=lambda d: min(order.get(d.canonical_url, far), order.get(d.url, far)))


def check_item(
    item: Item, docs: Sequence[Document], *, gazetteer: Gazetteer | None = None
) -> CheckResult | None:
    """The fact check of an item against its documents; None when it has none.

    The lead report's publication date is the one a draft may state as "…消息", so it is
    the reference date, as it was for the writer.
    """
    if not docs:
        return None
    docs = lead_first(item, docs)
    published = next((d.published_at.date() for d in docs if d.published_at), None)
    text = draft_text(item)
    return check_draft(source_text(docs), text, published=published, gazetteer=gazetteer)


def _documents(store: Store, item: Item) -> list[Document]:
    return store.documents.get_many(item.document_ids) if item.document_ids else []


def submit(store: Store, item_id: int, *, now: datetime, editor: str | None = None) -> Item:
    """Send a draft for review (the check runs at approval, so a draft may still be wrong)."""
    item = store.items.get(item_id)
    state = next_state(item_id, item.state, Action.SUBMIT)
    return store.items.update(
        replace(item, state=state), now=now, editor=editor, note=phrases.SUBMITTED()
    )


def approve(
    store: Store,
    item_id: int,
    *,
    now: datetime,
    editor: str | None = None,
    gazetteer: Gazetteer | None = None,
    override: str | None = None,
    version: int | None = None,
) -> tuple[Item, CheckResult | None]:
    """Approve a submitted item if its fact check passes (or an editor overrides it with a
    reason); a draft nobody submitted is refused (``bulletin.workflow``).

    ``version``, when given, is the version the approver looked at: approving an item
    someone has changed since raises ``ConflictError`` instead of approving unseen text.
    """
    item = store.items.get(item_id)
    if version is not None:
        item = replace(item, version=version)
    state = next_state(item_id, item.state, Action.APPROVE)
    result = check_item(item, _documents(store, item), gazetteer=gazetteer)
    if result is None:
        note = phrases.APPROVED_UNCHECKED()
    elif result.ok:
        note = phrases.APPROVED()
    elif override and override.strip():
        found = "、".join(u.text for u in result.unsupported)
        note = phrases.APPROVED_OVERRIDE(facts=found, reason=override.strip())
    else:
        raise ReviewError(
            phrases.CANNOT_APPROVE(id=item_id, count=len(result.unsupported)),
            unsupported=[u.as_dict() for u in result.unsupported],
        )
    saved = store.items.update(replace(item, state=state), now=now, editor=editor, note=note)
    return saved, result
