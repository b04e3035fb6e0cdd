"""Article pages written for the tests: real page furniture around a known article."""

from __future__ import annotations

PARAGRAPHS = [
    "The national laboratory announced on Monday that its new superconducting quantum "
    "processor had completed a full error-correction cycle for the first time.",
    "Researchers said the chip, which holds 144 qubits arranged in a square lattice, kept "
    "a logical qubit alive for longer than any of its physical qubits.",
    "The result matters because practical quantum computers will need logical qubits "
    "that improve as more physical qubits are added to the code.",
    "Funding for the project came from the national science agency, which has set aside "
    "further money for a second device with a larger lattice next year.",
    "Independent experts cautioned that the processor is still far from running useful "
    "chemistry simulations, but called the milestone an important step.",
]


def article_page(
    *,
    title: str = "Lab demonstrates quantum error correction milestone",
    head: str = "",
    paragraphs: list[str] | None = None,
    html_attrs: str = 'lang="en"',
    h1: bool = True,
) -> str:
    """A news page: navigation, headline, article body, related links, comments, footer."""
    body = "\n".join(f"<p>{text}</p>" for text in (paragraphs or PARAGRAPHS))
    headline = f"<h1>{title}</h1>" if h1 else ""
    return f"""<!DOCTYPE html>
<html {html_attrs}><head><meta charset="utf-8"><title>{title} | Science Daily Wire</title>
{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/tech">Technology</a></li>
<li><a href="/space">Space</a></li><li><a href="/about">About us</a></li></ul></nav></header>
<main><article>
{headline}
<div class="byline">By Staff Reporter</div>
<div class="article-body">
{body}
</div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Battery makers race to cut cobalt</a></li>
<li><a href="/b">New telescope images a distant nebula</a></li></ul></aside>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Great article, thanks for sharing this with everyone here!</p></div>
</section>
</main>
<footer><p>Copyright 2024 Science Daily Wire. All rights reserved.</p>
<a href="/privacy">Privacy</a></footer>
</body></html>"""


# Longer paragraphs of the same story, for pages whose body must outweigh their lead
# (ten distinct ones: trafilatura drops a paragraph that repeats an earlier one).
LONG_PARAGRAPHS = [f"{text} {text}" for text in PARAGRAPHS] + [
    f"{opening} {text} {text}"
    for opening, text in zip(
        ("Moreover,", "Also,", "Meanwhile,", "Still,", "Finally,"), PARAGRAPHS, strict=True
    )
]

_CHINESE = [
    "国家实验室周一宣布，其新型超导量子处理器首次完成了一个完整的纠错周期，"
    "研究人员认为这是迈向实用量子计算机的重要一步，相关论文已经提交给同行评审。",
    "研究人员表示，这块芯片拥有一百四十四个量子比特，排列成方形晶格，"
    "其中一个逻辑量子比特的寿命超过了芯片上任何一个物理量子比特的寿命。",
    "这一结果之所以重要，是因为实用的量子计算机需要逻辑量子比特随着物理量子比特数量的增加而不断改进，"
    "而此前的实验大多只能在很小的规模上证明这一点。",
    "该项目的资金来自国家科学基金，基金方面已经为明年建造一台拥有更大晶格的第二台设备预留了经费，"
    "并计划邀请更多高校的研究团队参与测试。",
    "独立专家提醒说，这台处理器距离运行有用的化学模拟仍然很遥远，"
    "但他们也称这一里程碑是该领域近年来最重要的进展之一，值得持续关注。",
]
CHINESE_PARAGRAPHS = _CHINESE + [
    f"{opening}{text}"
    for opening, text in zip(
        ("此外，", "另据报道，", "其次，", "同时，", "最后，"), _CHINESE, strict=True
    )
]


def teaser_page(box_class: str, paragraphs: list[str] | None = None, lead: int = 2) -> str:
    """An article whose first ``lead`` paragraphs stand free and the rest sit in a box.

    Publishers wrap the body in a "read more" box or a subscriber box (the text is in
    the page, a script folds it away); trafilatura's pruning rules delete boxes with
    such classes, and the lead outweighs a seventh of the text, so its guard against
    deleting too much does not step in: its fast passes keep only the lead.
    """
    texts = paragraphs or LONG_PARAGRAPHS
    free = "\n".join(f"<p>{text}</p>" for text in texts[:lead])
    boxed = "\n".join(f"<p>{text}</p>" for text in texts[lead:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Quantum milestone | Wire</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/tech">Technology</a></nav></header>
<main><article>
<h1>Lab demonstrates quantum error correction milestone</h1>
<div class="article-body">
{free}
<div class="{box_class}">
{boxed}
</div>
</div>
</article></main>
<footer><p>Copyright 2024 Science Daily Wire.</p></footer>
</body></html>"""
