"""A small labelled set for model tests: a few texts per label, English and Chinese."""

from __future__ import annotations

from kuaibao.classify.examples import Example

POLICY, RESEARCH, INDUSTRY = "科技政策与科研计划", "前沿研究动态", "产业动态"

SAMPLES = [
    Example(
        "Ministry funds national chip design centres",
        "The grant supports semiconductor design.",
        "半导体",
        POLICY,
        "s1",
    ),
    Example(
        "Foundry starts 3-nanometre wafer output",
        "The chipmaker told customers the fab is ready.",
        "半导体",
        INDUSTRY,
        "s2",
    ),
    Example("芯片法案补贴晶圆厂", "政府宣布资助半导体制造。", "半导体", POLICY, "s3"),
    Example(
        "研究人员研制新型晶体管", "团队在期刊上发表论文，晶体管功耗降低。", "半导体", RESEARCH, "s4"
    ),
    Example(
        "Researchers train a language model to reason",
        "The neural network was described in a paper.",
        "人工智能",
        RESEARCH,
        "a1",
    ),
    Example(
        "AI start-up raises $1 billion",
        "The company builds large language models.",
        "人工智能",
        INDUSTRY,
        "a2",
    ),
    Example("人工智能法案获得通过", "议会通过法案，规范大模型的开发。", "人工智能", POLICY, "a3"),
    Example(
        "大模型企业发布新产品", "公司推出新版本人工智能模型，客户增长。", "人工智能", INDUSTRY, "a4"
    ),
    Example(
        "Qubit coherence record set in the lab",
        "Physicists report a quantum processor result in Nature.",
        "量子技术",
        RESEARCH,
        "q1",
    ),
    Example(
        "Quantum computing firm buys sensor maker",
        "The company expands its quantum business.",
        "量子技术",
        INDUSTRY,
        "q2",
    ),
    Example("量子计算国家计划启动", "政府投入资金支持量子技术研究。", "量子技术", POLICY, "q3"),
    Example(
        "科学家实现量子纠缠分发", "研究团队在实验中实现了量子纠缠。", "量子技术", RESEARCH, "q4"
    ),
    Example(
        "Striker scores twice as the home team wins",
        "The football match ended 2-0.",
        "无关",
        None,
        "o1",
    ),
    Example(
        "Heavy rain and thunderstorms expected",
        "The weather forecast warns of flooding.",
        "无关",
        None,
        "o2",
    ),
    Example("明天有暴雨", "气象台预报明天有暴雨，气温下降。", "无关", None, "o3"),
    Example("球队赢得联赛冠军", "比赛最后时刻进球，球队夺冠。", "无关", None, "o4"),
]
