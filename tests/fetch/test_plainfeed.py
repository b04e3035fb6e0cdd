"""The plain-feed reader gives exactly what feedparser gives, or declines."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from kuaibao.demo.content import load_sites
from kuaibao.demo.render_feeds import article_item, atom_feed, rss_feed
from kuaibao.fetch.feeds import parse_feed, strip_doctype
from kuaibao.fetch.plainfeed import read_plain_feed
from tests.fetch.test_feeds import ATOM_03, ATOM_10, RSS_091, RSS_10_RDF, RSS_20

BASE = "https://lab.example.org/news/feed.xml"
RSS_NAMESPACES = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:slash="http://purl.org/rss/1.0/modules/slash/"'
)


def rss(*items: str, declaration: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    return (
        f'{declaration}<rss version="2.0" {RSS_NAMESPACES}><channel><title>Lab</title>'
        f"<link>https://lab.example.org/</link>{''.join(items)}</channel></rss>"
    ).encode()


def atom(*entries: str, root_attributes: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<feed xmlns="http://www.w3.org/2005/Atom" {root_attributes}><title>Lab</title>'
        f"<id>tag:lab.example.org,2024:feed</id>{''.join(entries)}</feed>"
    ).encode()


def both_readers(body: bytes, content_type: str = "") -> list[object]:
    """Parse with and without the plain reader; they must agree."""
    fast = parse_feed(body, BASE, content_type=content_type)
    slow = parse_feed(body, BASE, content_type=content_type, fast=False)
    assert fast == slow
    return list(fast)


def is_plain(body: bytes, content_type: str = "") -> bool:
    return read_plain_feed(strip_doctype(body), BASE, content_type) is not None


HTML = "<p>Full <b>text</b> with a <a href='/g'>link</a>.</p><script>x()</script><p>Two.</p>"
PLAIN_FEEDS = {
    "atom fixture": ATOM_10,
    "rss with everything": rss(
        "<item><title>Chips &amp;amp; qubits: &lt;em&gt;a roadmap&lt;/em&gt;</title>"
        "<link>/news/2024/roadmap.html</link>"
        "<description>&lt;p&gt;The roadmap sets &lt;b&gt;three&lt;/b&gt; goals.&lt;/p&gt;"
        "</description>"
        f"<content:encoded><![CDATA[{HTML}]]></content:encoded>"
        "<pubDate>Fri, 15 Mar 2024 10:00:00 +0800</pubDate><dc:creator>Li Wei</dc:creator>"
        "<category>policy</category><comments>https://lab.example.org/c/1</comments>"
        "<wfw:commentRss>https://lab.example.org/c/1/feed</wfw:commentRss>"
        "<slash:comments>4</slash:comments>"
        '<enclosure url="https://lab.example.org/a.mp3" length="1" type="audio/mpeg"/>'
        "</item>"
    ),
    "content before description, guid permalink": rss(
        f"<item><content:encoded><![CDATA[{HTML}]]></content:encoded>"
        "<description>Short.</description><guid>https://lab.example.org/p/1</guid>"
        "<title>Guid only</title><dc:date>2024-03-15T09:30:00.250+01:00</dc:date></item>"
    ),
    "content only, relative permalink guid": rss(
        f"<item><title>x</title><guid isPermaLink='true'>/p/2</guid>"
        f"<content:encoded><![CDATA[{HTML}]]></content:encoded></item>"
    ),
    "link and guid that is not a link": rss(
        "<item><title>t</title><link>https://lab.example.org/q?a=1&amp;b=2&amp;amp;c=3</link>"
        "<guid isPermaLink='false'>tag:lab,2024:1</guid><description/></item>"
    ),
    "authors in their RSS forms": rss(
        "<item><title>a</title><link>/a</link>"
        "<author>desk@lab.example.org (News Desk)</author></item>",
        "<item><title>b</title><link>/b</link>"
        "<author>News Desk &lt;desk@lab.example.org&gt;</author></item>",
        "<item><title>c</title><link>/c</link><author>desk@lab.example.org</author></item>",
        "<item><title>d</title><link>/d</link><author>  Press Office </author></item>",
    ),
    "non-ASCII text, mojibake and C1 characters": rss(
        "<item><title>量子计算 新进展</title><link>https://lab.example.org/量子</link></item>",
        "<item><title>Caf\u00c3\u00a9 society</title><link>/cafe</link></item>",
        "<item><title>Dash &#150; and quotes &#147;x&#148;</title><link>/dash</link></item>",
    ),
    "whitespace, CDATA and comments in text": rss(
        "<item><title>  Spaced \n  out  </title><link> /spaced </link></item>",
        "<item><title>Query</title><link>/q?a=1&amp;b;=2&amp;amp;c=3</link></item>",
        "<item><title><![CDATA[<i>Italic</i> & more]]></title><link>/cdata</link></item>",
        "<item><title>Half<!-- note -->way</title><link>/comment</link></item>",
    ),
    "dates in the common forms": rss(
        *(
            f"<item><title>d{n}</title><link>/d/{n}</link><pubDate>{text}</pubDate></item>"
            for n, text in enumerate(
                [
                    "Fri, 15 Mar 2024 10:00:00 GMT",
                    "15 Mar 2024 10:00 EST",
                    "Sat, 16 Mar 2024 23:59:59 -0330",
                    "2024-03-15",
                    "2024-03-15T09:30Z",
                    "2024-03-15T09:30:00",
                    "2024-03-15T09:30:00-0500",
                    "",
                ]
            )
        )
    ),
    "atom variants": atom(
        "<entry><id>/posts/relative-id</id><title type='html'>A &amp;amp; B</title>"
        "<updated>2024-03-15T08:00:00Z</updated>"
        "<content type='text'>Plain words only.</content>"
        "<author><name>Dana</name><email>dana@lab.example.org</email></author></entry>",
        "<entry><id>tag:lab,2024:2</id><title>Two links</title>"
        "<link rel='alternate' type='application/pdf' href='/r.pdf'/>"
        "<link href='/html-one'/><link rel='ALTERNATE' type='TEXT/HTML' href='/html-two'/>"
        "<link rel='related' href='/other'/>"
        f"<content type='html'>{HTML.replace('&', '&amp;').replace('<', '&lt;')}</content>"
        "<author><email>desk@lab.example.org</email></author>"
        "<published>2024-03-14T08:00:00+02:00</published></entry>",
        "<entry><title>Id is the link</title><id>https://lab.example.org/by-id</id>"
        "<summary type='html'>&lt;p&gt;Sum&lt;/p&gt;</summary><category term='x'/></entry>",
        root_attributes='xml:base="https://other.example.net/base/" xml:lang="en"',
    ),
    "undeclared UTF-8 with a UTF-8 header": rss(
        "<item><title>量子</title><link>/q</link></item>", declaration=""
    ),
}


@pytest.mark.parametrize("name", list(PLAIN_FEEDS))
def test_plain_reader_reads_these_and_agrees_with_feedparser(name: str) -> None:
    body = PLAIN_FEEDS[name]
    assert is_plain(body)
    assert both_readers(body)


def test_plain_reader_values() -> None:
    (entry,) = parse_feed(PLAIN_FEEDS["rss with everything"], BASE)
    assert entry.url == "https://lab.example.org/news/2024/roadmap.html"
    assert entry.title == "Chips & qubits: a roadmap"
    assert entry.summary == "The roadmap sets three goals."
    assert entry.published_at == datetime(2024, 3, 15, 2, 0, tzinfo=UTC)
    assert (entry.author, entry.content_html) == ("Li Wei", HTML)
    authors = [e.author for e in parse_feed(PLAIN_FEEDS["authors in their RSS forms"], BASE)]
    assert authors == ["News Desk", "News Desk", "desk@lab.example.org", "Press Office"]
    titles = [
        e.title for e in parse_feed(PLAIN_FEEDS["non-ASCII text, mojibake and C1 characters"], BASE)
    ]
    assert titles == ["量子计算 新进展", "Café society", "Dash – and quotes “x”"]


def test_demo_site_feeds_are_plain_and_agree() -> None:
    checked = 0
    for site in load_sites():
        base = f"http://127.0.0.1:8000/{site.key}"
        items = [article_item(base, a, full_text=True) for a in site.articles]
        for text in (rss_feed(site, base, items), atom_feed(site, base, items)):
            body = text.encode(site.encoding)
            assert parse_feed(body, BASE) == parse_feed(body, BASE, fast=False)
            checked += is_plain(body)
    assert checked >= 2


NOT_PLAIN = {
    "RSS 0.91 in ISO-8859-1": RSS_091,
    "RSS 1.0": RSS_10_RDF,
    "a date feedparser may read differently": RSS_20,
    "Atom 0.3": ATOM_03,
    "declared ISO-8859-1": rss(
        "<item><title>x</title><link>/x</link></item>",
        declaration='<?xml version="1.0" encoding="ISO-8859-1"?>',
    ),
    "undeclared, header says GBK": rss(
        "<item><title>x</title><link>/x</link></item>", declaration=""
    ),
    "xml:base on an item": rss("<item xml:base='/a/'><title>x</title><link>y</link></item>"),
    "an unknown element": rss(
        "<item><title>x</title><link>/x</link>"
        "<media:title xmlns:media='http://search.yahoo.com/mrss/'>Other</media:title></item>"
    ),
    "a repeated title": rss("<item><title>x</title><title>y</title><link>/x</link></item>"),
    "markup in a title": rss("<item><title>x <b>bold</b></title><link>/x</link></item>"),
    "an attribute on content": rss(
        "<item><link>/x</link><content:encoded mode='base64'>PHA+</content:encoded></item>"
    ),
    "an unusual prefix": rss(
        "<item><link>/x</link><c:encoded xmlns:c='http://purl.org/rss/1.0/modules/content/'>"
        "&lt;p&gt;x&lt;/p&gt;</c:encoded></item>"
    ),
    "an author with an odd address": rss(
        "<item><link>/x</link><author>a@b.science (A)</author></item>"
    ),
    "an empty link": rss("<item><title>x</title><link></link><guid>/g</guid></item>"),
    "xhtml content": atom(
        "<entry><id>tag:x</id><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
        "<p>x</p></div></content></entry>"
    ),
    "content by reference": atom(
        "<entry><id>tag:x</id><content src='/c' type='text/html'/></entry>"
    ),
    "a malformed document": b"<rss version='2.0'><channel><item><title>x</item></channel></rss>",
    "an undefined entity": rss("<item><title>caf&eacute;</title><link>/x</link></item>"),
}


@pytest.mark.parametrize("name", list(NOT_PLAIN))
def test_other_feeds_go_to_feedparser(name: str) -> None:
    body = NOT_PLAIN[name]
    header = "text/xml; charset=gbk" if "GBK" in name else ""
    assert not is_plain(body, header)
    both_readers(body, header)


def _random_item(rng: random.Random) -> str:
    """An RSS item built from a random choice of common and awkward field values."""
    parts = {
        "title": ["Plain", "AT&amp;T &amp; co", "&lt;b&gt;Bold&lt;/b&gt;", "", "  x  ", "数据"],
        "link": ["/rel", "https://lab.example.org/abs", "q?a=1&amp;b=2", "https:///x.org/p",
                 "javascript:void(0)", "/p#frag"],
        "guid": ["https://lab.example.org/g", "/g", "tag:lab,1"],
        "pubDate": ["Fri, 15 Mar 2024 10:00:00 GMT", "2024-03-15T01:02:03Z", "nonsense", "",
                    "Mon, 1 Jan 2024 00:00:00 +0100"],
        "author": ["Desk", "d@lab.example.org (Desk)", "d@lab.example.org", "Desk <d@lab.org>"],
        "description": ["Short text.", "&lt;p&gt;Escaped&lt;/p&gt;", ""],
        "content:encoded": [f"<![CDATA[{HTML}]]>", "&lt;p&gt;Escaped body&lt;/p&gt;", " "],
        "dc:creator": ["Li Wei", "x@y.org (Xy)"],
        "dc:date": ["2024-03-15", "2024-03-15T09:30:00+01:00", "soon"],
    }  # fmt: skip
    chosen = [(tag, rng.choice(values)) for tag, values in parts.items() if rng.random() < 0.6]
    rng.shuffle(chosen)
    fields = []
    for tag, value in chosen:
        attribute = rng.choice(["", " isPermaLink='false'"]) if tag == "guid" else ""
        fields.append(f"<{tag}{attribute}>{value}</{tag}>")
    return f"<item>{''.join(fields)}</item>"


def test_random_items_agree_whenever_the_plain_reader_takes_them() -> None:
    rng = random.Random(20240315)
    plain = 0
    for _ in range(150):
        body = rss(*(_random_item(rng) for _ in range(3)))
        both_readers(body)
        plain += is_plain(body)
    assert plain >= 15  # the comparison is not vacuous
