"""Running an extractor over a corpus of scored article pages, in the shared layout.

Shared by ``benchmarks/extraction_quality.py`` and the quality gate in ``tests/eval`` so
both load, decode and score pages identically. A corpus is a folder with
``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and the page's raw
bytes in ``html/<id>.html.gz`` (or an uncompressed ``html/<id>.html``): the layout of
the 181-page article-extraction benchmark and of the Chinese extraction benchmark. No
corpus is shipped with kuaibao; callers pass the folder.

Each page is scored in the unit its reference calls for (``scoring.scoring_unit``):
whitespace tokens, or characters for scripts without spaces between words. Pages are
split into a tuning half and a held-out half by a hash of their id, so that a rule
tuned on one half can be checked on pages it never saw.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import trafilatura

from kuaibao.errors import ConfigError, ExtractionError
from kuaibao.extract.encoding import decode_html
from kuaibao.extract.html import extract_html
from kuaibao.extract.scoring import Score, Unit, mean_score, scoring_unit, text_score

Extractor = Callable[[str, str], str]
Half = Literal["tuning", "held-out"]
UnitChoice = Literal["auto", "token", "char"]

# A "teaser page": kuaibao keeps almost nothing of an article that trafilatura gets.
TEASER_OURS_BELOW = 0.1
TEASER_THEIRS_ABOVE = 0.5


class CorpusError(ConfigError, ValueError):
    """A folder that is not a corpus in the shared layout (the message says what is wrong)."""


@dataclass(frozen=True)
class BenchmarkPage:
    """One page of a corpus: its id, URL, decoded HTML, reference text and scoring unit."""

    id: str
    url: str
    html: str
    reference: str
    unit: Unit = "token"

    @property
    def half(self) -> Half:
        """The page's half of the corpus, fixed by its id alone."""
        return split_half(self.id)


@dataclass(frozen=True)
class RunResult:
    """The mean scores and the speed (in CPU seconds) of one extractor over a corpus."""

    mean: Score
    seconds: float
    pages: int
    per_page: dict[str, Score]

    @property
    def pages_per_second(self) -> float:
        """Throughput, the figure compared against bare trafilatura."""
        return self.pages / self.seconds if self.seconds > 0 else float("inf")

    def mean_of(self, page_ids: Iterable[str]) -> Score | None:
        """The mean scores over some of the pages (None when there are none)."""
        scores = [self.per_page[page_id] for page_id in page_ids]
        return mean_score(scores) if scores else None


def split_half(page_id: str) -> Half:
    """Put a page in the tuning or the held-out half by a hash of its id.

    A hash, not the order or a random draw, so the split is the same on every machine,
    for every run and for pages added later.
    """
    return "tuning" if hashlib.sha256(page_id.encode()).digest()[0] % 2 == 0 else "held-out"


def load_pages(folder: Path, unit: UnitChoice = "auto") -> list[BenchmarkPage]:
    """Read a corpus folder; ``unit`` "auto" picks each page's unit from its reference."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise CorpusError(f"{folder} is not a corpus: it has no ground-truth.json")
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{truth_file} is not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(truth, dict):
        raise CorpusError(f"{truth_file} must map page ids to entries")
    pages = []
    for page_id, entry in sorted(truth.items()):
        if not isinstance(entry, dict):
            raise CorpusError(f"{truth_file}: the entry of {page_id!r} is not an object")
        reference = entry.get("articleBody") or ""
        pages.append(
            BenchmarkPage(
                id=page_id,
                url=entry.get("url") or "",
                html=decode_html(_page_bytes(folder, page_id)),
                reference=reference,
                unit=scoring_unit(reference) if unit == "auto" else unit,
            )
        )
    return pages


def _page_bytes(folder: Path, page_id: str) -> bytes:
    """The raw bytes of one page, from ``html/<id>.html.gz`` or ``html/<id>.html``."""
    packed = folder / "html" / f"{page_id}.html.gz"
    if packed.is_file():
        return gzip.decompress(packed.read_bytes())
    plain = folder / "html" / f"{page_id}.html"
    if plain.is_file():
        return plain.read_bytes()
    raise CorpusError(f"{folder}: no html/{page_id}.html.gz or html/{page_id}.html")


def run_extractor(pages: list[BenchmarkPage], extract: Extractor) -> RunResult:
    """Time ``extract(html, url)`` over every page and score its text against the truth.

    The time is this process's CPU time: extraction is single-threaded, and other load
    on the machine then slows neither side's figure.
    """
    outputs: dict[str, str] = {}
    started = time.process_time()
    for page in pages:
        try:
            outputs[page.id] = extract(page.html, page.url)
        except ExtractionError:
            outputs[page.id] = ""
    seconds = time.process_time() - started
    per_page = {page.id: text_score(page.reference, outputs[page.id], page.unit) for page in pages}
    return RunResult(mean_score(per_page.values()), seconds, len(pages), per_page)


def teaser_pages(ours: RunResult, theirs: RunResult) -> list[str]:
    """Pages where ours kept almost nothing (F1 < 0.1) while theirs got the article (> 0.5)."""
    return sorted(
        page_id
        for page_id, score in ours.per_page.items()
        if score.f1 < TEASER_OURS_BELOW and theirs.per_page[page_id].f1 > TEASER_THEIRS_ABOVE
    )


def kuaibao_text(html: str, url: str) -> str:
    """kuaibao's extractor, reduced to its text (title kept apart, as the truth does)."""
    return extract_html(html, url).text


def trafilatura_text(html: str, url: str) -> str:
    """Bare ``trafilatura.extract(html)``, the reference kuaibao must not fall below."""
    return trafilatura.extract(html) or ""
