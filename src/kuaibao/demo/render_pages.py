"""HTML pages of the sample web: article pages, home pages and the teaser listing.

Pages deliberately carry the chrome real news sites have (cookie banner, navigation,
breadcrumbs, share bar, sidebar, related links, footer) so that boilerplate removal has
something to remove, plus the metadata extractors look for (canonical link, Open Graph
``article:published_time``, ``<time datetime>``). Pure functions: content in, text out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from kuaibao.demo.content import ArticleContent, SiteContent
from kuaibao.text.months import MONTH_NAMES

UI = {
    "en": {
        "home": "Home",
        "by": "By",
        "tags": "Topics",
        "share": "Share this story",
        "cookies": "We use cookies to understand how visitors use this site. Accept or manage.",
        "newsletter": "Get the weekly briefing in your inbox every Friday.",
        "latest": "Latest",
        "privacy": "Privacy notice",
        "contact": "Contact",
        "most_read": "Most read",
    },
    "zh": {
        "home": "首页",
        "by": "作者：",
        "tags": "关键词",
        "share": "分享到",
        "cookies": "本网站使用Cookie以改善浏览体验，继续访问即表示同意。",
        "newsletter": "订阅每周科技要闻简报。",
        "latest": "最新发布",
        "privacy": "隐私政策",
        "contact": "联系我们",
        "most_read": "阅读排行",
    },
}
DISCLAIMER = (
    "Fictional demonstration site bundled with kuaibao; organisations and events are invented."
)


def ui(site: SiteContent) -> dict[str, str]:
    """The interface words for a site's language (English unless it is Chinese)."""
    return UI["zh"] if site.language.startswith("zh") else UI["en"]


def human_date(site: SiteContent, when: datetime) -> str:
    """A date as the site's readers see it: '3 November 2026' or '2026年11月3日'."""
    if site.language.startswith("zh"):
        return f"{when.year}年{when.month}月{when.day}日"
    return f"{when.day} {MONTH_NAMES[when.month - 1]} {when.year}"


def charset_label(site: SiteContent) -> str:
    """The charset named in the page's own ``<meta charset>`` (always the true one)."""
    return site.encoding


