"""The benchmark runner on small corpora in the shared layout, written by the test."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kuaibao.errors import ExtractionError
from kuaibao.extract.benchmark import (
    CorpusError,
    RunResult,
    kuaibao_text,
    load_pages,
    run_extractor,
    split_half,
    teaser_pages,
    trafilatura_text,
)
from kuaibao.extract.scoring import Score
from tests.extract.pages import CHINESE_PARAGRAPHS, PARAGRAPHS, article_page


def write_corpus(folder: Path, pages: dict[str, tuple[str, str]], *, packed: bool = True) -> Path:
    """A corpus in the shared layout: ``{id: (html, reference)}`` as gzipped or plain pages."""
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id, (html, reference) in pages.items():
        if packed:
            (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        else:
            (folder / "html" / f"{page_id}.html").write_bytes(html.encode())
        truth[page_id] = {"articleBody": reference, "url": f"https://e.com/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def english_pages(count: int = 3) -> dict[str, tuple[str, str]]:
    pages = {}
    for index in range(count):
        paragraphs = PARAGRAPHS[index:] + PARAGRAPHS[:index]
        pages[f"page{index}"] = (article_page(paragraphs=paragraphs), "\n\n".join(paragraphs))
    return pages


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path, english_pages())


def test_load_pages_decodes_every_page(bench_dir: Path) -> None:
    pages = load_pages(bench_dir)
    assert [page.id for page in pages] == ["page0", "page1", "page2"]
    assert pages[1].url == "https://e.com/page1"
    assert PARAGRAPHS[1] in pages[1].html
    assert pages[1].reference.startswith(PARAGRAPHS[1])
    assert {page.unit for page in pages} == {"token"}


def test_load_pages_reads_plain_pages_and_picks_the_unit_per_page(tmp_path: Path) -> None:
    chinese = article_page(paragraphs=CHINESE_PARAGRAPHS[:5], html_attrs='lang="zh"')
    folder = write_corpus(
        tmp_path,
        {"en": english_pages(1)["page0"], "zh": (chinese, "\n".join(CHINESE_PARAGRAPHS[:5]))},
        packed=False,
    )
    units = {page.id: page.unit for page in load_pages(folder)}
    assert units == {"en": "token", "zh": "char"}
    assert {page.unit for page in load_pages(folder, "token")} == {"token"}


def test_chinese_page_is_scored_by_character(tmp_path: Path) -> None:
    chinese = article_page(paragraphs=CHINESE_PARAGRAPHS[:5], html_attrs='lang="zh"')
    # the reference differs from the page in one character (a full stop made a "!")
    reference = "\n".join(CHINESE_PARAGRAPHS[:5]).replace("。", "！", 1)
    folder = write_corpus(tmp_path, {"zh": (chinese, reference)})
    by_char = run_extractor(load_pages(folder), kuaibao_text)
    by_token = run_extractor(load_pages(folder, "token"), kuaibao_text)
    assert by_char.mean.f1 > 0.9
    # a whitespace token is a whole paragraph here: one stray character costs all of it
    assert by_token.mean.f1 < by_char.mean.f1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda folder: (folder / "ground-truth.json").unlink(), "no ground-truth.json"),
        (lambda folder: (folder / "ground-truth.json").write_text("[1"), "not valid UTF-8 JSON"),
        (lambda folder: (folder / "ground-truth.json").write_text("[]"), "must map page ids"),
        (lambda folder: (folder / "html" / "page1.html.gz").unlink(), "no html/page1.html.gz"),
    ],
)
def test_a_broken_corpus_is_named_in_a_clear_error(
    bench_dir: Path, damage: object, message: str
) -> None:
    damage(bench_dir)  # type: ignore[operator]
    with pytest.raises(CorpusError, match=message):
        load_pages(bench_dir)


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


def test_split_half_is_fixed_by_the_id_and_uses_both_halves() -> None:
    ids = [f"page-{index}" for index in range(200)]
    halves = [split_half(page_id) for page_id in ids]
    assert halves == [split_half(page_id) for page_id in ids]
    assert 60 < halves.count("tuning") < 140
    assert split_half("page-7") == split_half("page-7")


def test_teaser_pages_are_where_ours_kept_almost_nothing_and_theirs_got_it() -> None:
    def result(f1s: dict[str, float]) -> RunResult:
        per_page = {page_id: Score(f1, f1, f1) for page_id, f1 in f1s.items()}
        return RunResult(Score(0, 0, 0), 1.0, len(per_page), per_page)

    ours = result({"teaser": 0.05, "both_fail": 0.02, "fine": 0.97, "ours_better": 0.9})
    theirs = result({"teaser": 0.96, "both_fail": 0.3, "fine": 0.95, "ours_better": 0.05})
    assert teaser_pages(ours, theirs) == ["teaser"]
    assert ours.mean_of(["fine", "ours_better"]) == Score(0.935, 0.935, 0.935)
    assert ours.mean_of([]) is None
