from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest

from kuaibao.bulletin.importers import import_bulletin, parse_bulletin_text
from kuaibao.bulletin.importers.eventdate import first_event_date
from kuaibao.bulletin.jsonio import bulletin_to_json
from kuaibao.classify.taxonomy import Taxonomy, load_taxonomy
from kuaibao.domain import Bulletin, Item
from kuaibao.errors import ImportFailedError

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_dbc9ab053260726e.txt"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def _seed_text() -> str:
    if not SEED.is_file():
        pytest.skip(f"seed bulletin not present at {SEED} (it lives in ../shared beside the repo)")
    return SEED.read_text(encoding="utf-8")


class Expected(NamedTuple):
    section: str
    domain: str
    title: str
    contributors: list[str]
    urls: list[str]
    original_title: str
    event_date: str
    body_lines: tuple[int, int]  # seed line range the body comes from
    paragraphs: int
    starts: str
    ends: str


S1, S2, S3, S4 = "重点关注", "科技政策与科研计划", "前沿研究动态", "产业动态"
SEED_ITEMS = [
    Expected(
        S1,
        "半导体",
        "美智库发布《美国重新夺回半导体制造地位的战略》报告",
        ["张娟"],
        [
            "https://www.csis.org/analysis/strategy-united-states-regain-its-position-"
            "semiconductor-manufacturing"
        ],
        "A Strategy for The United States to Regain its Position in Semiconductor Manufacturing",
        "2024-02",
        (5, 94),
        13,
        "2024年2月，美国战略",
        "战略产品和市场。",
    ),
    Expected(
        S2,
        "信息技术",
        "英国政府投资超11亿英镑促进人才培养",
        ["黄茹"],
        [
            "https://www.gov.uk/government/news/thousands-more-to-train-in-future-tech-like-ai-"
            "as-government-unveils-over-11-billion-package-to-skill-up-uk"
        ],
        "Thousands more to train in future tech like AI as government unveils over "
        "£1.1 billion package to skill-up UK",
        "2024-03-12",
        (110, 130),
        3,
        "2024年3月12日，英",
        "供工作培训机会。",
    ),
    Expected(
        S2,
        "半导体",
        "美国发布《国家微电子研究战略》",
        ["黄茹"],
        [
            "https://www.whitehouse.gov/ostp/news-updates/2024/03/15/white-house-office-of-"
            "science-and-technology-policy-releases-national-strategy-on-microelectronics-"
            "research/"
        ],
        "White House Office of Science and Technology Policy Releases National Strategy on "
        "Microelectronics Research",
        "2024-03-15",
        (145, 193),
        6,
        "2024年3月15日，美",
        "和投资初创企业。",
    ),
    Expected(
        S2,
        "半导体",
        "美DARPA发布微系统增材制造项目",
        ["黄茹"],
        ["https://www.darpa.mil/news-events/2024-3-8"],
        "DARPA Explores Additive Manufacturing’s Revolutionary Potential for Futuristic "
        "Microsystems",
        "2024-03-11",
        (208, 230),
        3,
        "2024年3月11日，美",
        "域带来新的机遇。",
    ),
    Expected(
        S2,
        "半导体",
        "英国投资3500万英镑支持国际芯片研发",
        ["黄茹"],
        [
            "https://www.gov.uk/government/news/35-million-boost-for-british-semiconductor-"
            "scientists-and-businesses-on-international-chip-research"
        ],
        "£35 million boost for British semiconductor scientists and businesses on "
        "international chip research",
        "2024-03-13",
        (244, 258),
        3,
        "2024年3月13日，英",
        "体）商业化进程。",
    ),
    Expected(
        S2,
        "人工智能",
        "联合国大会通过美牵头的人工智能决议",
        ["黄茹"],
        [
            "https://china.usembassy-china.org.cn/zh/consensus-adoption-of-u-s-led-resolution-"
            "on-artificial-intelligence-by-the-united-nations-general-assembly/"
        ],
        "联合国大会一致通过美国牵头提出的人工智能决议",
        "2024-03-21",
        (273, 293),
        3,
        "2024年3月21日，联",
        "现全球共同目标。",
    ),
    Expected(
        S2,
        "人工智能",
        "欧洲议会通过《人工智能法案》",
        ["黄茹"],
        [
            "https://www.europarl.europa.eu/news/en/press-room/20240308IPR19015/artificial-"
            "intelligence-act-meps-adopt-landmark-law"
        ],
        "Artificial Intelligence Act: MEPs adopt landmark law",
        "2024-03-13",
        (307, 328),
        3,
        "2024年3月13日，欧",
        "训内容详细摘要。",
    ),
    Expected(
        S2,
        "人工智能",
        "美商务部投入6500万美元加强人工智能发展",
        ["唐蘅"],
        [
            "https://www.commerce.gov/news/press-releases/2024/03/president-bidens-fiscal-"
            "year-2025-budget-would-strengthen-commerce"
        ],
        "President Biden’s Fiscal Year 2025 Budget Would Strengthen Commerce Department’s "
        "Mission to Boost American Innovation and Competitiveness",
        "2024-03-11",
        (342, 362),
        3,
        "2024年3月11日，美",
        "智能方面的工作。",
    ),
    Expected(
        S3,
        "量子技术",
        "美研究人员提出量子计算机免受攻击的方法",
        ["唐蘅"],
        ["https://techxplore.com/news/2024-03-approach-quantum.html"],
        "Researchers' approach may protect quantum computers from attacks",
        "2024-03-07",
        (380, 395),
        3,
        "2024年3月7日，美国",
        "确率高268%。",
    ),
    Expected(
        S3,
        "量子技术",
        "“量子龙卷风”首次模拟黑洞",
        ["黄茹"],
        [
            "https://interestingengineering.com/innovation/quantum-tornado-sheds-light-on-"
            "black-hole",
            "https://www.nature.com/articles/d41586-024-00768-4",
        ],
        "Do black holes explode? The 50-year-old puzzle that challenges quantum physics",
        "2024-03-14",
        (407, 435),
        3,
        "英国诺丁汉大学的研究团队",
        "提供了新的途径。",
    ),
    Expected(
        S4,
        "半导体",
        "日企新技术将功率半导体制造成本降低75%",
        ["徐婧"],
        [
            "http://cn.nikkei.com/industry/itelectric-appliance/55055-2024-03-14-05-00-10.html?print=1"
        ],
        "日企新技术将功率半导体制造成本降低75%",
        "2024-03-14",
        (469, 495),
        4,
        "2024年3月14日，源",
        "降至约四分之一。",
    ),
    Expected(
        S4,
        "量子技术",
        "苹果推出后量子加密协议PQ3",
        ["黄茹"],
        [
            "https://security.apple.com/blog/imessage-pq3/",
            "https://thehackernews.com/2024/02/apple-unveils-pq3-protocol-post-quantum.html",
        ],
        "iMessage with PQ3: The new state of the art in quantum-secure messaging at scale",
        "2024-02-22",
        (507, 527),
        4,
        "2024年2月22日，苹",
        "每7天轮换一次。",
    ),
    Expected(
        S4,
        "人工智能",
        "英伟达发布新一代AI GPU",
        ["黄茹"],
        [
            "https://www.guru3d.com/story/nvidia-b200-and-gb200-ai-gpus-technical-overview-"
            "unveiled-at-gtc-2024/"
        ],
        "NVIDIA B200 and GB200 AI GPUs Technical Overview: Unveiled at GTC 2024",
        "2024-03-18",
        (540, 556),
        3,
        "2024年3月18日，在",
        "降至25分之一。",
    ),
]


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_seed_imports_as_exactly_its_items(taxonomy: Taxonomy) -> None:
    parsed = parse_bulletin_text(_seed_text(), taxonomy)
    assert len(parsed.items) == len(SEED_ITEMS)
    assert parsed.unplaced == []
    assert (parsed.series, parsed.year, parsed.number, parsed.date) == (None, None, None, None)


