"""Round trip is the proof: render a compiled bulletin, read it back, get the same items.

PDF goes through real ``pdftotext`` (poppler-utils), DOCX through python-docx, JSON
through kuaibao's own export, each then through the importer a user would run.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kuaibao.bulletin.importers import import_bulletin
from kuaibao.bulletin.render import render
from kuaibao.classify.taxonomy import load_taxonomy
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState
from tests.bulletin.render_samples import LONG_URL, STYLE

FIELDS = ("section", "domain", "title", "body", "contributors", "source_urls",
          "original_title", "event_date")  # fmt: skip


def sample_items() -> list[Item]:
    """Items whose bodies state their dates, as real ones do (event_date is read from it)."""
    return [
        Item(
            title="某国设立12亿欧元芯片试验线计划",
            body=[
                "2026年10月15日，某国经济部宣布设立12亿欧元试验线计划，支持先进封装研发。",
                "计划分三期实施，首期面向高校与企业联合体开放申请。",
            ],
            domain="半导体",
            section="重点关注",
            contributors=["张三", "李四"],
            source_urls=[
                "https://www.example.gov/news/2026/pilot-line-fund",
                "https://news.example.com/chips/2026/10/15/pilot-lines",
            ],
            original_title="Ministry launches EUR 1.2 billion pilot-line programme for chips",
            event_date="2026-10-15",
        ),
        Item(
            title="研究人员实现室温下的稳定量子存储",
            body=["2026年9月，某大学团队报告在稀土掺杂晶体中实现了长达3小时的量子存储。"],
            domain="量子技术",
            section="前沿研究动态",
            contributors=["王五"],
            source_urls=[LONG_URL],
            original_title="Hours-long quantum memory at room temperature",
            event_date="2026-09",
        ),
        Item(
            title="某公司发布面向数据中心的液冷服务器",
            body=[
                "2026年11月3日，某公司发布新一代液冷服务器，单机柜功率密度提高40%。",
                "该公司表示产品将于2027年初量产。",
            ],
            domain="信息技术",
            section="产业动态",
            contributors=["赵六"],
            source_urls=["https://www.example.com/press/liquid-cooled-racks"],
            original_title="Company unveils liquid-cooled racks for AI data centres",
            event_date="2026-11-03",
        ),
    ]


def bulletin() -> Bulletin:
    return Bulletin(
        series=STYLE.series,
        year=2026,
        number=9,
        running_number=140,
        date=date(2026, 11, 20),
        issuing_unit=STYLE.issuing_unit,
        sections=list(STYLE.sections),
        items=[replace(i, state=ItemState.PUBLISHED) for i in sample_items()],
        state=BulletinState.PUBLISHED,
    )


def fields(items: list[Item]) -> list[dict[str, object]]:
    return [{f: getattr(i, f) for f in FIELDS} for i in items]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "json"])
def test_rendered_bulletin_imports_back_to_the_same_items(fmt: str, tmp_path: Path) -> None:
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; `make test` installs it")
    path = tmp_path / f"issue.{fmt}"
    path.write_bytes(render(bulletin(), fmt, STYLE))
    parsed = import_bulletin(path, load_taxonomy())
    assert fields(parsed.items) == fields(bulletin().items)
    if fmt != "json":
        assert parsed.unplaced == [] or all(
            "目录" in u.text or "报送" in u.text or "抄送" in u.text for u in parsed.unplaced
        ), parsed.unplaced


PHRASES = [
    "研究团队在低温条件下完成了关键实验",
    "项目总投资约为3.5亿元",
    "相关成果发表在国际期刊上",
    "该机构计划在未来三年内扩大试点范围",
    "专家认为这一进展有望降低制造成本",
    "政府将为中小企业提供配套资金",
    "测试结果显示能效提高了27%",
]


def long_bulletin(n_items: int = 24) -> Bulletin:
    """Many items with paragraphs long enough to wrap and to cross page breaks."""
    items = []
    for i in range(n_items):
        paragraphs = [
            f"2026年{i % 12 + 1}月{i % 27 + 1}日，"
            + "，".join(PHRASES[(i + k + j) % len(PHRASES)] for j in range(5 + k))
            + "。"
            for k in range(3)
        ]
        items.append(
            Item(
                title=f"第{i + 1}项：某机构发布新一代技术路线图",
                body=paragraphs,
                domain=["半导体", "人工智能", "能源"][i % 3],
                section=STYLE.sections[i % len(STYLE.sections)],
                contributors=["张三"] if i % 2 else ["李四", "王五"],
                source_urls=[f"https://www.example.org/news/2026/item-{i}-roadmap-release"],
                original_title=f"Agency publishes technology roadmap number {i + 1}",
                event_date=f"2026-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
                state=ItemState.PUBLISHED,
            )
        )
    ordered = sorted(items, key=lambda it: STYLE.sections.index(it.section or ""))
    return replace(bulletin(), items=ordered)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_long_wrapped_paragraphs_survive_the_round_trip(fmt: str, tmp_path: Path) -> None:
    if fmt == "pdf" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed; `make test` installs it")
    source = long_bulletin()
    path = tmp_path / f"long.{fmt}"
    path.write_bytes(render(source, fmt, STYLE))
    parsed = import_bulletin(path, load_taxonomy())
    assert fields(parsed.items) == fields(source.items)
