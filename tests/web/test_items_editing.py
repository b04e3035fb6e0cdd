"""The item editor's pure parts: marked fact spans (escaped), form text ↔ fields, checks."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from kuaibao.domain import Item
from kuaibao.web.items.editing import (
    EditRejectedError,
    ItemFields,
    body_text,
    clean_event_date,
    highlight,
    names,
    paragraphs,
    split_marks,
    url_lines,
    validate,
)

DOMAINS = ["量子技术", None]
SECTIONS = ["产业动态", None]


def test_highlight_wraps_spans_and_escapes_everything_else() -> None:
    text = '<b>投资</b>1.8亿英镑 & <img src=x onerror="x()">'
    start = text.index("1.8")
    marked = highlight(text, [(start, start + 6, "money")])
    assert isinstance(marked, Markup)
    assert str(marked) == (
        "&lt;b&gt;投资&lt;/b&gt;"
        '<mark class="fact fact-money" title="money">1.8亿英镑</mark>'
        " &amp; &lt;img src=x onerror=&#34;x()&#34;&gt;"
    )


def test_highlight_escapes_the_marked_text_and_odd_kinds() -> None:
    text = "a<script>b"
    marked = str(highlight(text, [(1, 9, 'x" onclick="y')]))
    assert marked == (
        'a<mark class="fact fact-other" title="x&#34; onclick=&#34;y">&lt;script&gt;</mark>b'
    )


def test_highlight_clips_and_skips_bad_spans() -> None:
    text = "一二三四五"
    marks = [(3, 99, "date"), (0, 2, "number"), (1, 3, "money"), (4, 2, "x"), (-5, 0, "y")]
    assert str(highlight(text, marks)) == (
        '<mark class="fact fact-number" title="number">一二</mark>三'
        '<mark class="fact fact-date" title="date">四五</mark>'
    )
    assert str(highlight("", [(0, 3, "money")])) == ""
    assert str(highlight("<x>", [])) == "&lt;x&gt;"


def test_split_marks_moves_spans_into_their_field() -> None:
    title, body = "标题12个", "正文\n\n第二段3.5亿美元"
    combined = f"{title}\n{body}"
    money = combined.index("3.5亿")
    marks = [(2, 5, "number"), (money, money + 6, "money")]
    in_title, in_body = split_marks(title, marks)
    assert in_title == [(2, 5, "number")]
    assert in_body == [(7, 13, "money")]
    assert body[7:13] == "3.5亿美元"
    # A span across the line break is cut in two.
    assert split_marks("ab", [(1, 5, "x")]) == ([(1, 2, "x")], [(0, 2, "x")])


def test_form_text_becomes_fields() -> None:
    assert paragraphs("第一段\r\n\r\n  第二段 \n\n") == ["第一段", "第二段"]
    assert body_text(["第一段", "第二段"]) == "第一段\n\n第二段"
    assert paragraphs(body_text(["一", "二"])) == ["一", "二"]
    assert names("张三、李四, Zhang San；张三") == ["张三", "李四", "Zhang San"]
    assert url_lines("https://a.example/1\r\nhttps://b.example/2 https://a.example/1") == [
        "https://a.example/1",
        "https://b.example/2",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024", "2024"), (" 2024-03 ", "2024-03"), ("2024-02-29", "2024-02-29"), ("", None)],
)
def test_event_dates_at_their_precision(value: str, expected: str | None) -> None:
    assert clean_event_date(value) == expected


@pytest.mark.parametrize("value", ["2023-02-29", "2024-13", "15.03.2024", "2024/03/15", "24"])
def test_bad_event_dates_are_refused(value: str) -> None:
    with pytest.raises(EditRejectedError, match="event date"):
        clean_event_date(value)


def _fields(**changes: object) -> ItemFields:
    base = ItemFields.of(
        Item(
            title="标题",
            body=["正文"],
            domain="量子技术",
            section="产业动态",
            source_urls=["https://agency.example/q"],
        )
    )
    return ItemFields(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def test_validate_cleans_the_fields() -> None:
    clean = validate(
        _fields(title="  标题 ", body=[" 一 ", "", "二"], original_title="  ", event_date="2026"),
        domains=DOMAINS,
        sections=SECTIONS,
    )
    assert clean.title == "标题" and clean.body == ["一", "二"]
    assert clean.original_title is None and clean.event_date == "2026"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "title is empty"),
        ({"title": "标题\x00"}, "one line"),
        ({"domain": "体育"}, "unknown domain"),
        ({"section": "<b>"}, "unknown section"),
        ({"source_urls": ["javascript:alert(1)"]}, "http:// or https://"),
        ({"source_urls": ["//evil.example/"]}, "http:// or https://"),
        ({"body": ["a\x07b"]}, "control characters"),
        ({"body": ["长" * 20_001]}, "longer than"),
        ({"contributors": ["a\nb"]}, "one line"),
    ],
)
def test_validate_refuses_bad_fields(changes: dict[str, object], message: str) -> None:
    with pytest.raises(EditRejectedError, match=message):
        validate(_fields(**changes), domains=DOMAINS, sections=SECTIONS)
