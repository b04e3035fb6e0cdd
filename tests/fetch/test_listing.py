"""Listing pages: entries by CSS selectors, dates in two languages, and guessed selectors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kuaibao.domain import ListingSelectors
from kuaibao.errors import FeedError
from kuaibao.fetch.listing import guess_listing_selectors, parse_listing

PAGE_URL = "https://www.example.gov.cn/xwdt/index.html"

CHINESE_LISTING = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>新闻动态</title></head><body>
<header><nav><ul>
  <li><a href="/">首页首页首页首页首页</a></li>
  <li><a href="/jgsz/">机构设置机构设置机构</a></li>
  <li><a href="/zcfg/">政策法规政策法规政策</a></li>
  <li><a href="/hdjl/">互动交流互动交流互动</a></li>
</ul></nav></header>
<div class="main"><div class="list-box"><ul class="news-list">
  <li class="row first">
  <a href="./202403/t20240315_1.html"
     title="关于启动量子信息重大专项的通知">关于启动量子信息重大专项的通知</a>
  <span class="time">2024年3月15日</span></li>
  <li class="row"><a href="./202403/t20240314_2.html">人工智能伦理审查办法征求意见</a>
  <span class="time">2024年3月14日</span></li>
  <li class="row"><a href="./202403/t20240313_3.html">集成电路产业链协同创新会议召开</a>
  <span class="time">2024年3月13日</span></li>
  <li class="row"><a href="./202403/t20240312_4.html">新一代信息技术标准体系建设指南</a>
  <span class="time">2024年3月12日</span></li>
  <li class="row"><a href="javascript:void(0)">脚本链接不应当成为条目的标题啊</a>
  <span class="time">2024年3月11日</span></li>
</ul>
<div class="page"><a href="index_1.html">下一页</a><a href="index_2.html">2</a>
  <a href="index_3.html">3</a></div>
</div></div>
<footer><ul><li><a href="/wzdt/">网站地图网站地图网站</a></li>
<li><a href="/lxwm/">联系我们联系我们联系</a></li>
<li><a href="/sybz/">使用帮助使用帮助使用</a></li></ul></footer>
</body></html>"""

ENGLISH_CARDS = """<html><head><base href="https://think.example.com/"></head><body><main>
<section class="latest">
  <article class="card card--featured">
    <a class="thumb" href="research/compute-thresholds"><img src="a.png" alt=""></a>
    <h3 class="card__title">
  <a href="research/compute-thresholds">Why compute thresholds matter for AI policy</a>
  </h3>
    <a class="topic" href="topics/ai">AI</a>
    <p class="meta">Published <time datetime="2024-03-15T09:00:00Z">15 March</time></p>
  </article>
  <article class="card">
    <a class="thumb" href="research/chip-subsidies"><img src="b.png" alt=""></a>
    <h3 class="card__title">
  <a href="research/chip-subsidies">Chip subsidies compared across five economies</a></h3>
    <a class="topic" href="topics/chips">Chips</a>
    <p class="meta">Published <time datetime="2024-03-14">14 March</time></p>
  </article>
  <article class="card">
    <a class="thumb" href="research/quantum-sensing"><img src="c.png" alt=""></a>
    <h3 class="card__title">
  <a href="research/quantum-sensing">Quantum sensing leaves the laboratory at last</a>
  </h3>
    <a class="topic" href="topics/quantum">Quantum</a>
    <p class="meta">Published <time datetime="2024-03-13">13 March</time></p>
  </article>
</section>
<aside><ul><li><a href="/a">Most read: an older piece about grants</a></li>
<li><a href="/b">Most read: another older piece on labs</a></li>
<li><a href="/c">Most read: a third older piece on data</a></li></ul></aside>
</main></body></html>"""

TEXT_DATES = """<html><body><table class="releases">
<tr><td class="d">March 15, 2024</td><td>
  <a href="/r/1">Agency awards grants for fusion materials</a></td></tr>
<tr><td class="d">15 Mar 2024</td><td>
  <a href="/r/2">New climate satellite passes final review</a></td></tr>
<tr><td class="d">2024-03-13</td><td>
  <a href="/r/3">Open data portal adds ocean temperature series</a></td></tr>
<tr><td class="d">soon</td><td>
  <a href="/r/4">Workshop on research software sustainability</a></td></tr>
</table></body></html>"""


def test_selectors_give_entries_with_resolved_links_and_chinese_dates() -> None:
    selectors = ListingSelectors(item="ul.news-list > li", title="a", date="span.time")
    entries = parse_listing(CHINESE_LISTING, PAGE_URL, selectors)
    assert [e.url.rsplit("/", 2)[-2:] for e in entries] == [
        ["202403", "t20240315_1.html"],
        ["202403", "t20240314_2.html"],
        ["202403", "t20240313_3.html"],
        ["202403", "t20240312_4.html"],
    ]
    assert entries[0].url.startswith("https://www.example.gov.cn/xwdt/202403/")
    assert entries[0].title == "关于启动量子信息重大专项的通知"
    assert entries[0].published_at == datetime(2024, 3, 15, tzinfo=UTC)
    assert entries[3].published_at == datetime(2024, 3, 12, tzinfo=UTC)


