"""RSS and Atom parsing: links, titles, dates, content, damage and hostile documents."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from kuaibao.domain import SourceKind
from kuaibao.errors import FeedError
from kuaibao.fetch.feeds import feed_kind, parse_feed, root_tag, strip_doctype
from kuaibao.fetch.zones import date_context

FEED_URL = "https://lab.example.org/news/feed.xml"

RSS_091 = b"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel>
<title>Instrument Lab</title><link>https://lab.example.org/</link>
<description>Bulletins</description><language>en</language>
<item><title>New cryostat commissioned</title>
<link>https://lab.example.org/n/cryostat</link>
<description>The dilution refrigerator reached 9 mK.</description></item>
<item><title>Beamline upgrade</title><link>https://lab.example.org/n/beamline</link></item>
</channel></rss>"""

RSS_10_RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://agency.example.net/rss">
  <title>Agency notices</title><link>https://agency.example.net/</link>
  <description>Notices</description>
  <items><rdf:Seq><rdf:li rdf:resource="https://agency.example.net/notice/7"/></rdf:Seq></items>
</channel>
<item rdf:about="https://agency.example.net/notice/7">
  <title>Call for proposals: photonic integrated circuits</title>
  <link>https://agency.example.net/notice/7</link>
  <description>Deadline in June.</description>
  <dc:date>2024-03-15T09:30:00+01:00</dc:date>
  <dc:creator>Programme Office</dc:creator>
</item>
</rdf:RDF>"""

RSS_20 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Ministry news</title><link>https://lab.example.org/</link>
<item>
  <title>Chips &amp;amp; qubits: &lt;em&gt;a roadmap&lt;/em&gt;</title>
  <link>/news/2024/roadmap.html</link>
  <description>&lt;p&gt;The roadmap sets &lt;b&gt;three&lt;/b&gt; goals.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Full text with a <a href="/glossary">glossary</a>.</p>
    <script>alert("x")</script><p>Second paragraph.</p>]]></content:encoded>
  <pubDate>Fri, 15 Mar 2024 10:00:00 +0800</pubDate>
  <dc:creator>Li Wei</dc:creator>
</item>
<item>
  <title>Permalink only</title>
  <guid isPermaLink="true">https://lab.example.org/news/2024/permalink.html</guid>
  <pubDate>sometime last spring</pubDate>
  <author>press@lab.example.org (Press Office)</author>
</item>
<item><title>No link at all</title><guid isPermaLink="false">internal-42</guid></item>
<item><title>Script link</title><link>javascript:alert(1)</link></item>
<item><title>Repeat of the roadmap</title><link>https://lab.example.org/news/2024/roadmap.html#top</link></item>
</channel></rss>"""

ATOM_10 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://think.example.com/blog/">
<title>Think tank blog</title><id>tag:think.example.com,2024:blog</id>
<updated>2024-03-16T00:00:00Z</updated>
<link rel="self" href="https://think.example.com/blog/atom.xml"/>
<entry>
  <title type="html">Export controls &amp;amp; &lt;i&gt;compute&lt;/i&gt;</title>
  <link rel="self" type="application/atom+xml" href="https://think.example.com/api/entries/1"/>
  <link rel="alternate" type="text/html" href="posts/export-controls"/>
  <link rel="enclosure" type="audio/mpeg" href="/audio/1.mp3"/>
  <id>tag:think.example.com,2024:1</id>
  <published>2024-03-14T08:00:00+02:00</published>
  <updated>2024-03-15T08:00:00Z</updated>
  <summary>Why compute thresholds matter.</summary>
  <content type="html">&lt;p&gt;Long analysis.&lt;/p&gt;</content>
  <author><name>Dana Okafor</name></author>
</entry>
<entry>
  <title>Only a self link</title>
  <link rel="self" href="https://think.example.com/api/entries/2"/>
  <id>tag:think.example.com,2024:2</id>
  <updated>2024-03-15T08:00:00Z</updated>
