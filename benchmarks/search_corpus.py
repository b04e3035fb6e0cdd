"""A generated archive for the search benchmark: items and documents, Chinese and English.

Texts of 300–800 characters are built from the word lists below: each entry has a topic
(a domain) whose words it mostly uses, mixed with common words and link words, with a
skewed (Zipf-like) word frequency as in real text, so that some query words match a few
dozen entries and others most of the archive. Everything is seeded: the same sizes give
the same archive and the same queries.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

# (domain, Chinese topic words, English topic words); the first words are the commonest.
TOPICS = [
    ("量子信息",
     "量子 量子计算 超导 量子比特 光子 纠缠 量子通信 纠错 退相干 量子计算机 离子阱 "
     "量子模拟 量子传感 相干时间 逻辑比特 量子优越性 低温 量子密钥 测量 中性原子",
     "quantum qubit superconducting photon entanglement error correction decoherence "
     "cryogenic ion trap simulator sensing coherence logical processor gate fidelity "
     "algorithm advantage"),
    ("人工智能",
     "人工智能 大模型 算法 训练 神经网络 推理 算力 机器学习 深度学习 数据集 参数 "
     "生成式 语言模型 智能体 对齐 多模态 开源 图像识别 自动驾驶 具身智能",
     "model artificial intelligence training neural network learning inference compute "
     "dataset parameter generative language agent alignment multimodal benchmark "
     "transformer robotics autonomous"),
    ("集成电路",
     "芯片 半导体 光刻机 晶圆 制程 纳米 封装 代工 存储器 出口管制 设备 良率 晶体管 "
     "集成电路 碳化硅 氮化镓 产能 工艺 光刻胶 先进封装",
     "chip semiconductor lithography wafer node nanometer packaging foundry memory export "
     "controls equipment transistor integrated circuit silicon carbide gallium nitride fab"),
    ("空天",
     "卫星 火箭 发射 航天 轨道 探测器 月球 火星 空间站 载人 着陆 返回舱 推进剂 "
     "可重复使用 星座 遥感 深空 宇航员 发动机 太空",
     "satellite rocket launch space orbit probe lunar mars station crewed landing capsule "
     "propellant reusable constellation remote astronaut engine payload booster"),
    ("生物技术",
     "基因 细胞 蛋白质 疫苗 基因编辑 抗体 临床试验 药物 病毒 测序 合成生物学 干细胞 "
     "免疫 癌症 诊断 医疗器械 生物技术 分子 治疗 脑机接口",
     "gene cell protein vaccine editing antibody clinical trial drug virus sequencing "
     "synthetic biology stem immune cancer diagnostic therapy molecule enzyme"),
    ("能源",
     "电池 能源 储能 光伏 氢能 核聚变 锂电池 固态电池 风电 电网 碳中和 核电 反应堆 "
     "太阳能 燃料电池 充电 排放 电解槽 托卡马克 钠离子",
     "energy battery storage solar hydrogen fusion lithium solid photovoltaic wind grid "
     "carbon nuclear reactor fuel charging efficiency emission tokamak electrolyser"),
    ("科技政策",
     "政策 战略 法案 预算 监管 拨款 国会 委员会 部长 白皮书 路线图 制裁 标准 "
     "知识产权 专利 投资 补贴 立法 审查 出口许可",
     "policy strategy bill budget regulation appropriation congress committee minister "
     "white paper roadmap sanctions standard intellectual property patent investment "
     "subsidy legislation"),
    ("先进材料",
     "材料 石墨烯 合金 催化剂 钙钛矿 纳米材料 超材料 陶瓷 复合材料 二维材料 晶体 薄膜 "
     "稀土 聚合物 涂层 耐高温 强度 拓扑 磁性 超导材料",
     "material graphene alloy catalyst perovskite nanomaterial metamaterial ceramic "
     "composite crystal thin film conductor rare earth polymer coating strength "
     "topological magnetic"),
    ("网络安全",
     "网络安全 漏洞 攻击 加密 勒索软件 密码 数据泄露 防火墙 零信任 供应链 黑客 "
     "身份认证 恶意软件 补丁 后量子密码 隐私 数据保护 关键基础设施 威胁情报 溯源",
     "cybersecurity vulnerability attack encryption ransomware cryptography breach "
     "firewall zero trust supply chain hacker authentication malware patch privacy "
     "infrastructure threat intelligence"),
    ("信息通信",
     "通信 网络 基站 频谱 光纤 卫星互联网 天线 毫米波 路由器 数据中心 云计算 边缘计算 "
     "物联网 带宽 时延 协议 终端 运营商 6G 5G",
     "network telecom spectrum fiber optical antenna millimeter wave router datacenter "
     "cloud edge iot bandwidth latency protocol operator 6g 5g terminal"),
]  # fmt: skip


def words(text: str) -> list[str]:
    return text.split()


GENERAL_ZH = words(
    "研究 技术 发展 国家 项目 报告 发布 系统 提高 重要 团队 科学家 实验 成果 突破 计划 "
    "领域 全球 企业 大学 实验室 首次 新型 应用 产业 能力 未来 合作 宣布 显示 提出 方法 "
    "数据 国际 中国 美国 欧洲 日本 政府 机构 科研 创新 关键 问题 挑战 市场 规模 速度 "
    "成本 平台"
)
LINKS_ZH = words("的 在 和 了 将 对 与 为 是 已经 正在 通过 进行 实现 推动 加快 支持")
GENERAL_EN = words(
    "research technology development national project report published system improve "
    "important team scientists experiment results breakthrough plan field global "
    "companies university laboratory first new application industry capability future "
    "announced shows proposed method data international china united states europe japan "
    "government agency innovation key problem challenge market scale speed cost platform"
)
LINKS_EN = words("the a of to in and for with on that is was by from this its which will has")
SECTIONS = ["要闻", "动态", "政策", "产业", "研究"]


def _cum_weights(n: int) -> list[float]:
    """Zipf-like weights: the k-th word is k times rarer than the first."""
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        out.append(total)
    return out


@dataclass
class Corpus:
    """The generated archive plus the queries to run over it."""

    docs: list[Any]
    items: list[Any]
    queries: list[tuple[str, dict[str, Any]]]


class Writer:
    """Texts from the word lists: topic words, common words and link words, mixed."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.topics = [(d, zh.split(), en.split()) for d, zh, en in TOPICS]
        self.general_zh, self.general_en = GENERAL_ZH, GENERAL_EN

    def _pick(self, words: list[str], k: int) -> list[str]:
        return self.rng.choices(words, cum_weights=_cum_weights(len(words)), k=k)

    def zh_sentence(self, topic: int) -> str:
        words = self._pick(self.topics[topic][1], 3) + self._pick(self.general_zh, 3)
        self.rng.shuffle(words)
        links = self.rng.choices(LINKS_ZH, k=len(words))
        parts = [w + (links[i] if i % 2 else "") for i, w in enumerate(words)]
        return "".join(parts[:3]) + "，" + "".join(parts[3:]) + "。"

    def en_sentence(self, topic: int) -> str:
        words = self._pick(self.topics[topic][2], 5) + self._pick(self.general_en, 4)
        words += self.rng.choices(LINKS_EN, k=5)
        self.rng.shuffle(words)
        return " ".join(words).capitalize() + "."

    def text(self, topic: int, chinese: bool, size: int) -> str:
        make = self.zh_sentence if chinese else self.en_sentence
        out: list[str] = []
        while sum(map(len, out)) < size:
            out.append(make(topic))
        return ("" if chinese else " ").join(out)

    def title(self, topic: int, chinese: bool) -> str:
        if chinese:
            return "".join(self._pick(self.topics[topic][1], 2) + self._pick(self.general_zh, 2))
        words = self._pick(self.topics[topic][2], 4) + self._pick(self.general_en, 2)
        return " ".join(words).title()


