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
