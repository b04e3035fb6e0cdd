"""Per-host spacing, concurrency and pauses: pure timing first, then a real server."""

from __future__ import annotations

import asyncio
import time

import pytest

from kuaibao.fetch import Fetcher, FetchResult
from kuaibao.fetch.politeness import HostSchedule, Politeness
from tests.fetch.fetching import fast_settings, gaps
from tests.support.server import LocalServer, Reply


def test_schedule_spaces_requests_by_interval() -> None:
    schedule = HostSchedule(min_interval=0.5)
    assert schedule.wait_time(10.0) == 0.0
    schedule.mark_start(10.0)
    assert schedule.wait_time(10.1) == pytest.approx(0.4)
    assert schedule.wait_time(10.6) == 0.0


def test_crawl_delay_only_lengthens_the_interval() -> None:
    schedule = HostSchedule(min_interval=0.5, crawl_delay=2.0)
    assert schedule.interval == 2.0
    schedule.crawl_delay = 0.1
    assert schedule.interval == 0.5


def test_pause_holds_requests_and_never_shrinks() -> None:
    schedule = HostSchedule(min_interval=0.1)
    schedule.pause(now=5.0, seconds=3.0)
    schedule.pause(now=5.0, seconds=1.0)
    assert schedule.wait_time(6.0) == 2.0
    assert schedule.wait_time(8.0) == 0.0


def test_slots_are_spaced_per_host_but_not_across_hosts() -> None:
    starts: dict[str, list[float]] = {"a": [], "b": []}
    politeness = Politeness(
        max_concurrency=10, per_host_concurrency=10, per_host_rate=20.0, max_delay=60
    )

    async def request(host: str) -> None:
        async with politeness.slot(host):
            starts[host].append(time.monotonic())

    async def main() -> float:
        began = time.monotonic()
        await asyncio.gather(*(request(h) for h in ["a", "a", "a", "b", "b"]))
        return began

    began = asyncio.run(main())
    assert min(gaps(starts["a"])) >= 0.049
    assert min(gaps(starts["b"])) >= 0.049
    assert min(starts["b"]) - began < 0.03  # host b did not queue behind host a


def test_pause_host_is_capped_and_delays_only_that_host() -> None:
    politeness = Politeness(
        max_concurrency=10, per_host_concurrency=1, per_host_rate=100.0, max_delay=0.2
    )
    started: dict[str, float] = {}

    async def request(host: str) -> None:
        async with politeness.slot(host):
            started[host] = time.monotonic()

    async def main() -> tuple[float, float]:
        applied = politeness.pause_host("a", 3600)
        began = time.monotonic()
        await asyncio.gather(request("a"), request("b"))
        return applied, began

    applied, began = asyncio.run(main())
    assert applied == 0.2
    assert started["b"] - began < 0.05
    assert 0.19 <= started["a"] - began < 1.0


def test_global_and_per_host_concurrency_are_bounded() -> None:
    active: dict[str, int] = {"all": 0}
    peaks: dict[str, int] = {"all": 0}

    async def request(host: str, politeness: Politeness) -> None:
        async with politeness.slot(host):
            active["all"] += 1
            active[host] = active.get(host, 0) + 1
            peaks["all"] = max(peaks["all"], active["all"])
            peaks[host] = max(peaks.get(host, 0), active[host])
            await asyncio.sleep(0.01)
            active["all"] -= 1
            active[host] -= 1

    async def main() -> None:
        politeness = Politeness(
            max_concurrency=3, per_host_concurrency=2, per_host_rate=1e6, max_delay=1
        )
        hosts = ["a"] * 6 + ["b"] * 6 + ["c"] * 6
        await asyncio.gather(*(request(h, politeness) for h in hosts))

    asyncio.run(main())
    assert peaks["all"] == 3
    assert max(peaks[h] for h in "abc") == 2


def fetch_all(server: LocalServer, paths: list[str], **settings: object) -> list[FetchResult]:
    async def main() -> list[FetchResult]:
        async with Fetcher(fast_settings(**settings)) as fetcher:
            tasks = [
                fetcher.fetch(server.url(p), allow_private=True, check_robots=False) for p in paths
            ]
            return list(await asyncio.gather(*tasks))

    return asyncio.run(main())


def test_per_host_rate_measured_at_the_server(server: LocalServer) -> None:
    paths = [f"/item/{i}" for i in range(4)]
    for path in paths:
        server.route(path, Reply(body="ok"))
    fetch_all(server, paths, per_host_rate=5.0, per_host_concurrency=4)
    arrivals = [server.hits(p)[0].at for p in paths]
    assert min(gaps(arrivals)) >= 0.18  # 5 requests/s → 0.2 s apart, minus clock jitter


def test_per_host_concurrency_serialises_a_slow_host(server: LocalServer) -> None:
    paths = [f"/slow/{i}" for i in range(3)]
    for path in paths:
        server.route(path, Reply(body="ok", delay=0.15))
    fetch_all(server, paths, per_host_concurrency=1)
    one_at_a_time = [server.hits(p)[0].at for p in paths]
    server.requests.clear()
    fetch_all(server, paths, per_host_concurrency=3)
    together = [server.hits(p)[0].at for p in paths]
    assert min(gaps(one_at_a_time)) >= 0.14  # each waited for the previous response
    assert max(gaps(together)) < 0.1  # the control: without the limit they overlap
