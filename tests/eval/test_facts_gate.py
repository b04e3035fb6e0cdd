"""Quality gate: the facts golden set (money and date extraction, the fact check's flags).

Floors are the measured scores minus a small margin, and never below 0.9. Every case in
``facts_golden.yaml`` lists all the facts it expects, so misses count against recall and
extra hits against precision. Re-measure with ``pytest tests/eval/test_facts_gate.py -s``
before moving a floor.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from kuaibao.facts.check import check_draft
from kuaibao.facts.extract import extract_facts

GOLDEN = Path(__file__).with_name("facts_golden.yaml")
# Measured on 54 extraction cases (52 sums, 29 dates) and 56 check cases (30 planted
# unsupported spans, 31 faithful drafts): precision and recall 1.000 for all three.
MONEY_FLOOR = 0.97
DATE_FLOOR = 0.97
CHECK_PRECISION_FLOOR = 0.95
CHECK_RECALL_FLOOR = 0.95
MIN_CASES = 60


@dataclass
class Score:
    """True positives, false positives and false negatives over a set of cases."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, expected: Counter[Any], found: Counter[Any]) -> None:
        hits = sum((expected & found).values())
        self.tp += hits
        self.fp += sum(found.values()) - hits
        self.fn += sum(expected.values()) - hits

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@pytest.fixture(scope="module")
def golden() -> dict[str, list[dict[str, Any]]]:
    doc: dict[str, list[dict[str, Any]]] = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    return doc


def _reference(case: dict[str, Any], key: str) -> date | None:
    value = case.get(key)
    return date.fromisoformat(value) if value else None


@pytest.fixture(scope="module")
def extraction_scores(golden: dict[str, list[dict[str, Any]]]) -> dict[str, Score]:
    money, dates, misses = Score(), Score(), []
    for case in golden["extraction"]:
        facts = extract_facts(case["text"], reference=_reference(case, "reference"))
        want_money = Counter((float(m["amount"]), m["currency"], m["zh"]) for m in case["money"])
        got_money = Counter((m.amount, m.currency, m.zh) for m in facts.money)
        want_dates = Counter((d["iso"], d["zh"]) for d in case["dates"])
        got_dates = Counter((d.iso, d.zh) for d in facts.dates)
        money.add(want_money, got_money)
        dates.add(want_dates, got_dates)
        if want_money != got_money or want_dates != got_dates:
            misses.append((case["id"], got_money, got_dates))
    print(f"\nextraction misses: {misses}")
    print(
        f"money P {money.precision:.3f} R {money.recall:.3f}; "
        f"dates P {dates.precision:.3f} R {dates.recall:.3f}"
    )
    return {"money": money, "dates": dates}


@pytest.fixture(scope="module")
def check_score(golden: dict[str, list[dict[str, Any]]]) -> Score:
    score, misses = Score(), []
    for case in golden["checks"]:
        result = check_draft(case["source"], case["draft"], published=_reference(case, "published"))
        for flag in result.unsupported:
            assert case["draft"][flag.start : flag.end] == flag.text, case["id"]
        want = Counter(str(t) for t in case["unsupported"])
        got = Counter(u.text for u in result.unsupported)
        score.add(want, got)
        if want != got:
            misses.append((case["id"], dict(got)))
    print(f"\ncheck misses: {misses}")
    print(f"check P {score.precision:.3f} R {score.recall:.3f} (tp {score.tp})")
    return score


def test_golden_set_is_large_enough(golden: dict[str, list[dict[str, Any]]]) -> None:
    total = len(golden["extraction"]) + len(golden["checks"])
    assert total >= MIN_CASES
    ids = [c["id"] for c in golden["extraction"] + golden["checks"]]
    assert len(ids) == len(set(ids)), "case ids must be unique"


@pytest.mark.parametrize("kind", ["money", "dates"])
def test_extraction_stays_above_floor(extraction_scores: dict[str, Score], kind: str) -> None:
    score = extraction_scores[kind]
    floor = MONEY_FLOOR if kind == "money" else DATE_FLOOR
    assert score.precision >= floor, f"{kind} precision {score.precision:.3f} < {floor}"
    assert score.recall >= floor, f"{kind} recall {score.recall:.3f} < {floor}"


def test_check_flags_stay_above_floor(check_score: Score) -> None:
    assert check_score.precision >= CHECK_PRECISION_FLOOR, check_score
    assert check_score.recall >= CHECK_RECALL_FLOOR, check_score


def test_floors_are_never_below_090() -> None:
    assert min(MONEY_FLOOR, DATE_FLOOR, CHECK_PRECISION_FLOOR, CHECK_RECALL_FLOOR) >= 0.9
