from __future__ import annotations

import json

import pytest

from kuaibao.classify.explain import explain
from kuaibao.classify.taxonomy import parse_taxonomy

SMALL = parse_taxonomy(
    """
domains:
  - name: 量子技术
    rules:
      - {not: [quantum dot display]}
      - {any: [quantum], weight: 3}
      - {all: [quantum, [computer, processor]], weight: 2, name: quantum computing}
  - name: 能源
    rules:
      - {any: [solar, battery], weight: 2}
irrelevant:
  name: 无关
  rules:
    - {any: [football], weight: 3, name: sport}
sections:
  - {name: 重点关注, editorial: true}
  - name: 产业动态
    rules:
      - {any: [company], weight: 2}
"""
)


def test_fired_rules_are_listed_with_weights_per_label() -> None:
    result = explain("The company built a quantum processor.", "Quantum news", SMALL)
    quantum = next(d for d in result.domains if d.label == "量子技术")
    assert [(f.rule, f.score, f.in_title) for f in quantum.fired] == [
        ("any: quantum", 4.5, True),
        ("quantum computing", 2.0, False),
    ]
    assert quantum.score == 6.5
    assert result.best_domain() == "量子技术"
    assert result.best_section() == "产业动态"


def test_a_veto_rules_the_label_out_and_says_why() -> None:
    result = explain("A quantum dot display with a solar charger.", "", SMALL)
    quantum = next(d for d in result.domains if d.label == "量子技术")
    assert quantum.score == 0
    assert quantum.vetoed_by == ("quantum dot display",)
    assert result.best_domain() == "能源"


def test_editorial_sections_are_not_scored() -> None:
    assert [s.label for s in explain("x", "", SMALL).sections] == ["产业动态"]


def test_nothing_fires_means_no_best_label() -> None:
    result = explain("Cloudy skies", "", SMALL)
    assert (result.best_domain(), result.best_section()) == (None, None)
    assert "(none)" in "\n".join(result.lines())


def test_json_and_text_forms_show_the_same_facts() -> None:
    result = explain("Local football club signs a solar company deal.", "", SMALL)
    data = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert data["irrelevant"]["fired"][0]["rule"] == "sport"
    assert [d["label"] for d in data["domains"]] == ["能源"]
    text = "\n".join(result.lines())
    assert "能源  2" in text and "sport" in text and "[football]" in text


@pytest.mark.parametrize(
    ("title", "text", "domain"),
    [
        # Conventions of past bulletins, encoded in the packaged taxonomy.
        ("英伟达发布新款AI加速器", "新GPU用于大模型训练和推理，集成了上千亿个晶体管。", "人工智能"),
        ("Start-up ships inference accelerator", "The AI chip runs large models.", "人工智能"),
        ("Messaging service adds post-quantum encryption", "Keys rotate often.", "量子技术"),
        ("某银行完成抗量子密码改造", "采用混合加密方案保护网上银行。", "量子技术"),
        ("DARPA programme 3D-prints microsystems", "Additive manufacturing of MEMS.", "半导体"),
        (
            "Skills package for future technologies",
            "Funding for AI, 6G and quantum training.",
            "信息技术",
        ),
        ("Perovskite solar cell sets record", "The new material raises efficiency.", "能源"),
        ("Samsung unveils quantum dot display TV", "The panel is brighter.", None),
    ],
)
def test_packaged_rules_follow_the_bulletin_conventions(
    title: str, text: str, domain: str | None
) -> None:
    best = explain(text, title).best_domain()
    if domain is None:
        assert best != "量子技术"
    else:
        assert best == domain
