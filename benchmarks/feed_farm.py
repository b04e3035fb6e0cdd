"""Ingest benchmark: 1,000 feeds x 20 full-text items on loopback, kuaibao vs newsboat.

A farm of RSS sites (``benchmarks.farm_server``, its own process) serves the feeds. Both
crawlers poll every feed twice with the same concurrency: cold (empty store, every feed
is new) and warm (conditional GET, every feed answers 304). Each run is a child process
whose wall time and own peak RSS are measured.

Run: ``python -m benchmarks feed_farm [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.farm_client import HEADERS, CrawlRun, Farm, running_farm
from benchmarks.farm_server import site_port
from benchmarks.measure import (
    MB,
    Report,
    Target,
    at_least,
    below,
    clean_env,
    emit,
    equal,
    last_lines,
    log,
    run_child,
)
from benchmarks.newsboat_peer import newsboat_crawl

CONCURRENCY = 16


def registry_yaml(farm: Farm) -> str:
    """A kuaibao source registry with one RSS source per farm feed."""
    entries = []
    for index, url in enumerate(farm.urls()):
        port = site_port(farm.ports, index, farm.feeds_per_site)
        entries.append(
            {
                "name": f"Farm feed {index:04d}",
                "homepage": f"http://127.0.0.1:{port}/",
                "kind": "rss",
                "feed_url": url,
                "allow_private": True,
                "fetch_articles": False,
                "poll_interval": 5,
            }
        )
    return yaml.safe_dump({"sources": entries}, sort_keys=False)


def kuaibao_command() -> list[str]:
    """The installed ``kuaibao`` script next to this interpreter, or the module."""
    script = Path(sys.executable).with_name("kuaibao")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from kuaibao.cli import main; main()"]


def kuaibao_env(
    per_host_rate: float = 100.0, per_host_concurrency: int | None = None
) -> dict[str, str]:
    """Same concurrency as newsboat; politeness generous enough for a loopback farm."""
    extra = {
        "KUAIBAO_FETCH_MAX_CONCURRENCY": str(CONCURRENCY),
        "KUAIBAO_FETCH_PER_HOST_RATE": f"{per_host_rate:g}",
    }
    if per_host_concurrency is not None:
        extra["KUAIBAO_FETCH_PER_HOST_CONCURRENCY"] = str(per_host_concurrency)
    return clean_env(extra)


def count_documents(data_dir: Path) -> int:
    """Documents in the kuaibao store, read through kuaibao's own repository."""
    from kuaibao.store import Store

    store = Store(f"sqlite:///{data_dir / 'kuaibao.db'}", migrate=False)
    try:
        return store.documents.count()
    finally:
        store.close()


def kuaibao_import(data_dir: Path, farm: Farm, timeout: float) -> None:
    """Register every farm feed as a source (not timed: setup, not crawling)."""
    registry = data_dir.parent / "farm-sources.yaml"
    registry.write_text(registry_yaml(farm), encoding="utf-8")
    init = run_child(
        [*kuaibao_command(), "--data-dir", str(data_dir), "init", "--json"],
        env=kuaibao_env(),
        timeout=timeout,
    )
    if init.returncode != 0:
        raise RuntimeError(f"kuaibao init failed: {last_lines(init.stderr or init.stdout)}")
    cmd = [*kuaibao_command(), "--data-dir", str(data_dir), "sources", "import", str(registry)]
    run = run_child([*cmd, "--json"], env=kuaibao_env(), timeout=timeout)
    if run.returncode != 0:
        raise RuntimeError(f"kuaibao sources import failed: {last_lines(run.stderr or run.stdout)}")
    result = json.loads(run.stdout)
    if result["added"] != farm.feeds or result["errors"]:
        raise RuntimeError(f"kuaibao sources import added {result['added']}: {result['errors']}")


def kuaibao_crawl(
    label: str, data_dir: Path, farm: Farm, timeout: float, env: dict[str, str]
) -> CrawlRun:
    """One timed ``kuaibao crawl --all --json`` over the farm."""
    farm.reset_stats()
    cmd = [*kuaibao_command(), "--data-dir", str(data_dir), "crawl", "--all", "--json"]
    run = run_child(cmd, env=env, timeout=timeout)
    served = farm.stats()
    figures = CrawlRun.from_child(label, run, farm.feeds, served)
    if run.returncode == 0:
        summary: dict[str, Any] = json.loads(run.stdout)
        figures.documents = int(summary["stored"])
        figures.failed_feeds = int(summary["failed_sources"])
        errors = {s["error"] for s in summary["per_source"] if s.get("error")}
        if errors:
            figures.problem = f"{len(errors)} distinct errors, e.g. {sorted(errors)[0]}"
    figures.total_documents = count_documents(data_dir)
    return figures


