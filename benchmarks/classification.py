"""Classification throughput and memory: documents per second, rules alone and with the model.

A child process trains the model on the evaluation set (``tests/eval/classification.yaml``),
builds a corpus of a few thousand article-length texts (each an evaluation text followed by
paragraphs of the demo site's articles, picked by a seeded random generator, half of them
with the Chinese texts first), then times ``classify_many`` with rules alone, with rules and
the model in batches, and one text at a time. The parent reads the child's own peak RSS
from ``os.wait4``. Quality figures on the held-out split are reported beside the speed.

Run: ``python -m benchmarks classification [--quick] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import MB, Report, at_least, below, clean_env, emit, log, run_child

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = ROOT / "tests" / "eval" / "classification.yaml"
TARGET_DOCS_PER_SECOND = 200.0  # rules + model, batched
TARGET_PEAK_MB = 500.0
ONE_BY_ONE = 200  # texts timed one call at a time (the per-call overhead)
HEADERS = ["mode", "texts", "seconds", "docs/s", "ms/doc"]


def make_corpus(n: int, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` (title, text) pairs: an evaluation text padded with demo article paragraphs."""
    from kuaibao.classify.examples import load_examples
    from kuaibao.classify.taxonomy import load_taxonomy
    from kuaibao.demo.content import load_sites

    rng = random.Random(seed)
    examples = load_examples(EVAL_SET, load_taxonomy())
    paragraphs = [p for site in load_sites() for a in site.articles for p in a.paragraphs]
    corpus = []
    for _ in range(n):
        base = rng.choice(examples)
        padding = rng.sample(paragraphs, rng.randint(1, 4))
        corpus.append((base.title, "\n".join([base.text, *padding])))
    return corpus


def _time(pairs: list[tuple[str, str]], model: Any, batch: bool) -> dict[str, float]:
    from kuaibao.classify.classifier import classify, classify_many

    started = time.perf_counter()
    if batch:
        classify_many(pairs, model=model)
    else:
        for title, text in pairs:
            classify(title, text, model=model)
    seconds = time.perf_counter() - started
    return {"texts": len(pairs), "seconds": seconds, "docs_per_second": len(pairs) / seconds}


def child(texts: int) -> dict[str, Any]:
    """Everything measured inside the child process; printed as one JSON object."""
    from kuaibao.classify.evaluation import assess
    from kuaibao.classify.examples import load_examples, split_examples
    from kuaibao.classify.model import train
    from kuaibao.classify.taxonomy import load_taxonomy

    examples = load_examples(EVAL_SET, load_taxonomy())
    train_part, held_out = split_examples(examples)
    started = time.perf_counter()
    model = train(train_part)
    train_seconds = time.perf_counter() - started
    report = assess(model, held_out)
    corpus = make_corpus(texts)
    _time(corpus[:20], model, batch=True)  # warm caches (taxonomy, vectoriser)
    return {
        "train_examples": len(train_part),
        "train_seconds": train_seconds,
        "held_out": len(held_out),
        "domain_macro_f1": report.domain.macro_f1,
        "section_macro_f1": report.section.macro_f1,
        "mean_chars": sum(len(t) + len(x) for t, x in corpus) / len(corpus),
        "modes": {
            "rules only": _time(corpus, None, batch=True),
            "rules + model": _time(corpus, model, batch=True),
            "rules + model, one by one": _time(corpus[:ONE_BY_ONE], model, batch=False),
        },
    }


def _row(mode: str, f: dict[str, float]) -> list[str]:
    ms = 1000 * f["seconds"] / f["texts"]
    return [
        mode,
        str(f["texts"]),
        f"{f['seconds']:.2f}",
        f"{f['docs_per_second']:.0f}",
        f"{ms:.2f}",
    ]


def build_report(figures: dict[str, Any]) -> Report:
    modes = figures["modes"]
    rows = [_row(mode, f) for mode, f in modes.items()]
    peak_mb = figures["peak_rss_bytes"] / MB
    targets = [
        at_least("rules + model docs/s", modes["rules + model"]["docs_per_second"],
                 TARGET_DOCS_PER_SECOND),
        below("peak RSS MB", peak_mb, TARGET_PEAK_MB),
    ]  # fmt: skip
    notes = [
        f"corpus: {modes['rules only']['texts']:,} texts of {figures['mean_chars']:.0f} "
        "characters on average (evaluation texts padded with demo article paragraphs)",
        f"model trained on {figures['train_examples']} examples in "
        f"{figures['train_seconds']:.2f} s; held-out ({figures['held_out']}) domain macro-F1 "
        f"{figures['domain_macro_f1']:.3f}, section macro-F1 {figures['section_macro_f1']:.3f}",
        f"child peak RSS {peak_mb:.0f} MB (training, corpus and classification together)",
    ]
    return Report("classification", HEADERS, rows, targets, notes, figures)


def collect(argv: list[str] | None = None) -> Report:
    """Run the measurement in a child process and build the report from its figures."""
    args = parse_args(argv)
    log(f"  classifying {args.texts:,} texts in a child process ...")
    cmd = [sys.executable, "-m", "benchmarks.classification", "--child", "--texts", str(args.texts)]
    run = run_child(cmd, env=clean_env(), timeout=args.timeout, cwd=str(ROOT))
    if run.returncode != 0 or run.timed_out:
        raise RuntimeError(f"benchmark child failed ({run.returncode}): {run.stderr[-500:]}")
    figures = json.loads(run.stdout)
    figures["peak_rss_bytes"] = run.peak_rss_bytes
    figures["child_seconds"] = run.seconds
    return build_report(figures)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks classification", description=__doc__
    )
    parser.add_argument("--quick", action="store_true", help="500 texts, not 3,000")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--texts", type=int, default=None, help="corpus size")
    parser.add_argument("--timeout", type=float, default=600.0, help="child deadline, seconds")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.texts is None:
        args.texts = 500 if args.quick else 3000
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 when a target is missed."""
    args = parse_args(argv)
    if args.child:
        print(json.dumps(child(args.texts)))
        return 0
    return emit(collect(argv), args.json)


if __name__ == "__main__":
    sys.exit(main())
