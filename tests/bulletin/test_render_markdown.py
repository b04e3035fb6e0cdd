from __future__ import annotations

import lxml.html
import pytest
from markdown_it import MarkdownIt

from kuaibao.bulletin.render.markdown import autolink, escape, render_markdown
from tests.bulletin.render_samples import EVIL_TEXT, LONG_URL, STYLE, evil, items, sample


class Permissive(MarkdownIt):
    """Accepts every link target, so a javascript: link we emitted would show."""

    def validateLink(self, url: str) -> bool:  # noqa: N802 (markdown-it's name)
        return True


def to_html(markdown: str) -> lxml.html.HtmlElement:
    """CommonMark with raw HTML on and every link target allowed, so nothing is masked."""
    md = Permissive("commonmark")
    return lxml.html.fragment_fromstring(md.render(markdown), create_parent="div")


def texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [el.text_content() for el in root.xpath(xpath)]


def test_structure_headings_paragraphs_and_autolinks() -> None:
    text = render_markdown(sample(), STYLE)
    assert text.startswith(
        "# 科技快报\n\n2026年第7期（总第131期）\n\n星河科技信息研究所　2026年11月20日\n"
    )
    assert "\n### [量子]某国发布量子信息科学十年路线图\n" in text
    assert "\n张三、李四 供稿\n" in text
    assert "\n<https://www.whitehouse.gov/ostp/news/fictional-quantum-roadmap/>\n" in text
    root = to_html(text)
    assert texts(root, "h1") == ["科技快报"]
    assert texts(root, "h2") == ["目录", "重点关注", "前沿研究动态", "产业动态"]
    assert texts(root, "h3") == [f"[{i.domain}]{i.title}" for i in items()]
    assert [a.get("href") for a in root.xpath("//a")] == [u for i in items() for u in i.source_urls]
    assert LONG_URL in texts(root, "//a")
    paragraphs = texts(root, "p")
    assert "原文标题：A Decade Plan for Quantum Information Science" in paragraphs
    assert "赵六、钱七、孙八 供稿" in paragraphs
    assert paragraphs[-1] == "报送：所领导及各业务处室　　抄送：资料室"


def test_contents_lists_sections_and_titles() -> None:
    root = to_html(render_markdown(sample(), STYLE))
    top = root.xpath("ul")[0]
    assert [li.text.strip() for li in top.xpath("./li")] == [
        "一、重点关注",
        "二、前沿研究动态",
        "三、产业动态",
    ]
    assert texts(top, "./li/ul/li") == [i.title for i in items()]


def test_hostile_text_stays_text() -> None:
    text = render_markdown(evil(), STYLE)
    root = to_html(text)
    assert not root.xpath("//script | //img | //b | //i")
    hrefs = [a.get("href") for a in root.xpath("//a")]
    assert hrefs == ["https://ok.example/p?a=1&b=%3C2%3E%22x"]
    assert "<javascript:" not in text and "](javascript:" not in text
    assert any(EVIL_TEXT in t for t in texts(root, "h3"))
    assert "[点我](javascript:alert(1)) ![图](javascript:alert(2))" in texts(root, "p")
    assert "javascript:alert(1)" in texts(root, "p")


@pytest.mark.parametrize(
    "text",
    [
        "1. 这不是列表",
        "- 也不是列表",
        "+ 加号开头",
        "# 不是标题",
        "> 不是引用",
        "*强调* _下划线_ `代码` ~~删除~~",
        "[链接](https://example.com) <b>粗</b> &amp; &copy;",
        "反斜杠 \\ 结尾\\",
        "2026年3月15日（周五）",
    ],
)
def test_escape_round_trips_through_commonmark(text: str) -> None:
    rendered = MarkdownIt("commonmark").render(escape(text))
    paragraph = lxml.html.fragment_fromstring(rendered)
    assert paragraph.tag == "p"
    assert paragraph.text_content() == text


def test_autolink_percent_encodes_angle_brackets() -> None:
    assert autolink("https://a.example/x?q=<1>") == "<https://a.example/x?q=%3C1%3E>"
