"""Archive search latency: bulk indexing and query times on SQLite and PostgreSQL.

A generated archive (half items, half documents; Chinese and English texts of 300–800
characters from the word lists in ``search_corpus.py``, with a skewed word frequency like
real text) is indexed with ``Store.search.index_many`` into a fresh SQLite file and into a
fresh PostgreSQL schema, then the same few hundred queries (Chinese words, English
words, two-word queries, quoted phrases, a third of them with a filter) run on both.
Each query's time covers parsing, SQL and snippets. Target: p95 below 50 ms.

Run: ``python -m benchmarks search_latency [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.databases import postgres_schema, postgres_unavailable
from benchmarks.measure import Report, Target, below, emit, log
from benchmarks.search_corpus import Corpus, make_corpus

TARGET_P95_MS = 50.0
HEADERS = ["backend", "entries", "index s", "entries/s", "queries", "p50 ms", "p95 ms",
           "max ms", "mean hits"]  # fmt: skip


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(url: str, corpus: Corpus) -> dict[str, Any]:
    """Index the corpus into a fresh store, then time every query (after a warm-up)."""
    from kuaibao.store import Store

    store = Store(url)
    try:
        started = time.perf_counter()
        written = store.search.index_many(docs=corpus.docs, items=corpus.items)
        index_seconds = time.perf_counter() - started
        if store.backend == "postgresql":
            with store.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE search_entries, search_texts, search_terms")
        for text, filters in corpus.queries[:20]:
            store.search.search(text, **filters)
        times, hits, results = [], [], []
        for text, filters in corpus.queries:
            started = time.perf_counter()
            found = store.search.search(text, **filters)
            times.append((time.perf_counter() - started) * 1000)
            hits.append(len(found))
            results.append([(h.kind, h.id) for h in found])
        return {
            "entries": store.search.count(),
            "written": written,
            "index_seconds": index_seconds,
            "entries_per_second": written / index_seconds,
            "queries": len(times),
            "p50_ms": statistics.median(times),
            "p95_ms": _percentile(times, 0.95),
            "max_ms": max(times),
            "mean_hits": statistics.mean(hits),
            "empty_results": hits.count(0),
            "results": results,
            "slowest": sorted(zip(times, corpus.queries, strict=True), key=lambda t: -t[0])[:5],
        }
    finally:
        store.close()


def _row(name: str, f: dict[str, Any]) -> list[str]:
    return [
        name, str(f["entries"]), f"{f['index_seconds']:.1f}", f"{f['entries_per_second']:.0f}",
        str(f["queries"]), f"{f['p50_ms']:.1f}", f"{f['p95_ms']:.1f}", f"{f['max_ms']:.1f}",
        f"{f['mean_hits']:.1f}",
    ]  # fmt: skip


def _agreement(a: dict[str, Any], b: dict[str, Any]) -> tuple[float, float]:
    """Share of queries with the same hit set, and with the same hits in the same order."""
    pairs = list(zip(a["results"], b["results"], strict=True))
    same_set = sum(sorted(x) == sorted(y) for x, y in pairs) / len(pairs)
    same_order = sum(x == y for x, y in pairs) / len(pairs)
    return same_set, same_order


def build_report(figures: dict[str, dict[str, Any]], pg_skip: str | None, corpus: Corpus) -> Report:
    rows = [_row(name, f) for name, f in figures.items()]
    targets: list[Target] = []
    notes = [
        f"{len(corpus.items):,} items + {len(corpus.docs):,} documents; "
        f"{len(corpus.queries)} queries, each timed with parsing, SQL and snippets",
    ]
    for name in ("sqlite", "postgresql"):
        f = figures.get(name)
        note = pg_skip if name == "postgresql" and pg_skip else ""
        targets.append(below(f"{name} search p95 ms", f["p95_ms"] if f else None,
                             TARGET_P95_MS, note))  # fmt: skip
        if f:
            slow = "; ".join(f"{ms:.0f} ms {q!r} {kw or ''}" for ms, (q, kw) in f["slowest"][:3])
            notes.append(f"{name} slowest: {slow}")
            notes.append(f"{name}: {f['empty_results']} queries found nothing")
    if len(figures) == 2:
        same_set, same_order = _agreement(figures["sqlite"], figures["postgresql"])
        notes.append(f"backends agree on the hit set for {same_set:.0%} of queries, "
                     f"on hits and order for {same_order:.0%}")  # fmt: skip
    clean = {k: {m: v for m, v in f.items() if m not in ("results", "slowest")}
             for k, f in figures.items()}  # fmt: skip
    return Report("search_latency", HEADERS, rows, targets, notes, clean)


def collect(argv: list[str] | None = None) -> Report:
    """Generate the archive, index and query it on each backend, build the report."""
    args = parse_args(argv)
    log(f"  generating {args.entries:,} entries and {args.queries} queries ...")
    corpus = make_corpus(args.entries, args.queries)
    figures: dict[str, dict[str, Any]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="kuaibao-bench-search-"))
    try:
        log("  sqlite ...")
        figures["sqlite"] = measure(f"sqlite:///{workdir / 'search.db'}", corpus)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    pg_skip = None if args.skip_postgres is False else "--no-postgres given"
    pg_skip = pg_skip or postgres_unavailable()
    if pg_skip is None:
        log("  postgresql ...")
        with postgres_schema() as url:
            figures["postgresql"] = measure(url, corpus)
    else:
        log(f"  postgresql skipped: {pg_skip}")
    return build_report(figures, pg_skip, corpus)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks search_latency", description=__doc__
    )
    parser.add_argument("--quick", action="store_true", help="10,000 entries, not 100,000")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--entries", type=int, default=None, help="archive size")
    parser.add_argument("--queries", type=int, default=320, help="queries per backend")
    parser.add_argument("--no-postgres", dest="skip_postgres", action="store_true",
                        help="measure SQLite only")  # fmt: skip
    args = parser.parse_args(argv)
    if args.entries is None:
        args.entries = 10_000 if args.quick else 100_000
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    return emit(collect(argv), args.json)


if __name__ == "__main__":
    sys.exit(main())
