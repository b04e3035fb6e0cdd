from __future__ import annotations

import json

import pytest
from rich.console import Console

from kuaibao.classify.classifier import Classification
from kuaibao.classify.evaluation import (
    assess,
    assign_folds,
    build_report,
    evaluate,
)
from kuaibao.classify.examples import Example
from kuaibao.classify.model import train
from kuaibao.classify.scores import score_task
from kuaibao.errors import ConfigError
from tests.classify.samples import SAMPLES


def test_scores_and_confusion_by_hand() -> None:
    truth = ["a", "a", "a", "b", "b", "c"]
    guess = ["a", "a", "b", "b", "c", "c"]
    report = score_task("domain", truth, guess)
    a, b, c = report.classes
    assert (a.precision, a.support) == (1.0, 3)
    assert a.recall == pytest.approx(2 / 3)
    assert (b.precision, b.recall) == (0.5, 0.5)
    assert (c.precision, c.recall) == (0.5, 1.0)
    assert c.f1 == pytest.approx(2 / 3)
    assert report.confusion == ((2, 1, 0), (0, 1, 1), (0, 0, 1))
    assert report.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert report.accuracy == pytest.approx(4 / 6)


def test_predicted_labels_outside_the_truth_get_columns_but_not_macro_weight() -> None:
    report = score_task("section", ["a", "a"], ["a", "x"])
    assert report.labels == ("a", "x")
    assert report.macro_f1 == pytest.approx(2 / 3)  # only "a" truly occurs


def test_report_counts_section_only_for_relevant_examples() -> None:
    examples = [
        Example("t1", "", "能源", "产业动态", "k1"),
        Example("t2", "", "无关", None, "k2"),
        Example("t3", "", "能源", "前沿研究动态", "k3"),
    ]
    results = [
        Classification("能源", "产业动态", 0.9),
        Classification("能源", "产业动态", 0.6),
        Classification("无关", None, 0.1),
    ]
    report = build_report(examples, results)
    assert report.section.labels == ("产业动态", "前沿研究动态", "—")
    assert [(m.key, m.task, m.got) for m in report.misses] == [
        ("k2", "domain", "能源"),
        ("k3", "domain", "无关"),
        ("k3", "section", "—"),
    ]
    data = json.loads(json.dumps(report.to_json(), ensure_ascii=False))
    assert data["domain"]["labels"] == ["无关", "能源"]
    assert data["domain"]["confusion"] == [[0, 1], [1, 1]]


def test_cross_validation_classifies_every_example_once() -> None:
    report = evaluate(SAMPLES, folds=4)
    assert report.examples == len(SAMPLES) and report.folds == 4
    assert sum(c.support for c in report.domain.classes) == len(SAMPLES)
    assert report.domain.macro_f1 > 0.8


def test_folds_are_stratified_and_stable() -> None:
    folds = assign_folds(SAMPLES, 4)
    assert folds == assign_folds(SAMPLES, 4)
    for domain in {e.domain for e in SAMPLES}:
        assert sorted(f for f, e in zip(folds, SAMPLES, strict=True) if e.domain == domain) == [
            0,
            1,
            2,
            3,
        ]


def test_too_few_examples_or_folds_are_refused() -> None:
    with pytest.raises(ConfigError, match="too few"):
        evaluate(SAMPLES[:5], folds=5)
    with pytest.raises(ConfigError, match="at least 2 folds"):
        evaluate(SAMPLES, folds=1)


def test_report_prints_with_rich() -> None:
    report = assess(train(SAMPLES), SAMPLES)
    console = Console(record=True, width=160)
    console.print(report)
    text = console.export_text()
    assert "domain: macro F1" in text and "section confusion" in text and "量子技术" in text
