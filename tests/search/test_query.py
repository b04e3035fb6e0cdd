from __future__ import annotations

import re

import pytest

from kuaibao.search.query import (
    MAX_QUERY_GROUPS,
    Clause,
    Group,
    parse_query,
    term_to_tsquery,
    to_fts5,
    tsquery_parts,
)


def test_words_are_required_and_chinese_runs_split_into_words() -> None:
    query = parse_query("量子计算 qubits")
    assert query.required == (
        Clause((Group((("量子",), ("计算",))),)),
        Clause((Group((("qubit",),)),)),
    )
    assert to_fts5(query) == '(("量子" AND "计算") AND "qubit")'


def test_quoted_phrase_uses_index_tokens_in_order() -> None:
    query = parse_query('"Quantum Computers" “量子计算机”')
    assert to_fts5(query) == '("quantum computer" AND "量子 计算 算机 计算机")'
    assert term_to_tsquery(("quantum", "computer")) == "('quantum' <-> 'computer')"


def test_exclusions_and_or() -> None:
    query = parse_query('chips OR wafers lithography -"state of the art" -美国')
    assert to_fts5(query) == (
        '(((("chip" OR "wafer") AND "lithography") NOT "state art") NOT "美国")'
    )


def test_or_at_the_edges_or_before_an_exclusion_is_ignored() -> None:
    assert parse_query("OR chip OR") == parse_query("chip")
    assert parse_query("chip OR -wafer") == parse_query("chip -wafer")
    # lower-case "or" is an ordinary (stop) word
    assert parse_query("chip or wafer") == parse_query("chip wafer")


@pytest.mark.parametrize("text", ["", "   ", "the of and", "的 了", "-chip", '""', "OR", "---"])
def test_queries_without_positive_words_are_empty(text: str) -> None:
    assert parse_query(text).is_empty


@pytest.mark.parametrize(
    "text",
    [
        'NEAR(chip wafer, 2) title:quantum ^start qubit* "open',
        "'; DROP TABLE search_entries; --",
        'a"b"c "" ") ( AND OR NOT',
        "\\'x\\' !y & z | w <-> v :* {col}",
    ],
)
def test_hostile_syntax_becomes_plain_quoted_tokens(text: str) -> None:
    query = parse_query(text)
    fts = to_fts5(query)
    # every token the database sees is quoted; the only bare words are our operators
    bare = re.sub(r'"[^"]*"', " ", fts).replace("(", " ").replace(")", " ").split()
    assert set(bare) <= {"AND", "OR", "NOT"}
    assert all(t.isalnum() for t in query.tokens())


def test_tokens_are_the_positive_ones_only() -> None:
    assert parse_query('"量子计算" chip -wafer').tokens() == ["量子", "计算", "chip"]


def test_tsquery_parts_send_words_to_tokens_and_phrases_to_token_pairs() -> None:
    words = parse_query("量子计算 qubits").required
    assert tsquery_parts([t for c in words for t in c.options[0].terms]) == (
        "('量子' & '计算' & 'qubit')",
        None,
    )
    # a two-token phrase is exactly its pair; a longer one also needs its positions
    (phrase,) = parse_query('"quantum computers"').required[0].options[0].terms
    assert tsquery_parts([phrase]) == (None, "'quantum computer'")
    (long,) = parse_query('"solid state batteries"').required[0].options[0].terms
    assert tsquery_parts([long, ("o'k",)]) == (
        "(('solid' <-> 'state' <-> 'battery') & 'o''k')",
        "('solid state' & 'state battery')",
    )


def test_a_pasted_page_is_cut_to_a_bounded_query() -> None:
    words = [f"w{i}" for i in range(300)]
    query = parse_query(" ".join(words))
    assert len(query.required) == MAX_QUERY_GROUPS
    assert query.tokens() == words[:MAX_QUERY_GROUPS]
    assert len(parse_query(" OR ".join(words)).required[0].options) == MAX_QUERY_GROUPS
