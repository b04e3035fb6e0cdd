"""Extraction quality and speed: kuaibao's extract_html against bare trafilatura.extract.

Usage: ``python benchmarks/extraction_quality.py [--json] [--repeat N]`` (N defaults to 3)

Reads the article-extraction benchmark (181 news pages with reference text) from
``../shared/bench/article-extraction-benchmark`` beside the repository, scores both
extractors with bag-of-tokens precision/recall/F1 per page, and prints the means side by
side with throughput and the kuaibao/trafilatura ratios.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kuaibao.extract.benchmark import (
    BenchmarkPage,
    RunResult,
    kuaibao_text,
    load_pages,
    run_extractor,
    trafilatura_text,
)

BENCH_DIR = (
    Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "article-extraction-benchmark"
)


def main(argv: list[str] | None = None) -> int:
    """Run both extractors, print the comparison, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per extractor; the fastest counts"
    )
    args = parser.parse_args(argv)
    if not (BENCH_DIR / "ground-truth.json").is_file():
        print(
            f"benchmark data not found at {BENCH_DIR}; put the shared folder beside the repo",
            file=sys.stderr,
        )
        return 2
    pages = load_pages(BENCH_DIR)
    ours, theirs = _best_of(pages, args.repeat)
    if args.json:
        print(json.dumps(_report(ours, theirs), indent=2))
    else:
        _print_table(ours, theirs)
    return 0


def _best_of(pages: list[BenchmarkPage], repeat: int) -> tuple[RunResult, RunResult]:
    """Alternate the extractors ``repeat`` times and keep each one's fastest run."""
    run_extractor(pages[:3], kuaibao_text)  # warm imports and caches for both
    run_extractor(pages[:3], trafilatura_text)
    ours = run_extractor(pages, kuaibao_text)
    theirs = run_extractor(pages, trafilatura_text)
    for _ in range(repeat - 1):
        mine = run_extractor(pages, kuaibao_text)
        bare = run_extractor(pages, trafilatura_text)
        ours = mine if mine.seconds < ours.seconds else ours
        theirs = bare if bare.seconds < theirs.seconds else theirs
    return ours, theirs


def _side(result: RunResult) -> dict[str, float]:
    """One extractor's figures, rounded for display."""
    return {
        "precision": round(result.mean.precision, 4),
        "recall": round(result.mean.recall, 4),
        "f1": round(result.mean.f1, 4),
        "pages_per_second": round(result.pages_per_second, 1),
    }


def _report(ours: RunResult, theirs: RunResult) -> dict[str, object]:
    """The figures as one dictionary (also the ``--json`` output)."""
    return {
        "pages": ours.pages,
        "kuaibao": _side(ours),
        "trafilatura": _side(theirs),
        "f1_ratio": round(ours.mean.f1 / theirs.mean.f1, 4),
        "throughput_ratio": round(ours.pages_per_second / theirs.pages_per_second, 3),
    }


def _print_table(ours: RunResult, theirs: RunResult) -> None:
    """Print the comparison for people."""
    mine, bare = _side(ours), _side(theirs)
    report = _report(ours, theirs)
    print(f"article-extraction benchmark, {ours.pages} pages")
    print(f"{'':>18} {'kuaibao':>10} {'trafilatura':>12}")
    for key in ("precision", "recall", "f1", "pages_per_second"):
        print(f"{key:>18} {mine[key]:>10} {bare[key]:>12}")
    print(f"F1 ratio (kuaibao / trafilatura):         {report['f1_ratio']}")
    print(f"throughput ratio (kuaibao / trafilatura): {report['throughput_ratio']}")


if __name__ == "__main__":
    sys.exit(main())
