"""The paragraph rewrite's pure parts: the request to the model and which findings are
the new paragraph's."""

from __future__ import annotations

from kuaibao.domain import Item
from kuaibao.draft.llm.rewrite import in_paragraph, paragraph_start, rewrite_request
from kuaibao.draft.review import draft_text
from kuaibao.facts.check import Unsupported

TITLE = "标题"
BODY = ["第一段有1亿元。", "第二段有2亿元。", "第三段。"]


def test_the_request_numbers_the_paragraphs_and_names_the_one_to_rewrite() -> None:
    request = rewrite_request(TITLE, BODY, 1)
    assert "第1段：第一段有1亿元。" in request and "第3段：第三段。" in request
    assert "请只依据上面的原文重写第2段" in request
    assert '"body": ["重写后的第2段"]' in request


def test_only_findings_inside_the_paragraph_count() -> None:
    text = draft_text(Item(title=TITLE, body=BODY))
    first, second = text.index("1亿元"), text.index("2亿元")
    assert paragraph_start(TITLE, BODY, 1) == text.index("第二段")
    found = [
        Unsupported("1亿元", first, first + 3, "money"),
        Unsupported("2亿元", second, second + 3, "money"),
    ]
    assert in_paragraph(found, TITLE, BODY, 1) == [found[1]]
    assert in_paragraph(found, TITLE, BODY, 2) == []