@pytest.mark.parametrize("n", range(len(SEED_ITEMS)), ids=lambda n: f"item{n + 1}")
def test_seed_item_fields(taxonomy: Taxonomy, n: int) -> None:
    item = parse_bulletin_text(_seed_text(), taxonomy).items[n]
    want = SEED_ITEMS[n]
    assert item.section == want.section
    assert item.domain == want.domain
    assert item.title == want.title
    assert item.contributors == want.contributors
    assert item.source_urls == want.urls
    assert item.original_title == want.original_title
    assert item.event_date == want.event_date
    assert len(item.body) == want.paragraphs
    assert item.body[0].startswith(want.starts)
    assert item.body[-1].endswith(want.ends)


@pytest.mark.parametrize("n", range(len(SEED_ITEMS)), ids=lambda n: f"item{n + 1}")
def test_seed_body_keeps_every_character_of_its_lines(n: int) -> None:
    text = _seed_text()
    item = parse_bulletin_text(text).items[n]
    first, last = SEED_ITEMS[n].body_lines
    source = "".join(text.split("\n")[first - 1 : last])
    assert _no_space("".join(item.body)) == _no_space(source)
    for paragraph in item.body:
        assert "\n" not in paragraph
        assert not re.search(r"[\u4e00-\u9fff] |[ ][\u4e00-\u9fff]", paragraph)


