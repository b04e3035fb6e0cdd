"""Language identification on held-out text: paragraphs of the shared benchmarks' bodies.

Run: ``python -m benchmarks language_id [--quick] [--json]``.

Nothing in :mod:`kuaibao.extract.language` was tuned on these pages. The labels are
the sites' languages (a Korean news site, a Brazilian blog, …), set here once by site;
every page of the Chinese benchmark is Chinese. Each paragraph of at least
``MIN_LETTERS`` letters is classified on its own, as a short feed summary would be, and
each whole body once, as an article is: accuracy counts the right answers among all,
abstentions (``None``) apart from wrong answers.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

from benchmarks.measure import Report, Target, at_least, below, emit
from kuaibao.extract.language import detect_language

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
ENGLISH_BENCH = SHARED / "article-extraction-benchmark" / "ground-truth.json"
CHINESE_BENCH = SHARED / "chinese-extraction-benchmark" / "ground-truth.json"
MIN_LETTERS = 40
# Sites of the English benchmark that publish in another language (host suffix -> code).
SITE_LANGUAGES = {
    ".kr": "ko", ".com.br": "pt", ".it": "it", ".ru": "ru", "vse-diety.com": "ru",
    "kabarislamia.com": "id", "comwrap.com": "de", "lhpat-tm.com": "ja",
    "note100yen.com": "ja",
}  # fmt: skip
PARAGRAPH_ACCURACY = 0.95
DOCUMENT_ACCURACY = 0.99
WRONG_PARAGRAPHS = 0.02


def site_language(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return next((code for suffix, code in SITE_LANGUAGES.items() if host.endswith(suffix)), "en")


def labelled_bodies() -> list[tuple[str, str]]:
    """(language, body) for every page of both benchmarks."""
    bodies = []
    for entry in json.loads(ENGLISH_BENCH.read_text(encoding="utf-8")).values():
        bodies.append((site_language(entry["url"]), entry["articleBody"]))
    for entry in json.loads(CHINESE_BENCH.read_text(encoding="utf-8")).values():
        bodies.append(("zh", entry["articleBody"]))
    return bodies


def paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n") if sum(c.isalpha() for c in p) >= MIN_LETTERS]


def score(samples: list[tuple[str, str]]) -> dict[str, float]:
    """Accuracy, abstention and error rates, and the time per sample."""
    detect_language("warm up the model before timing it")
    outcome: Counter[str] = Counter()
    started = time.perf_counter()
    for expected, text in samples:
        found = detect_language(text)
        outcome["right" if found == expected else "none" if found is None else "wrong"] += 1
    seconds = time.perf_counter() - started
    total = max(len(samples), 1)
    return {
        "samples": len(samples),
        "accuracy": round(outcome["right"] / total, 4),
        "abstained": round(outcome["none"] / total, 4),
        "wrong": round(outcome["wrong"] / total, 4),
        "ms_per_sample": round(1000 * seconds / total, 3),
    }


def collect(argv: list[str] | None = None) -> Report:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="every fourth page only")
    args = parser.parse_args(argv)
    if not ENGLISH_BENCH.is_file() or not CHINESE_BENCH.is_file():
        skipped = Target("language_id data present", None, "../shared/bench", None, "skipped")
        return Report("language_id", ["note"], [["no ../shared/bench"]], [skipped])
    bodies = labelled_bodies()[:: 4 if args.quick else 1]
    by_paragraph = [(lang, p) for lang, body in bodies for p in paragraphs(body)]
    documents, parts = score(bodies), score(by_paragraph)
    languages = Counter(lang for lang, _ in by_paragraph)
    rows = [[key, str(documents[key]), str(parts[key])] for key in documents]
    targets = [
        at_least("document accuracy", documents["accuracy"], DOCUMENT_ACCURACY),
        at_least("paragraph accuracy", parts["accuracy"], PARAGRAPH_ACCURACY),
        below("wrong paragraph labels", parts["wrong"], WRONG_PARAGRAPHS),
    ]
    notes = ["paragraph languages: " + ", ".join(f"{k} {v}" for k, v in languages.most_common())]
    figures = {"documents": documents, "paragraphs": parts}
    return Report(
        "language_id", ["figure", "documents", "paragraphs"], rows, targets, notes, figures
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    return emit(collect(["--quick"] if args.quick else []), args.json)


if __name__ == "__main__":
    raise SystemExit(main())
