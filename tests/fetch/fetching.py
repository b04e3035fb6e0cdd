"""Helpers for the fetcher tests: fast settings, a log recorder, waiting on conditions."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from typing import Any

from kuaibao.config import FetchSettings
from kuaibao.domain import FetchLogEntry


def fast_settings(**overrides: Any) -> FetchSettings:
    """Settings with tiny back-offs and timeouts so failure paths run in milliseconds."""
    base: dict[str, Any] = {
        "backoff_base": 0.01,
        "backoff_max": 0.05,
        "per_host_rate": 1000.0,
        "per_host_concurrency": 4,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "total_timeout": 5.0,
        "retries": 2,
        "max_retry_after": 2.0,
    }
    return FetchSettings(**{**base, **overrides})


class LogRecorder:
    """Collects every FetchLogEntry the fetcher reports."""

    def __init__(self) -> None:
        self.entries: list[FetchLogEntry] = []

    def __call__(self, entry: FetchLogEntry) -> None:
        self.entries.append(entry)

    def for_path(self, path: str) -> list[FetchLogEntry]:
        return [e for e in self.entries if e.url.split("//", 1)[-1].partition("/")[2] == path[1:]]


async def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Poll a condition until it holds; fail the test if it does not within ``timeout``."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met before the deadline")
        await asyncio.sleep(0.005)


def gaps(times: list[float]) -> list[float]:
    """Differences between consecutive sorted timestamps."""
    ordered = sorted(times)
    return [b - a for a, b in itertools.pairwise(ordered)]
