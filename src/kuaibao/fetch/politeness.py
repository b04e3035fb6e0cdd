"""How fast and how wide the crawler may hit each host, and the crawl as a whole.

Three limits apply to every request: a global cap on requests in flight, a per-host cap
on requests in flight, and per-host *spacing* — consecutive requests to one host start at
least ``1 / per_host_rate`` seconds apart, or the robots.txt ``Crawl-delay`` if longer.
A host can also be *paused* (``Retry-After``, overload answers): its requests wait, other
hosts carry on.

The timing rules live in :class:`HostSchedule`, a plain object driven by an explicit
clock, so they are tested without sleeping or a network. :class:`Politeness` is the thin
asyncio layer: it waits for a host's turn *before* taking a global slot, so a slow or
paused host never sits on slots other hosts could use.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass


@dataclass
class HostSchedule:
    """When the next request to one host may start."""

    min_interval: float
    crawl_delay: float = 0.0
    last_start: float | None = None
    paused_until: float = 0.0

    @property
    def interval(self) -> float:
        """The spacing in force: the configured rate or the site's crawl-delay, if longer."""
        return max(self.min_interval, self.crawl_delay)

    def wait_time(self, now: float) -> float:
        """Seconds until a request may start (0 when it may start now)."""
        ready = self.paused_until
        if self.last_start is not None:
            ready = max(ready, self.last_start + self.interval)
        return max(0.0, ready - now)

    def mark_start(self, now: float) -> None:
        """Record that a request starts now; the next one is spaced from this moment."""
        self.last_start = now

    def pause(self, now: float, seconds: float) -> None:
        """Hold every request to this host for ``seconds`` (never shortens a longer pause)."""
        self.paused_until = max(self.paused_until, now + max(0.0, seconds))


class Politeness:
    """Grants request slots: global and per-host concurrency, spacing and pauses."""

    def __init__(
        self,
        *,
        max_concurrency: int,
        per_host_concurrency: int,
        per_host_rate: float,
        max_delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._global = asyncio.Semaphore(max_concurrency)
        self._per_host = per_host_concurrency
        self._min_interval = 1.0 / per_host_rate
        self._max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._schedules: dict[str, HostSchedule] = {}
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    def schedule(self, host: str) -> HostSchedule:
        """The timing state of a host, created on first use."""
        if host not in self._schedules:
            self._schedules[host] = HostSchedule(self._min_interval)
            self._host_slots[host] = asyncio.Semaphore(self._per_host)
        return self._schedules[host]

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        """Apply a robots.txt Crawl-delay, capped so one site cannot stall a worker forever."""
        self.schedule(host).crawl_delay = min(max(seconds or 0.0, 0.0), self._max_delay)

    def pause_host(self, host: str, seconds: float) -> float:
        """Pause a host (e.g. for Retry-After), capped; returns the pause actually applied."""
        applied = min(max(seconds, 0.0), self._max_delay)
        self.schedule(host).pause(self._clock(), applied)
        return applied

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a host slot and a global slot for the duration of one request."""
        schedule = self.schedule(host)
        async with self._host_slots[host]:
            while True:
                wait = schedule.wait_time(self._clock())
                if wait > 0:
                    await self._sleep(wait)
                    continue
                async with self._global:
                    # Another request to this host may have started, or a pause begun,
                    # while we waited for the global slot: then wait our turn again.
                    if schedule.wait_time(self._clock()) > 0:
                        continue
                    schedule.mark_start(self._clock())
                    yield
                    return
