from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kuaibao.bulletin.house import HouseStyle
from kuaibao.bulletin.importers.docx import docx_to_text
from kuaibao.bulletin.importers.pdf import pdf_to_text
from kuaibao.bulletin.render import render
from kuaibao.bulletin.render.layout import (
    bulletin_view,
    chinese_ordinal,
    contributor_line,
    date_line,
    is_web_url,
    issue_line,
    item_heading,
    item_view,
    original_title_line,
    single_line,
)
from kuaibao.domain import Bulletin, Item
from tests.bulletin.render_samples import STYLE, sample


def test_issue_and_date_lines() -> None:
    bulletin = sample()
    assert issue_line(bulletin) == "2026年第7期（总第131期）"
    bulletin.running_number = None
    assert issue_line(bulletin) == "2026年第7期"
    assert date_line(date(2026, 1, 5)) == "2026年1月5日"
    assert date_line(None) is None


def test_item_lines() -> None:
    item = Item(
        title=" 新型\n电池 ",
        body=[],
        domain="能源",
        contributors=["张三", " ", "李四\n"],
        original_title="Line one\nline two",
    )
    # A line break inside the title is folded, and house style drops the space it leaves
    # between two Chinese characters.
    assert item_heading(item) == "[能源]新型电池"
    assert contributor_line(item) == "张三、李四 供稿"
    assert original_title_line(item) == "原文标题：Line one line two"
    bare = Item(title="无领域条目", body=[])
    assert item_heading(bare) == "无领域条目"
    assert contributor_line(bare) is None
    assert original_title_line(bare) is None


def test_sources_are_single_lines_and_blank_ones_dropped() -> None:
    item = Item(title="t", body=[], source_urls=[" ", "https://a.example/x ", "see\nalso"])
    view = bulletin_view(Bulletin(series="s", year=2026, number=1, items=[item]), STYLE)
    sources = view.sections[0].items[0].sources
    assert [(s.url, s.linkable) for s in sources] == [
        ("https://a.example/x", True),
        ("see also", False),
    ]


def test_single_line_keeps_inner_ideographic_spaces_and_drops_control_characters() -> None:
    assert single_line("　　报送：甲　　抄送：乙\n下一行\x00\x0b") == "报送：甲　　抄送：乙 下一行"


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (12, "十二"), (20, "二十"), (23, "二十三"), (100, "100")],
)
def test_chinese_ordinal(n: int, text: str) -> None:
    assert chinese_ordinal(n) == text


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.example.org/a", True),
        ("HTTP://EXAMPLE.ORG", True),
        (" https://example.org/padded ", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>x</b>", False),
        ("https://", False),
        ("//example.org/x", False),
        ("ftp://example.org/x", False),
        ("https://exa mple.org/", False),
        ("https://[::1", False),
    ],
)
def test_only_http_urls_are_links(url: str, ok: bool) -> None:
    assert is_web_url(url) is ok


def test_sections_in_order_unfiled_first_empty_skipped() -> None:
    bulletin = Bulletin(
        series="另一个系列",
        year=2026,
        number=2,
        sections=["甲栏目", "空栏目", "乙栏目"],
        items=[
            Item(title="乙一", body=["x"], section="乙栏目"),
            Item(title="无栏目", body=["x"]),
            Item(title="甲一", body=["x"], section="甲栏目"),
            Item(title="新栏目条目", body=["x"], section="未声明栏目"),
        ],
    )
    view = bulletin_view(bulletin, STYLE)
    assert [s.name for s in view.sections] == [None, "甲栏目", "乙栏目", "未声明栏目"]
    assert [s.contents_label for s in view.sections] == [
        None,
        "一、甲栏目",
        "二、乙栏目",
        "三、未声明栏目",
    ]
    assert [[i.title for i in s.items] for s in view.sections] == [
        ["无栏目"],
        ["甲一"],
        ["乙一"],
        ["新栏目条目"],
    ]
    assert [i.position for s in view.sections for i in s.items] == [2, 3, 1, 4]
    assert view.masthead == "另一个系列"  # not the house series: the bulletin's own name
    assert view.issuing_unit == STYLE.issuing_unit
    assert view.date_line is None


def test_bulletin_issuing_unit_wins_over_house_style() -> None:
    bulletin = sample()
    bulletin.issuing_unit = "别的单位"
    view = bulletin_view(bulletin, STYLE)
    assert (view.masthead, view.issuing_unit) == ("科技快报", "别的单位")
    assert view.footer == STYLE.footer


def test_house_style_is_applied_as_printed_not_stored() -> None:
    item = Item(
        title="英国投资超 11 亿英镑", body=["2024 年 3 月 15 日 ,英国宣布投资。"], domain="能源"
    )
    view = item_view(item, 1)
    assert view.heading == "[能源]英国投资超11亿英镑"
    assert view.paragraphs == ["2024年3月15日，英国宣布投资。"]
    assert item.title == "英国投资超 11 亿英镑"


def rendered_text(data: bytes, fmt: str) -> str:
    """The text of a rendered bulletin, read back as the importers read it."""
    if fmt == "docx":
        return docx_to_text(data)
    if fmt == "pdf":
        return pdf_to_text(data)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["html", "md", "docx", "pdf"])
def test_every_renderer_prints_the_house_styles_contributor_form(fmt: str) -> None:
    """The 供稿 line's form comes from the house style into every format (the seed
    bulletin prints ``张娟 供稿自``); the importer reads either form back."""
    bulletin = sample()
    style = replace(HouseStyle(), contributor_label="供稿自")
    view = bulletin_view(bulletin, style)
    lines = [i.contributor_line for s in view.sections for i in s.items]
    assert lines[0] == "张三、李四 供稿自" and all(x and x.endswith(" 供稿自") for x in lines)
    text = rendered_text(render(bulletin, fmt, style), fmt)
    assert "张三、李四 供稿自" in text
    assert "张三、李四 供稿自" not in rendered_text(render(bulletin, fmt, HouseStyle()), fmt)
