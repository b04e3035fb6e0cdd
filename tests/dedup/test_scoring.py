from __future__ import annotations

from kuaibao.dedup.model import ClusterSettings
from kuaibao.dedup.scoring import (
    Evidence,
    anchor_evidence,
    conflicting,
    cross_script_match,
    joins,
    rarity,
    score,
)

SETTINGS = ClusterSettings()


def test_rarity_falls_as_more_stories_share_an_anchor() -> None:
    assert rarity(1) == 1.0
    assert rarity(3) == 0.5
    assert rarity(40) < 0.1


def test_a_phrase_and_its_words_count_once() -> None:
    alone = anchor_evidence(["phrase:lisbon photonics centre"], {})
    both = anchor_evidence(["phrase:lisbon photonics centre", "name:lisbon", "name:centre"], {})
    assert alone == both == 0.7


def test_many_names_are_capped() -> None:
    shared = [f"name:word{i}" for i in range(10)]
    assert anchor_evidence(shared, {}) == 0.7


def test_anchors_held_by_many_stories_in_the_window_count_less() -> None:
    assert anchor_evidence(["money:185000000:GBP"], {"money:185000000:GBP": 5}) < 0.5


def test_headline_figures_conflict_only_when_neither_side_mentions_the_other() -> None:
    doc_key = frozenset({"money:72000000:GBP"})
    doc_all = doc_key | {"money:1000000000:GBP"}
    story_key = {"money:240000000:GBP"}
    assert conflicting(doc_key, doc_all, story_key, story_key | {"money:1000000000:GBP"})
    assert not conflicting(doc_key, doc_all | {"money:240000000:GBP"}, story_key, story_key)
    assert not conflicting(frozenset(), doc_all, story_key, story_key)


def test_score_adds_a_capped_anchor_bonus() -> None:
    assert score(Evidence(text=0.3, anchors=1.0), SETTINGS) == 0.5
    assert score(Evidence(text=0.3, anchors=10.0), SETTINGS) == 0.3 + 0.2 * 2.5


def test_a_conflict_vetoes_unless_the_texts_are_nearly_identical() -> None:
    assert not joins(Evidence(text=0.9, anchors=2.0, conflict=True), SETTINGS)
    assert joins(Evidence(text=0.97, anchors=0.0, conflict=True), SETTINGS)


def test_across_scripts_two_facts_with_a_figure_are_needed() -> None:
    strong = ("money:185000000:GBP", "phrase:caldera semiconductor")
    names_only = ("phrase:caldera semiconductor", "name:newport")
    assert cross_script_match(strong)
    assert not cross_script_match(names_only)
    assert not cross_script_match(("money:185000000:GBP",))
    assert joins(Evidence(0.0, 1.7, strong, cross_script=True), SETTINGS)
    assert not joins(Evidence(0.0, 1.05, names_only, cross_script=True), SETTINGS)
    assert not joins(Evidence(0.0, 0.6, strong, cross_script=True), SETTINGS)
