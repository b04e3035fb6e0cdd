"""Quality gate: extraction F1 on the shared corpora never regresses.

On the 181-page article-extraction benchmark the floor is the measured mean F1 minus
0.01; on both shared corpora kuaibao must stay at or above bare ``trafilatura.extract``
scored the same way (by token, by character for unspaced scripts), and no page may be
a "teaser page" (kuaibao F1 < 0.1 where trafilatura gets > 0.5). Re-measure with
``python -m benchmarks.extraction_quality`` before moving the floor.
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
    teaser_pages,
    trafilatura_text,
)

SHARED_BENCH = Path(__file__).resolve().parents[2].parent / "shared" / "bench"
ENGLISH = "article-extraction-benchmark"
CHINESE = "chinese-extraction-benchmark"
# Measured 0.9717 (P 0.9697, R 0.9798) with trafilatura 2.3.1; bare trafilatura: 0.9450.
F1_FLOOR = 0.9617
EXPECTED_PAGES = {ENGLISH: 181, CHINESE: 39}


def _pages(name: str) -> list[BenchmarkPage]:
    """A shared corpus, or a skip saying where it was looked for."""
    folder = SHARED_BENCH / name
    if not (folder / "ground-truth.json").is_file():
        pytest.skip(f"{name} not found at {folder}")
    return load_pages(folder)


@pytest.fixture(scope="module", params=[ENGLISH, CHINESE])
def corpus(request: pytest.FixtureRequest) -> tuple[str, RunResult, RunResult]:
    """One shared corpus run through both extractors."""
    pages = _pages(request.param)
    assert len(pages) == EXPECTED_PAGES[request.param]
    return (
        request.param,
        run_extractor(pages, kuaibao_text),
        run_extractor(pages, trafilatura_text),
    )


@pytest.mark.timeout(120)
def test_every_page_is_scored(corpus: tuple[str, RunResult, RunResult]) -> None:
    name, ours, _ = corpus
    assert len(ours.per_page) == EXPECTED_PAGES[name]


@pytest.mark.timeout(120)
def test_f1_stays_above_the_pinned_floor(corpus: tuple[str, RunResult, RunResult]) -> None:
    name, ours, _ = corpus
    if name != ENGLISH:
        pytest.skip("the floor is pinned on the English benchmark only")
    assert ours.mean.f1 >= F1_FLOOR, f"mean F1 {ours.mean.f1:.4f} fell below {F1_FLOOR}"


@pytest.mark.timeout(120)
def test_f1_at_least_bare_trafilatura(corpus: tuple[str, RunResult, RunResult]) -> None:
    name, ours, theirs = corpus
    assert ours.mean.f1 >= theirs.mean.f1, (
        f"{name}: kuaibao F1 {ours.mean.f1:.4f} < trafilatura F1 {theirs.mean.f1:.4f}"
    )


@pytest.mark.timeout(120)
def test_no_teaser_pages(corpus: tuple[str, RunResult, RunResult]) -> None:
    name, ours, theirs = corpus
    assert teaser_pages(ours, theirs) == [], f"{name}: kuaibao kept almost nothing there"
