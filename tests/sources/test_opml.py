"""OPML import/export: full round trip, foreign reader exports, and safe parsing."""

from __future__ import annotations

import pytest
from lxml import etree

from kuaibao.domain import ListingSelectors, OrgType, Source, SourceKind
from kuaibao.errors import SourceError
from kuaibao.sources.opml import KB_NS, dump_opml, load_opml

SOURCES = [
    Source(
        name="NSF News",
        homepage="https://www.nsf.gov/",
        kind=SourceKind.RSS,
        feed_url="https://www.nsf.gov/rss/rss_www_news.xml",
        country="US",
        org_type=OrgType.AGENCY,
        tier=1,
        language="en",
        poll_interval_minutes=120,
        timezone="Asia/Hong_Kong",
    ),
    Source(
        name="The Register",
        homepage="https://www.theregister.com/",
        kind=SourceKind.ATOM,
        feed_url="https://www.theregister.com/headlines.atom",
        tier=3,
        enabled=False,
        fetch_articles=False,
    ),
    Source(
        name="中国科学院 院内要闻",
        homepage="https://www.cas.cn/",
        kind=SourceKind.HTML,
        feed_url="https://www.cas.cn/yw/",
        country="CN",
        org_type=OrgType.LAB,
        tier=1,
        language="zh",
        poll_interval_minutes=180,
        selectors=ListingSelectors(item="ul.list li", link="a.title", title="a", date="span.date"),
        region="北京市",
    ),
    Source(
        name="Local test site",
        homepage="http://127.0.0.1:8000/",
        kind=SourceKind.SITEMAP,
        feed_url="http://127.0.0.1:8000/sitemap.xml",
        allow_private=True,
        poll_interval_minutes=5,
    ),
    Source(
        name="JSON feed",
        homepage="https://j.example/",
        kind=SourceKind.JSON_FEED,
        feed_url="https://j.example/feed.json",
        country="EU",
    ),
]


def test_round_trip_keeps_every_field() -> None:
    result = load_opml(dump_opml(SOURCES))
    assert result.ok, result.errors
    assert result.sources == SOURCES


def test_export_is_plain_opml_2_for_other_readers() -> None:
    text = dump_opml(SOURCES, title="my feeds")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "中国科学院" in text
    root = etree.fromstring(text.encode("utf-8"))
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "my feeds"
    outlines = root.findall("body/outline")
    feeds = [o for o in outlines if o.get("type") == "rss"]
    assert [o.get("xmlUrl") for o in feeds] == [s.feed_url for s in SOURCES if s.kind.is_feed]
    assert all(o.get("text") and o.get("htmlUrl") for o in feeds)
    listing = next(o for o in outlines if o.get("type") == "link")
    assert listing.get("xmlUrl") is None
    assert listing.get(f"{{{KB_NS}}}kind") == "html"
    assert listing.get(f"{{{KB_NS}}}selectorItem") == "ul.list li"


FOREIGN = """<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- exported by some feed reader -->
<opml version="1.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Science">
      <outline title="Phys.org" xmlUrl="https://phys.org/rss-feed/"/>
      <outline text="Physics">
        <outline text="Physics World" type="rss" xmlurl="https://physicsworld.com/feed/"
                 htmlurl="https://physicsworld.com/" language="EN-gb"/>
      </outline>
    </outline>
    <outline xmlUrl="https://www.quantamagazine.org/feed/" htmlUrl="" language="unknown"/>
    <outline text="A bookmark, not a feed" type="link" url="https://example.org/"/>
  </body>
</opml>
"""


def test_foreign_opml_imports_as_rss_without_guessed_homepages() -> None:
    result = load_opml(FOREIGN)
    assert result.ok, result.errors
    phys, pworld, quanta = result.sources
    assert (phys.name, phys.kind, phys.homepage) == (
        "Phys.org",
        SourceKind.RSS,
        None,
    )
    assert (pworld.homepage, pworld.language) == ("https://physicsworld.com/", "en-GB")
    assert quanta.name == "www.quantamagazine.org"
    assert quanta.homepage is None
    assert quanta.language is None
    assert all(s.enabled and not s.allow_private and s.tier == 2 for s in result.sources)


def test_bad_outline_is_reported_and_the_rest_load() -> None:
    text = f"""<opml version="2.0" xmlns:kb="{KB_NS}"><body>
      <outline text="Good" xmlUrl="https://good.example/feed"/>
      <outline text="Bad tier" xmlUrl="https://bad.example/feed" kb:tier="9"/>
      <outline text="Bad scheme" xmlUrl="gopher://old.example/feed"/>
      <outline text="Also good" xmlUrl="https://also.example/feed" kb:kind="atom"/>
    </body></opml>"""
    result = load_opml(text)
    assert [s.name for s in result.sources] == ["Good", "Also good"]
    assert result.sources[1].kind is SourceKind.ATOM
    assert [(e.index, e.name, e.field) for e in result.errors] == [
        (2, "Bad tier", "tier"),
        (3, "Bad scheme", "feed_url"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        """<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]>
        <opml><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>""",
        """<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <opml><body><outline text="&x;" xmlUrl="https://x.example/"/></body></opml>""",
        """<opml><body><!ENTITY x "y"></body></opml>""",
    ],
)
def test_entity_declarations_are_refused(text: str) -> None:
    with pytest.raises(SourceError, match="DTD or entities"):
        load_opml(text)


def test_external_dtd_is_not_fetched() -> None:
    text = """<!DOCTYPE opml SYSTEM "http://127.0.0.1:9/opml.dtd">
    <opml><body><outline text="X" xmlUrl="https://x.example/feed"/></body></opml>"""
    result = load_opml(text)
    assert [s.name for s in result.sources] == ["X"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<opml><body>", "not well-formed"),
        ("<rss><channel/></rss>", "not an OPML file"),
        ("<opml><head/></opml>", "not an OPML file"),
        ("plain text", "not well-formed"),
    ],
)
def test_non_opml_raises(text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        load_opml(text)


def test_byte_order_mark_and_declaration_are_tolerated() -> None:
    text = (
        '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n'
        '<opml version="2.0"><body><outline text="科学网" '
        'xmlUrl="https://www.sciencenet.cn/xml/news.aspx?di=0"/></body></opml>'
    )
    (source,) = load_opml(text).sources
    assert source.name == "科学网"
    assert source.feed_url.endswith("?di=0")
