"""`kuaibao classify`, `taxonomy explain`, `train` and `evaluate` as scripts call them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support import cli

LINES = [
    {"title": "Quantum computer start-up raises $40 million", "text": "Investors backed the firm."},
    {"title": "政府发布集成电路产业扶持政策", "text": "设立专项资金支持芯片制造。"},
    {"title": "Home side wins the derby 2-1", "text": "The striker scored twice."},
]


def test_classify_contract_one_object_per_line() -> None:
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in LINES) + "\n"
    out = [
        json.loads(line)
        for line in cli.run("classify", "--json", input_text=stdin).stdout.splitlines()
    ]
    assert len(out) == 3
    assert all({"domain", "section", "relevance", "reasons"} <= set(o) for o in out)
    assert (out[0]["domain"], out[0]["section"]) == ("量子技术", "产业动态")
    assert (out[1]["domain"], out[1]["section"]) == ("半导体", "科技政策与科研计划")
    assert out[2]["domain"] == "无关" and out[2]["relevance"] < 0.3
    assert out[0]["relevance"] > 0.5


def test_explain_names_the_rules_that_fired() -> None:
    out = cli.run_json(
        "taxonomy",
        "explain",
        "The lab's qubit processor ran an error-corrected algorithm.",
        "--json",
    )
    assert "量子技术" in json.dumps(out, ensure_ascii=False)


def test_train_then_evaluate_on_example_files(tmp_path: Path) -> None:
    cli.init(tmp_path)
    examples = tmp_path / "ex.jsonl"
    rows = []
    for i in range(6):
        rows.append(
            {
                "title": f"Chip fab grant {i}",
                "text": "Semiconductor wafers and fabs.",
                "domain": "半导体",
                "section": "科技政策与科研计划",
            }
        )
        rows.append(
            {
                "title": f"Vaccine trial {i}",
                "text": "Gene therapy results in patients.",
                "domain": "生物技术",
                "section": "前沿研究动态",
            }
        )
    examples.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    trained = cli.run("train", "--examples", str(examples), "--data-dir", str(tmp_path))
    assert "12 examples" in trained.stdout
    assert (tmp_path / "classifier.joblib").is_file()
    report = cli.run_json(
        "evaluate",
        "--folds",
        "3",
        "--examples",
        str(examples),
        "--json",
        "--data-dir",
        str(tmp_path),
    )
    assert "半导体" in json.dumps(report, ensure_ascii=False)
