from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.importers.docx import docx_to_text
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.errors import ImportFailedError

SENTENCE = "该实验室表示，新模型在多项公开测试中取得了较好成绩，并将持续开放权重。"


def _link(paragraph: Paragraph, text: str, url: str) -> None:
    """Append a real Word hyperlink (python-docx has no API for creating one)."""
    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    node = OxmlElement("w:t")
    node.text = text
    run.append(node)
    link.append(run)
    paragraph._p.append(link)


def _bulletin_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("科技快报", style="Title")
    document.add_paragraph("2025年第5期")
    document.add_paragraph("某研究中心\u3000\u30002025年5月20日")
    document.add_heading("重点关注", level=1)
    document.add_heading("[人工智能]某实验室发布开源大模型", level=2)
    document.add_paragraph("2025 年 5 月 12 日，某实验室发布开源大模型。" + SENTENCE * 2)
    document.add_paragraph("一、主要特点")
    mixed = document.add_paragraph("模型支持中英文两种语言，详见")
    _link(mixed, "发布页面", "https://lab.example.org/release")
    mixed.add_run("。")
    document.add_paragraph("张三、李四 供稿")
    _link(document.add_paragraph(), "原文链接", "https://lab.example.org/news/2025/open-model")
    document.add_paragraph("https://mirror.example.net/open-model")
    document.add_paragraph("原文标题：Lab Releases an Open Large Model")
    document.add_heading("产业动态", level=1)
    document.add_heading("[量子信息]两家公司共建量子计算云平台", level=2)
    document.add_paragraph("5月15日，两家公司宣布共建量子计算云平台。")
    document.add_paragraph(SENTENCE)
    document.add_paragraph("王五 供稿自")
    document.add_paragraph("https://cloud.example.com/quantum")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_bulletin_imports_items_and_masthead(tmp_path: Path) -> None:
    path = tmp_path / "issue.docx"
    path.write_bytes(_bulletin_docx())
    parsed = import_bulletin(path, load_taxonomy())
    assert parsed.unplaced == []
    assert (parsed.series, parsed.year, parsed.number, parsed.date) == (
        "科技快报",
        2025,
        5,
        date(2025, 5, 20),
    )
    first, second = parsed.items
    assert (first.section, first.domain, first.title) == (
        "重点关注",
        "人工智能",
        "某实验室发布开源大模型",
    )
    assert first.contributors == ["张三", "李四"]
    assert first.body[0].startswith("2025年5月12日，某实验室")
    assert first.body[1:] == ["一、主要特点", "模型支持中英文两种语言，详见发布页面。"]
    assert first.event_date == "2025-05-12"
    assert first.source_urls == [
        "https://lab.example.org/news/2025/open-model",
        "https://mirror.example.net/open-model",
    ]
    assert first.original_title == "Lab Releases an Open Large Model"
    assert (second.section, second.domain, second.contributors) == (
        "产业动态",
        "量子技术",
        ["王五"],
    )
    assert second.body == ["5月15日，两家公司宣布共建量子计算云平台。", SENTENCE]
    assert second.event_date == "2025-05-15"  # the year comes from the masthead
    assert second.source_urls == ["https://cloud.example.com/quantum"]


def test_docx_text_keeps_paragraph_order_and_table_cells() -> None:
    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "甲"
    table.cell(0, 1).text = "乙"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "丙"
    document.add_paragraph("结语")
    out = io.BytesIO()
    document.save(out)
    assert docx_to_text(out.getvalue()).split() == ["前言", "甲", "乙", "丙", "结语"]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 this is not really a zip archive",
        _zip({"word/readme.txt": b"no content types here"}),
    ],
    ids=["bad-zip", "zip-without-document"],
)
def test_damaged_docx_is_an_import_error(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(ImportFailedError, match=r"\.docx"):
        docx_to_text(data)
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(ImportFailedError, match=r"broken\.docx"):
        import_bulletin(path)
