from __future__ import annotations

from datetime import date

import lxml.html

from kuaibao.bulletin.render.html import css_family, render_html
from kuaibao.bulletin.render.layout import item_heading
from tests.bulletin.render_samples import EVIL_TEXT, LONG_URL, STYLE, evil, items, sample


def page(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def texts(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [el.text_content() for el in root.xpath(xpath)]


def test_page_is_standalone_chinese_html5_with_print_css() -> None:
    html = render_html(sample(), STYLE)
    root = page(html)
    assert html.startswith("<!DOCTYPE html>")
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//meta[@charset='utf-8']")
    assert not root.xpath("//link | //script | //img | //iframe | //object")
    css = "\n".join(texts(root, "//style"))
    assert "@media print" in css
    assert "size: A4" in css
    assert "counter(page)" in css
    assert '"Noto Serif CJK SC"' in css and '"Noto Sans CJK SC"' in css


def test_masthead_contents_and_items_follow_the_layout() -> None:
    root = page(render_html(sample(), STYLE))
    assert texts(root, "//h1") == ["科技快报"]
    assert texts(root, "//p[@class='issue']") == ["2026年第7期（总第131期）"]
    assert texts(root, "//span[@class='unit']") == ["星河科技信息研究所"]
    assert texts(root, "//span[@class='date']") == ["2026年11月20日"]
    assert texts(root, "//nav//h2") == ["目录"]
    # Only sections with items are printed, in house order.
    assert texts(root, "//h2[@class='section-heading']") == ["重点关注", "前沿研究动态", "产业动态"]
    assert texts(root, "//h3") == [item_heading(i) for i in items()]
    assert texts(root, "//h3")[0] == "[量子]某国发布量子信息科学十年路线图"
    assert texts(root, "//p[@class='contributors']") == [
        "张三、李四 供稿",
        "王五 供稿",
        "赵六、钱七、孙八 供稿",
        "周九 供稿",
    ]
    first = root.xpath("//article")[0]
    assert [p.text_content() for p in first.xpath(".//p[@class='para']")] == items()[0].body
    assert first.xpath(".//p[contains(@class, 'original-title')]")[0].text_content() == (
        "原文标题：A Decade Plan for Quantum Information Science"
    )
    assert texts(root, "//footer/p") == ["报送：所领导及各业务处室　　抄送：资料室"]


def test_contents_links_point_at_items_and_sources_are_links() -> None:
    root = page(render_html(sample(), STYLE))
    targets = [a.get("href") for a in root.xpath("//nav//a")]
    assert targets and all(t.startswith("#") for t in targets)
    for target in targets:
        assert root.xpath(f"//*[@id='{target[1:]}']"), target
    item_links = root.xpath("//nav//li[contains(@class, 'contents-item')]/a")
    assert [a.text_content() for a in item_links] == [i.title for i in items()]
    hrefs = [a.get("href") for a in root.xpath("//p[contains(@class, 'source')]/a")]
    assert hrefs == [u for i in items() for u in i.source_urls]
    # A URL too long for one printed line is cut for print, but links whole.
    long_link = root.xpath(f"//a[@href='{LONG_URL}']")[0]
    assert long_link.text_content() == LONG_URL
    assert long_link.xpath(".//br")


def test_citations_only_when_asked() -> None:
    assert not page(render_html(sample(), STYLE)).xpath("//*[@class='citations']")
    root = page(render_html(sample(), STYLE, citations=True, accessed=date(2026, 11, 21)))
    refs = texts(root, "(//article)[1]//ol[@class='citations']/li")
    assert refs == [
        "[1] The White House. A Decade Plan for Quantum Information Science[EB/OL]. "
        "(2026-10-15)[2026-11-21]. https://www.whitehouse.gov/ostp/news/fictional-quantum-roadmap/.",
        "[2] NIST. A Decade Plan for Quantum Information Science[EB/OL]. "
        "(2026-10-15)[2026-11-21]. "
        "https://www.nist.gov/news-events/news/2026/10/quantum-standards-draft.",
    ]


def test_hostile_item_text_renders_inert() -> None:
    html = render_html(evil(), STYLE)
    root = page(html)
    assert not root.xpath("//script")
    assert not root.xpath("//@*[starts-with(name(), 'on')]")
    assert not root.xpath("//b | //i")
    hrefs = [a.get("href") for a in root.xpath("//a")]
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert 'https://ok.example/p?a=1&b=<2>"x' in hrefs
    assert EVIL_TEXT in texts(root, "//h3")[0]
    assert "javascript:alert(1)" in texts(root, "//p[contains(@class, 'source')]")
    assert "<script>" not in html


def test_font_names_cannot_break_out_of_css() -> None:
    assert css_family('Noto"; } body { x') == '"Noto body x"'
    assert css_family("</style>") == '"style"'
    assert css_family("") == "serif"
