"""Choosing and cutting the archive items the LLM writer is shown as house style."""

from __future__ import annotations

from datetime import UTC, datetime

from kuaibao.domain import Document, Item
from kuaibao.draft.llm.examples import (
    EXAMPLE_CHARS,
    EXAMPLE_COUNT,
    as_example,
    choose_examples,
    nearest_items,
)
from kuaibao.draft.llm.prompt import BUILT_IN_GUIDANCE, build_messages
from kuaibao.draft.model import StoryInput

STORY = "英国研究与创新署投资量子计算中心，培养量子研究人员。UKRI quantum computing hubs."


def _item(title: str, domain: str, section: str, body: str = "正文一句。") -> Item:
    return Item(title=title, body=[body], domain=domain, section=section)


def test_domain_then_section_then_shared_words_decide() -> None:
    archive = [
        _item("无关条目", "新能源", "产业动态"),
        _item("同领域不同栏目", "量子技术", "产业动态"),
        _item("英国研究与创新署量子计算中心", "新能源", "产业动态"),
        _item("同领域同栏目", "量子技术", "科技政策与科研计划"),
    ]
    chosen = nearest_items(archive, domain="量子技术", section="科技政策与科研计划", content=STORY)
    assert [i.title for i in chosen] == [
        "同领域同栏目",
        "同领域不同栏目",
        "英国研究与创新署量子计算中心",
    ]


def test_shared_words_order_items_of_the_same_domain_and_section() -> None:
    archive = [
        _item("芯片工厂扩产", "量子技术", "产业动态", "晶圆产能提升。"),
        _item("量子计算中心启用", "量子技术", "产业动态", "英国研究与创新署资助量子计算。"),
    ]
    chosen = nearest_items(archive, domain="量子技术", section="产业动态", content=STORY, limit=1)
    assert [i.title for i in chosen] == ["量子计算中心启用"]


def test_items_without_text_teach_nothing_and_are_skipped() -> None:
    archive = [Item(title="空条目", body=[" "], domain="量子技术", section="产业动态")]
    assert nearest_items(archive, domain="量子技术", section="产业动态", content=STORY) == []


def test_an_example_stays_within_its_budget_and_ends_at_a_sentence() -> None:
    body = "这是一个完整的句子，说明篇幅。" * 80
    example = as_example(_item("标题", "量子技术", "产业动态", body), budget=200)
    assert len(example.title) + len(example.body) <= 200
    assert example.body.endswith("。……")
    short = as_example(_item("标题", "量子技术", "产业动态", "短正文。"))
    assert short.body == "短正文。"


def _story(text: str) -> StoryInput:
    doc = Document(
        id=1,
        url="https://ukri.example/news",
        canonical_url="https://ukri.example/news",
        title="UKRI funds quantum hubs",
        text=text,
        content_hash="c" * 64,
        published_at=datetime(2026, 11, 12, tzinfo=UTC),
    )
    return StoryInput(documents=[doc], domain="量子技术", section="产业动态")


def test_the_prompt_stays_small_with_long_examples_and_long_sources() -> None:
    """Sources within max_source_chars, three examples within their budget each, and a
    fixed frame: a small-context model sees all of it."""
    long_item = _item("长条目", "量子技术", "产业动态", "很长的正文句子。" * 500)
    examples = choose_examples([long_item] * 5, domain="量子技术", section="产业动态", content="")
    assert len(examples) == EXAMPLE_COUNT
    story = _story("Quantum computing news sentence. " * 2000)
    messages = build_messages(story, max_source_chars=2000, examples=examples)
    size = sum(len(m["content"]) for m in messages)
    frame = sum(len(m["content"]) for m in build_messages(_story("x"), max_source_chars=2000))
    assert size <= frame + 2000 + EXAMPLE_COUNT * (EXAMPLE_CHARS + 60)
    assert "很长的正文句子" in messages[1]["content"]


def test_without_examples_the_built_in_guidance_stands_in() -> None:
    user = build_messages(_story("UKRI funds hubs."))[1]["content"]
    assert BUILT_IN_GUIDANCE in user and "【示例" not in user
