"""Keeping the search index in step with the store.

Documents are indexed in catch-up batches after a crawl pass (and before a search), not
one by one inside the crawl: the crawl's hot path stays lean, and a crawl killed before it
indexed anything is caught up by the next pass. Items are indexed as they are saved
(see ``Store``), since analysts expect to find what they just edited.
"""

from __future__ import annotations

from kuaibao.store import Store

BATCH = 500


def index_new_documents(store: Store, *, limit: int | None = None) -> int:
    """Index every stored document the index lacks; returns how many were added."""
    done = 0
    while limit is None or done < limit:
        ids = store.search.unindexed_document_ids(BATCH)
        if not ids:
            break
        docs = store.documents.get_many(ids)
        store.search.index_many(docs=docs)
        done += len(docs)
        if len(ids) < BATCH:
            break
    return done
