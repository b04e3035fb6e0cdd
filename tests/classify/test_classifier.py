from __future__ import annotations

import pytest

from kuaibao.classify.classifier import (
    RELEVANT_AT,
    blend,
    classify,
    classify_many,
    decide,
    softmax,
)
from kuaibao.classify.explain import explain
from kuaibao.classify.model import Model, Prediction, train
from kuaibao.classify.taxonomy import load_taxonomy
from tests.classify.samples import SAMPLES

TAX = load_taxonomy()


@pytest.fixture(scope="module")
def model() -> Model:
    return train(SAMPLES)


def test_softmax_turns_score_gaps_into_odds() -> None:
    p = softmax({"a": 4.0, "b": 2.0, "c": 2.0}, temperature=2.0)
    assert p["a"] / p["b"] == pytest.approx(2.718, rel=1e-3)
    assert sum(p.values()) == pytest.approx(1.0)


def test_blend_trusts_an_unsure_model_less() -> None:
    rules = {"a": 1.0, "b": 0.0}
    sure, w_sure = blend(rules, {"a": 0.1, "b": 0.9})
    unsure, w_unsure = blend(rules, {"a": 0.45, "b": 0.4, "c": 0.15})
    assert (w_sure, w_unsure) == (0.5, 0.25)
    assert sure["b"] == pytest.approx(0.45) and unsure["a"] == pytest.approx(0.8625)
    assert blend(rules, None) == (rules, 0.0)
    assert blend(None, {"a": 1.0}) == ({"a": 1.0}, 1.0)


@pytest.mark.parametrize("with_model", [False, True])
def test_on_topic_text_gets_domain_section_and_reasons(model: Model, with_model: bool) -> None:
    result = classify(
        "Government unveils £2 billion quantum computing strategy",
        "The ministry will fund quantum processors and train researchers.",
        model=model if with_model else None,
    )
    assert (result.domain, result.section) == ("量子技术", "科技政策与科研计划")
    assert result.relevance >= RELEVANT_AT
    assert any("domain rules: 量子技术" in r for r in result.reasons)
    assert any("model" in r for r in result.reasons) is with_model


@pytest.mark.parametrize("with_model", [False, True])
@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("Arsenal win the derby", "The striker scored twice in the Premier League match."),
        ("明天有大到暴雨", "气象台预报，受冷空气影响，气温将下降8摄氏度。"),
        ("Recipe: lemon cake", "Beat the butter and sugar, add eggs and flour, then bake."),
        ("Police arrest robbery suspect", "Officers detained the man after a burglary."),
    ],
)
def test_off_topic_text_is_irrelevant(
    model: Model, with_model: bool, title: str, text: str
) -> None:
    result = classify(title, text, model=model if with_model else None)
    assert result.domain == "无关"
    assert result.section is None
    assert result.relevance < 0.3
    assert result.reasons[0].startswith("relevance")


def test_focus_section_is_never_predicted(model: Model) -> None:
    texts = [(e.title, e.text) for e in SAMPLES] + [("重点关注", "重点关注 focus")]
    assert all(r.section != "重点关注" for r in classify_many(texts, model=model))


def test_relevant_text_without_domain_rules_falls_back_to_general() -> None:
    result = decide(explain("", "", TAX), Prediction({"无关": 0.0}, {}, relevance=0.99), TAX)
    assert result.relevance > RELEVANT_AT
    assert result.domain == "综合"
    assert any("by default" in r for r in result.reasons)


def test_a_confident_model_can_overrule_weak_rules() -> None:
    weak = explain("The chip was mentioned once.", "A story", TAX)
    sure = Prediction({"人工智能": 0.95, "半导体": 0.05}, {"产业动态": 1.0}, relevance=0.95)
    assert decide(weak, None, TAX).domain == "半导体"
    assert decide(weak, sure, TAX).domain == "人工智能"


def test_many_equals_one_by_one(model: Model) -> None:
    pairs = [(e.title, e.text) for e in SAMPLES[:6]]
    assert classify_many(pairs, model=model) == [classify(t, x, model=model) for t, x in pairs]


def test_json_form_has_the_cli_fields(model: Model) -> None:
    data = classify("芯片", "晶圆厂", model=model).to_json()
    assert list(data) == ["domain", "section", "relevance", "reasons"]
