"""Common words of S&T organisation and law names with their usual Chinese renderings.

Learning a name from the glossary without an abbreviation to anchor it needs more than a
matching head word (Agency ↔ 局): the English name's other words that this list knows must
show up in the Chinese name (Energy ↔ 能源), so that a title pair whose two sides name
different bodies teaches nothing. Words not listed (proper names) neither help nor hurt.
"""

from __future__ import annotations

from functools import lru_cache

from kuaibao.facts.places import default_places

_WORDS = """
academic 学术 | accelerator 加速器 | accountability 问责 | advanced 先进 高级 尖端
aeronautics 航空 | aerospace 航空航天 航天 | agricultural 农业 | agriculture 农业
air 空 航空 | allergy 过敏 | alliance 联盟 | applied 应用 | army 陆军 | artificial 人工
astronomy 天文 | astronomical 天文 | astrophysics 天体物理 | atmospheric 大气 | atomic 原子
automotive 汽车 | aviation 航空 | battery 电池 | batteries 电池 | biological 生物
biomedical 生物医学 | biotechnology 生物技术 | budget 预算 | business 商业 企业 | cancer 癌症
central 中央 | chemical 化学 化工 | chemistry 化学 | chip 芯片 | chips 芯片 | civil 民用 民事
clean 清洁 | climate 气候 | commerce 商务 商业 | commercial 商业 | communications 通信 传播
competitiveness 竞争力 | computer 计算机 | computing 计算 | control 控制 管制 | cyber 网络
cybersecurity 网络安全 | data 数据 | defence 国防 防务 | defense 国防 防务 防御
development 发展 开发
digital 数字 | disease 疾病 | drug 药品 药物 | earth 地球 | economic 经济 | economics 经济
economy 经济 | education 教育 | electronics 电子 | energy 能源 | engineering 工程
environment 环境 | environmental 环境 | european 欧洲 | exploration 探索 勘探 | export 出口
federal 联邦 | food 食品 | force 军 部队 | frontier 前沿 | fusion 聚变 | future 未来
general 总 | genome 基因组 | geological 地质 | global 全球 | green 绿色 | health 卫生 健康
high 高 | homeland 国土 | hydrogen 氢 | industrial 工业 产业 | industry 工业 产业
information 信息 | infrastructure 基础设施 | innovation 创新 | intelligence 智能 情报
international 国际 | investment 投资 | joint 联合 | judicial 司法 | justice 司法
laboratory 实验室 | management 管理 | manufacturing 制造 | marine 海洋 | materials 材料
mathematics 数学 | medical 医学 医疗 | medicine 医学 药 | mental 精神 心理 | metrology 计量
microelectronics 微电子 | military 军事 | missile 导弹 | national 国家 全国 国立 | natural 自然
naval 海军 | navy 海军 | network 网络 | networks 网络 | nuclear 核 | ocean 海洋
oceanic 海洋 | office 办公室 | open 开放 | optical 光学 | optics 光学 | patent 专利
photonics 光子 | physical 物理 | physics 物理 | planetary 行星 | policy 政策 | prevention 预防
privacy 隐私 | protection 保护 | public 公共 公众 | quantum 量子 | radiation 辐射
regional 地区 区域 | regulatory 监管 管理 | renewable 可再生 | research 研究 科研 | resilience 韧性
resource 资源 | resources 资源 | robotics 机器人 | royal 皇家 | safety 安全 | satellite 卫星
science 科学 科技 | sciences 科学 | scientific 科学 | security 安全 | semiconductor 半导体
semiconductors 半导体 | services 服务 | social 社会 | software 软件 | solar 太阳能 太阳
space 航天 太空 空间 | standards 标准 | standardization 标准化 | statistics 统计
strategic 战略 | supercomputing 超级计算 超算 | sustainable 可持续 | technological 技术 科技
technology 技术 科技 | technologies 技术 | telecommunications 电信 | trade 贸易 | trademark 商标
transport 交通 运输 | transportation 交通 运输 | treasury 财政 | university 大学 | water 水
weather 气象 | wireless 无线 | workforce 劳动力 人才
"""


def _parse(text: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for cell in text.replace("\n", "|").split("|"):
        parts = cell.split()
        if parts:
            table[parts[0]] = tuple(parts[1:])
    return table


@lru_cache(maxsize=1)
def name_words() -> dict[str, tuple[str, ...]]:
    """Lower-case English word → Chinese renderings, with country names and adjectives."""
    table = _parse(_WORDS)
    for place in default_places():
        for name in place.en:
            if " " not in name:
                key = name.lower().replace(".", "")
                table[key] = (*table.get(key, ()), place.zh, *place.zh_aliases)
    return table


def renderings(word: str) -> tuple[str, ...]:
    """The Chinese renderings of one English word (plural -s tried too); () if unknown."""
    table = name_words()
    key = word.lower().replace(".", "")
    return table.get(key) or (table.get(key[:-1], ()) if key.endswith("s") else ())