def test_seed_paragraph_structure_details() -> None:
    items = parse_bulletin_text(_seed_text()).items
    headings = [p for p in items[0].body if len(p) < 16]
    assert headings == [
        "一、重建美国半导体行业",
        "二、建议",
        "（1）半导体设备",
        "（2）微架构规划和系统级设计",
        "（3）终端用户市场",
    ]
    assert "Grace CPU组成" in items[12].body[2]  # Latin words split by a line break
    assert "（Micro " in items[0].body[0]  # spaces between Latin words are kept
    assert " planning）" in items[0].body[0]
    # the page break between "就" and "业" is rejoined mid-word
    assert "就业、基本私人" in items[6].body[2]


def test_seed_without_taxonomy_keeps_tags_as_written() -> None:
    items = parse_bulletin_text(_seed_text()).items
    assert [i.domain for i in items[:3]] == ["半导体", "信息技术", "半导体"]


def test_seed_without_trailing_spaces_still_finds_items_and_most_paragraphs() -> None:
    text = _seed_text()
    stripped = "\n".join(line.rstrip() for line in text.split("\n"))
    plain, reference = parse_bulletin_text(stripped), parse_bulletin_text(text)
    assert plain.unplaced == []
    assert [i.title for i in plain.items] == [w.title for w in SEED_ITEMS]
    assert [i.source_urls for i in plain.items] == [w.urls for w in SEED_ITEMS]
    assert [i.original_title for i in plain.items] == [w.original_title for w in SEED_ITEMS]
    found = sum(len(i.body) for i in plain.items)
    assert found >= 0.9 * sum(len(i.body) for i in reference.items)


# --- synthetic bulletins -------------------------------------------------------------------

LINE = "该研究团队表示，新方法能够显著提高器件稳定性并降低能耗"


def _doc(*rows: str) -> str:
    return "\n".join(rows)


def test_masthead_contributors_and_two_sections() -> None:
    text = _doc(
        "科技动态快报",
        "2025年第7期（总第88期）",
        "某研究中心　　2025年6月20日",
        "重点关注",
        "[芯片]某研究所发布新型存储芯片",
        "6月3日，某研究所发布新型存储芯片。",
        "张三、李四 供稿",
        "https://example.org/a",
        "产业动态",
        "[未知领域]两家公司合作",
        "两家公司宣布合作。",
        "  王五 供稿自",
        "https://example.org/b",
    )
    parsed = parse_bulletin_text(text, load_taxonomy())
    assert (parsed.series, parsed.year, parsed.number) == ("科技动态快报", 2025, 7)
    assert parsed.date == date(2025, 6, 20)
    assert parsed.unplaced == []
    first, second = parsed.items
    assert (first.section, first.domain, first.contributors) == (
        "重点关注",
        "半导体",
        ["张三", "李四"],
    )
    assert first.event_date == "2025-06-03"  # month and day only: the masthead's year
    assert (second.section, second.domain, second.contributors) == (
        "产业动态",
        "未知领域",
        ["王五"],
    )


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("张三 供稿", ["张三"]),
        ("张三、李四 供稿", ["张三", "李四"]),
        ("张三，李四,王五 供稿自", ["张三", "李四", "王五"]),
        ("  赵六 钱七 供稿自 ", ["赵六", "钱七"]),
        ("供稿人：孙八", ["孙八"]),
    ],
)
def test_contributor_lines(line: str, names: list[str]) -> None:
    text = _doc("重点关注", "[人工智能]某机构发布新模型", "某机构发布新模型。", line)
    (item,) = parse_bulletin_text(text).items
    assert item.contributors == names
    assert item.body == ["某机构发布新模型。"]


