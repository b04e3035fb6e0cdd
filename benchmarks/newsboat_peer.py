"""The peer: newsboat (a C++ feed reader) polling the same farm with the same concurrency.

newsboat runs with ``-x reload`` (no UI), a private HOME and a fresh cache file. Its
first pass over a new cache stores no ETag/Last-Modified (the feed row is written after
the validators are saved), so a conditional "warm" pass needs two earlier passes.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.farm_client import CrawlRun, Farm
from benchmarks.measure import clean_env, run_child


def newsboat_items(cache: Path) -> tuple[int, int]:
    """(items, feeds that have items) in a newsboat cache file."""
    if not cache.exists():
        return 0, 0
    with sqlite3.connect(cache) as db:
        row = db.execute("SELECT COUNT(*), COUNT(DISTINCT feedurl) FROM rss_item").fetchone()
    items, feeds = row
    return int(items), int(feeds)


def newsboat_setup(workdir: Path, farm: Farm, concurrency: int) -> tuple[list[str], dict[str, str]]:
    """The urls file, config and private HOME of a fresh newsboat; its command and env."""
    home = workdir / "home"
    for sub in (".config", ".local/share", ".cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    urls = workdir / "urls"
    urls.write_text("\n".join(farm.urls()) + "\n", encoding="utf-8")
    config = workdir / "config"
    config.write_text(f"reload-threads {concurrency}\ndownload-timeout 120\n", encoding="utf-8")
    cmd = ["newsboat", "-x", "reload", "-u", str(urls), "-c", str(workdir / "cache.db")]
    env = clean_env(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_DATA_HOME": str(home / ".local/share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
        }
    )
    return [*cmd, "-C", str(config)], env


def newsboat_crawl(
    label: str, workdir: Path, farm: Farm, *, timeout: float, concurrency: int
) -> CrawlRun:
    """One timed ``newsboat -x reload`` over the farm; the cache persists between calls."""
    cmd, env = newsboat_setup(workdir, farm, concurrency)
    cache = workdir / "cache.db"
    before, _ = newsboat_items(cache)
    farm.reset_stats()
    run = run_child(cmd, env=env, timeout=timeout)
    served = farm.stats()
    after, with_items = newsboat_items(cache)
    figures = CrawlRun.from_child(label, run, farm.feeds, served)
    figures.documents, figures.total_documents = after - before, after
    figures.failed_feeds = farm.feeds - with_items
    return figures
