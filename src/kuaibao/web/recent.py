"""A value read from the store and kept for a few seconds: menus every page shows.

The triage filters list every source (hundreds of them); reading and sorting them for
each of 50 analysts' page views costs more than the page's own query. ``Recent`` keeps
the last answer for ``ttl`` seconds; the app's own edits call ``clear()`` so a change made
in the browser shows at once, and one made elsewhere (``kuaibao sources``) within ``ttl``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
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
