"""How well classification works: per-class precision, recall, F1 and confusion matrices.

The arithmetic is in ``scores`` and the report with its tables in ``reporting``; this
module produces the classifications they score.

``assess`` scores a trained model (with the rules) on held-out examples; ``evaluate``
cross-validates: each fold is classified by a model trained on the other folds. Folds are
assigned deterministically (stratified by domain, ordered by a hash of each example).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from kuaibao.classify.classifier import Classification, classify_many
from kuaibao.classify.examples import Example
from kuaibao.classify.model import Model, train
from kuaibao.classify.reporting import Report
from kuaibao.classify.scores import Miss, score_task
from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy
from kuaibao.errors import ConfigError

NONE = "—"


def build_report(
    examples: Sequence[Example], results: Sequence[Classification], folds: int | None = None
) -> Report:
    """Compare classifications with their examples' labels."""
    domain = score_task("domain", [e.domain for e in examples], [r.domain for r in results])
    pairs = [(e, r) for e, r in zip(examples, results, strict=True) if e.relevant and e.section]
    section = score_task(
        "section", [str(e.section) for e, _ in pairs], [r.section or NONE for _, r in pairs]
    )
    misses = [
        Miss(e.key, e.title, e.domain, r.domain, "domain")
        for e, r in zip(examples, results, strict=True)
        if e.domain != r.domain
    ] + [
        Miss(e.key, e.title, str(e.section), r.section or NONE, "section")
        for e, r in pairs
        if e.section != r.section
    ]
    return Report(domain, section, len(examples), folds, tuple(misses))


def assess(
    model: Model | None, examples: Sequence[Example], taxonomy: Taxonomy | None = None
) -> Report:
    """Score a trained model (or the rules alone, with None) on held-out examples."""
    tax = taxonomy or load_taxonomy()
    results = classify_many([(e.title, e.text) for e in examples], model=model, taxonomy=tax)
    return build_report(examples, results)


def assign_folds(examples: Sequence[Example], folds: int) -> list[int]:
    """Each example's fold: stratified by domain, in a fixed order given by a key hash."""
    order = sorted(
        range(len(examples)),
        key=lambda i: (examples[i].domain, hashlib.sha256(examples[i].key.encode()).hexdigest()),
    )
    fold_of = [0] * len(examples)
    for position, i in enumerate(order):
        fold_of[i] = position % folds
    return fold_of


def evaluate(
    examples: Sequence[Example], folds: int = 5, taxonomy: Taxonomy | None = None
) -> Report:
    """Cross-validated scores: every example is classified by a model that never saw it."""
    if folds < 2:
        raise ConfigError("cross-validation needs at least 2 folds")
    if len(examples) < folds * 2:
        raise ConfigError(f"{len(examples)} examples are too few for {folds}-fold evaluation")
    tax = taxonomy or load_taxonomy()
    fold_of = assign_folds(examples, folds)
    results: list[Classification | None] = [None] * len(examples)
    for fold in range(folds):
        held = [i for i in range(len(examples)) if fold_of[i] == fold]
        model = train([examples[i] for i in range(len(examples)) if fold_of[i] != fold])
        found = classify_many(
            [(examples[i].title, examples[i].text) for i in held], model=model, taxonomy=tax
        )
        for i, result in zip(held, found, strict=True):
            results[i] = result
    done = [r for r in results if r is not None]
    return build_report(examples, done, folds)
