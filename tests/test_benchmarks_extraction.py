"""extraction_quality over corpora written in tmp_path, and the newspaper4k corpus builder
on a source archive laid out as the real one. No timing asserts: speed is the benchmark's
business."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest
from benchmarks import extraction_corpora, extraction_quality

from kuaibao.extract.benchmark import load_pages
from tests.extract.pages import CHINESE_PARAGRAPHS, PARAGRAPHS, article_page
from tests.extract.test_benchmark import english_pages, write_corpus


@pytest.fixture
def corpora(tmp_path: Path) -> list[Path]:
    english = write_corpus(tmp_path / "english", english_pages(4))
    chinese = {
        f"zh{index}": (
            article_page(paragraphs=CHINESE_PARAGRAPHS[index : index + 5], html_attrs='lang="zh"'),
            "\n".join(CHINESE_PARAGRAPHS[index : index + 5]),
        )
        for index in range(3)
    }
    return [english, write_corpus(tmp_path / "chinese", chinese)]


def test_report_gives_both_extractors_per_corpus_and_half(corpora: list[Path]) -> None:
    argv = [arg for folder in corpora for arg in ("--corpus", str(folder))]
    report = extraction_quality.collect([*argv, "--quick"])
    parts = {(row[0], row[1]) for row in report.rows}
    assert ("english", "all") in parts
    assert ("chinese", "all") in parts
    halves = {part for _, part in parts} - {"all"}
    assert halves <= {"tuning", "held-out"}
    assert halves
    english = next(row for row in report.rows if row[:2] == ["english", "all"])
    assert english[2] == "4"
    assert float(english[5]) == pytest.approx(1.0)  # kuaibao F1
    assert 0 < float(english[8]) <= 1.0  # trafilatura F1
    assert report.figures["chinese"]["char_scored"] == 3
    assert report.figures["chinese"]["all"]["kuaibao"]["f1"] > 0.9
    names = [target.name for target in report.targets]
    for corpus in ("english", "chinese"):
        assert f"{corpus}: kuaibao F1 / trafilatura F1" in names
        assert f"{corpus}: teaser pages (kuaibao F1 < 0.1, trafilatura > 0.5)" in names
        assert f"{corpus}: kuaibao pages/s / trafilatura pages/s" in names
    teasers = [t for t in report.targets if t.name.startswith("english: teaser")]
    assert teasers[0].value == 0
    assert teasers[0].passed


def test_main_prints_json_and_names_a_folder_that_is_no_corpus(
    corpora: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extraction_quality.main(["--corpus", str(corpora[0]), "--quick", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["figures"]["english"]["pages"] == 4
    assert extraction_quality.main(["--corpus", str(tmp_path / "nowhere"), "--quick"]) == 2
    assert "has no ground-truth.json" in capsys.readouterr().err


def _sdist(path: Path) -> Path:
    """A source archive with newspaper4k's test-data layout: pairs, a lone page, metadata."""
    files = {
        "tests/data/html/wire.html": article_page().encode(),
        "tests/data/txt/wire.txt": "\n\n".join(PARAGRAPHS).encode(),
        "tests/data/metadata/wire.json": json.dumps({"url": "https://wire.example/a"}).encode(),
        "tests/data/html/nourl.html": article_page(paragraphs=PARAGRAPHS[:3]).encode(),
        "tests/data/txt/nourl.txt": "\n\n".join(PARAGRAPHS[:3]).encode(),
        "tests/data/html/front_page.html": b"<html><body>a section front</body></html>",
        "tests/data/txt/summary_only.txt": b"a text without its page",
        "tests/unit/test_x.py": b"",
    }
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"newspaper4k-0.9.6/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_newspaper4k_sdist_becomes_a_corpus_in_the_shared_layout(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert extraction_corpora.cached_corpora(cache) == []
    out = cache / extraction_corpora.NEWSPAPER4K_CORPUS
    assert extraction_corpora.corpus_from_sdist(_sdist(tmp_path / "n.tar.gz"), out) == 2
    assert extraction_corpora.cached_corpora(cache) == [out]
    pages = {page.id: page for page in load_pages(out)}
    assert set(pages) == {"wire", "nourl"}
    assert pages["wire"].url == "https://wire.example/a"
    assert pages["nourl"].url == "https://unknown.invalid/nourl.html"
    assert pages["wire"].reference.startswith(PARAGRAPHS[0])
    raw = gzip.decompress((out / "html" / "wire.html.gz").read_bytes())
    assert raw == article_page().encode()


def test_cache_folder_follows_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KUAIBAO_BENCH_CACHE", str(tmp_path))
    assert extraction_corpora.cache_dir() == tmp_path
    monkeypatch.delenv("KUAIBAO_BENCH_CACHE")
    assert extraction_corpora.cache_dir() == Path.home() / ".cache" / "kuaibao" / "bench"
