"""The gazetteer: packaged entries, validation, DATA_DIR override, run-time additions."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.errors import ConfigError
from kuaibao.facts.gazetteer import (
    KINDS,
    Gazetteer,
    GazetteerEntry,
    default_gazetteer,
    load_gazetteer,
    parse_gazetteer,
)


def test_packaged_gazetteer_is_large_and_valid() -> None:
    gazetteer = default_gazetteer()
    assert len(gazetteer) >= 300
    kinds = {e.kind for e in gazetteer.entries}
    assert {"agency", "think_tank", "company", "university", "programme", "law"} <= kinds
    assert kinds <= KINDS


@pytest.mark.parametrize(
    ("name", "zh"),
    [
        ("Office of Science and Technology Policy", "白宫科技政策办公室（OSTP）"),
        ("OSTP", "白宫科技政策办公室（OSTP）"),
        ("CHIPS and Science Act", "《芯片和科学法案》"),
        ("DARPA", "美国国防部高级研究计划局（DARPA）"),
        ("UKRI", "英国研究与创新署（UKRI）"),
        ("EPSRC", "英国工程和自然科学研究理事会（EPSRC）"),
        ("Horizon Europe", "“地平线欧洲”计划"),
        ("TSMC", "台积电"),
        ("台积电", "台积电"),
        ("国防先进研究计划局", "美国国防部高级研究计划局（DARPA）"),
    ],
)
def test_standard_chinese_names(name: str, zh: str) -> None:
    entry = default_gazetteer().lookup(name)
    assert entry is not None and entry.zh == zh


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The White House Office of Science and Technology Policy said",
            ["White House Office of Science and Technology Policy"],
        ),
        ("美国白宫科技政策办公室（OSTP）发布", ["美国白宫科技政策办公室（OSTP）"]),
        ("英国加入“地平线欧洲”计划和《芯片联合承诺》", ["“地平线欧洲”计划", "芯片联合承诺"]),
        ("John Doe met the DOE", ["DOE"]),
        ("基于Arm的芯片", ["Arm"]),
        ("an arm of the company", []),
    ],
)
def test_find(text: str, expected: list[str]) -> None:
    hits = default_gazetteer().find(text)
    assert [h.text for h in hits] == expected
    assert all(text[h.start : h.end] == h.text for h in hits)


def test_ambiguous_short_chinese_names_are_not_guessed() -> None:
    # 国家科学基金会 would be the US NSF or the Swiss SNSF: it is matched only in full.
    assert default_gazetteer().lookup("国家科学基金会") is None
    assert default_gazetteer().find("国家科学基金会资助") == []


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("entries: [{en: [Foo Agency], kind: agency}]", "missing `zh`"),
        ("entries: [{en: [Foo Agency], zh: '', kind: agency}]", "missing `zh`"),
        ("entries: [{zh: 某机构, kind: agency}]", "at least one `en`"),
        ("entries: [{en: [Foo], zh: 某机构, kind: spaceship}]", "unknown kind"),
        ("entries: [{en: [Foo], zh: 某机构, kind: agency, colour: red}]", "unknown field"),
        ("entries: {a: 1}", "top-level `entries:` list"),
        ("entries: [", "not valid YAML"),
        (
            "entries:\n  - {en: [Foo Agency], abbr: FA, zh: 甲机构, kind: agency}\n"
            "  - {en: [Bar Agency], abbr: FA, zh: 乙机构, kind: agency}",
            "reuses the name",
        ),
    ],
)
def test_validation_errors_are_clear(yaml_text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse_gazetteer(yaml_text, "test.yaml")
    assert "test.yaml" in str(info.value)


def test_duplicate_error_names_both_entries() -> None:
    text = (
        "entries:\n  - {en: [Foo Agency], abbr: FA, zh: 甲机构, kind: agency}\n"
        "  - {en: [Bar Agency], abbr: FA, zh: 乙机构, kind: agency}"
    )
    with pytest.raises(ConfigError, match=r"entry 2.*'Bar Agency'.*'FA'.*'Foo Agency'"):
        parse_gazetteer(text, "test.yaml")


def test_data_dir_copy_wins(tmp_path: Path) -> None:
    (tmp_path / "gazetteer.yaml").write_text(
        "entries:\n  - {en: [Caldera Fab Authority], abbr: CFA, zh: 卡尔德拉晶圆局（CFA）, "
        "kind: agency}\n",
        encoding="utf-8",
    )
    gazetteer = load_gazetteer(tmp_path)
    assert len(gazetteer) == 1
    assert [h.zh for h in gazetteer.find("The CFA said")] == ["卡尔德拉晶圆局（CFA）"]
    assert len(load_gazetteer(tmp_path / "missing")) == len(default_gazetteer())


def test_add_extends_a_loaded_copy_only() -> None:
    gazetteer = load_gazetteer()
    before = len(default_gazetteer())
    gazetteer.add(GazetteerEntry(zh="卡尔德拉晶圆局", kind="agency", en=("Caldera Fab Authority",)))
    assert [h.canonical for h in gazetteer.find("Caldera Fab Authority grants")] == [
        "Caldera Fab Authority"
    ]
    assert len(default_gazetteer()) == before
    assert default_gazetteer().find("Caldera Fab Authority grants") == []


def test_add_refuses_a_taken_name_unless_replacing() -> None:
    gazetteer = Gazetteer([GazetteerEntry(zh="甲", kind="agency", en=("Foo Agency",), abbr="FA")])
    other = GazetteerEntry(zh="乙机构", kind="agency", en=("Bar Agency",), abbr="FA")
    with pytest.raises(ConfigError, match="replace=True"):
        gazetteer.add(other)
    gazetteer.add(other, replace=True)
    assert [h.zh for h in gazetteer.find("FA and Foo Agency")] == ["乙机构", "甲"]
    with pytest.raises(ConfigError, match="missing `zh`"):
        gazetteer.add(GazetteerEntry(zh=" ", kind="agency", en=("Baz",)))
