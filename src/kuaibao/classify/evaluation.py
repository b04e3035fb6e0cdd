"""How well classification works: per-class precision, recall, F1 and confusion matrices.

``assess`` scores a trained model (with the rules) on held-out examples; ``evaluate``
cross-validates: each fold is classified by a model trained on the other folds. Folds are
assigned deterministically (stratified by domain, ordered by a hash of each example).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kuaibao.classify.classifier import Classification, classify_many
from kuaibao.classify.examples import Example
from kuaibao.classify.model import Model, train
from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy
from kuaibao.errors import ConfigError

NONE = "—"


@dataclass(frozen=True)
class ClassScores:
    """One label's precision, recall, F1 and how many examples truly carry it."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "support": self.support,
        }


@dataclass(frozen=True)
class TaskReport:
    """Scores for one task (domain or section): per class, macro F1, confusion matrix."""

    task: str
    labels: tuple[str, ...]
    classes: tuple[ClassScores, ...]
    macro_f1: float
    accuracy: float
    confusion: tuple[tuple[int, ...], ...]  # rows: true label, columns: predicted

    def to_json(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "classes": [c.to_json() for c in self.classes],
            "labels": list(self.labels),
            "confusion": [list(row) for row in self.confusion],
        }


def score_task(task: str, truth: Sequence[str], predicted: Sequence[str]) -> TaskReport:
    """Per-class and macro scores; the macro F1 averages the labels that truly occur."""
    if len(truth) != len(predicted):
        raise ValueError("truth and predictions differ in length")
    labels = tuple(sorted(set(truth)) + sorted(set(predicted) - set(truth)))
    where = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[where[t]][where[p]] += 1
    classes = []
    for i, label in enumerate(labels):
        hits, said, real = matrix[i][i], sum(row[i] for row in matrix), sum(matrix[i])
        precision = hits / said if said else 0.0
        recall = hits / real if real else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes.append(ClassScores(label, precision, recall, f1, real))
    present = [c.f1 for c in classes if c.support]
    macro = sum(present) / len(present) if present else 0.0
    accuracy = sum(matrix[i][i] for i in range(len(labels))) / len(truth) if truth else 0.0
    return TaskReport(task, labels, tuple(classes), macro, accuracy,
                      tuple(tuple(row) for row in matrix))  # fmt: skip


@dataclass(frozen=True)
class Miss:
    """One misclassified example, for analysts to look at."""

    key: str
    title: str
    expected: str
    got: str
    task: str


@dataclass(frozen=True)
class Report:
    """Domain (无关 included) and section scores, and the misses behind them."""

    domain: TaskReport
    section: TaskReport
    examples: int
    folds: int | None = None
    misses: tuple[Miss, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "examples": self.examples,
            "folds": self.folds,
            "domain": self.domain.to_json(),
            "section": self.section.to_json(),
            "misses": [m.__dict__ for m in self.misses],
        }

    def __rich__(self) -> Any:
        from kuaibao.classify.reporting import render_report

        return render_report(self)


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
