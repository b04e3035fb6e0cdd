"""Answers read from the store and kept for a few seconds: menus and repeated searches.

The triage filters list every source (hundreds of them); reading and sorting them for
each of 50 analysts' page views costs more than the page's own query. ``Recent`` keeps
the last answer for ``ttl`` seconds; the app's own edits call ``clear()`` so a change made
in the browser shows at once, and one made elsewhere (``kuaibao sources``) within ``ttl``.
``RecentByKey`` does the same per key (a search and its page), with a size limit.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    """``get()`` returns ``load()``'s answer, calling it again only once ``ttl`` is over."""

    def __init__(
        self,
        load: Callable[[], T],
        *,
        ttl: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._kept: tuple[float, T] | None = None

    def get(self) -> T:
        kept = self._kept
        now = self._clock()
        if kept is not None and now - kept[0] < self._ttl:
            return kept[1]
        with self._lock:  # one reader loads; the others wait for its answer
            kept = self._kept
            if kept is not None and now - kept[0] < self._ttl:
                return kept[1]
            value = self._load()
            self._kept = (self._clock(), value)
            return value

    def clear(self) -> None:
        """Forget the kept value: the next ``get()`` reads afresh."""
        with self._lock:
            self._kept = None


K = TypeVar("K", bound=Hashable)


class RecentByKey(Generic[K, T]):
    """Answers by key, each kept ``ttl`` seconds, at most ``size`` of them (least recently
    used go first). Two readers of a missing key may both load it: the loads are reads,
    so the cost is some duplicated work, never a wrong answer."""

    def __init__(
        self, *, ttl: float, size: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._size = size
        self._clock = clock
        self._kept: OrderedDict[K, tuple[float, T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, load: Callable[[], T]) -> T:
        now = self._clock()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and now - kept[0] < self._ttl:
                self._kept.move_to_end(key)
                return kept[1]
        value = load()
        with self._lock:
            self._kept[key] = (now, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)
