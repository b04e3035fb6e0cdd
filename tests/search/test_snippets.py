from __future__ import annotations

from kuaibao.search.snippets import (
    CHINESE_WINDOW,
    ENGLISH_WORDS,
    Matcher,
    make_snippet,
    merge,
)


def marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_chinese_tokens_match_inside_longer_words_and_touching_spans_merge() -> None:
    matcher = Matcher(["量子", "计算"])
    assert marked("新型量子计算机。量子", matcher.find("新型量子计算机。量子")) == [
        "量子计算",
        "量子",
    ]


def test_english_words_match_by_their_folded_form() -> None:
    text = "Two Computers and one computing cluster; COMPUTER!"
    assert marked(text, Matcher(["computer"]).find(text)) == ["Computers", "COMPUTER"]


def test_a_probe_inside_another_word_is_not_a_match() -> None:
    text = "Start the parts, then the art."
    assert marked(text, Matcher(["art"]).find(text)) == ["art"]
    assert Matcher(["art"]).first(text) == text.rindex("art")


def test_chinese_snippet_is_a_short_window_around_the_first_match() -> None:
    body = "甲" * 300 + "量子计算机" + "乙" * 300
    snippet = make_snippet(body, Matcher(["量子"]))
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert len(snippet.text) == CHINESE_WINDOW + 2
    assert marked(snippet.text, snippet.highlights) == ["量子"]


def test_english_snippet_is_about_thirty_words_around_the_match() -> None:
    words = [f"w{i}" for i in range(200)]
    words[120] = "Qubits"
    snippet = make_snippet(" ".join(words), Matcher(["qubit"]))
    parts = snippet.text.strip("…").split()
    assert len(parts) == ENGLISH_WORDS and "Qubits" in parts[:12]
    assert marked(snippet.text, snippet.highlights) == ["Qubits"]


def test_without_a_match_the_snippet_is_the_opening_without_highlights() -> None:
    snippet = make_snippet("开头的一段话。" * 30, Matcher(["芯片"]))
    assert snippet.text.startswith("开头的一段话") and snippet.highlights == []


def test_paragraph_breaks_collapse_and_chinese_lines_join_without_spaces() -> None:
    snippet = make_snippet("第一段讲芯片。\n\n第二段。\nEnglish  words here.", Matcher(["芯片"]))
    assert snippet.text == "第一段讲芯片。第二段。 English words here."
    assert marked(snippet.text, snippet.highlights) == ["芯片"]


def test_highlights_are_offsets_into_plain_text_so_markup_stays_inert() -> None:
    text = "<b>chip</b> & chips"
    spans = Matcher(["chip"]).find(text)
    assert marked(text, spans) == ["chip", "chips"]


def test_merge_joins_overlapping_and_touching_ranges_only() -> None:
    assert merge([(5, 7), (0, 2), (2, 4), (6, 9), (11, 12)]) == [(0, 4), (5, 9), (11, 12)]