def test_page_break_inside_a_sentence_with_header_page_number_and_watermark() -> None:
    text = _doc(
        "科技快报 2025年第3期",
        "",
        "前沿研究动态",
        "",
        "[量子]研究人员实现新型量子存储",
        "",
        "2025 年 5 月，研究人员实现了一种新型量子存储，存储时间比",
        "",
        "以往的方法延长了十倍。研究人员表示，这一成果有助于构建",
        "",
        "中",
        "国",
        "",
        "科",
        "学",
        "",
        "- 4 -",
        "",
        "\f科技快报 2025年第3期",
        "",
        "远距离量子网络。",
        "",
        "第二段说明了实验条件和后续计划。",
        "",
        "张三 供稿",
    )
    parsed = parse_bulletin_text(text)
    assert parsed.unplaced == []
    (item,) = parsed.items
    assert len(item.body) == 2
    assert item.body[0].startswith("2025年5月，研究人员")
    assert "有助于构建远距离量子网络。" in item.body[0]
    assert item.event_date == "2025-05"
    assert (parsed.series, parsed.year, parsed.number) == ("科技快报", 2025, 3)


def test_three_lines_of_single_characters_are_not_a_watermark() -> None:
    text = _doc("重点关注", "甲", "乙", "丙", "[量子]某标题在此", "正文一句。")
    parsed = parse_bulletin_text(text)
    assert [u.text for u in parsed.unplaced] == ["甲\n乙\n丙"]
    assert (parsed.unplaced[0].first_line, parsed.unplaced[0].last_line) == (2, 4)


def test_url_wrapped_over_three_lines_and_two_urls() -> None:
    text = _doc(
        "产业动态",
        "",
        "[人工智能]某公司发布新芯片",
        "",
        "某公司发布新芯片。",
        "",
        "张三 供稿",
        "",
        "https://www.example.org/news/2025/06/a-company-releases-a-new-chip-for-",
        "",
        "artificial-intelligence-training-and-inference-in-large-data-",
        "",
        "centres.html?ref=home",
        "",
        "https://www.example.net/b",
        "",
        "https://www.example.net/b",
        "",
        "原文标题：A Company Releases a New Chip for Artificial Intelligence Training and ",
        "",
        "Inference",
    )
    (item,) = parse_bulletin_text(text).items
    assert item.source_urls == [
        "https://www.example.org/news/2025/06/a-company-releases-a-new-chip-for-artificial-"
        "intelligence-training-and-inference-in-large-data-centres.html?ref=home",
        "https://www.example.net/b",
    ]
    assert item.original_title == (
        "A Company Releases a New Chip for Artificial Intelligence Training and Inference"
    )


def test_text_before_first_section_and_between_items_is_unplaced() -> None:
    text = _doc(
        "编者按：本期关注芯片。",
        "",
        "重点关注",
        "这一段不属于任何条目。",
        "[芯片]某研究所发布新型存储芯片",
        "某研究所发布新型存储芯片。",
        "张三 供稿",
        "https://example.org/a",
        "原文标题：A chip",
        "",
        "报送：相关领导",
    )
    parsed = parse_bulletin_text(text)
    assert len(parsed.items) == 1
    assert [(u.first_line, u.last_line, u.text) for u in parsed.unplaced] == [
        (1, 1, "编者按：本期关注芯片。"),
        (4, 4, "这一段不属于任何条目。"),
    ]
    assert parsed.items[0].original_title == "A chip"


def test_paragraphs_from_blank_lines_and_from_indentation() -> None:
    blank_separated = _doc(
        "[人工智能]某机构发布新模型",
        "",
        "第一段很长，" + LINE + "。",
        "",
        "一、背景",
        "",
        "第二段。",
    )
    indented = _doc(
        "[人工智能]某机构发布新模型",
        "    " + LINE,
        LINE + "。",
        "    " + LINE,
        "结束。",
        "    一、背景",
        "    " + LINE,
        LINE,
        "又一句。",
    )
    assert len(parse_bulletin_text(blank_separated).items[0].body) == 3
    body = parse_bulletin_text(indented).items[0].body
    n = len(LINE)
    assert [len(p) for p in body] == [2 * n + 1, n + 3, 4, 2 * n + 4]
    assert body[2] == "一、背景"


def test_short_last_line_ends_a_paragraph_in_wrapped_text() -> None:
    text = _doc(
        "[人工智能]某机构发布新模型",
        LINE,
        LINE,
        "第一段到此。",
        LINE,
        LINE,
        LINE,
        "第二段到此。",
    )
    body = parse_bulletin_text(text).items[0].body
    assert len(body) == 2
    assert body[0].endswith("第一段到此。")
    assert body[1].startswith(LINE[:10])


