"""The benchmark runner on a three-page data set written by the test."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract.benchmark import kuaibao_text, load_pages, run_extractor, trafilatura_text
from tests.extract.pages import PARAGRAPHS, article_page


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    """A miniature benchmark: ground truth plus gzipped HTML, as the real one is laid out."""
    (tmp_path / "html").mkdir()
    truth = {}
    for index in range(3):
        page_id = f"page{index}"
        paragraphs = PARAGRAPHS[index:] + PARAGRAPHS[:index]
        html = article_page(paragraphs=paragraphs)
        (tmp_path / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": "\n\n".join(paragraphs), "url": f"https://e.com/{index}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_load_pages_decodes_every_page(bench_dir: Path) -> None:
    pages = load_pages(bench_dir)
    assert [page.id for page in pages] == ["page0", "page1", "page2"]
    assert pages[1].url == "https://e.com/1"
    assert PARAGRAPHS[1] in pages[1].html
    assert pages[1].reference.startswith(PARAGRAPHS[1])


def test_run_extractor_scores_and_times(bench_dir: Path) -> None:
    pages = load_pages(bench_dir)
    ours = run_extractor(pages, kuaibao_text)
    assert ours.pages == 3
    assert ours.mean.f1 == pytest.approx(1.0)
    assert ours.pages_per_second > 0
    bare = run_extractor(pages, trafilatura_text)
    assert 0 < bare.mean.f1 <= 1.0


def test_failed_extraction_scores_zero(bench_dir: Path) -> None:
    def refuse(html: str, url: str) -> str:
        raise ExtractionError("no main text found")

    result = run_extractor(load_pages(bench_dir), refuse)
    assert result.mean.f1 == 0.0
    assert set(result.per_page) == {"page0", "page1", "page2"}
