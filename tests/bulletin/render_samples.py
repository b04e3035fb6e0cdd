"""Sample bulletins for the renderer tests: fictional S&T news, written for these tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kuaibao.bulletin.house import HouseStyle
from kuaibao.domain import Bulletin, BulletinState, Item, ItemState

STYLE = HouseStyle(
    series="科技快报",
    issuing_unit="星河科技信息研究所",
    editor="编辑部",
    sections=("重点关注", "前沿研究动态", "产业动态"),
    masthead="科技快报",
    footer="报送：所领导及各业务处室　　抄送：资料室",
)

# Long enough that even the smallest print size cannot hold it on one line; the cut
# must never fall after a hyphen.
LONG_URL = "https://www.example.org/reports/2026/" + "-".join(
    f"segment{n:02d}-part" for n in range(24)
)

EVIL_TEXT = '<script>alert(1)</script>" onmouseover="x'


def items() -> list[Item]:
    return [
        Item(
            title="某国发布量子信息科学十年路线图",
            body=[
                "2026年10月15日，某国科技政策办公室发布量子信息科学十年路线图，"
                "提出在量子计算、量子通信和量子传感三个方向同步布局。",
                "路线图建议设立国家量子测试平台，并每两年评估一次进展。",
            ],
            domain="量子",
            section="重点关注",
            contributors=["张三", "李四"],
            source_urls=[
                "https://www.whitehouse.gov/ostp/news/fictional-quantum-roadmap/",
                "https://www.nist.gov/news-events/news/2026/10/quantum-standards-draft",
            ],
            original_title="A Decade Plan for Quantum Information Science",
            event_date="2026-10-15",
            state=ItemState.PUBLISHED,
        ),
        Item(
            title="研究团队利用蛋白质设计模型开发新型降解酶",
            body=[
                "一个虚构的联合研究团队报告，借助生成式蛋白质设计模型，获得了可在常温下分解塑料的酶。"
            ],
            domain="生物技术",
            section="前沿研究动态",
            contributors=["王五"],
            source_urls=["https://www.nature.com/articles/fictional-enzyme-2026", LONG_URL],
            original_title="Designed enzymes break down plastics at room temperature",
            event_date="2026-10",
            state=ItemState.PUBLISHED,
        ),
        Item(
            title="欧洲研究联盟发布开放多语种基础模型",
            body=[
                "该联盟称，新模型覆盖二十四种语言，训练数据全部来自公开授权语料。",
                "一、主要特点",
                "模型权重以开放许可发布，并附有评测报告。",
            ],
            domain="人工智能",
            section="前沿研究动态",
            contributors=["赵六", "钱七", "孙八"],
            source_urls=[
                "https://ec.europa.eu/newsroom/fictional-open-model",
                "https://lab.example.net/blog/model",
            ],
            original_title="Consortium releases open multilingual foundation model",
            event_date="2026-11-02",
            state=ItemState.PUBLISHED,
        ),
        Item(
            title="虚构芯片企业宣布建设先进封装工厂",
            body=["该企业计划投资约八十亿元，新工厂预计于2028年投产。"],
            domain="半导体",
            section="产业动态",
            contributors=["周九"],
            source_urls=["https://news.example.com/chips/packaging-plant"],
            state=ItemState.PUBLISHED,
        ),
    ]


def sample(state: BulletinState = BulletinState.PUBLISHED, number: int = 7) -> Bulletin:
    return Bulletin(
        series="科技快报",
        year=2026,
        number=number,
        running_number=124 + number,
        date=date(2026, 11, 20),
        editor="王编辑",
        sections=["重点关注", "科技政策与科研计划", "前沿研究动态", "产业动态"],
        items=items(),
        state=state,
        published_at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
        if state is BulletinState.PUBLISHED
        else None,
    )


def evil() -> Bulletin:
    """Hostile item text: markup, an attribute break-out and a javascript: source."""
    bulletin = sample()
    bulletin.items = [
        Item(
            title=f"恶意标题{EVIL_TEXT}",
            body=[f"正文{EVIL_TEXT}", "[点我](javascript:alert(1)) ![图](javascript:alert(2))"],
            domain="安全<b>",
            section="重点关注",
            contributors=["<i>某人</i>"],
            source_urls=["javascript:alert(1)", 'https://ok.example/p?a=1&b=<2>"x'],
            original_title=EVIL_TEXT,
        )
    ]
    return bulletin
