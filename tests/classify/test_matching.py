from __future__ import annotations

import pytest

from kuaibao.classify.matching import TextIndex, compile_term, first_at, normalise


def found(phrase: str, text: str) -> bool:
    return TextIndex(text).has(compile_term(phrase))


def test_normalise_folds_case_width_and_spaces() -> None:
    assert normalise("  Ｑｕａｎｔｕｍ\n\tChips ") == "quantum chips"


@pytest.mark.parametrize(
    ("phrase", "text", "expected"),
    [
        ("chip", "A new chip for phones", True),
        ("chip", "Chipotle opens a restaurant", False),
        ("chip", "CHIP sales rose", True),
        ("chip*", "The chipmaker grew", True),
        ("chip*", "microchips are small", False),
        ("quantum computer", "a Quantum  Computer was built", True),
        ("quantum computer", "quantum computers", False),
        ("quantum comput*", "quantum computing firms", True),
        ("post-quantum", "post quantum cryptography", True),
        ("post quantum", "a post-quantum scheme", True),
        ("ai", "an AI-powered tool", True),
        ("ai", "gains in the gain of GAIN", False),
        ("6g", "支持6G网络研究", True),
        ("量子", "后量子密码", True),
        ("ai芯片", "英伟达AI芯片出货", True),
        ("ai芯片", "英伟达GAI芯片", False),
        ("r&d", "R&D spending rose", True),
    ],
)
def test_phrase_matching(phrase: str, text: str, expected: bool) -> None:
    assert found(phrase, text) is expected


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("qu*ntum", "only allowed at the end"),
        ("量子*", "only works on English"),
        ("---", "no letters or digits"),
        ("a b c d e f g", "longer than"),
    ],
)
def test_bad_phrases_are_explained(phrase: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compile_term(phrase)


def test_no_phrase_matches_across_parts() -> None:
    index = TextIndex("New quantum", "Computer sales and 芯片", "片厂")
    assert index.has(compile_term("quantum"))
    assert index.has(compile_term("computer sales"))
    assert not index.has(compile_term("quantum computer"))
    assert index.has(compile_term("芯片"))
    assert not index.has(compile_term("芯片片厂"))


def test_index_depth_limits_phrase_length() -> None:
    shallow = TextIndex("quantum dot display panels", max_words=2)
    assert shallow.has(compile_term("quantum dot"))
    assert not shallow.has(compile_term("quantum dot display"))


@pytest.mark.parametrize(
    ("phrase", "text", "at"),
    [
        ("minister", "the science minister opened it", 12),
        ("start-up*", "a start-ups fund", 2),
        ("research team", "the research-team said", 4),
        ("实验室", "省量子实验室实现", 3),
        ("AI芯片", "英伟达ai芯片", 3),
        ("chip", "chipotle", None),
        ("部长", "没有", None),
    ],
)
def test_first_at_finds_where_a_phrase_first_occurs(phrase: str, text: str, at: int | None) -> None:
    assert first_at(compile_term(phrase), normalise(text)) == at