def test_base_href_heading_titles_and_time_elements_without_date_selector() -> None:
    selectors = ListingSelectors(item="article.card", link="h3 a")
    entries = parse_listing(ENGLISH_CARDS, "https://think.example.com/latest", selectors)
    assert [e.url for e in entries] == [
        "https://think.example.com/research/compute-thresholds",
        "https://think.example.com/research/chip-subsidies",
        "https://think.example.com/research/quantum-sensing",
    ]
    assert entries[1].title == "Chip subsidies compared across five economies"
    assert entries[0].published_at == datetime(2024, 3, 15, 9, tzinfo=UTC)


def test_image_link_falls_back_to_the_items_heading() -> None:
    selectors = ListingSelectors(item="article.card", link="a.thumb")
    entries = parse_listing(ENGLISH_CARDS, "https://think.example.com/", selectors)
    assert entries[2].title == "Quantum sensing leaves the laboratory at last"


def test_english_text_dates_in_several_formats() -> None:
    selectors = ListingSelectors(item="table.releases tr", date="td.d")
    entries = parse_listing(TEXT_DATES, "https://agency.example.org/news", selectors)
    assert [e.published_at for e in entries] == [
        datetime(2024, 3, 15, tzinfo=UTC),
        datetime(2024, 3, 15, tzinfo=UTC),
        datetime(2024, 3, 13, tzinfo=UTC),
        None,
    ]
    assert entries[0].url == "https://agency.example.org/r/1"


def test_entries_are_capped() -> None:
    selectors = ListingSelectors(item="ul.news-list > li")
    assert len(parse_listing(CHINESE_LISTING, PAGE_URL, selectors, max_entries=2)) == 2


def test_no_matching_items_gives_nothing() -> None:
    assert parse_listing(CHINESE_LISTING, PAGE_URL, ListingSelectors(item="div.absent")) == []


@pytest.mark.parametrize(
    ("selectors", "named"),
    [
        (ListingSelectors(item="ul..news"), "'ul..news' for the listing item"),
        (ListingSelectors(item="li", link="a[href"), "'a[href' for the listing link"),
        (ListingSelectors(item="li", date="span::text"), "'span::text' for the listing date"),
        (ListingSelectors(item="  "), "for the listing item"),
    ],
)
def test_invalid_selector_is_named_in_the_error(selectors: ListingSelectors, named: str) -> None:
    with pytest.raises(FeedError, match="invalid CSS selector") as caught:
        parse_listing(CHINESE_LISTING, PAGE_URL, selectors)
    assert named in str(caught.value)


def test_empty_page_is_a_feed_error() -> None:
    with pytest.raises(FeedError, match="empty"):
        parse_listing("  ", PAGE_URL, ListingSelectors(item="li"))


def test_xml_declared_xhtml_page_is_parsed() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + TEXT_DATES
    entries = parse_listing(page, "https://agency.example.org/", ListingSelectors(item="tr"))
    assert len(entries) == 4


def test_guess_finds_the_chinese_news_list_not_navigation() -> None:
    selectors = guess_listing_selectors(CHINESE_LISTING, PAGE_URL)
    assert selectors is not None
    entries = parse_listing(CHINESE_LISTING, PAGE_URL, selectors)
    assert [e.title for e in entries][:2] == [
        "关于启动量子信息重大专项的通知",
        "人工智能伦理审查办法征求意见",
    ]
    assert len(entries) == 4
    assert entries[0].published_at == datetime(2024, 3, 15, tzinfo=UTC)


def test_guess_finds_cards_with_heading_links() -> None:
    selectors = guess_listing_selectors(ENGLISH_CARDS, "https://think.example.com/latest")
    assert selectors is not None
    entries = parse_listing(ENGLISH_CARDS, "https://think.example.com/latest", selectors)
    assert [e.url.rsplit("/", 1)[-1] for e in entries] == [
        "compute-thresholds",
        "chip-subsidies",
        "quantum-sensing",
    ]
    assert entries[0].title == "Why compute thresholds matter for AI policy"


def test_guess_finds_table_rows_with_text_dates() -> None:
    selectors = guess_listing_selectors(TEXT_DATES, "https://agency.example.org/news")
    assert selectors is not None
    entries = parse_listing(TEXT_DATES, "https://agency.example.org/news", selectors)
    assert len(entries) == 4
    assert entries[1].published_at == datetime(2024, 3, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    "page",
    [
        "",
        "<html><body><p>An article page with one paragraph of text.</p></body></html>",
        "<html><body><ul><li><a href='/a'>Home</a></li><li><a href='/b'>About</a></li>"
        "<li><a href='/c'>Contact</a></li></ul></body></html>",
    ],
)
def test_guess_gives_none_without_a_listing(page: str) -> None:
    assert guess_listing_selectors(page, "https://www.example.org/") is None


def test_guess_prefers_the_sites_own_list_by_registrable_domain() -> None:
    """Links to other sites under the same suffix (co.uk, github.io) are not the site's own."""
    own = "".join(
        f'<li class="news"><a href="https://news.example.co.uk/2024/{n}">Research council '
        f"opens call number {n}</a></li>"
        for n in range(4)
    )
    partners = "".join(
        f'<li class="partner"><a href="https://partner{n}.co.uk/">Partner organisation '
        f"number {n} with a longer description</a></li>"
        for n in range(4)
    )
    page = f"<html><body><ul>{partners}</ul><ul>{own}</ul></body></html>"
    selectors = guess_listing_selectors(page, "https://www.example.co.uk/news/")
    assert selectors is not None
    entries = parse_listing(page, "https://www.example.co.uk/news/", selectors)
    assert [e.url for e in entries] == [f"https://news.example.co.uk/2024/{n}" for n in range(4)]
