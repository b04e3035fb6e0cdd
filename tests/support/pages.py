"""Small builders for the feeds and article pages test servers serve."""

from __future__ import annotations

from html import escape


def rss(
    items: list[tuple[str, str]], *, title: str = "Test feed", content: list[str] | None = None
) -> str:
    """An RSS 2.0 document; ``items`` are (absolute link, title), ``content`` full bodies."""
    parts = []
    for i, (link, item_title) in enumerate(items):
        full = ""
        if content is not None:
            full = f"<content:encoded><![CDATA[{content[i]}]]></content:encoded>"
        parts.append(
            f"<item><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            f"<pubDate>Mon, 0{i % 9 + 1} Nov 2026 08:00:00 GMT</pubDate>{full}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>d</description>{''.join(parts)}</channel></rss>"
    )


def article(title: str, paragraphs: list[str]) -> str:
    """An article page with the boilerplate real sites wrap around the text."""
    paras = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)} | Site</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        f"<main><article><h1>{escape(title)}</h1>{paras}</article></main>"
        "<footer>Copyright notice and contact links.</footer></body></html>"
    )


def prose(seed: str, sentences: int = 6) -> list[str]:
    """Distinct, article-length paragraphs so extraction has real text to keep."""
    return [
        f"{seed} paragraph {i}: the agency said the programme would fund new laboratories, "
        f"train engineers and publish its first results within {i + 2} years, according to "
        f"officials who briefed reporters on the plan for {seed}."
        for i in range(sentences)
    ]
