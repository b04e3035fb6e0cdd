"""The cross-language term pairs and the expansion of a parsed query (no database)."""

from __future__ import annotations

from kuaibao.classify.taxonomy import packaged_taxonomy
from kuaibao.search.expansion import (
    MAX_EXPANSIONS,
    MAX_QUERY_EXPANSIONS,
    build_pairs,
    expand,
    name_pairs,
    taxonomy_pairs,
)
from kuaibao.search.query import Group, parse_query

RAW = {
    "domains": [
        {
            "name": "量子技术",
            "en": "Quantum technology",
            "aliases": ["量子科技"],
            "rules": [
                {"any": ["quantum", "量子"], "not": ["quantum leap", "量子跃迁"], "weight": 3},
                {"any": ["qubit*", "量子比特", "entanglement", "纠缠", "trapped ion*"]},
                {"all": [["ai", "人工智能"], ["model", "模型"]], "weight": 2},
            ],
        }
    ]
}


def applied(text: str, raw: dict[str, object] = RAW) -> tuple[str, ...]:
    return expand(parse_query(text), build_pairs(taxonomy_pairs(raw))).applied


def test_rule_phrases_pair_with_their_nearest_other_language_phrases() -> None:
    assert applied("quantum") == ("量子",)
    assert applied("量子") == ("quantum",)
    assert applied("qubits") == ("量子比特", "纠缠")  # star dropped, plural stemmed
    assert applied("纠缠") == ("entanglement", "trapped ion")  # ties: the earlier first
    assert applied("人工智能") == ("ai",)  # each list of an `all` rule on its own


def test_labels_pair_their_chinese_names_with_the_english_label() -> None:
    assert applied("量子科技") == ("Quantum technology",)
    assert applied('"quantum technology"') == ("量子技术", "量子科技")


def test_exclusion_lists_are_never_pairs() -> None:
    assert applied("量子跃迁") == ()
    assert applied('"quantum leap"') == ()


def test_exclusions_of_the_query_are_not_expanded() -> None:
    expansion = expand(parse_query("lithium -quantum"), build_pairs(taxonomy_pairs(RAW)))
    assert not expansion.expanded and expansion.query == expansion.original


def test_counterparts_are_or_options_searched_as_one_phrase() -> None:
    pairs = build_pairs(name_pairs([("solar cell", "光伏电池")]))
    expansion = expand(parse_query("光伏电池 grid"), pairs)
    first = expansion.query.required[0]
    assert first.options[1:] == (Group((("solar", "cell"),)),)
    assert expansion.query.required[1] == expansion.original.required[1]  # grid: no pair
    back = expand(parse_query('"solar cells"'), pairs).query.required[0].options[1]
    assert back == Group((("光伏", "电池"),))  # adjacent, not anywhere in the entry


def test_name_pairs_need_two_languages_and_drop_a_trailing_note() -> None:
    pairs = name_pairs([("NASA", "美国国家航空航天局（NASA）"), ("量子", "量子"), ("chip", "chip")])
    assert pairs == [("NASA", "美国国家航空航天局"), ("美国国家航空航天局", "NASA")]


def test_a_word_gets_at_most_max_expansions() -> None:
    many = [(f"word{i}", f"词语{'一二三四五六七八九十'[i]}") for i in range(10)]
    pairs = build_pairs(name_pairs([("same", chinese) for _, chinese in many]))
    assert len(expand(parse_query("same"), pairs).applied) == MAX_EXPANSIONS


def test_the_packaged_taxonomy_pairs_the_examples_of_the_issue() -> None:
    raw = packaged_taxonomy().raw
    assert "量子" in applied("quantum", raw)
    chip = applied("芯片", raw)
    assert {"integrated circuit", "Semiconductors"} <= set(chip)


def test_a_pasted_paragraph_gets_at_most_max_query_expansions() -> None:
    raw = packaged_taxonomy().raw
    words = "芯片 quantum battery 人工智能 vaccine rocket 卫星 疫苗 光伏 hydrogen 基因 量子"
    expansion = expand(parse_query(words), build_pairs(taxonomy_pairs(raw)))
    added = sum(len(c.options) - 1 for c in expansion.query.required)
    assert added == MAX_QUERY_EXPANSIONS
