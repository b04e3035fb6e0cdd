"""Machine-readable announcements of the sample web: RSS 2.0, Atom, JSON Feed, sitemap, robots.

Pure functions from content to text. Everything that reaches XML goes through
``xml.sax.saxutils`` escaping, and JSON through ``json.dumps``, so titles with ``&``, ``<``
or quotes stay well-formed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from kuaibao.demo.content import ArticleContent, ReportContent, SiteContent

TRACKING_QUERY = "?utm_source=rss&utm_medium=feed&utm_campaign=newsroom"


@dataclass(frozen=True)
class FeedItem:
    """What a feed says about one document: the link as published and its metadata."""

    slug: str
    link: str
    canonical: str
    title: str
    published: datetime
    modified: datetime
    author: str
    category: str
    summary: str
    content_html: str | None = None
    mime: str = "text/html"


def linked_url(base_url: str, article: ArticleContent) -> str:
    """The URL a feed advertises: canonical, or with tracking parameters when flagged."""
    return base_url + article.path + (TRACKING_QUERY if article.tracking else "")


def article_item(base_url: str, article: ArticleContent, full_text: bool = False) -> FeedItem:
    """Describe an HTML article for a feed; ``full_text`` embeds the body as HTML."""
    body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs) if full_text else None
    return FeedItem(
        slug=article.slug,
        link=linked_url(base_url, article),
        canonical=base_url + article.path,
        title=article.title,
        published=article.published,
        modified=article.modified,
        author=article.author,
        category=article.section,
        summary=article.summary,
        content_html=body,
    )


def report_item(base_url: str, report: ReportContent) -> FeedItem:
    """Describe a PDF report for a feed; its link points straight at the PDF."""
    url = base_url + report.path
    return FeedItem(
        slug=report.slug,
        link=url,
        canonical=url,
        title=report.title,
        published=report.published,
        modified=report.published,
        author=report.author,
        category="Reports",
        summary=report.summary,
        mime="application/pdf",
    )


def _tag_id(site: SiteContent, item: FeedItem) -> str:
    """A stable tag: URI that does not depend on the random port the site runs on."""
    return f"tag:{site.key}.demo.kuaibao,{item.published.year}:{item.slug}"


def _xml_declaration(site: SiteContent) -> str:
    return f'<?xml version="1.0" encoding="{site.encoding}"?>'


def rss_feed(site: SiteContent, base_url: str, items: Sequence[FeedItem]) -> str:
    """An RSS 2.0 channel with Dublin Core creators and an atom:link to itself."""
    newest = max(i.modified for i in items)
    lines = [
        _xml_declaration(site),
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{escape(site.name)}</title>",
        f"<link>{escape(base_url + '/')}</link>",
        f"<description>{escape(site.tagline)}</description>",
        f"<language>{escape(site.language)}</language>",
        f"<lastBuildDate>{format_datetime(newest)}</lastBuildDate>",
        f'<atom:link href={quoteattr(base_url + site.feed_path)} rel="self" '
        'type="application/rss+xml"/>',
    ]
    for item in items:
        lines += [
            "<item>",
            f"<title>{escape(item.title)}</title>",
            f"<link>{escape(item.link)}</link>",
            f'<guid isPermaLink="false">{escape(_tag_id(site, item))}</guid>',
            f"<pubDate>{format_datetime(item.published)}</pubDate>",
            f"<dc:creator>{escape(item.author)}</dc:creator>",
            f"<category>{escape(item.category)}</category>",
            f"<description>{escape(item.summary)}</description>",
            "</item>",
        ]
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def _atom_links(item: FeedItem) -> list[str]:
    """An alternate link, plus a typed enclosure when the document is not HTML (a PDF).

    The alternate link carries no ``type`` for PDFs: feedparser only promotes
    alternate links of HTML type to ``entry.link``, and many real feeds omit it anyway.
    """
    href = quoteattr(item.link)
    if item.mime == "text/html":
        return [f'<link rel="alternate" type="text/html" href={href}/>']
    return [
        f'<link rel="alternate" href={href}/>',
        f'<link rel="enclosure" type={quoteattr(item.mime)} href={href}/>',
    ]


def atom_feed(site: SiteContent, base_url: str, items: Sequence[FeedItem]) -> str:
    """An Atom 1.0 feed; entries carry summaries, and full HTML content when present."""
    newest = max(i.modified for i in items)
    self_link = quoteattr(base_url + site.feed_path)
    lines = [
        _xml_declaration(site),
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(site.language)}>',
        f"<id>tag:{site.key}.demo.kuaibao,2026:feed</id>",
        f"<title>{escape(site.name)}</title>",
        f"<subtitle>{escape(site.tagline)}</subtitle>",
        f"<updated>{newest.isoformat()}</updated>",
        f'<link rel="self" type="application/atom+xml" href={self_link}/>',
        f'<link rel="alternate" type="text/html" href={quoteattr(base_url + "/")}/>',
    ]
    for item in items:
        lines += [
            "<entry>",
            f"<id>{escape(_tag_id(site, item))}</id>",
            f"<title>{escape(item.title)}</title>",
            *_atom_links(item),
            f"<published>{item.published.isoformat()}</published>",
            f"<updated>{item.modified.isoformat()}</updated>",
            f"<author><name>{escape(item.author)}</name></author>",
            f"<category term={quoteattr(item.category)}/>",
            f'<summary type="text">{escape(item.summary)}</summary>',
        ]
        if item.content_html:
            lines.append(f'<content type="html">{escape(item.content_html)}</content>')
        lines.append("</entry>")
    lines += ["</feed>", ""]
    return "\n".join(lines)


def json_feed(site: SiteContent, base_url: str, items: Sequence[FeedItem]) -> str:
    """A JSON Feed 1.1 document with full HTML content for each item."""
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.name,
        "home_page_url": base_url + "/",
        "feed_url": base_url + site.feed_path,
        "description": site.tagline,
        "language": site.language,
        "items": [
            {
                "id": _tag_id(site, item),
                "url": item.link,
                "title": item.title,
                "summary": item.summary,
                "content_html": item.content_html or f"<p>{escape(item.summary)}</p>",
                "date_published": item.published.isoformat(),
                "date_modified": item.modified.isoformat(),
                "authors": [{"name": item.author}],
                "tags": [item.category],
            }
            for item in items
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def sitemap(site: SiteContent, base_url: str, items: Sequence[FeedItem]) -> str:
    """A sitemaps.org urlset listing canonical article URLs with their ``lastmod``."""
    lines = [
        _xml_declaration(site),
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for item in items:
        lines += [
            "<url>",
            f"<loc>{escape(item.canonical)}</loc>",
            f"<lastmod>{item.modified.isoformat()}</lastmod>",
            "</url>",
        ]
    lines += ["</urlset>", ""]
    return "\n".join(lines)


def robots_txt(site: SiteContent, base_url: str, sitemap_path: str | None) -> str:
    """robots.txt: a blocked rude bot, the site's own disallowed paths, and its sitemap."""
    lines = [
        f"# robots.txt for {site.name}",
        "User-agent: ScraperBotX",
        "Disallow: /",
        "",
        "User-agent: *",
    ]
    lines += [f"Disallow: {path}" for path in site.robots_disallow] or ["Disallow:"]
    if sitemap_path:
        lines += ["", f"Sitemap: {base_url}{sitemap_path}"]
    return "\n".join(lines) + "\n"
