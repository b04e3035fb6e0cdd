from __future__ import annotations

import math

import pytest

from kuaibao.search.entries import entry_id
from kuaibao.search.query import parse_query
from kuaibao.search.ranking import bm25, estimate_matches, idf, phrase_hits, scored_phrases


def test_idf_is_fts5s_formula_floored_for_words_in_most_entries() -> None:
    assert idf(100, 9) == pytest.approx(math.log(91.5 / 9.5))
    assert idf(100, 50) == 1e-6
    assert idf(100, 90) == 1e-6


def test_bm25_rewards_frequency_with_saturation_and_penalises_length() -> None:
    one, two, ten = (bm25([f], 100, [1.0], 100.0) for f in (1.0, 2.0, 10.0))
    assert one < two < ten < 1.2 + 1.0  # saturates below k1 + 1
    assert bm25([1.0], 300, [1.0], 100.0) < one
    # a title occurrence (weight 3) beats two body occurrences
    assert bm25([3.0], 100, [1.0], 100.0) > two
    # rarer phrases weigh more
    assert bm25([1.0, 0.0], 100, [2.0, 0.5], 100.0) > bm25([0.0, 1.0], 100, [2.0, 0.5], 100.0)


def test_scored_phrases_follow_the_match_expression_and_skip_exclusions() -> None:
    query = parse_query('量子计算 "solid state" OR battery -wafer')
    assert scored_phrases(query) == [("量子",), ("计算",), ("solid", "state"), ("battery",)]


def test_phrase_hits_are_exact_for_pairs_and_bounded_for_longer_phrases() -> None:
    df = {"solid": 90, "state": 300, "solid state": 30, "state battery": 12}
    assert phrase_hits(("solid",), df) == 90
    assert phrase_hits(("solid", "state"), df) == 30
    assert phrase_hits(("solid", "state", "battery"), df) == 12
    assert phrase_hits(("unknown",), df) == 0


def test_estimates_treat_words_as_independent() -> None:
    df = {"chip": 500, "wafer": 100, "solid state": 50}
    assert estimate_matches(parse_query("chip"), df, 1000) == 500
    assert estimate_matches(parse_query("chip wafer"), df, 1000) == 50
    assert estimate_matches(parse_query("chip OR wafer"), df, 1000) == 550
    assert estimate_matches(parse_query('"solid state" chip'), df, 1000) == 25
    assert estimate_matches(parse_query("unknownword"), df, 1000) == 0
    assert estimate_matches(parse_query("chip"), df, 0) == 0


def test_entry_ids_sort_by_date_and_are_unique_per_kind_and_reference() -> None:
    undated = entry_id("item", 9, None)
    early = entry_id("document", 5, "2023-01-01")
    late = entry_id("document", 4, "2024-06-30")
    assert undated < early < late
    assert entry_id("item", 5, "2023-01-01") != early
    assert entry_id("item", 5, "2023-01-01") > early  # same day: items after documents
    with pytest.raises(ValueError, match="out of range"):
        entry_id("item", 2**31, None)
