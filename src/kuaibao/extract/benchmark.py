"""Running an extractor over the article-extraction benchmark (181 scored news pages).

Shared by ``benchmarks/extraction_quality.py`` and the quality gate in ``tests/eval`` so
both load, decode and score pages identically. The data set is not shipped with
kuaibao; callers pass the folder that holds ``ground-truth.json`` and ``html/``.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from kuaibao.errors import ExtractionError
from kuaibao.extract.encoding import decode_html
from kuaibao.extract.html import extract_html
from kuaibao.extract.scoring import Score, mean_score, token_score

Extractor = Callable[[str, str], str]


@dataclass(frozen=True)
class BenchmarkPage:
    """One page of the benchmark: its id, URL, decoded HTML and reference text."""

    id: str
    url: str
    html: str
    reference: str


@dataclass(frozen=True)
class RunResult:
    """The mean scores and the speed of one extractor over the benchmark."""

    mean: Score
    seconds: float
    pages: int
    per_page: dict[str, Score]

    @property
    def pages_per_second(self) -> float:
        """Throughput, the figure compared against bare trafilatura."""
        return self.pages / self.seconds if self.seconds > 0 else float("inf")


def load_pages(folder: Path) -> list[BenchmarkPage]:
    """Read the benchmark: ``ground-truth.json`` plus ``html/<id>.html.gz`` per page."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, entry in sorted(truth.items()):
        body = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(
            BenchmarkPage(
                id=page_id,
                url=entry.get("url") or "",
                html=decode_html(body),
                reference=entry.get("articleBody") or "",
            )
        )
    return pages


def run_extractor(pages: list[BenchmarkPage], extract: Extractor) -> RunResult:
    """Time ``extract(html, url)`` over every page and score its text against the truth."""
    outputs: dict[str, str] = {}
    started = time.perf_counter()
    for page in pages:
        try:
            outputs[page.id] = extract(page.html, page.url)
        except ExtractionError:
            outputs[page.id] = ""
    seconds = time.perf_counter() - started
    per_page = {page.id: token_score(page.reference, outputs[page.id]) for page in pages}
    return RunResult(mean_score(per_page.values()), seconds, len(pages), per_page)


def kuaibao_text(html: str, url: str) -> str:
    """kuaibao's extractor, reduced to its text (title kept apart, as the truth does)."""
    return extract_html(html, url).text


def trafilatura_text(html: str, url: str) -> str:
    """Bare ``trafilatura.extract(html)``, the reference kuaibao must not fall below."""
    return trafilatura.extract(html) or ""
