"""Section accuracy on held-out data: rules alone and rules with the model.

Two labelled sets the section rules were not written from:

* the held-out 30% of ``tests/eval/classification.yaml`` (``split_examples``), scored with
  the rules alone and with a model trained on the other 70% (plus the seed bulletin's items
  when the shared folder is beside the repository, as the classification gate does);
* the demo site's 51 articles, labelled in ``tests/eval/demo_sections.yaml`` by actor and
  act, scored with the rules alone (what ``kuaibao demo`` uses: it trains no model) and with
  a model trained on the whole evaluation set.

``--dev`` scores the 70% training part instead, and ``--misses`` lists the texts filed
wrongly: rule work looks at the training part only.

Run: ``python -m benchmarks sections [--json] [--misses] [--dev]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
EVAL_SET = ROOT / "tests" / "eval" / "classification.yaml"
DEMO_LABELS = ROOT / "tests" / "eval" / "demo_sections.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "000_dbc9ab053260726e.txt"


def _score(
    truth: list[str], pairs: list[tuple[str, str]], keys: list[str], model: Any
) -> dict[str, Any]:
    from kuaibao.classify.classifier import classify_many
    from kuaibao.classify.evaluation import NONE
    from kuaibao.classify.scores import score_task

    results = classify_many(pairs, model=model)
    got = [r.section or NONE for r in results]
    report = score_task("section", truth, got)
    misses = [
        {"key": k, "title": p[0], "expected": t, "got": g, "why": r.reasons[-2:]}
        for k, p, t, g, r in zip(keys, pairs, truth, got, results, strict=True)
        if t != g
    ]
    return {
        "texts": len(truth),
        "accuracy": report.accuracy,
        "macro_f1": report.macro_f1,
        "f1": {c.label: round(c.f1, 3) for c in report.classes if c.support},
        "misses": misses,
    }


def measure(dev: bool = False) -> dict[str, Any]:
    """Every figure, keyed by data set and mode."""
    from kuaibao.bulletin.importers.text import parse_bulletin_text
    from kuaibao.classify.examples import examples_from_items, load_examples, split_examples
    from kuaibao.classify.model import train
    from kuaibao.classify.taxonomy import load_taxonomy
    from kuaibao.demo.content import load_sites

    tax = load_taxonomy()
    examples = load_examples(EVAL_SET, tax)
    train_part, held_out = split_examples(examples, held_out=0.3)
    seed = []
    if SEED.is_file():
        seed = examples_from_items(parse_bulletin_text(SEED.read_text("utf-8")).items, tax)
    model = train(train_part + seed)
    scored = [e for e in (train_part if dev else held_out) if e.relevant and e.section]
    truth = [str(e.section) for e in scored]
    pairs = [(e.title, e.text) for e in scored]
    keys = [e.key for e in scored]
    name = "eval train part (dev)" if dev else "eval held-out"
    figures = {
        f"{name}, rules": _score(truth, pairs, keys, None),
        f"{name}, rules + model": _score(truth, pairs, keys, model),
    }
    if dev:
        return figures
    labels = {row["slug"]: row["section"] for row in yaml.safe_load(DEMO_LABELS.read_text("utf-8"))}
    articles = [a for site in load_sites() for a in site.articles]
    demo_truth = [labels[a.slug] for a in articles]
    demo_pairs = [(a.title, "\n".join(a.paragraphs)) for a in articles]
    demo_keys = [a.slug for a in articles]
    figures["demo articles, rules"] = _score(demo_truth, demo_pairs, demo_keys, None)
    whole = train(examples)
    figures["demo articles, rules + model"] = _score(demo_truth, demo_pairs, demo_keys, whole)
    return figures


def _print(figures: dict[str, Any], misses: bool) -> None:
    for name, f in figures.items():
        per = ", ".join(f"{k} {v:.3f}" for k, v in f["f1"].items())
        print(f"{name}: {f['texts']} texts, accuracy {f['accuracy']:.3f}, "
              f"macro-F1 {f['macro_f1']:.3f} ({per})")  # fmt: skip
        if misses:
            for m in f["misses"]:
                print(f"    {m['key']}: {m['expected']} -> {m['got']}  {m['title'][:60]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks sections", description=__doc__)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the texts filed wrongly")
    parser.add_argument("--dev", action="store_true", help="score the training part instead")
    args = parser.parse_args(argv)
    figures = measure(dev=args.dev)
    if args.json:
        for f in figures.values():
            if not args.misses:
                f.pop("misses")
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _print(figures, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