def _day(rng: random.Random) -> date:
    return date(2019, 1, 1) + timedelta(days=rng.randrange(7 * 365))


def make_items(writer: Writer, count: int) -> list[Any]:
    from kuaibao.domain import Item

    rng, items = writer.rng, []
    for n in range(1, count + 1):
        topic = rng.randrange(len(TOPICS))
        day = _day(rng).isoformat()
        precision = rng.choices([10, 7, 4], weights=[7, 2, 1])[0]
        size = rng.randint(300, 800)
        body = [writer.text(topic, True, size // 3) for _ in range(3)]
        items.append(Item(
            id=n, title=writer.title(topic, True), body=body,
            original_title=writer.title(topic, False) if rng.random() < 0.5 else None,
            domain=TOPICS[topic][0], section=rng.choice(SECTIONS), event_date=day[:precision],
        ))  # fmt: skip
    return items


def make_docs(writer: Writer, count: int) -> list[Any]:
    from kuaibao.domain import Document

    rng, docs = writer.rng, []
    for n in range(1, count + 1):
        topic = rng.randrange(len(TOPICS))
        chinese = rng.random() < 0.4
        published = datetime.combine(_day(rng), datetime.min.time(), UTC)
        docs.append(Document(
            id=n, url=f"https://src.example/{n}", canonical_url=f"https://src.example/{n}",
            title=writer.title(topic, chinese), content_hash=f"{n:064x}",
            text=writer.text(topic, chinese, rng.randint(300, 800)),
            published_at=published + timedelta(hours=rng.randrange(24)),
            source_id=rng.randint(1, 200), language="zh" if chinese else "en",
        ))  # fmt: skip
    return docs


def _phrase(rng: random.Random, docs: list[Any]) -> str:
    """Two adjacent words of a real text: English content words, or a Chinese topic word
    and the common word after it."""
    doc = rng.choice(docs)
    if doc.language == "zh":
        topic = next(t for t in TOPICS if t[1].split()[0] in doc.text or t[0] in doc.title)
        found = [w + g for w in topic[1].split() for g in GENERAL_ZH if w + g in doc.text]
        return f'"{rng.choice(found)}"' if found else topic[1].split()[0]
    tokens = [w.strip(".").lower() for w in doc.text.split()]
    pairs = [p for p in itertools.pairwise(tokens) if not set(p) & set(LINKS_EN)]
    return f'"{" ".join(rng.choice(pairs))}"' if pairs else tokens[0]


def _filters(rng: random.Random, domain: str) -> dict[str, Any]:
    roll = rng.random()
    if roll < 0.25:
        return {"domain": domain}
    if roll < 0.5:
        start = _day(rng)
        return {"since": start, "until": start + timedelta(days=365)}
    if roll < 0.75:
        return {"kinds": (rng.choice(["item", "document"]),)}
    return {"section": rng.choice(SECTIONS), "kinds": ("item",)}


def make_queries(
    rng: random.Random, docs: list[Any], count: int
) -> list[tuple[str, dict[str, Any]]]:
    """Chinese words, English words, two-word queries, phrases, common words; 1/3 filtered."""
    queries = []
    for n in range(count):
        domain, zh, en = rng.choice(TOPICS)
        shape = n % 10
        if shape < 3:
            text = rng.choice(zh.split())
        elif shape < 5:
            text = rng.choice(en.split())
        elif shape < 7:
            text = " ".join(rng.sample((zh if shape == 5 else en).split(), 2))
        elif shape < 9:
            text = _phrase(rng, docs)
        else:
            text = rng.choice(GENERAL_ZH + GENERAL_EN)
        queries.append((text, _filters(rng, domain) if rng.random() < 1 / 3 else {}))
    return queries


def make_corpus(entries: int, queries: int, seed: int = 20240315) -> Corpus:
    rng = random.Random(seed)
    writer = Writer(rng)
    items = make_items(writer, entries // 2)
    docs = make_docs(writer, entries - entries // 2)
    return Corpus(docs, items, make_queries(rng, docs, queries))