def test_a_reference_in_brackets_is_not_an_item_title() -> None:
    text = _doc("[人工智能]某机构发布新模型", "正文。", "[1] 某某文献，2023。", "张三 供稿")
    (item,) = parse_bulletin_text(text).items
    assert item.body[-1] == "[1]某某文献，2023。"


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "\n\n  \n",
        "\x00\x01\x02\x7fabc\ufffd\n[[[\n]]]",
        bytes(range(256)).decode("latin-1") * 3,
    ],
)
def test_garbage_gives_no_items_and_no_exception(garbage: str) -> None:
    parsed = parse_bulletin_text(garbage)
    assert parsed.items == []
    assert bool(parsed.unplaced) == bool(re.search(r"[A-Za-z\[\]]", garbage))


# --- import_bulletin dispatch for text and JSON ------------------------------------------

SMALL = _doc(
    "重点关注",
    "[芯片]某研究所发布新型存储芯片",
    "2025年6月3日，某研究所发布一款新型存储芯片，读写速度比上一代提高一倍，功耗降低三成。",
    "张三 供稿",
    "https://chips.example.org/news/2025/06/03/memory",
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_import_text_file_in_several_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(SMALL.encode(encoding))
    (item,) = import_bulletin(path, load_taxonomy()).items
    assert (item.title, item.domain, item.event_date) == (
        "某研究所发布新型存储芯片",
        "半导体",
        "2025-06-03",
    )


def test_import_kuaibao_json_export(tmp_path: Path) -> None:
    bulletin = Bulletin(
        series="科技快报",
        year=2025,
        number=9,
        date=date(2025, 7, 1),
        items=[
            Item(
                title="某标题",
                body=["一段足够长的正文，说明某机构在某日发布了某项成果，并给出了具体的数字。"],
                section="重点关注",
                source_urls=["https://a.example/1"],
            )
        ],
    )
    path = tmp_path / "issue.json"
    path.write_text(bulletin_to_json(bulletin), encoding="utf-8")
    parsed = import_bulletin(path)
    assert (parsed.series, parsed.year, parsed.number, parsed.date) == (
        "科技快报",
        2025,
        9,
        date(2025, 7, 1),
    )
    assert parsed.items == bulletin.items
    assert parsed.unplaced == []


def test_import_damaged_json_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "issue.json"
    path.write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ImportFailedError, match=r"issue\.json: not a kuaibao bulletin"):
        import_bulletin(path)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("old.xyz", b"hello", r"unsupported file type '\.xyz'"),
        ("old.doc", b"\xd0\xcf\x11\xe0rest", r"old binary Word \.doc"),
        ("old.zip", b"PK\x03\x04rest", r"not a Word \.docx"),
        ("old.txt", b"\xff\xfe\x00" * 0 + b"\x81\x30\xff\xff", r"neither UTF-8 nor GB18030"),
    ],
)
def test_import_refuses_unknown_or_unreadable_types(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailedError, match=message):
        import_bulletin(path)


def test_import_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFailedError, match="cannot read"):
        import_bulletin(tmp_path / "absent.txt")


def test_running_header_repeated_at_page_breaks_is_removed() -> None:
    text = _doc(
        "某研究中心编印",
        "[人工智能]某机构发布新模型",
        LINE,
        "某研究中心编印",
        "3",
        "\f某研究中心编印",
        LINE + "。",
        "张三 供稿",
        "某研究中心编印",
        "4",
        "\f",
    )
    parsed = parse_bulletin_text(text)
    assert parsed.unplaced == []
    assert parsed.items[0].body == [LINE + LINE + "。"]


def test_digits_continuing_a_wrapped_url_are_not_a_page_number() -> None:
    text = _doc(
        "[人工智能]某机构发布新模型", "正文。", "张三 供稿", "https://example.org/news/", "20250612"
    )
    assert parse_bulletin_text(text).items[0].source_urls == ["https://example.org/news/20250612"]


def test_radicals_and_ligatures_from_pdf_fonts_are_mapped_back() -> None:
    text = _doc(
        "[\u2f08\u2f2f智能]某部\u2ed4发布新\u2f45法",
        "正文。",
        "张三 供稿",
        "原文标题：A \ufb01ne model",
    )
    (item,) = parse_bulletin_text(text, load_taxonomy()).items
    assert (item.domain, item.title, item.original_title) == (
        "人工智能",
        "某部门发布新方法",
        "A fine model",
    )