</entry>
</feed>"""

ATOM_03 = b"""<?xml version="1.0" encoding="utf-8"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Old observatory log</title>
<entry><title>Comet sighting</title>
<link rel="alternate" type="text/html" href="https://obs.example.org/log/comet"/>
<id>tag:obs.example.org,2004:1</id><issued>2004-05-01T20:00:00Z</issued>
<modified>2004-05-02T20:00:00Z</modified></entry>
</feed>"""

HTML_PAGE = b"""<!DOCTYPE html><html><head><title>Welcome</title></head>
<body><h1>Welcome to our site</h1><p><a href="/news">News</a></p></body></html>"""


def _rss_items(count: int) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>https://lab.example.org/i/{n}</link></item>"
        for n in range(count)
    )
    return f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()


def test_rss_091_gives_its_items_in_order() -> None:
    entries = parse_feed(RSS_091, FEED_URL)
    assert [e.url for e in entries] == [
        "https://lab.example.org/n/cryostat",
        "https://lab.example.org/n/beamline",
    ]
    assert entries[0].title == "New cryostat commissioned"
    assert entries[0].summary == "The dilution refrigerator reached 9 mK."


def test_rss_10_rdf_reads_dublin_core_date_and_creator() -> None:
    (entry,) = parse_feed(RSS_10_RDF, "https://agency.example.net/rss")
    assert entry.url == "https://agency.example.net/notice/7"
    assert entry.title == "Call for proposals: photonic integrated circuits"
    assert entry.published_at == datetime(2024, 3, 15, 8, 30, tzinfo=UTC)
    assert entry.author == "Programme Office"


def test_rss_20_resolves_relative_links_and_keeps_full_content() -> None:
    entries = parse_feed(RSS_20, FEED_URL)
    first = entries[0]
    assert first.url == "https://lab.example.org/news/2024/roadmap.html"
    assert first.title == "Chips & qubits: a roadmap"
    assert first.summary == "The roadmap sets three goals."
    assert first.published_at == datetime(2024, 3, 15, 2, 0, tzinfo=UTC)
    assert first.author == "Li Wei"
    # The feed's own markup, untouched: it is only ever reduced to text or shown escaped.
    assert first.content_html is not None
    assert first.content_html.startswith('<p>Full text with a <a href="/glossary">')
    assert first.content_html.endswith("<p>Second paragraph.</p>")


def test_rss_20_skips_unusable_links_and_repeats() -> None:
    urls = [e.url for e in parse_feed(RSS_20, FEED_URL)]
    assert urls == [
        "https://lab.example.org/news/2024/roadmap.html",
        "https://lab.example.org/news/2024/permalink.html",
    ]


def test_broken_date_leaves_published_at_empty_and_author_named() -> None:
    permalink = parse_feed(RSS_20, FEED_URL)[1]
    assert permalink.title == "Permalink only"
    assert permalink.published_at is None
    assert permalink.author == "Press Office"


def test_atom_uses_the_alternate_link_not_self_or_enclosure() -> None:
    entries = parse_feed(ATOM_10, "https://think.example.com/blog/atom.xml")
    assert [e.url for e in entries] == ["https://think.example.com/blog/posts/export-controls"]
    entry = entries[0]
    assert entry.title == "Export controls & compute"
    assert entry.published_at == datetime(2024, 3, 14, 6, 0, tzinfo=UTC)
    assert entry.summary == "Why compute thresholds matter."
    assert entry.content_html == "<p>Long analysis.</p>"
    assert entry.author == "Dana Okafor"


def test_atom_03_is_still_read() -> None:
    (entry,) = parse_feed(ATOM_03, "https://obs.example.org/atom.xml")
    assert entry.url == "https://obs.example.org/log/comet"
    assert entry.published_at == datetime(2004, 5, 1, 20, 0, tzinfo=UTC)


def test_truncated_feed_still_yields_its_first_entries() -> None:
    whole = _rss_items(3)
    cut = whole[: whole.index(b"<item><title>Item 2")] + b"<item><title>Item 2</ti"
    assert [e.title for e in parse_feed(cut, FEED_URL)] == ["Item 0", "Item 1"]


def test_entries_are_capped() -> None:
    entries = parse_feed(_rss_items(30), FEED_URL, max_entries=7)
    assert [e.title for e in entries] == [f"Item {n}" for n in range(7)]


def test_empty_feed_is_not_an_error() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
    assert parse_feed(body, FEED_URL) == []


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (HTML_PAGE, "HTML page"),
        (b"", "empty"),
        (b"   \n ", "empty"),
        (bytes(range(256)) * 8, "binary"),
        (b"/etc/passwd", "not an RSS"),
    ],
)
def test_documents_that_are_not_feeds_raise_a_clear_error(body: bytes, words: str) -> None:
    with pytest.raises(FeedError, match=words) as caught:
        parse_feed(body, FEED_URL)
    if body.strip():
        assert FEED_URL in str(caught.value)


def test_a_file_path_as_body_is_never_opened() -> None:
    # feedparser opens a bytes argument as a file when one exists at that path.
    with pytest.raises(FeedError):
        parse_feed(__file__.encode(), FEED_URL)


def test_billion_laughs_is_not_expanded() -> None:
    # Nested entities: feedparser's own filter drops them, expat would refuse them anyway.
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">\n' for n in range(1, 10))
    body = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n{entities}]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title>'
        "<link>https://lab.example.org/a</link></item></channel></rss>"
    ).encode()
    started = time.monotonic()
    (entry,) = parse_feed(body, FEED_URL)
    assert time.monotonic() - started < 2
    assert entry.url == "https://lab.example.org/a"
    assert entry.title is None or len(entry.title) < 100


def test_quadratic_blowup_is_not_expanded() -> None:
    # One 20 KB entity used 20,000 times would be 400 MB once expanded; the stray
    # </chanel> makes feedparser fall back to its loose parser, which has no limit.
    big = "x" * 20_000
    body = (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "{big}">\n]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>'
        + "&a;" * 20_000
        + "</title><link>https://lab.example.org/a</link></item></channel></chanel></rss>"
    ).encode()
    started = time.monotonic()
    (entry,) = parse_feed(body, FEED_URL)
    assert time.monotonic() - started < 2
    assert entry.title is not None
    assert "x" * 100 not in entry.title
    assert len(entry.title) <= 1000


def test_utf16_feed_is_read() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>量子计算新进展</title><link>https://lab.example.org/q</link></item>"
        "</channel></rss>"
    ).encode("utf-16")
    (entry,) = parse_feed(body, FEED_URL)
    assert entry.title == "量子计算新进展"
    assert feed_kind(body) is SourceKind.RSS


def _chinese_feed(declaration: str) -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>t</title><item>'
        "<title>量子计算</title><link>https://lab.example.org/q</link></item></channel></rss>"
    )


def test_document_encoding_beats_a_wrong_header_charset() -> None:
    body = _chinese_feed('<?xml version="1.0" encoding="utf-8"?>').encode()
    (entry,) = parse_feed(body, FEED_URL, content_type="text/xml; charset=gbk")
    assert entry.title == "量子计算"


def test_header_charset_is_used_when_the_document_names_none() -> None:
    body = _chinese_feed('<?xml version="1.0"?>').encode("gbk")
    (entry,) = parse_feed(body, FEED_URL, content_type="text/xml; charset=gbk")
    assert entry.title == "量子计算"


def test_json_feed_is_dispatched_by_content() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": '
        b'[{"id": "1", "url": "/p/1", "title": "Hello"}]}'
    )
    (entry,) = parse_feed(body, FEED_URL)
    assert entry.url == "https://lab.example.org/p/1"


def test_json_declared_by_content_type_but_not_a_feed_raises() -> None:
    with pytest.raises(FeedError, match="items"):
        parse_feed(b'{"status": "ok"}', FEED_URL, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (RSS_091, SourceKind.RSS),
        (RSS_10_RDF, SourceKind.RSS),
        (RSS_20, SourceKind.RSS),
        (ATOM_10, SourceKind.ATOM),
        (ATOM_03, SourceKind.ATOM),
        (
            b'\xef\xbb\xbf{"version":"https://jsonfeed.org/version/1","items":[]}',
            SourceKind.JSON_FEED,
        ),
        (b'<!-- generated --><?xml-stylesheet href="s.xsl"?><rss/>', SourceKind.RSS),
        (HTML_PAGE, None),
        (b'{"items": []}', None),
        (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', None),
        (b"", None),
    ],
)
def test_feed_kind(body: bytes, kind: SourceKind | None) -> None:
    assert feed_kind(body) is kind


def test_root_tag_skips_prolog_and_internal_subset() -> None:
    body = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "<b>">]>\n<!-- c -->\n<atom:feed/>'
    assert root_tag(body) == "feed"
    assert root_tag(b"just text") is None


def test_strip_doctype_removes_internal_subset_only() -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><x>&a;</x></rss>'
    assert strip_doctype(body) == b'<?xml version="1.0"?><rss><x>&a;</x></rss>'
    assert strip_doctype(b"<rss/>") == b"<rss/>"


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "guid",
    [
        '<guid isPermaLink="false">https://lab.example.org/?p=4711</guid>',
        '<guid isPermaLink="false">/?p=4711</guid>',
        "<guid ispermalink='false'>https://lab.example.org/archives/4711</guid>",
    ],
)
def test_a_guid_that_is_not_a_permalink_is_never_the_article_url(fast: bool, guid: str) -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>Linked</title><link>/news/linked.html</link>{guid}</item>"
        f"<item><title>Unlinked</title>{guid.replace('4711', '4712')}</item>"
        "<item><title>Permalink</title><guid>https://lab.example.org/news/p.html</guid></item>"
        "</channel></rss>"
    ).encode()
    entries = parse_feed(body, FEED_URL, fast=fast)
    assert [(e.title, e.url) for e in entries] == [
        ("Linked", "https://lab.example.org/news/linked.html"),
        ("Permalink", "https://lab.example.org/news/p.html"),
    ]


@pytest.mark.parametrize("fast", [True, False])
@pytest.mark.parametrize(
    "written",
    [
        "<pubDate>2024-03-12 08:30:00</pubDate>",
        "<pubDate>2024-03-12T08:30:00</pubDate>",
        "<pubDate>Tue, 12 Mar 2024 08:30:00 CST</pubDate>",
        "<pubDate>Tue, 12 Mar 2024 08:30:00</pubDate>",
        "<dc:date>2024-03-12T08:30:00</dc:date>",
    ],
)
def test_feed_times_without_a_zone_are_in_the_sources_zone(fast: bool, written: str) -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>'
        f"<item><title>a</title><link>/a</link>{written}</item></channel></rss>"
    ).encode()
    beijing = parse_feed(body, FEED_URL, fast=fast, context=date_context(None, "CN"))
    assert beijing[0].published_at == datetime(2024, 3, 12, 0, 30, tzinfo=UTC)
    chicago = parse_feed(body, FEED_URL, fast=fast, context=date_context("America/Chicago", "US"))
    hour = 14 if "CST" in written else 13  # CST says standard time; 12 March is in CDT
    assert chicago[0].published_at == datetime(2024, 3, 12, hour, 30, tzinfo=UTC)
