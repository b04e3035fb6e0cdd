from __future__ import annotations

import pytest

from kuaibao.classify.matching import TextIndex
from kuaibao.classify.rules import (
    Rule,
    RuleError,
    evaluate_rule,
    parse_rule,
    parse_rules,
    rule_score,
)
from kuaibao.classify.taxonomy import parse_taxonomy
from kuaibao.errors import ConfigError


def fire(rule: Rule, text: str, title: str = "") -> tuple[str, ...] | None:
    firing = evaluate_rule(rule, TextIndex(title), TextIndex(title, text))
    return None if firing is None else firing.matched


QUANTUM_COMPUTING = parse_rule(
    {"all": ["quantum", ["computer", "processor", "qubit"]], "weight": 3}
)


def test_all_needs_every_element_and_a_list_means_any_of() -> None:
    assert fire(QUANTUM_COMPUTING, "a quantum processor") == ("quantum", "processor")
    assert fire(QUANTUM_COMPUTING, "a quantum leap in sales") is None
    assert fire(QUANTUM_COMPUTING, "a new processor") is None


def test_groups_may_match_in_title_or_text() -> None:
    assert fire(QUANTUM_COMPUTING, "a 100-qubit chip", title="Quantum start-up") is not None


def test_a_title_firing_reports_the_title_phrases() -> None:
    rule = parse_rule({"any": ["qubit", "quantum computer"]})
    firing = evaluate_rule(
        rule, TextIndex("A quantum computer"), TextIndex("A quantum computer", "qubit")
    )
    assert firing is not None and (firing.matched, firing.in_title) == (("quantum computer",), True)


def test_title_hits_count_half_again() -> None:
    rule = parse_rule({"any": ["fusion"], "weight": 2})
    in_title = evaluate_rule(rule, TextIndex("Fusion record"), TextIndex("Fusion record", "plasma"))
    in_text = evaluate_rule(rule, TextIndex("Record"), TextIndex("Record", "fusion plasma"))
    assert in_title is not None and in_text is not None
    assert (rule_score(rule, in_title), rule_score(rule, in_text)) == (3.0, 2.0)


def test_not_inside_a_rule_stops_it() -> None:
    rule = parse_rule({"any": ["manufacturing"], "not": ["semiconductor"], "weight": 1})
    assert fire(rule, "advanced manufacturing of cars") == ("manufacturing",)
    assert fire(rule, "semiconductor manufacturing") is None


def test_bare_not_is_a_veto_with_the_phrases_that_matched() -> None:
    veto = parse_rule({"not": ["quantum dot display"]})
    assert veto.is_veto
    assert fire(veto, "A quantum-dot display for TVs") == ("quantum dot display",)
    assert fire(veto, "quantum computing") is None


def test_a_bare_phrase_is_an_any_rule_of_weight_one() -> None:
    rule = parse_rule("graphene")
    assert (rule.weight, fire(rule, "graphene sheets")) == (1.0, ("graphene",))


def test_description_names_the_parts() -> None:
    assert QUANTUM_COMPUTING.describe() == "all: quantum + (computer | processor | qubit)"
    named = parse_rule({"any": ["gpu"], "name": "AI chips"})
    assert named.describe() == "AI chips"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"any": []}, "non-empty list"),
        ({"any": ["a"], "weight": 0}, "positive number"),
        ({"any": ["a"], "weight": "heavy"}, "positive number"),
        ({"any": ["a"], "weight": True}, "positive number"),
        ({"any": ["a"], "all": ["b"]}, "either `any` or `all`"),
        ({"any": [["a", "b"]]}, "nest lists only inside `all`"),
        ({"all": "quantum"}, "non-empty list"),
        ({"not": ["x"], "weight": 2}, "takes no `weight`"),
        ({"weight": 2}, "needs `any`, `all` or `not`"),
        ({"any": ["a"], "wieght": 2}, "unknown key"),
        ({"any": [""]}, "empty or invalid phrase"),
        ({"any": ["量子*"]}, "only works on English"),
        (["a"], "must be a mapping"),
    ],
)
def test_invalid_rules_are_explained(spec: object, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        parse_rule(spec)


def test_errors_name_the_label_and_the_rule_number() -> None:
    with pytest.raises(RuleError, match=r"domains #2 能源, rule #2 \(\{'any': \['solar'\]"):
        parse_rules([{"any": ["wind"]}, {"any": ["solar"], "weight": -1}], (), "domains #2 能源")


def test_taxonomy_errors_name_the_file_label_and_rule() -> None:
    text = """
domains:
  - name: 能源
    rules:
      - {any: [solar], weight: 1}
      - {all: [], weight: 2}
sections: [产业动态]
"""
    with pytest.raises(ConfigError, match=r"my\.yaml: domains #1 能源, rule #2 .*non-empty"):
        parse_taxonomy(text, "my.yaml")


def test_keywords_become_one_weight_one_rule() -> None:
    rules = parse_rules(None, ("wind", "solar"), "x")
    assert len(rules) == 1
    assert (rules[0].weight, rules[0].name, fire(rules[0], "solar farm")) == (
        1.0,
        "keywords",
        ("solar",),
    )