def test_contents_listing_is_set_aside_only_where_it_names_real_entries() -> None:
    text = _doc(
        "科技快报",
        "2025年第2期",
        "目  录",
        "一、重点关注 ........................ 1",
        "    某研究所发布新型存储芯片.............. 1",
        "    并不存在的条目 .................... 2",
        "重点关注",
        "[芯片]某研究所发布新型存储芯片",
        "某研究所发布新型存储芯片。",
        "张三 供稿",
    )
    parsed = parse_bulletin_text(text)
    assert [i.title for i in parsed.items] == ["某研究所发布新型存储芯片"]
    assert [(u.first_line, u.text) for u in parsed.unplaced] == [
        (6, "并不存在的条目 .................... 2")
    ]


def test_markdown_export_reads_back(tmp_path: Path) -> None:
    markdown = _doc(
        "# 科技快报",
        "",
        "2025年第8期（总第90期）",
        "",
        "## 目录",
        "",
        "- 一、重点关注",
        "  - 某研究所发布新型存储芯片",
        "",
        "## 重点关注",
        "",
        "### [芯片]某研究所发布新型存储芯片",
        "",
        "**2025年8月1日**，某研究所发布新型存储芯片。",
        "",
        "张三 供稿",
        "",
        "<https://example.org/chip>",
        "",
        "原文标题：A new memory chip",
        "",
        "---",
        "",
        "报送：相关领导",
    )
    path = tmp_path / "issue.md"
    path.write_text(markdown, encoding="utf-8")
    parsed = import_bulletin(path, load_taxonomy())
    assert parsed.unplaced == []
    assert (parsed.series, parsed.year, parsed.number) == ("科技快报", 2025, 8)
    (item,) = parsed.items
    assert item.body == ["2025年8月1日，某研究所发布新型存储芯片。"]
    assert (item.source_urls, item.original_title) == (
        ["https://example.org/chip"],
        "A new memory chip",
    )


def test_watermark_interleaved_with_text_and_at_line_ends_is_removed() -> None:
    # how `pdftotext -layout` prints a vertical watermark in the right margin
    text = _doc(
        "[人工智能]某机构发布新模型",
        "    " + LINE,
        LINE + "。",
        "                                    中",
        "    " + LINE + "      国",
        LINE + "      科",
        "                                    学",
        LINE + "。      院",
        "张三 供稿",
    )
    parsed = parse_bulletin_text(text)
    assert parsed.unplaced == []
    assert parsed.items[0].body == [LINE * 2 + "。", LINE * 3 + "。"]


@pytest.mark.parametrize(
    "heading", ["重点关注", "一、重点关注", "【重点关注】", "重 点 关 注", "  重点关注：", "Focus"]
)
def test_section_heading_forms(heading: str) -> None:
    text = _doc(heading, "[人工智能]某机构发布新模型", "正文。", "张三 供稿")
    parsed = parse_bulletin_text(text, load_taxonomy())
    assert parsed.items[0].section == "重点关注"
    assert parsed.unplaced == []


@pytest.mark.parametrize(
    ("body", "year", "expected"),
    [
        ("2024年3月15日，某机构发布。", None, "2024-03-15"),
        ("2024 年 3 月 15 日，某机构发布。", None, "2024-03-15"),
        ("据报道，2024年3月，某机构发布。", None, "2024-03"),
        ("2024年，某机构将发布。", None, "2024"),
        ("3月15日，某机构发布。", 2024, "2024-03-15"),
        ("3月15日，某机构发布；2023年5月曾预告。", None, "2023-05"),
        ("某机构发布2025财年预算。", None, None),
        ("见https://example.org/x?d=2023-01-02，该机构于2024年5月发布。", None, "2024-05"),
        ("会议定于2024-06-01召开。", None, "2024-06-01"),
        ("该计划将持续到2024年2月30日。", None, None),
    ],
)
def test_event_date_is_the_first_date_the_body_states(
    body: str, year: int | None, expected: str | None
) -> None:
    assert first_event_date(body, year) == expected


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://example.org/a。", "https://example.org/a"),
        ("来源：https://example.org/b，", "https://example.org/b"),
        (
            "https://en.example.org/wiki/Field_(physics)",
            "https://en.example.org/wiki/Field_(physics)",
        ),
        ("https://example.org/c)", "https://example.org/c"),
    ],
)
def test_punctuation_glued_to_a_url_is_dropped(line: str, url: str) -> None:
    text = _doc("[人工智能]某机构发布新模型", "正文。", "张三 供稿", line)
    assert parse_bulletin_text(text).items[0].source_urls == [url]
