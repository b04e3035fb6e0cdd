"""The few-seconds memory of menus (``web.core.recent.Recent``)."""

from __future__ import annotations

import threading

import pytest

from kuaibao.web.core.recent import Recent, RecentByKey


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_value_is_read_once_per_ttl_and_again_after_clear() -> None:
    clock, reads = Clock(), []

    def load() -> int:
        reads.append(clock.now)
        return len(reads)

    recent = Recent(load, ttl=30, clock=clock)
    assert recent.get() == 1 and recent.get() == 1
    clock.now += 29.9
    assert recent.get() == 1
    clock.now += 0.2  # past the 30 s since the read
    assert recent.get() == 2
    recent.clear()
    assert recent.get() == 3 and reads == [100.0, 130.1, 130.1]


def test_a_failed_read_is_not_kept() -> None:
    clock, answers = Clock(), iter([RuntimeError("database down"), 7])

    def load() -> int:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    recent = Recent(load, ttl=30, clock=clock)
    with pytest.raises(RuntimeError, match="database down"):
        recent.get()
    assert recent.get() == 7


def test_concurrent_readers_share_one_read() -> None:
    started, release, reads = threading.Event(), threading.Event(), []

    def load() -> str:
        reads.append(1)
        started.set()
        release.wait(5)
        return "menu"

    recent = Recent(load, ttl=30)
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(recent.get())) for _ in range(8)]
    threads[0].start()
    assert started.wait(5)
    for thread in threads[1:]:
        thread.start()
    release.set()
    for thread in threads:
        thread.join(5)
    assert results == ["menu"] * 8 and len(reads) == 1


def test_answers_by_key_expire_and_the_least_recently_used_go_first() -> None:
    clock, loads = Clock(), []

    def load(key: str) -> str:
        loads.append(key)
        return key.upper()

    kept: RecentByKey[str, str] = RecentByKey(ttl=30, size=2, clock=clock)
    assert kept.get("a", lambda: load("a")) == "A"
    assert kept.get("b", lambda: load("b")) == "B"
    assert kept.get("a", lambda: load("a")) == "A"  # kept, and now the most recent
    assert kept.get("c", lambda: load("c")) == "C"  # "b" is dropped for it
    assert len(kept) == 2
    assert kept.get("b", lambda: load("b")) == "B"
    clock.now += 31
    assert kept.get("c", lambda: load("c")) == "C"
    assert loads == ["a", "b", "c", "b", "c"]
    kept.clear()
    assert len(kept) == 0
