"""Extraction quality and speed: kuaibao's extract_html against bare trafilatura.extract.

Run: ``python -m benchmarks.extraction_quality [--corpus DIR ...] [--unit auto|token|char]
[--repeat N] [--quick] [--json]`` (or ``python -m benchmarks extraction_quality`` for the
default corpora).

A corpus is any folder in the shared layout (``ground-truth.json`` plus
``html/<id>.html.gz``, see ``kuaibao.extract.benchmark``). Without ``--corpus`` the two
shared benchmarks beside the repository are read (181 English news pages, 39 Chinese
pages), plus every corpus that ``python -m benchmarks.extraction_corpora`` put in the
cache. Each page is scored by whitespace token, or by character where its reference is
in a script without spaces (``--unit`` forces one). For every corpus both extractors
run in turn, ``--repeat`` times (the fastest run of each counts), and the report gives
precision, recall and F1 over all pages and over each half of the hash split (tuning /
held-out), the pages where kuaibao keeps almost nothing of an article trafilatura gets
("teaser pages"), and pages per second. Targets per corpus: F1 at least trafilatura's,
no teaser page, and at least trafilatura's speed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from benchmarks.extraction_corpora import cached_corpora
from benchmarks.measure import Report, at_least, emit, equal, log
from kuaibao.extract.benchmark import (
    BenchmarkPage,
    CorpusError,
    RunResult,
    kuaibao_text,
    load_pages,
    run_extractor,
    teaser_pages,
    trafilatura_text,
)
from kuaibao.extract.scoring import Score

SHARED_BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
DEFAULT_CORPORA = (
    SHARED_BENCH / "article-extraction-benchmark",
    SHARED_BENCH / "chinese-extraction-benchmark",
)
HEADERS = [
    "corpus",
    "part",
    "pages",
    "kuaibao P",
    "kuaibao R",
    "kuaibao F1",
    "trafilatura P",
    "trafilatura R",
    "trafilatura F1",
]
PARTS = ("all", "tuning", "held-out")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction_quality", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        help="a corpus folder in the shared layout (repeatable; default: the shared ones "
        "and the cached ones)",
    )
    parser.add_argument(
        "--unit",
        choices=["auto", "token", "char"],
        default="auto",
        help="score by whitespace token or by character; auto decides per page by script",
    )
    parser.add_argument("--repeat", type=int, default=None, help="timed runs per extractor")
    parser.add_argument("--quick", action="store_true", help="one timed run per extractor")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if args.repeat is None:
        args.repeat = 1 if args.quick else 3
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def collect(argv: list[str] | None = None) -> Report:
    """Score and time both extractors on every corpus; one set of targets per corpus."""
    args = parse_args(argv)
    folders, notes = _corpus_folders(args.corpus)
    report = Report("extraction_quality", HEADERS, [], notes=notes)
    for folder in folders:
        log(f"  extraction_quality: {folder.name} ...")
        pages = load_pages(folder, args.unit)
        if not pages:
            raise CorpusError(f"{folder} holds no pages")
        ours, theirs = best_of(pages, args.repeat)
        _add_corpus(report, folder.name, pages, ours, theirs)
    return report


def _corpus_folders(given: list[Path] | None) -> tuple[list[Path], list[str]]:
    """The folders to read, and notes on default ones that are missing."""
    if given:
        return given, []
    notes = []
    folders = []
    for folder in DEFAULT_CORPORA:
        if (folder / "ground-truth.json").is_file():
            folders.append(folder)
        else:
            notes.append(f"{folder} not found (put the shared folder beside the repo)")
    cached = cached_corpora()
    if not cached:
        notes.append("no cached corpus: `python -m benchmarks.extraction_corpora` adds one")
    folders.extend(cached)
    if not folders:
        raise CorpusError("no corpus found; pass --corpus DIR")
    return folders, notes


def best_of(pages: list[BenchmarkPage], repeat: int) -> tuple[RunResult, RunResult]:
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


def _add_corpus(
    report: Report, name: str, pages: list[BenchmarkPage], ours: RunResult, theirs: RunResult
) -> None:
    """One corpus's rows, figures, notes and targets."""
    figures: dict[str, Any] = {"pages": len(pages), "char_scored": _char_pages(pages)}
    for part in PARTS:
        ids = [page.id for page in pages if part in ("all", page.half)]
        mine, bare = ours.mean_of(ids), theirs.mean_of(ids)
        if mine is None or bare is None:
            continue
        report.rows.append([name, part, str(len(ids)), *_cells(mine), *_cells(bare)])
        figures[part] = {"kuaibao": _figures(mine), "trafilatura": _figures(bare)}
    teasers = teaser_pages(ours, theirs)
    figures["teaser_pages"] = teasers
    figures["kuaibao_pages_per_second"] = round(ours.pages_per_second, 1)
    figures["trafilatura_pages_per_second"] = round(theirs.pages_per_second, 1)
    report.figures[name] = figures
    report.notes.append(
        f"{name}: {len(pages)} pages ({figures['char_scored']} scored by character); "
        f"kuaibao {ours.pages_per_second:.1f} pages/s, "
        f"trafilatura {theirs.pages_per_second:.1f} pages/s"
        + (f"; teaser pages: {', '.join(teasers)}" if teasers else "")
    )
    report.targets.extend(
        [
            at_least(f"{name}: kuaibao F1 / trafilatura F1", ours.mean.f1 / theirs.mean.f1, 1.0),
            equal(f"{name}: teaser pages (kuaibao F1 < 0.1, trafilatura > 0.5)", len(teasers), 0),
            at_least(
                f"{name}: kuaibao pages/s / trafilatura pages/s",
                ours.pages_per_second / theirs.pages_per_second,
                1.0,
            ),
        ]
    )


def _char_pages(pages: list[BenchmarkPage]) -> int:
    return sum(1 for page in pages if page.unit == "char")


def _cells(score: Score) -> list[str]:
    return [f"{score.precision:.4f}", f"{score.recall:.4f}", f"{score.f1:.4f}"]


def _figures(score: Score) -> dict[str, float]:
    return {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    try:
        report = collect(argv)
    except CorpusError as exc:
        print(f"extraction_quality: {exc}", file=sys.stderr)
        return 2
    return emit(report, args.json)


if __name__ == "__main__":
    sys.exit(main())
