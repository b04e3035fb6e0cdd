from __future__ import annotations

from pathlib import Path

import pytest

from kuaibao.classify.keywords import guess_domain, guess_section
from kuaibao.classify.taxonomy import load_taxonomy, parse_taxonomy
from kuaibao.errors import ConfigError


def test_default_taxonomy_has_the_bulletin_domains_and_sections() -> None:
    tax = load_taxonomy()
    for name in ("半导体", "人工智能", "量子技术", "信息技术", "生物技术", "能源", "航空航天"):
        assert name in tax.domain_names
    assert tax.section_names == ["重点关注", "科技政策与科研计划", "前沿研究动态", "产业动态"]
    assert tax.domain("ai") == "人工智能"
    assert tax.domain("集成电路") == "半导体"
    assert tax.domain("Quantum technology") == "量子技术"
    assert tax.domain("天文") is None


def test_analysts_copy_in_the_data_dir_wins(tmp_path: Path) -> None:
    (tmp_path / "taxonomy.yaml").write_text(
        "domains: [{name: 天文}]\nsections: [要闻]\n", encoding="utf-8"
    )
    tax = load_taxonomy(tmp_path)
    assert (tax.domain_names, tax.section_names) == (["天文"], ["要闻"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("domains: []\nsections: [a]", "non-empty"),
        ("- x", "mapping"),
        ("domains: [{en: x}]\nsections: [a]", "needs a `name`"),
        ("a: [", "not valid YAML"),
    ],
)
def test_bad_files_are_explained(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_taxonomy(text)


@pytest.mark.parametrize(
    ("title", "text", "domain", "section"),
    [
        (
            "Quantum start-up raises $40 million",
            "The company said investors...",
            "量子技术",
            "产业动态",
        ),
        (
            "Government publishes chip strategy",
            "The department will fund fabs.",
            "半导体",
            "科技政策与科研计划",
        ),
        (
            "研究人员发现新型电池材料",
            "论文发表在期刊上，电池能量密度提高。",
            "能源",
            "前沿研究动态",
        ),
    ],
)
def test_keyword_guesses(title: str, text: str, domain: str, section: str) -> None:
    tax = load_taxonomy()
    assert guess_domain(tax, title, text) == domain
    assert guess_section(tax, title, text) == section


def test_no_keyword_no_guess() -> None:
    assert guess_domain(load_taxonomy(), "Weather", "Sunny with light winds.") is None


def test_packaged_taxonomy_has_rules_an_off_topic_label_and_an_editorial_focus() -> None:
    tax = load_taxonomy()
    assert all(d.rules for d in tax.domains)
    assert tax.irrelevant.name == "无关" and tax.irrelevant.rules
    assert "无关" not in tax.domain_names  # bulletins never print it
    assert [s.name for s in tax.predictable_sections] == [
        "科技政策与科研计划",
        "前沿研究动态",
        "产业动态",
    ]
    assert tax.fallback_domain == "综合"


def test_defaults_when_a_taxonomy_says_little() -> None:
    tax = parse_taxonomy("domains: [天文, 地学]\nsections: [要闻]\n")
    assert (tax.irrelevant.name, tax.irrelevant.rules) == ("无关", ())
    assert tax.fallback_domain == "地学"
    assert [s.name for s in tax.predictable_sections] == ["要闻"]
    assert tax.max_words == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("domains: [天文, 天文]\nsections: [a]", "天文 listed more than once"),
        ("domains: [无关]\nsections: [a]\nirrelevant: {name: 无关}", "also a domain"),
        ("domains: [{name: 天文, rules: {any: [star]}}]\nsections: [a]", "must be a list"),
    ],
)
def test_bad_labels_are_explained(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_taxonomy(text)
