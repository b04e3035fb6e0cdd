"""The benchmark's side of the farm: start the server process, list its feeds, read stats.

Also holds :class:`CrawlRun`, the figures of one timed crawl pass, shared by the kuaibao
and newsboat runs.
"""

from __future__ import annotations

import json
import select
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from benchmarks.farm_server import RESET_PATH, STATS_PATH, feed_url, site_port
from benchmarks.measure import MB, ChildRun, clean_env, last_lines

REPO_ROOT = Path(__file__).resolve().parent.parent
FARM_START_TIMEOUT = 120.0


@dataclass
class CrawlRun:
    """One timed pass of one crawler over the whole farm."""

    label: str
    seconds: float
    cpu_seconds: float
    feeds: int
    peak_rss_bytes: int
    served: dict[str, int]
    documents: int = 0
    total_documents: int = 0
    failed_feeds: int = 0
    problem: str | None = None

    @classmethod
    def from_child(cls, label: str, run: ChildRun, feeds: int, served: dict[str, int]) -> CrawlRun:
        """The timing half of the figures; the crawler-specific counts are filled later."""
        problem = None
        if run.returncode != 0:
            problem = f"exit {run.returncode}: {last_lines(run.stderr or run.stdout)}"
        return cls(
            label, run.seconds, run.cpu_seconds, feeds, run.peak_rss_bytes, served, problem=problem
        )

    @property
    def feeds_per_second(self) -> float:
        return self.feeds / self.seconds if self.seconds else 0.0

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    def row(self) -> list[str]:
        served = f"{self.served.get('feed_200', 0)}/{self.served.get('feed_304', 0)}"
        return [
            self.label,
            f"{self.seconds:.2f}",
            f"{self.cpu_seconds:.2f}",
            f"{self.feeds_per_second:.1f}",
            f"{self.documents_per_second:.0f}",
            f"{self.peak_rss_bytes / MB:.0f}",
            str(self.documents),
            str(self.total_documents),
            served,
            str(self.failed_feeds),
        ]

    def figures(self) -> dict[str, Any]:
        """The machine-readable form, for --json."""
        return {
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "feeds_per_second": self.feeds_per_second,
            "documents_per_second": self.documents_per_second,
            "peak_rss_mb": self.peak_rss_bytes / MB,
            "new_documents": self.documents,
            "documents_in_store": self.total_documents,
            "served": self.served,
            "failed_feeds": self.failed_feeds,
            "problem": self.problem,
        }


HEADERS = [
    "run",
    "wall s",
    "CPU s",
    "feeds/s",
    "docs/s",
    "peak RSS MB",
    "new docs",
    "docs in store",
    "farm 200/304",
    "failed feeds",
]


class Farm:
    """The farm server child process and the URLs of its feeds."""

    def __init__(self, feeds: int, items: int, feeds_per_site: int, lifetime: float) -> None:
        self.feeds, self.items, self.feeds_per_site = feeds, items, feeds_per_site
        self.lifetime = lifetime
        self.ports: list[int] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._http = httpx.Client(trust_env=False, timeout=10.0)

    def start(self) -> None:
        """Spawn the farm and wait (with a deadline) for its ready line."""
        cmd = [sys.executable, "-m", "benchmarks.farm_server", "--feeds", str(self.feeds)]
        cmd += ["--items", str(self.items), "--feeds-per-site", str(self.feeds_per_site)]
        cmd += ["--lifetime", str(self.lifetime)]
        self._proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=REPO_ROOT, env=clean_env()
        )
        assert self._proc.stdout is not None
        ready, _, _ = select.select([self._proc.stdout], [], [], FARM_START_TIMEOUT)
        line = self._proc.stdout.readline() if ready else b""
        if not line:
            self.stop()
            raise RuntimeError("the farm server did not start; run benchmarks.farm_server alone")
        self.ports = list(json.loads(line)["ports"])

    def stop(self) -> None:
        """Close the farm's stdin (its signal to stop), then make sure it is gone."""
        self._http.close()
        if self._proc is None:
            return
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def urls(self) -> list[str]:
        return [
            feed_url(site_port(self.ports, k, self.feeds_per_site), k) for k in range(self.feeds)
        ]

    def _control(self, path: str) -> httpx.Response:
        response = self._http.get(f"http://127.0.0.1:{self.ports[0]}{path}")
        response.raise_for_status()
        return response

    def reset_stats(self) -> None:
        self._control(RESET_PATH)

    def stats(self) -> dict[str, int]:
        return {str(k): int(v) for k, v in self._control(STATS_PATH).json().items()}


@contextmanager
def running_farm(
    feeds: int, items: int, feeds_per_site: int, lifetime: float = 3600.0
) -> Iterator[Farm]:
    """A started farm, always stopped on the way out."""
    farm = Farm(feeds, items, feeds_per_site, lifetime)
    farm.start()
    try:
        yield farm
    finally:
        farm.stop()
