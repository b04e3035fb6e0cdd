from __future__ import annotations

import pytest

from kuaibao.draft.llm.reply import parse_draft_reply
from kuaibao.draft.llm.usage import estimate_cost, token_counts
from kuaibao.errors import DraftError

OBJ = '{"title": "英国投资量子", "body": ["首段正文", "次段正文"]}'


@pytest.mark.parametrize(
    "content",
    [
        OBJ,
        f"```json\n{OBJ}\n```",
        f"```\n{OBJ}\n```",
        f"以下是结果：{OBJ} 希望有帮助。",
        f"<think>先想一想 {{不是JSON}}</think>\n{OBJ}",
    ],
)
def test_strict_fenced_and_loose_json_are_read(content: str) -> None:
    reply = parse_draft_reply(content)
    assert (reply.title, reply.body, reply.key_sentences) == (
        "英国投资量子",
        ["首段正文", "次段正文"],
        [],
    )


def test_body_as_one_string_is_split_into_paragraphs() -> None:
    reply = parse_draft_reply(
        '{"title": " 标 题 ", "body": "一段\\n\\n二段", "key_sentences": ["k"]}'
    )
    assert (reply.title, reply.body, reply.key_sentences) == ("标 题", ["一段", "二段"], ["k"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("这不是JSON", "not a JSON object"),
        ("[1, 2]", "not a JSON object"),
        ('{"body": ["x"]}', "no `title`"),
        ('{"title": "t", "body": []}', "no `body`"),
        ('{"title": "t", "body": [1, 2]}', "no `body`"),
        # the format line copied (a 270M model did this, quotes and all)
        ('{"title": "标题", "body": ["第一段", "第二段"]}', "copied the answer format"),
        ('{"title": "标题”,", "body": ["第一段”, “第二段"]}', "copied the answer format"),
    ],
)
def test_replies_without_a_draft_are_errors(content: str, message: str) -> None:
    with pytest.raises(DraftError, match=message):
        parse_draft_reply(content)


def test_a_draft_that_only_mentions_the_placeholders_is_read() -> None:
    reply = parse_draft_reply('{"title": "标题 (中文标题)", "body": ["第一段写于2026年11月12日"]}')
    assert reply.body == ["第一段写于2026年11月12日"]


def test_cost_needs_the_prices_of_the_tokens_used() -> None:
    assert estimate_cost(1_000_000, 500_000, 1.0, 4.0) == pytest.approx(3.0)
    assert estimate_cost(1000, 0, 1.0, 0.0) == pytest.approx(0.001)
    assert estimate_cost(1000, 10, 1.0, 0.0) is None
    assert estimate_cost(None, None, 1.0, 1.0) is None


def test_token_counts_tolerate_missing_or_odd_usage() -> None:
    assert token_counts({"prompt_tokens": 5, "completion_tokens": 7}) == (5, 7, 12)
    assert token_counts(None) == (None, None, None)
    assert token_counts({"prompt_tokens": "5", "completion_tokens": True}) == (None, None, None)
