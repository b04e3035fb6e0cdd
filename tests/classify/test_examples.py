from __future__ import annotations

import json
from pathlib import Path

import pytest

from kuaibao.classify.examples import (
    Decision,
    Example,
    examples_from_decisions,
    examples_from_items,
    load_examples,
    split_examples,
)
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Item
from kuaibao.errors import ConfigError

TAX = load_taxonomy()


def test_items_give_chinese_text_and_original_title_examples() -> None:
    first = Item("美发布芯片战略", ["第一段。", "第二段。"], domain="芯片", id=7)
    first.section, first.original_title = "科技政策与科研计划", "US chip strategy"
    items = [
        first,
        Item("重点报道", ["正文。"], domain="人工智能", section="重点关注"),
        Item("无领域", ["正文。"], domain=None),
    ]
    examples = examples_from_items(items, TAX)
    assert examples == [
        Example("美发布芯片战略", "第一段。\n第二段。", "半导体", "科技政策与科研计划", "item-7"),
        Example("US chip strategy", "", "半导体", "科技政策与科研计划", "item-7-original"),
        Example("重点报道", "正文。", "人工智能", None, ""),
    ]


def test_decisions_teach_relevance_and_labels() -> None:
    decisions = [
        Decision("reject", "Cup final", "Goals.", relevant=False),
        Decision("accept", "Quantum", "Qubits.", domain="量子技术", section="产业动态"),
        Decision("relabel", "Chip law", "Act.", domain="集成电路", section="科技政策与科研计划"),
        Decision("accept", "No domain", "Text."),
    ]
    examples = examples_from_decisions(decisions, TAX)
    assert [(e.domain, e.section, e.relevant) for e in examples] == [
        ("无关", None, False),
        ("量子技术", "产业动态", True),
        ("半导体", "科技政策与科研计划", True),
    ]


def test_unknown_decision_kind_is_refused() -> None:
    with pytest.raises(ConfigError, match="kind 'maybe'"):
        examples_from_decisions([Decision("maybe", "t", "x")], TAX)


def test_yaml_jsonl_and_folders_load(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "- {id: x1, title: Chip fab, text: Wafers., domain: 半导体, section: 产业动态}\n"
        "- {title: Match report, text: Goals., relevant: false}\n",
        encoding="utf-8",
    )
    row = {"title": "量子", "text": "量子比特", "domain": "量子技术", "section": "前沿研究动态"}
    (tmp_path / "b.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n\n", "utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    examples = load_examples(tmp_path, TAX)
    assert [(e.domain, e.section) for e in examples] == [
        ("半导体", "产业动态"),
        ("无关", None),
        ("量子技术", "前沿研究动态"),
    ]
    assert examples[0].key == "x1"
    assert len(examples[1].key) == 16  # no id: a hash of title and text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- {title: a, domain: 天文}", r"x\.yaml #1: unknown domain '天文'"),
        ("- {title: a, domain: 能源, section: 要闻}", "unknown section '要闻'"),
        ("- {domain: 能源}", "needs a `title` or a `text`"),
        ("- just a string", "expected a mapping"),
        ("title: a", "expected a list"),
        ("- [", "not valid YAML"),
    ],
)
def test_bad_example_files_are_explained(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_examples(path, TAX)


def test_bad_json_line_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"title": "a", "domain": "能源"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2 is not JSON"):
        load_examples(path, TAX)


def test_split_is_deterministic_stratified_and_complete() -> None:
    examples = [
        Example(f"t{i}", "", d, None, f"{d}-{i}") for d in ("能源", "无关") for i in range(10)
    ]
    train, test = split_examples(examples, held_out=0.3)
    again = split_examples(list(reversed(examples)), held_out=0.3)
    assert {e.key for e in test} == {e.key for e in again[1]}
    assert sorted(e.domain for e in test) == sorted(["能源"] * 3 + ["无关"] * 3)
    assert {e.key for e in train} | {e.key for e in test} == {e.key for e in examples}
