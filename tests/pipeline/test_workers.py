"""The crawl's worker pool: same answers as inline, and a broken pool never stops a crawl."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from kuaibao.domain import FeedEntry
from kuaibao.pipeline.workers import (
    MIN_FEEDS_FOR_WORKERS,
    CpuPool,
    default_workers,
    feed_documents,
)
from tests.support.cli import wait_for

NOW = datetime(2026, 11, 20, tzinfo=UTC)
BODY = "".join(f"<p>Paragraph {i} on the new accelerator's cooling budget.</p>" for i in range(6))


def _where(value: int) -> tuple[int, int]:
    return value * 2, os.getpid()


def _die_in_a_worker(value: int) -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed mid-task, as the OOM killer would
    return value * 2


def test_inline_pool_runs_in_this_process() -> None:
    with CpuPool(0) as pool:
        assert not pool.parallel
        assert asyncio.run(pool.run(_where, 21)) == (42, os.getpid())


def test_workers_run_elsewhere_and_give_the_same_answer() -> None:
    with CpuPool(2) as pool:
        assert pool.parallel
        doubled, pid = asyncio.run(pool.run(_where, 21))
    assert doubled == 42 and pid != os.getpid()
    assert not pool.parallel  # closed on leaving the block


def test_a_broken_pool_falls_back_to_inline() -> None:
    with CpuPool(1) as pool:
        assert asyncio.run(pool.run(_die_in_a_worker, 5)) == 10
        assert not pool.parallel
        assert asyncio.run(pool.run(_die_in_a_worker, 6)) == 12


def test_workers_only_for_big_crawls_and_idle_cores() -> None:
    assert default_workers(MIN_FEEDS_FOR_WORKERS - 1, cores=8, load=0.0) == 0
    assert default_workers(1000, cores=1, load=0.0) == 0  # the loop needs the only core
    assert default_workers(1000, cores=2, load=0.2) == 1
    assert default_workers(1000, cores=2, load=0.9) == 1  # part of a core is enough
    assert default_workers(1000, cores=2, load=1.8) == 0  # the other core is busy already
    assert default_workers(1000, cores=4, load=2.0) == 1
    assert default_workers(1000, cores=16, load=0.0) == 2
    assert 0 <= default_workers(1000) <= max(0, (os.cpu_count() or 1) - 1)


def test_feed_documents_marks_teasers_for_a_page_fetch() -> None:
    entries = [
        FeedEntry(url="https://ex.org/full", title="Full", content_html=BODY),
        FeedEntry(url="https://ex.org/teaser", title="Teaser", content_html="<p>More…</p>"),
    ]
    full, teaser = feed_documents(entries, 7, NOW)
    assert teaser is None
    assert full is not None and (full.source_id, full.fetched_at) == (7, NOW)
    assert full.text.count("\n") == 5 and full.language == "en"
    with CpuPool(1) as pool:
        assert asyncio.run(pool.run(feed_documents, entries, 7, NOW)) == [full, None]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_crawl() -> None:
    code = (
        "import asyncio, multiprocessing, os, time\n"
        "from kuaibao.pipeline.workers import CpuPool\n"
        "pool = CpuPool(2)\n"
        "asyncio.run(pool.run(os.getpid))\n"
        "print(*[p.pid for p in multiprocessing.active_children()], flush=True)\n"
        "time.sleep(60)\n"
    )
    crawl = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert crawl.stdout is not None
    try:
        workers = [int(pid) for pid in crawl.stdout.readline().split()]
    finally:
        crawl.send_signal(signal.SIGKILL)
        crawl.wait(timeout=10)
        crawl.stdout.close()
    assert len(workers) == 2
    try:
        wait_for(lambda: not any(_alive(pid) for pid in workers), timeout=10, what="workers gone")
    finally:
        for pid in filter(_alive, workers):  # never leave them behind, even when failing
            os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False