def _head(site: SiteContent, title: str, canonical: str, extra: Sequence[str] = ()) -> str:
    """The ``<head>`` shared by every page; ``extra`` adds page-specific meta tags."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(site.language)}">',
        "<head>",
        f'<meta charset="{escape(charset_label(site))}">',
        f"<title>{escape(title)} | {escape(site.name)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<link rel="canonical" href="{escape(canonical)}">',
        f'<meta property="og:site_name" content="{escape(site.name)}">',
        *extra,
        '<link rel="stylesheet" href="/static/site.css">',
        "</head>",
    ]
    return "\n".join(lines)


def _masthead(site: SiteContent) -> str:
    """Cookie banner, logo, tagline and main navigation: pure boilerplate."""
    words = ui(site)
    items = [f'<li><a href="/">{escape(words["home"])}</a></li>']
    items += [
        f'<li><a href="/section/{i}/">{escape(label)}</a></li>'
        for i, label in enumerate(site.nav, 1)
    ]
    return (
        f'<div class="cookie-banner" role="dialog"><p>{escape(words["cookies"])}</p>'
        '<button type="button">OK</button></div>\n'
        f'<header class="site-header"><a class="logo" href="/">{escape(site.name)}</a>\n'
        f'<p class="tagline">{escape(site.tagline)}</p>\n'
        f'<nav class="main-nav" aria-label="Main"><ul>{"".join(items)}</ul></nav>\n</header>'
    )


def _sidebar(site: SiteContent) -> str:
    """A sidebar of evergreen links and a newsletter box, present on every page."""
    words = ui(site)
    links = "".join(
        f'<li><a href="/topics/{i}/">{escape(text)}</a></li>'
        for i, text in enumerate(site.sidebar_links, 1)
    )
    return (
        f'<aside class="sidebar"><section class="most-read"><h2>{escape(site.sidebar_title)}</h2>'
        f"<ol>{links}</ol></section>\n"
        f'<section class="newsletter"><p>{escape(words["newsletter"])}</p>'
        '<form action="/subscribe" method="post"><input type="email" name="email">'
        "<button>Subscribe</button></form></section></aside>"
    )


def _site_footer(site: SiteContent) -> str:
    """Footer with legal text and links; extraction must drop it."""
    words = ui(site)
    return (
        f'<footer class="site-footer"><p>{escape(site.footer)}</p>\n'
        f'<p class="disclaimer">{escape(DISCLAIMER)}</p>\n'
        f'<ul><li><a href="/privacy/">{escape(words["privacy"])}</a></li>'
        f'<li><a href="/contact/">{escape(words["contact"])}</a></li></ul></footer>'
    )


def _related(site: SiteContent, related: Sequence[ArticleContent]) -> str:
    """Links to other stories on the same site, after the article body."""
    items = "".join(f'<li><a href="{escape(a.path)}">{escape(a.title)}</a></li>' for a in related)
    heading = escape(site.related_title)
    return f'<section class="related"><h2>{heading}</h2><ul>{items}</ul></section>'


def _article_meta(site: SiteContent, article: ArticleContent, canonical: str) -> list[str]:
    """Open Graph and article meta tags that date and attribute the page."""
    meta = [
        f'<meta name="description" content="{escape(article.summary)}">',
        f'<meta name="author" content="{escape(article.author)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{escape(article.title)}">',
        f'<meta property="og:url" content="{escape(canonical)}">',
        f'<meta property="article:published_time" content="{article.published.isoformat()}">',
        f'<meta property="article:section" content="{escape(article.section)}">',
    ]
    if article.updated:
        modified = article.updated.isoformat()
        meta.append(f'<meta property="article:modified_time" content="{modified}">')
    meta.extend(f'<meta property="article:tag" content="{escape(tag)}">' for tag in article.tags)
    return meta


def article_page(
    site: SiteContent, article: ArticleContent, base_url: str, related: Sequence[ArticleContent]
) -> str:
    """The full HTML page of one article, chrome included."""
    words = ui(site)
    canonical = base_url + article.path
    body = "\n".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
    tags = "".join(
        f'<li><a href="/tag/{i}/">{escape(t)}</a></li>' for i, t in enumerate(article.tags)
    )
    return "\n".join(
        [
            _head(site, article.title, canonical, _article_meta(site, article, canonical)),
            "<body>",
            _masthead(site),
            f'<div class="breadcrumbs"><a href="/">{escape(words["home"])}</a> &rsaquo; '
            f"<span>{escape(article.section)}</span></div>",
            '<div class="layout"><main id="content">',
            '<article class="story">',
            f'<header class="story-header"><p class="kicker">{escape(article.section)}</p>',
            f"<h1>{escape(article.title)}</h1>",
            f'<p class="byline">{escape(words["by"])} <span class="author">{escape(article.author)}'
            f'</span> &middot; <time datetime="{article.published.isoformat()}">'
            f"{escape(human_date(site, article.published))}</time></p></header>",
            f'<div class="story-body">\n{body}\n</div>',
            f'<footer class="story-tags"><h3>{escape(words["tags"])}</h3><ul>{tags}</ul></footer>',
            f'<div class="share-bar"><span>{escape(words["share"])}</span> '
            '<a href="/share/email">Email</a> <a href="/share/social">Social</a></div>',
            "</article>",
            _related(site, related),
            "</main>",
            _sidebar(site),
            "</div>",
            _site_footer(site),
            "</body>",
            "</html>",
            "",
        ]
    )


def home_page(site: SiteContent, base_url: str, articles: Sequence[ArticleContent]) -> str:
    """The front page: latest stories as a plain list, newest first."""
    words = ui(site)
    items = "".join(
        f'<li><a href="{escape(a.path)}">{escape(a.title)}</a> '
        f'<span class="date">{escape(human_date(site, a.published))}</span></li>'
        for a in articles
    )
    return "\n".join(
        [
            _head(site, words["home"], base_url + "/"),
            "<body>",
            _masthead(site),
            f'<div class="layout"><main id="content"><h1>{escape(words["latest"])}</h1>',
            f'<ul class="latest">{items}</ul></main>',
            _sidebar(site),
            "</div>",
            _site_footer(site),
            "</body>",
            "</html>",
            "",
        ]
    )


def _teaser(site: SiteContent, article: ArticleContent) -> str:
    """One ``<article class="teaser">`` block as a CMS listing template would emit it."""
    return (
        '<article class="teaser">\n'
        f'  <p class="kicker">{escape(article.section)}</p>\n'
        f'  <h2><a href="{escape(article.path)}">{escape(article.title)}</a></h2>\n'
        f'  <time datetime="{article.published.isoformat()}">'
        f"{escape(human_date(site, article.published))}</time>\n"
        f'  <p class="standfirst">{escape(article.summary)}</p>\n'
        "</article>"
    )


def listing_page(site: SiteContent, base_url: str, articles: Sequence[ArticleContent]) -> str:
    """The news index: teaser blocks, plus promo and most-read links that are not teasers."""
    words = ui(site)
    teasers = "\n".join(_teaser(site, a) for a in articles)
    promo = (
        '<div class="promo sponsored"><h2><a href="/events/summit/">'
        "Register now: Deep Tech Investor Summit, early-bird pricing</a></h2></div>"
    )
    return "\n".join(
        [
            _head(site, words["latest"], base_url + "/news/"),
            "<body>",
            _masthead(site),
            '<div class="layout"><main id="content">',
            f"<h1>{escape(words['latest'])}</h1>",
            promo,
            f'<section class="river">\n{teasers}\n</section>',
            "</main>",
            _sidebar(site),
            "</div>",
            _site_footer(site),
            "</body>",
            "</html>",
            "",
        ]
    )


def not_found_page(site: SiteContent) -> str:
    """A small 404 page, so misses look like a real site's misses."""
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(site.language)}"><head>'
        f'<meta charset="{escape(charset_label(site))}"><title>Not found | {escape(site.name)}'
        "</title></head><body><h1>Page not found</h1></body></html>\n"
    )
