"""The pipeline's one process pool, and the crawl's CPU-bound steps that run in it.

A crawl's event loop fetches and its store writes in the main process, but parsing a
feed and turning full-content entries into documents are pure functions of bytes and
entries: worker processes do them on the other cores while the loop keeps fetching.
Clustering hands the same pool its documents' parts (``kuaibao.dedup.workers``). Small
crawls, and machines without an idle core, run the same functions inline; a pool that
cannot start or breaks (a worker killed) is given up and the work goes on inline.

There is one :class:`CpuPool` per :class:`~kuaibao.pipeline.context.Context`: the stages
share its workers (started on first use) instead of each starting and stopping its own.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from types import TracebackType
from typing import Any, TypeVar

from kuaibao.domain import Document, FeedEntry, Rejected
from kuaibao.errors import ExtractionError
from kuaibao.extract.feedcontent import document_from_entry

# Below this many feeds to parse, starting workers costs more than it saves.
MIN_FEEDS_FOR_WORKERS = 16
MAX_WORKERS = 2
START_TIMEOUT_SECONDS = 30.0

_T = TypeVar("_T")


def feed_documents(
    entries: list[FeedEntry], source_id: int | None, fetched_at: datetime
) -> list[Document | Rejected | None]:
    """A document per entry from its full content; None where the content is only a teaser.

    Content that breaks the builder in any other way is that entry's rejection, never
    the whole feed's failure: the other entries of the batch are still stored.
    """
    docs: list[Document | Rejected | None] = []
    for entry in entries:
        try:
            docs.append(document_from_entry(entry, source_id=source_id, fetched_at=fetched_at))
        except ExtractionError:
            docs.append(None)
        except Exception as exc:  # hostile content; kept to this one entry
            detail = f"building the document from the feed's content failed: {exc!r}"
            docs.append(Rejected(url=entry.url, reason="extract_failed", detail=detail[:2000]))
    return docs


def default_workers(feeds: int, *, cores: int | None = None, load: float | None = None) -> int:
    """Worker processes for a crawl parsing ``feeds`` feeds: about one per idle core.

    Handing work to another process costs about a third of doing it (pickling, waking
    threads). It pays while the machine has room beside the event loop's core: a worker
    needs less than half a core to keep up with the loop. On a machine already busy
    (``load``: the one-minute load average) the extra work would only slow the loop,
    so the crawl does everything inline.
    """
    if feeds < MIN_FEEDS_FOR_WORKERS:
        return 0
    cores = cores or _usable_cores()
    if load is None:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    idle_besides_the_loop = cores - 1 - load
    if idle_besides_the_loop < 0:
        return 0
    wanted = max(1, math.floor(idle_besides_the_loop + 0.5))
    return min(MAX_WORKERS, cores - 1, wanted)


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool_workers(*, cores: int | None = None) -> int:
    """The size of a context's pool: the idle cores beside the caller's, at most a few.

    Whether a given piece of work goes to the pool is each stage's choice (the crawl
    asks :func:`default_workers`, clustering its batch size); the pool only bounds it.
    """
    cores = cores or _usable_cores()
    return max(0, min(MAX_WORKERS, cores - 1))


class CpuPool(Executor):
    """Runs picklable functions in worker processes, or inline when there are none.

    It is a :class:`concurrent.futures.Executor`, so code below the pipeline (the story
    index) can take it without knowing where it came from.
    """

    def __init__(self, workers: int) -> None:
        """Workers start on the first :meth:`run`: a crawl with nothing new starts none."""
        self._workers = workers
        self.size = workers
        self._executor: Executor | None = None

    @property
    def parallel(self) -> bool:
        """Whether work goes to other processes."""
        return self._executor is not None or self._workers > 0

    def _started(self) -> Executor | None:
        if self._executor is None and self._workers > 0:
            self._executor = _started_executor(self._workers)
            self._workers = 0
        return self._executor

    def submit(self, fn: Callable[..., _T], /, *args: Any, **kwargs: Any) -> Future[_T]:
        """``fn(*args)`` in a worker; inline (a future already done) when there is none."""
        executor = self._started()
        if executor is not None:
            try:
                return executor.submit(fn, *args, **kwargs)
            except BrokenProcessPool:
                self.close()
        done: Future[_T] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            done.set_exception(exc)
        return done

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """As :meth:`close` (the ``Executor`` name)."""
        self.close()

    async def run(self, function: Callable[..., _T], *args: Any) -> _T:
        """``function(*args)`` in a worker (awaiting it), or inline without one."""
        if self._started() is None:
            return function(*args)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._executor, function, *args)
        except BrokenProcessPool:
            self.close()
            return function(*args)

    def close(self) -> None:
        """Stop the workers (waiting for them); from now on work runs inline."""
        self._workers = 0
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> CpuPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _started_executor(workers: int) -> Executor | None:
    """A pool whose workers all run already (so none is forked once threads exist).

    None when they cannot start (no processes left, a main module a fresh worker cannot
    import): the crawl then does the work inline.
    """
    executor = ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_start_worker
    )
    try:
        executor.submit(os.getpid).result(timeout=START_TIMEOUT_SECONDS)
    except (BrokenProcessPool, OSError, TimeoutError):
        executor.shutdown(wait=False, cancel_futures=True)
        return None
    return executor


def _context() -> multiprocessing.context.BaseContext:
    """fork is cheapest, and safe on Linux from a single-threaded process; else fresh ones."""
    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _start_worker() -> None:
    """Leave Ctrl-C to the crawl (it stops its workers), and die with it if it is killed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()


def _exit_with(parent_sentinel: int) -> None:
    """Block until the crawl process is gone, then end this worker at once."""
    multiprocessing.connection.wait([parent_sentinel])
    os._exit(1)
