"""Documents from many concurrent polls, stored together in a few large transactions.

A commit costs about as much as inserting twenty documents, and a crawl of a thousand
full-content feeds would otherwise commit a thousand times. Polls hand their documents
to one :class:`DocumentBatcher` and await the outcome; it stores what has gathered once
``max_docs`` are waiting or ``max_wait`` seconds have passed, whichever comes first.
A poll learns its documents are stored only after the commit, so it saves its feed's
validators (and a killed crawl re-reads the feed) exactly as with one commit per poll.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from kuaibao.domain import Document

StoreMany = Callable[[Sequence[Document]], list[tuple[Document, bool]]]

MAX_DOCS = 200
MAX_WAIT_SECONDS = 0.05


class DocumentBatcher:
    """Gathers documents from polls running on one event loop into shared batches."""

    def __init__(
        self, store_many: StoreMany, *, max_docs: int = MAX_DOCS, max_wait: float = MAX_WAIT_SECONDS
    ) -> None:
        self._store_many = store_many
        self._max_docs = max_docs
        self._max_wait = max_wait
        self._waiting: list[tuple[list[Document], asyncio.Future[list[tuple[Document, bool]]]]] = []
        self._size = 0
        self._timer: asyncio.TimerHandle | None = None

    async def add(self, docs: Sequence[Document]) -> list[tuple[Document, bool]]:
        """(document, created) for each of ``docs``, in order, once they are committed."""
        if not docs:
            return []
        loop = asyncio.get_running_loop()
        future: asyncio.Future[list[tuple[Document, bool]]] = loop.create_future()
        self._waiting.append((list(docs), future))
        self._size += len(docs)
        if self._size >= self._max_docs:
            self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self._max_wait, self.flush)
        return await future

    def flush(self) -> None:
        """Store everything waiting in one batch and wake the polls that handed it in."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        waiting, self._waiting, self._size = self._waiting, [], 0
        if not waiting:
            return
        try:
            results = self._store_many([doc for docs, _ in waiting for doc in docs])
        except Exception as exc:  # every poll in the batch learns of the failure
            for _, future in waiting:
                if not future.done():
                    future.set_exception(exc)
            return
        start = 0
        for docs, future in waiting:
            if not future.done():
                future.set_result(results[start : start + len(docs)])
            start += len(docs)
