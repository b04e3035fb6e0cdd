from __future__ import annotations

import io
from datetime import date
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from kuaibao.bulletin.render.docx import render_docx
from kuaibao.bulletin.render.layout import item_heading
from tests.bulletin.render_samples import EVIL_TEXT, LONG_URL, STYLE, evil, items, sample


def read(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def document() -> Any:
    return read(render_docx(sample(), STYLE))


def styled(document: Any, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_structure_uses_real_word_styles(document: Any) -> None:
    assert styled(document, "Title") == ["科技快报"]
    assert styled(document, "Issue Line") == ["2026年第7期（总第131期）"]
    assert styled(document, "Imprint") == ["星河科技信息研究所\t2026年11月20日"]
    assert styled(document, "Contents Heading") == ["目录"]
    assert styled(document, "Contents Section") == [
        "一、重点关注",
        "二、前沿研究动态",
        "三、产业动态",
    ]
    assert styled(document, "Contents Entry") == [i.title for i in items()]
    assert styled(document, "Heading 1") == ["重点关注", "前沿研究动态", "产业动态"]
    assert styled(document, "Heading 2") == [item_heading(i) for i in items()]
    assert styled(document, "Heading 2")[2] == "[人工智能]欧洲研究联盟发布开放多语种基础模型"
    assert styled(document, "Normal") == [p for i in items() for p in i.body]
    assert styled(document, "Contributor") == [
        "张三、李四 供稿",
        "王五 供稿",
        "赵六、钱七、孙八 供稿",
        "周九 供稿",
    ]
    assert styled(document, "Source") == [u for i in items() for u in i.source_urls]
    assert (
        styled(document, "Original Title")[0]
        == "原文标题：A Decade Plan for Quantum Information Science"
    )
    assert styled(document, "Distribution") == ["报送：所领导及各业务处室　　抄送：资料室"]
    assert not styled(document, "Citation")


def test_body_starts_on_a_new_page_after_the_contents(document: Any) -> None:
    first_section = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert first_section.paragraph_format.page_break_before is True


def test_styles_name_east_asian_fonts_and_indent(document: Any) -> None:
    expected = {
        "Normal": "Noto Serif CJK SC",
        "Title": "Noto Sans CJK SC",
        "Heading 1": "Noto Sans CJK SC",
        "Heading 2": "Noto Sans CJK SC",
        "Contributor": "Noto Serif CJK SC",
        "Source": "Noto Serif CJK SC",
    }
    for name, font in expected.items():
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    normal = document.styles["Normal"]
    assert normal.paragraph_format.first_line_indent == docx.shared.Pt(24)
    assert normal.element.pPr.ind.get(qn("w:firstLineChars")) == "200"
    assert document.styles["Contributor"].paragraph_format.first_line_indent == 0


def test_sources_are_clickable_hyperlinks(document: Any) -> None:
    links = [
        (link.address, link.text)
        for p in document.paragraphs
        if p.style.name == "Source"
        for link in p.hyperlinks
    ]
    urls = [u for i in items() for u in i.source_urls]
    assert links == [(u, u) for u in urls]
    assert (LONG_URL, LONG_URL) in links


def test_contents_entries_link_to_bookmarked_headings(document: Any) -> None:
    body = document.element.body
    anchors = [h.get(qn("w:anchor")) for h in body.iter(qn("w:hyperlink")) if h.get(qn("w:anchor"))]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    assert len(anchors) == len(items()) + 3
    assert set(anchors) == bookmarks


def test_a4_pages_with_a_page_number_field(document: Any) -> None:
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = section.footer.paragraphs[0]
    instructions = [t.text for t in footer._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    kinds = [c.get(qn("w:fldCharType")) for c in footer._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def test_citations_only_when_asked() -> None:
    document = read(render_docx(sample(), STYLE, citations=True, accessed=date(2026, 11, 21)))
    refs = styled(document, "Citation")
    assert len(refs) == sum(len(i.source_urls) for i in items())
    assert refs[0].startswith("[1] The White House. A Decade Plan for Quantum Information Science")
    assert document.styles["Citation"].font.size == docx.shared.Pt(8)


def test_hostile_item_text_is_plain_text() -> None:
    document = read(render_docx(evil(), STYLE))
    assert styled(document, "Heading 2") == [f"[安全<b>]恶意标题{EVIL_TEXT}"]
    assert styled(document, "Source") == ["javascript:alert(1)", 'https://ok.example/p?a=1&b=<2>"x']
    targets = [
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    ]
    assert targets == ['https://ok.example/p?a=1&b=<2>"x']


def test_control_characters_are_dropped_not_fatal() -> None:
    bulletin = sample()
    bulletin.items[0].title = "标题\x00带\x0b控制符"
    document = read(render_docx(bulletin, STYLE))
    assert styled(document, "Heading 2")[0] == "[量子]标题带控制符"
