"""The fact check of an item against its documents: what the review gate looks at.

Pure: the text a draft is checked against, the printed part of an item, and the check
itself. Submitting and approving (the store side) is ``kuaibao.workflow.items``.
"""

from __future__ import annotations

from collections.abc import Sequence

from kuaibao.domain import Document, Item
from kuaibao.facts import CheckResult, Gazetteer, check_draft


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
