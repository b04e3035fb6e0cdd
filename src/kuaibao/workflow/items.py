"""Items in the store: add drafts, edit, submit, approve (the fact check is the gate), redraft.

Every state change of an item goes through here and asks ``workflow.transitions`` first,
so the command line, the web pages, the JSON API and the jobs follow one table: an editor
cannot approve a draft nobody submitted from any of them, and published text never
changes. An item written from crawled documents can be approved only when every number,
sum, date, percentage and organisation in its Chinese text is found in those documents;
an editor may override a failing check, but must say why, and the reason goes into the
item's history next to the findings it overrode. Imported items (no documents) have
nothing to check against and pass with a note saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from kuaibao import phrases
from kuaibao.domain import Document, Item
from kuaibao.draft.review import check_item
from kuaibao.errors import ConflictError, ReviewError
from kuaibao.facts import CheckResult, Gazetteer
from kuaibao.store import Store
from kuaibao.workflow.transitions import Action, next_state


def _documents(store: Store, item: Item) -> list[Document]:
    return store.documents.get_many(item.document_ids) if item.document_ids else []


def _seen(item: Item, version: int | None) -> Item:
    """The item as the person saw it: a later save by someone else is then a conflict."""
    return item if version is None else replace(item, version=version)


def add_drafts(store: Store, drafts: Sequence[Item], *, now: datetime, editor: str) -> list[Item]:
    """Store new draft items (all or none) — items drafted from single documents, say."""
    with store.transaction():
        return store.items.add_many(drafts, now=now, editor=editor)


def submit(
    store: Store,
    item_id: int,
    *,
    now: datetime,
    editor: str | None = None,
    version: int | None = None,
) -> Item:
    """Send a draft for review (the check runs at approval, so a draft may still be wrong).

    ``version``, when given, is the version the analyst saw: an item changed since is a
    conflict rather than submitting text they have not read.
    """
    with store.transaction():
        item = store.items.get(item_id)
        if version is not None and item.version != version:
            raise ConflictError(
                phrases.CHANGED_MEANWHILE(id=item_id, current=item.version, seen=version)
            )
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
    reason); a draft nobody submitted is refused (ReviewError, saying to submit it first).

    ``version``, when given, is the version the approver looked at: approving an item
    someone has changed since raises ``ConflictError`` instead of approving unseen text.
    """
    item = _seen(store.items.get(item_id), version)
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
    # The check ran outside the transaction (it is slow); the version rule refuses the
    # save if the text changed meanwhile, so what was checked is what gets approved.
    saved = store.items.update(replace(item, state=state), now=now, editor=editor, note=note)
    return saved, result


def edit(
    store: Store,
    item_id: int,
    version: int,
    change: Callable[[Item], Item | None],
    *,
    now: datetime,
    editor: str | None,
    note: str | None = None,
) -> tuple[Item, bool]:
    """Save ``change`` (the item as edited, or None when nothing changed) made on
    ``version``; (item, False) when nothing changed.

    ReviewError for a published item (frozen); ConflictError when someone saved since. An
    approved item that changes goes back to review, since its approval was for other
    text. ``note`` says how the text changed (an accepted rewrite); plain edits say
    "edited".
    """
    with store.transaction():
        item = store.items.get(item_id)
        after = next_state(item_id, item.state, Action.EDIT)
        edited = change(item)
        if edited is None:
            return item, False
        said = (
            phrases.EDITED_AFTER_APPROVAL()
            if after is not item.state
            else (note or phrases.EDITED())
        )
        saved = store.items.update(
            replace(edited, id=item_id, version=version, state=after),
            now=now,
            editor=editor,
            note=said,
        )
        return saved, True


def redraft_state(item: Item) -> None:
    """Refuse (ReviewError) before any writing when the item may not be redrafted."""
    next_state(item.id, item.state, Action.REDRAFT)


def save_redraft(
    store: Store,
    item_id: int,
    fresh: Item,
    *,
    version: int,
    now: datetime,
    editor: str,
    note: str,
) -> Item:
    """Save a writer's new text over an item seen at ``version``: title, body, sources,
    original title, event date and notes from ``fresh``; domain, section and contributors
    stay the analyst's. The item goes back to draft (nobody reviewed the new text), and
    its document links follow the new text — all in one transaction."""
    with store.transaction():
        item = store.items.get(item_id)
        after = next_state(item_id, item.state, Action.REDRAFT)
        saved = store.items.update(
            replace(
                item,
                version=version,
                title=fresh.title,
                body=fresh.body,
                source_urls=fresh.source_urls,
                original_title=fresh.original_title,
                event_date=fresh.event_date,
                state=after,
                notes=fresh.notes,
            ),
            now=now,
            editor=editor,
            note=note,
        )
        if sorted(set(fresh.document_ids)) != sorted(set(item.document_ids)):
            store.items.link_documents(item_id, fresh.document_ids)
            saved = replace(saved, document_ids=list(dict.fromkeys(fresh.document_ids)))
        return saved
