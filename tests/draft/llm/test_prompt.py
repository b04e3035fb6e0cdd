from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kuaibao.domain import Document
from kuaibao.draft.llm.examples import Example
from kuaibao.draft.llm.prompt import (
    REPAIR_SOURCE_SENTENCES,
    SOURCE_FLOOR_CHARS,
    SOURCE_MIN_CHARS,
    SYSTEM_PROMPT,
    TRUNCATED_MARK,
    build_messages,
    estimate_tokens,
    fact_lines,
    glossary_terms,
    messages_tokens,
    repair_message,
    source_excerpts,
)
from kuaibao.draft.model import StoryInput
from kuaibao.errors import DraftError
from kuaibao.facts.check import Unsupported
from kuaibao.facts.extract import extract_facts
from kuaibao.facts.model import Facts


def _doc(text: str, title: str = "Title", **extra: object) -> Document:
    return Document(
        url="https://ex.org/a",
        canonical_url="https://ex.org/a",
        title=title,
        text=text,
        content_hash="0" * 64,
        **extra,  # type: ignore[arg-type]
    )


def test_excerpts_share_the_budget_and_short_texts_leave_room() -> None:
    long_a, short, long_b = _doc("a" * 5000), _doc("b" * 100), _doc("c" * 5000)
    excerpts = source_excerpts([long_a, short, long_b], 3000)
    assert excerpts[0].text.endswith(TRUNCATED_MARK) and len(excerpts[0].text) == 1000
    assert excerpts[1].text == "b" * 100
    assert len(excerpts[2].text) == 1900  # the short one's unused share goes to the last
    assert sum(len(e.text) for e in excerpts) <= 3000


def test_only_glossary_terms_in_the_source_are_listed() -> None:
    source = "The AI Act covers foundation models, the minister said."
    glossary = {
        "AI Act": "《人工智能法案》",
        "foundation models": "基础模型",
        "AI": "人工智能",
        "Act": "法案",
        "said": "说",
        "quantum": "量子",
        "sai": "不该匹配",  # inside "said": whole words only
    }
    terms = dict(glossary_terms(source, Facts(), glossary))
    assert "quantum" not in terms and "sai" not in terms
    assert terms["AI Act"] == "《人工智能法案》" and terms["foundation models"] == "基础模型"
    assert next(iter(terms)) == "foundation models"  # longest first


def test_gazetteer_hits_become_terms_and_figures_become_fact_lines() -> None:
    source = "NIST will spend $35 million, up 12%, from January 2025 in Japan."
    facts = extract_facts(source, reference=date(2024, 12, 1))
    assert ("NIST", "美国国家标准与技术研究院（NIST）") in glossary_terms(source, facts, None)
    lines = fact_lines(facts)
    assert "- 金额：$35 million → 3500万美元" in lines
    assert "- 百分比：12% → 12%" in lines or "- 百分比：12%" in lines
    assert "- 日期：January 2025 → 2025年1月" in lines
    assert "- 地点：Japan → 日本" in lines


def test_messages_hold_the_system_prompt_and_the_material() -> None:
    doc = _doc(
        "Horizon Europe adds €95 billion.",
        title="EU research budget",
        published_at=datetime(2025, 2, 1, tzinfo=UTC),
    )
    story = StoryInput(documents=[doc], domain="综合", section="科技政策与科研计划")
    system, user = build_messages(story, glossary={"research budget": "科研预算"})
    assert system == {"role": "system", "content": SYSTEM_PROMPT}
    text = user["content"]
    assert user["role"] == "user"
    assert "参考日期：2025-02-01" in text and "发布日期：2025-02-01" in text
    assert "research budget → 科研预算" in text and "950亿欧元" in text
    assert "标题：EU research budget" in text and "共1篇" in text and "JSON" in SYSTEM_PROMPT


def test_repair_message_quotes_each_span_in_its_sentence_and_the_source_figures() -> None:
    draft = (
        "英国投资量子计算。\n"
        "2026年11月12日，英国研究与创新署宣布投资1.8亿英镑建设中心。该计划为期5年。"
    )
    start = draft.index("1.8亿英镑")
    finding = Unsupported(text="1.8亿英镑", start=start, end=start + len("1.8亿英镑"), kind="money")
    source = (
        "UKRI commits funding to quantum hubs\n"
        "UK Research and Innovation will invest £120 million in five hubs. "
        "researchers welcomed the news."
    )
    asked = repair_message(draft, [finding], source)
    assert (
        "「1.8亿英镑」，所在句子：2026年11月12日，英国研究与创新署宣布投资1.8亿英镑建设中心。"
        in asked
    )
    assert "该计划为期5年" not in asked  # the sentence, not the whole draft
    assert "- UK Research and Innovation will invest £120 million in five hubs." in asked
    assert "researchers welcomed" not in asked  # no figure there
    assert "JSON" in asked


