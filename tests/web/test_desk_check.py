"""The live check's faults shown in their draft sentence, with source sentences (pure)."""

from __future__ import annotations

from kuaibao.web.items.desk_check import SENTENCE_CHARS, faults

SOURCE = (
    "UK Research and Innovation said on 12 November 2026 that it will invest £120 million "
    "over five years. The hubs will train 400 researchers. Oxford leads one of them."
)
TITLE = "英国投资1.8亿英镑建设量子中心"
BODY = "2026年11月12日，英国宣布投资1.8亿英镑。中心将培养400名研究人员。"


def _span(text: str, words: str, after: int = 0) -> tuple[int, int]:
    at = text.index(words, after)
    return at, at + len(words)


def test_each_fault_is_shown_in_its_sentence_with_the_source_sentences() -> None:
    text = f"{TITLE}\n{BODY}"
    in_title = _span(text, "1.8亿英镑")
    in_body = _span(text, "1.8亿英镑", len(TITLE) + 1)
    found = faults(TITLE, BODY, [(*in_title, "money"), (*in_body, "money")], SOURCE)
    assert [(f.field, f.before, f.span, f.after) for f in found] == [
        ("title", "英国投资", "1.8亿英镑", "建设量子中心"),
        ("body", "2026年11月12日，英国宣布投资", "1.8亿英镑", "。"),
    ]
    # The source sentence holding a sum comes first; the one without figures is not quoted.
    assert found[1].sources[0].startswith("UK Research and Innovation said")
    assert all("Oxford" not in s for s in found[1].sources)


def test_long_sentences_are_cut_around_the_span_and_bad_spans_skipped() -> None:
    body = "甲" * 400 + "投资1.8亿英镑" + "乙" * 400 + "。"
    start, end = _span(f"{TITLE}\n{body}", "1.8亿英镑", len(TITLE) + 1)
    (fault,) = faults(TITLE, body, [(start, end, "money"), (end, start, "money")], SOURCE)
    assert fault.before.startswith("…") and fault.after.endswith("…")
    assert len(fault.before) + len(fault.span) + len(fault.after) <= SENTENCE_CHARS + 2
    assert faults(TITLE, body, [(10_000, 10_005, "money")], SOURCE) == []
