"""The evaluation report and its rich tables, for ``kuaibao evaluate`` and ``kuaibao train``.

``Report`` prints itself through these tables (``console.print(report)``), so the report
and its layout live together, above the per-task arithmetic in ``scores``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.console import Group
from rich.table import Table

from kuaibao.classify.scores import Miss, TaskReport

MAX_MISSES = 20


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

    def __rich__(self) -> Group:
        return render_report(self)


def scores_table(task: TaskReport) -> Table:
    """Precision, recall, F1 and support per class, with the macro F1 in the title."""
    table = Table(title=f"{task.task}: macro F1 {task.macro_f1:.3f}, accuracy {task.accuracy:.3f}")
    for column in ("label", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "label" else "right")
    for c in task.classes:
        scores = (f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
        table.add_row(c.label, *scores, str(c.support))
    return table


def confusion_table(task: TaskReport) -> Table:
    """Rows are the true labels, columns the predicted ones; the diagonal is right."""
    table = Table(title=f"{task.task} confusion (rows: true, columns: predicted)")
    table.add_column("")
    for label in task.labels:
        table.add_column(label, justify="right")
    for i, (label, row) in enumerate(zip(task.labels, task.confusion, strict=True)):
        cells = [_cell(n, i == j) for j, n in enumerate(row)]
        table.add_row(label, *cells)
    return table


def _cell(count: int, diagonal: bool) -> str:
    if diagonal:
        return f"[bold]{count}[/bold]"
    return str(count) if count else "·"


def misses_table(report: Report) -> Table:
    table = Table(title=f"misclassified (first {MAX_MISSES})")
    for column in ("task", "expected", "got", "title"):
        table.add_column(column)
    for miss in report.misses[:MAX_MISSES]:
        table.add_row(miss.task, miss.expected, miss.got, miss.title[:70])
    return table


def render_report(report: Report) -> Group:
    """The whole report: both tasks' scores and confusion matrices, then the misses."""
    folds = f", {report.folds}-fold cross-validation" if report.folds else ""
    parts: list[Table | str] = [f"{report.examples} examples{folds}"]
    for task in (report.domain, report.section):
        parts += [scores_table(task), confusion_table(task)]
    if report.misses:
        parts.append(misses_table(report))
    return Group(*parts)