def test_repair_message_bounds_the_quoted_source() -> None:
    source = " ".join(f"In {2000 + n} the lab spent ${n} million." for n in range(50))
    finding = Unsupported(text="3亿美元", start=0, end=4, kind="money")
    asked = repair_message("3亿美元。", [finding], source)
    assert asked.count("\n- ") == REPAIR_SOURCE_SENTENCES


def test_repair_message_quotes_first_the_source_sentences_holding_a_fact_of_that_kind() -> None:
    """A long source with many numbers: the sentence with the sum is quoted even when
    more than REPAIR_SOURCE_SENTENCES sentences with digits come before it."""
    filler = " ".join(f"Room {n} has {n} desks." for n in range(1, 20))
    source = f"{filler} The council will spend $52 billion on quantum sensing."
    finding = Unsupported(text="900亿美元", start=0, end=6, kind="money")
    asked = repair_message("900亿美元。", [finding], source)
    assert "- The council will spend $52 billion on quantum sensing." in asked
    assert asked.index("$52 billion") < asked.index("Room 1 has")


# --- fitting a context budget -------------------------------------------------------------


def _examples(count: int) -> list[Example]:
    return [
        Example(
            domain="量子技术",
            section="产业动态",
            title=f"示例{number}：某机构启动量子计划",
            body="某机构宣布启动量子计划，为期五年，支持量子传感和量子通信研究。" * 8,
        )
        for number in range(1, count + 1)
    ]


def _long_story() -> StoryInput:
    text = "\n".join(
        f"The agency said on March {day}, 2025 it will fund {day} quantum hubs with "
        f"${day * 10} million over five years." + " More context about the programme." * 6
        for day in range(1, 29)
    )
    return StoryInput(
        documents=[_doc(text, title="Agency funds quantum hubs")],
        domain="量子技术",
        section="产业动态",
        reference=date(2025, 3, 30),
    )


def test_token_estimate_counts_chinese_characters_digits_and_words() -> None:
    assert estimate_tokens("量子计算") == 4
    assert estimate_tokens("2025") == 4  # digits one by one, as Gemma and Qwen split them
    assert estimate_tokens("quantum hubs") == 3 + 2  # a token per three letters, rounded up
    assert estimate_tokens("（NSF）。") == 3 + 1  # full-width marks count as Chinese
    assert estimate_tokens("a\nb") == 3
    assert estimate_tokens("   ") == 0


def test_without_a_budget_the_prompt_keeps_every_example_and_the_source_cap() -> None:
    user = build_messages(_long_story(), examples=_examples(3), max_source_chars=6000)[1]
    assert all(f"【示例{n}】" in user["content"] for n in (1, 2, 3))


def test_a_budget_drops_the_farthest_examples_before_cutting_sources() -> None:
    story, examples = _long_story(), _examples(3)
    full = build_messages(story, examples=examples, max_source_chars=6000)
    need = messages_tokens(full)
    one_less = messages_tokens(build_messages(story, examples=examples[:2], max_source_chars=6000))
    fitted = build_messages(story, examples=examples, max_source_chars=6000, prompt_tokens=need - 1)
    user = fitted[1]["content"]
    assert "【示例1】" in user and "【示例2】" in user and "【示例3】" not in user
    assert messages_tokens(fitted) == one_less <= need - 1
    assert fitted[1]["content"].count(TRUNCATED_MARK) == 1  # the sources as capped before


def test_a_small_budget_keeps_the_nearest_example_and_cuts_the_sources_to_fit() -> None:
    story, examples = _long_story(), _examples(3)
    bare = messages_tokens(build_messages(story, max_source_chars=SOURCE_FLOOR_CHARS))
    budget = bare + 400  # room for one example (about 250 tokens), not for more sources
    fitted = build_messages(story, examples=examples, max_source_chars=6000, prompt_tokens=budget)
    user = fitted[1]["content"]
    assert messages_tokens(fitted) <= budget
    assert "【示例1】" in user and "【示例2】" not in user
    source = user[user.index("正文：\n") + 4 : user.rindex("\n\n请按要求")]
    assert source.endswith(TRUNCATED_MARK) and SOURCE_FLOOR_CHARS <= len(source) < 3000
    assert fitted[0]["content"] == SYSTEM_PROMPT  # the instructions are never cut


def test_a_tiny_budget_drops_every_example_and_cuts_the_sources_to_the_minimum() -> None:
    story = _long_story()
    smallest = build_messages(story, max_source_chars=SOURCE_MIN_CHARS)
    budget = messages_tokens(smallest) + 5
    fitted = build_messages(
        story, examples=_examples(3), max_source_chars=6000, prompt_tokens=budget
    )
    assert "【示例" not in fitted[1]["content"] and messages_tokens(fitted) <= budget


def test_a_budget_below_the_shortest_prompt_is_a_context_error() -> None:
    story = _long_story()
    smallest = messages_tokens(build_messages(story, max_source_chars=SOURCE_MIN_CHARS))
    with pytest.raises(DraftError, match="context_tokens") as caught:
        build_messages(story, examples=_examples(2), prompt_tokens=smallest - 1)
    assert caught.value.kind == "context"
