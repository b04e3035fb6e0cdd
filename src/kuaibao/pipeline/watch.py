"""``kuaibao watch``: poll each source on its own interval until told to stop.

Each pass runs the declared stages :data:`WATCH_STAGES` (crawl, then index) through
``pipeline.stages``, on one context kept for the whole watch (its process pool and
catalogs outlive a pass).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from kuaibao.pipeline.context import Context
from kuaibao.pipeline.crawl import ProgressHook
from kuaibao.pipeline.stages import StageReport, run_pipeline_async
from kuaibao.store import Store

MIN_SLEEP = 1.0
MAX_SLEEP = 300.0
WATCH_STAGES = ("crawl", "index")


def seconds_until_next_due(store: Store, now: datetime) -> float:
    """How long until the next enabled source is due (bounded, so new sources are seen)."""
    waits = []
    for source in store.sources.all(enabled_only=True):
        last = source.health.last_attempt
        if last is None:
            return 0.0
        due = last + timedelta(minutes=source.poll_interval_minutes)
        waits.append((due - now).total_seconds())
    if not waits:
        return MAX_SLEEP
    return max(0.0, min(MAX_SLEEP, min(waits)))


async def watch(
    ctx: Context,
    *,
    on_pass: Callable[[list[StageReport]], None] | None = None,
    progress: ProgressHook | None = None,
    stop: asyncio.Event | None = None,
    max_passes: int | None = None,
) -> int:
    """Loop: crawl and index due sources, sleep until the next is due; returns the passes.

    SIGINT and SIGTERM set the stop event: the pass under way is cancelled (every
    document it stored is already committed) and the loop ends.
    """
    store = ctx.store
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not available outside the main thread or on Windows: then Ctrl-C just raises.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    passes = 0
    try:
        while not stop.is_set() and (max_passes is None or passes < max_passes):
            due = store.sources.due(datetime.now(UTC))
            if due:
                crawl = {"source_ids": [s.id for s in due], "progress": progress}
                crawl_task = asyncio.ensure_future(
                    run_pipeline_async(ctx, WATCH_STAGES, params={"crawl": crawl})
                )
                stop_task = asyncio.ensure_future(stop.wait())
                done, _ = await asyncio.wait(
                    {crawl_task, stop_task}, return_when=asyncio.FIRST_COMPLETED
                )
                stop_task.cancel()
                if crawl_task not in done:
                    crawl_task.cancel()
                    await asyncio.gather(crawl_task, return_exceptions=True)
                    break
                passes += 1
                if on_pass:
                    on_pass(crawl_task.result())
            wait = max(MIN_SLEEP, seconds_until_next_due(store, datetime.now(UTC)))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=wait)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
    return passes
