"""Quality gate: extraction F1 on the 181-page article-extraction benchmark never regresses.

The floor is the measured mean F1 minus 0.01; kuaibao must also stay at or above bare
``trafilatura.extract`` scored the same way. Re-measure with
``python benchmarks/extraction_quality.py`` before moving the floor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.extract.benchmark import (
    BenchmarkPage,
    RunResult,
    kuaibao_text,
    load_pages,
    run_extractor,
    trafilatura_text,
)

BENCH_DIR = (
    Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "article-extraction-benchmark"
)
# Measured 0.9710 (P 0.9693, R 0.9789) with trafilatura 2.3.1; bare trafilatura: 0.9444.
F1_FLOOR = 0.9610
EXPECTED_PAGES = 181


@pytest.fixture(scope="module")
def pages() -> list[BenchmarkPage]:
    """The benchmark pages, or a skip saying where they were looked for."""
    if not (BENCH_DIR / "ground-truth.json").is_file():
        pytest.skip(f"article-extraction benchmark not found at {BENCH_DIR}")
    return load_pages(BENCH_DIR)


@pytest.fixture(scope="module")
def ours(pages: list[BenchmarkPage]) -> RunResult:
    return run_extractor(pages, kuaibao_text)


@pytest.fixture(scope="module")
def theirs(pages: list[BenchmarkPage]) -> RunResult:
    return run_extractor(pages, trafilatura_text)


@pytest.mark.timeout(120)
def test_every_page_is_scored(pages: list[BenchmarkPage], ours: RunResult) -> None:
    assert len(pages) == EXPECTED_PAGES
    assert len(ours.per_page) == EXPECTED_PAGES


@pytest.mark.timeout(120)
def test_f1_stays_above_the_pinned_floor(ours: RunResult) -> None:
    assert ours.mean.f1 >= F1_FLOOR, f"mean F1 {ours.mean.f1:.4f} fell below {F1_FLOOR}"


@pytest.mark.timeout(120)
def test_f1_at_least_bare_trafilatura(ours: RunResult, theirs: RunResult) -> None:
    assert ours.mean.f1 >= theirs.mean.f1, (
        f"kuaibao F1 {ours.mean.f1:.4f} < trafilatura F1 {theirs.mean.f1:.4f}"
    )
