"""Login throttling: after too many failures for one user name from one address, wait.

A sliding window per (name, client address): ``max_failures`` failed logins within
``window`` seconds block further attempts (even correct ones) until the oldest failure
leaves the window. Kept in memory: a restart forgives, which is acceptable for a small
team's server and keeps the login path free of database writes.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

MAX_KEYS = 10_000  # forget the oldest keys beyond this, so random names cannot fill memory


class LoginThrottle:
    """Counts failed logins per key; thread-safe (sync routes run in a thread pool)."""

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(name: str, address: str) -> tuple[str, str]:
        return (name.strip().casefold(), address)

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def retry_after(self, key: tuple[str, str]) -> int:
        """Seconds until another attempt is allowed; 0 when one is allowed now."""
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            if len(times) < self.max_failures:
                return 0
            return max(1, math.ceil(times[-self.max_failures] + self.window - now))

    def failed(self, key: tuple[str, str]) -> None:
        """Record a failed attempt."""
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            if len(self._failures) > MAX_KEYS:
                oldest = min(self._failures, key=lambda k: self._failures[k][-1])
                del self._failures[oldest]

    def succeeded(self, key: tuple[str, str]) -> None:
        """A correct login clears the key's failures."""
        with self._lock:
            self._failures.pop(key, None)