def _speed_ratio(kuaibao: CrawlRun, newsboat: CrawlRun | None) -> Target:
    name = "kuaibao cold feeds/s / newsboat cold feeds/s"
    if newsboat is None:
        return at_least(name, None, 1.0, "newsboat not installed: apt-get install newsboat")
    return at_least(name, kuaibao.feeds_per_second / newsboat.feeds_per_second, 1.0)


def build_report(
    runs: list[CrawlRun], expected_docs: int, newsboat_cold: CrawlRun | None
) -> Report:
    """The table, the targets and the correctness checks of one farm benchmark."""
    cold, warm = runs[0], runs[1]
    peak_mb = max(cold.peak_rss_bytes, warm.peak_rss_bytes) / MB
    targets = [
        _speed_ratio(cold, newsboat_cold),
        at_least("kuaibao cold seconds / warm seconds", cold.seconds / warm.seconds, 3.0),
        below("kuaibao peak RSS MB", peak_mb, 500.0),
        equal("kuaibao documents after cold run", cold.total_documents, expected_docs),
        equal("kuaibao documents after warm run", warm.total_documents, expected_docs),
        equal("kuaibao warm run: feeds answered 304", warm.served.get("feed_304", 0), cold.feeds),
    ]
    notes = [f"{r.label}: {r.problem}" for r in runs if r.problem]
    if newsboat_cold is not None and newsboat_cold.total_documents != expected_docs:
        notes.append(f"newsboat holds {newsboat_cold.total_documents} items, not {expected_docs}")
    figures = {r.label: r.figures() for r in runs}
    return Report("feed_farm", HEADERS, [r.row() for r in runs], targets, notes, figures)


def _logged(run: CrawlRun) -> CrawlRun:
    log(f"  {run.label}: {run.seconds:.1f} s, {run.documents} new documents")
    return run


def newsboat_runs(workdir: Path, farm: Farm, timeout: float) -> list[CrawlRun]:
    """Cold, re-poll (newsboat saves no validators on a new cache's first pass), warm."""
    if not shutil.which("newsboat"):
        return []
    workdir.mkdir()
    return [
        _logged(
            newsboat_crawl(
                f"newsboat {phase}", workdir, farm, timeout=timeout, concurrency=CONCURRENCY
            )
        )
        for phase in ("cold", "re-poll", "warm")
    ]


def run_benchmark(args: argparse.Namespace) -> Report:
    """Start the farm, crawl it cold and warm with each crawler, and build the report."""
    workdir = Path(tempfile.mkdtemp(prefix="kuaibao-bench-farm-"))
    try:
        lifetime = 6 * args.timeout  # a bound on the whole benchmark: five runs and setup
        with running_farm(args.feeds, args.items, args.feeds_per_site, lifetime) as farm:
            data_dir = workdir / "kuaibao-data"
            kuaibao_import(data_dir, farm, args.timeout)
            env = kuaibao_env(args.per_host_rate, args.per_host_concurrency)
            runs = [
                _logged(kuaibao_crawl(f"kuaibao {phase}", data_dir, farm, args.timeout, env))
                for phase in ("cold", "warm")
            ]
            peer = newsboat_runs(workdir / "newsboat", farm, args.timeout)
        report = build_report([*runs, *peer], args.feeds * args.items, peer[0] if peer else None)
        report.notes.insert(0, describe_setup(args))
        return report
    finally:
        if args.keep:
            log(f"kept the work directory {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def describe_setup(args: argparse.Namespace) -> str:
    sites = -(-args.feeds // args.feeds_per_site)
    return (
        f"{args.feeds} feeds x {args.items} items on {sites} loopback ports, "
        f"concurrency {CONCURRENCY} for both crawlers, kuaibao per-host rate "
        f"{args.per_host_rate:g}/s"
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks feed_farm", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 feeds instead of 1,000")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--feeds", type=int, default=None, help="number of feeds")
    parser.add_argument("--items", type=int, default=20, help="items per feed")
    parser.add_argument("--feeds-per-site", type=int, default=1, help="feeds sharing one port")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per crawl run")
    parser.add_argument(
        "--per-host-rate", type=float, default=100.0, help="kuaibao requests/s per host"
    )
    parser.add_argument(
        "--per-host-concurrency", type=int, default=None, help="kuaibao requests in flight per host"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary work directory")
    args = parser.parse_args(argv)
    if args.feeds is None:
        args.feeds = 100 if args.quick else 1000
    return args


def collect(argv: list[str] | None = None) -> Report:
    """Run the benchmark with these command-line options and return its report."""
    args = parse_args(argv)
    started = time.perf_counter()
    report = run_benchmark(args)
    report.figures["benchmark_seconds"] = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print it; 1 when a target is missed."""
    return emit(collect(argv), parse_args(argv).json)


if __name__ == "__main__":
    sys.exit(main())
