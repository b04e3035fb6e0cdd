from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from kuaibao.bulletin.importers import import_bulletin, parse_bulletin_text
from kuaibao.bulletin.importers.pdf import pdf_to_text
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.errors import ImportFailedError

SENTENCE = (
    "该中心表示，新的测试平台能够在更短的时间内完成芯片验证，并将显著降低中小企业的研发成本。"
)
LONG_URL = (
    "https://www.example.org/news/2025/04/national-artificial-intelligence-chip-testing-"
    "platform-announcement-details"
)
ORIGINAL = (
    "National Artificial Intelligence Chip Testing Platform Will Open to Small Companies Next Year"
)

STYLE = """
@page { size: A5; margin: 18mm 16mm;
  @top-center { content: "科技快报  2025年第4期"; font-size: 8pt }
  @bottom-center { content: "- " counter(page) " -"; font-size: 8pt } }
body { font-family: 'Noto Sans CJK SC'; font-size: 10.5pt; line-height: 1.6 }
p { text-indent: 2em; margin: 0 }
.c { text-align: center; text-indent: 0 }
h1 { text-align: center; font-size: 20pt; font-weight: normal; margin: 0 }
h2 { font-size: 13pt; font-weight: normal; margin: 8pt 0 }
h3 { font-size: 11pt; font-weight: normal; margin: 8pt 0 4pt }
.by { text-indent: 0; text-align: right }
.src { text-indent: 0; word-break: break-all }
"""


def _html() -> str:
    return f"""<html><head><meta charset="utf-8"><style>{STYLE}</style></head><body>
<h1>科技快报</h1>
<p class="c">2025年第4期（总第40期）</p>
<p class="c">科技信息研究中心　　2025年4月25日</p>
<h2>重点关注</h2>
<h3>[人工智能]某国发布 AI 芯片测试平台建设计划</h3>
<p>2025年4月5日，某国信息技术部门宣布建设国家级人工智能芯片测试平台。{SENTENCE * 2}</p>
<p>一、主要内容</p>
<p>{SENTENCE * 12}</p>
<p>二、下一步安排</p>
<p>{SENTENCE * 3}</p>
<p class="by">张三、李四 供稿</p>
<p class="src">{LONG_URL}</p>
<p class="src">原文标题：{ORIGINAL}</p>
<h2>产业动态</h2>
<h3>[量子信息]两家公司合作开发量子传感器</h3>
<p>4月12日，两家公司宣布合作开发用于医学成像的量子传感器。{SENTENCE}</p>
<p>{SENTENCE * 2}</p>
<p class="by">王五 供稿自</p>
<p class="src">https://a.example.com/q/1</p>
<p class="src">https://b.example.com/q/2</p>
<p class="src">原文标题：Quantum sensors for imaging</p>
</body></html>"""


def _fonts_missing() -> str | None:
    if shutil.which("fc-list") is None:
        return "fontconfig (fc-list) is not installed"
    families = subprocess.run(
        ["fc-list", ":", "family"], capture_output=True, text=True, check=False, timeout=30
    ).stdout
    return None if "Noto Sans CJK SC" in families else "Noto Sans CJK SC missing (fonts-noto-cjk)"


@pytest.fixture(scope="module")
def bulletin_pdf() -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    reason = _fonts_missing()
    if reason:
        pytest.skip(reason)
    data: bytes = weasyprint.HTML(string=_html()).write_pdf()
    return data


def _page_ends_mid_paragraph(text: str) -> bool:
    """Some page's last line of content is a wrapped line, not a paragraph end."""
    for page in text.split("\f")[:-1]:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        content = [ln for ln in lines if not re.fullmatch(r"-\s*\d+\s*-", ln)]
        if content and not content[-1].endswith(("。", "安排", "供稿")):
            return True
    return False


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext missing (install poppler-utils)"
)


@needs_poppler
def test_pdf_text_spans_pages_with_furniture(bulletin_pdf: bytes) -> None:
    text = pdf_to_text(bulletin_pdf)
    assert text.count("\f") >= 2
    assert re.search(r"^\s*-\s*2\s*-\s*$", text, re.M)
    assert text.count("2025年第4期") >= 3  # masthead plus one running header per page
    assert _page_ends_mid_paragraph(text)


@needs_poppler
def test_pdf_bulletin_imports_items(bulletin_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "issue.pdf"
    path.write_bytes(bulletin_pdf)
    parsed = import_bulletin(path, load_taxonomy())
    assert parsed.unplaced == []
    assert (parsed.series, parsed.year, parsed.number, parsed.date) == (
        "科技快报",
        2025,
        4,
        date(2025, 4, 25),
    )
    first, second = parsed.items
    assert (first.section, first.domain) == ("重点关注", "人工智能")
    assert first.title == "某国发布AI芯片测试平台建设计划"
    assert first.contributors == ["张三", "李四"]
    assert first.source_urls == [LONG_URL]
    assert first.original_title == ORIGINAL
    assert first.event_date == "2025-04-05"
    assert first.body == [
        "2025年4月5日，某国信息技术部门宣布建设国家级人工智能芯片测试平台。" + SENTENCE * 2,
        "一、主要内容",
        SENTENCE * 12,  # crosses the first page break
        "二、下一步安排",
        SENTENCE * 3,
    ]
    assert (second.section, second.domain, second.contributors) == (
        "产业动态",
        "量子技术",
        ["王五"],
    )
    assert second.body == [
        "4月12日，两家公司宣布合作开发用于医学成像的量子传感器。" + SENTENCE,
        SENTENCE * 2,
    ]
    assert second.event_date == "2025-04-12"
    assert second.source_urls == ["https://a.example.com/q/1", "https://b.example.com/q/2"]
    assert second.original_title == "Quantum sensors for imaging"


def test_pypdf_fallback_when_pdftotext_is_missing(bulletin_pdf: bytes) -> None:
    text = pdf_to_text(bulletin_pdf, pdftotext="kuaibao-no-such-pdftotext")
    parsed = parse_bulletin_text(text, load_taxonomy())
    assert [(i.section, i.domain, i.title) for i in parsed.items] == [
        ("重点关注", "人工智能", "某国发布AI芯片测试平台建设计划"),
        ("产业动态", "量子技术", "两家公司合作开发量子传感器"),
    ]
    assert parsed.items[1].contributors == ["王五"]


@needs_poppler
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4\nthis is not a real PDF body", "damaged"),
        (b"plain text pretending", "not a PDF"),
    ],
)
def test_broken_pdf_is_an_import_error(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailedError, match=message):
        pdf_to_text(data)


def test_broken_pdf_without_pdftotext_mentions_poppler() -> None:
    with pytest.raises(ImportFailedError, match="install poppler-utils"):
        pdf_to_text(b"%PDF-1.4\ngarbage", pdftotext="kuaibao-no-such-pdftotext")


@needs_poppler
def test_pdf_without_text_asks_for_ocr() -> None:
    weasyprint = pytest.importorskip("weasyprint")
    blank: bytes = weasyprint.HTML(string="<html><body></body></html>").write_pdf()
    with pytest.raises(ImportFailedError, match="OCR"):
        pdf_to_text(blank)


@needs_poppler
def test_pdftotext_time_limit(bulletin_pdf: bytes) -> None:
    with pytest.raises(ImportFailedError, match="did not finish"):
        pdf_to_text(bulletin_pdf, timeout=1e-6)
