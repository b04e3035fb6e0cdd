"""Per-class precision, recall and F1 with a confusion matrix, for one labelling task.

Pure arithmetic over two label sequences, kept apart from how they are produced
(``evaluation``) and how they are printed (``reporting``), which both build on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


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
